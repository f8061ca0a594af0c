"""The language server: LSP over stdio on pygls, a thin layer over ``BufferLinter``.

Lints run one at a time in a single worker thread (the spaCy pipelines are not shared across
threads) while the event loop keeps answering: typing is debounced, a lint whose document
changed meanwhile is not published, and hover and code actions answer from the lint of the
text they were asked about, linting it first if need be.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePath

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from checker import __version__
from checker.errors import ClaimlintError
from checker.lsp import features
from checker.lsp.linting import BufferLinter, Linted
from checker.lsp.positions import Positions
from checker.readers import format_for

logger = logging.getLogger(__name__)

DEBOUNCE = 0.3  # seconds of quiet after a keystroke before the buffer is linted
LANGUAGES = {"markdown": "markdown", "mdx": "markdown", "html": "html", "plaintext": "text",
             "text": "text"}  # LSP language ids (VS Code's, Neovim's, Helix's) -> reader


@dataclass(frozen=True)
class Settings:
    """``initializationOptions``: ``{"online": true}`` looks references up on PubMed and
    Crossref when a document is opened or saved (default: the cache only); ``debounce`` is
    the pause in seconds after typing before a lint."""

    online: bool = False
    debounce: float = DEBOUNCE

    @classmethod
    def parse(cls, options: object) -> tuple[Settings, list[str]]:
        """The settings, and a complaint for each value ignored."""
        options = options if isinstance(options, dict) else {}
        online, debounce = options.get("online", False), options.get("debounce", DEBOUNCE)
        problems = []
        if not isinstance(online, bool):
            problems.append(f"'online' must be true or false, not {online!r}")
            online = False
        if isinstance(debounce, bool) or not isinstance(debounce, int | float) or not (
                0 <= debounce <= 10):
            problems.append(f"'debounce' must be a number of seconds from 0 to 10, not "
                            f"{debounce!r}")
            debounce = DEBOUNCE
        return cls(online, float(debounce)), problems


@dataclass(frozen=True)
class Target:
    """What an open document is to claimlint: a path (for its config), a reader, and the
    comment style its suppression comments take."""

    path: str
    fmt: str
    style: str

    @classmethod
    def of(cls, document: TextDocument) -> Target | None:
        """None for a document in a language claimlint does not lint."""
        path = to_fs_path(document.uri) if document.uri.startswith("file:") else None
        path = path or str(Path.cwd() / PurePath(document.path or "untitled").name)
        fmt = LANGUAGES.get(document.language_id or "")
        if fmt in (None, "text"):  # plain text is also what editors call unknown files
            fmt = format_for(path) or fmt
        if fmt is None:
            return None
        mdx = document.language_id == "mdx" or PurePath(path).suffix.lower() == ".mdx"
        return cls(path, fmt, "mdx" if mdx and fmt == "markdown" else fmt)


class ClaimlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("claimlint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.settings = Settings()
        self.linter = BufferLinter()
        self.lint_thread = ThreadPoolExecutor(1, thread_name_prefix="claimlint-lint")
        self.pending: dict[str, asyncio.Task] = {}
        self.linted: dict[str, Linted] = {}
        self.shut_down = False
        self._last_error: str | None = None

    def document(self, uri: str) -> TextDocument | None:
        """The open document (pygls would read a closed one from disk)."""
        return self.workspace.text_documents.get(uri)

    def schedule(self, uri: str, delay: float = 0.0, online: bool = False) -> None:
        """Lint the document after ``delay`` seconds, replacing a lint not yet started."""
        if (task := self.pending.pop(uri, None)) is not None:
            task.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay, online))

    async def _lint_later(self, uri: str, delay: float, online: bool) -> None:
        await asyncio.sleep(delay)
        document = self.document(uri)
        known = self.linted.get(uri)
        if document is not None and (online or known is None or known.text != document.source):
            await self.lint(uri, document.source, document.version, online)

    async def current(self, uri: str) -> tuple[Linted, Target] | None:
        """The lint of the document's text as it is now, made now if there is none yet."""
        document = self.document(uri)
        target = Target.of(document) if document else None
        if document is None or target is None:
            return None
        known = self.linted.get(uri)
        if known is None or known.text != document.source:
            known = await self.lint(uri, document.source, document.version)
        return (known, target) if known else None

    async def lint(self, uri: str, text: str, version: int | None,
                   online: bool = False) -> Linted | None:
        """Lint ``text`` in the lint thread; publish the diagnostics unless the document has
        changed since (a newer lint is on its way)."""
        document = self.document(uri)
        target = Target.of(document) if document else None
        if target is None:
            return None
        loop = asyncio.get_running_loop()
        try:
            linted = await loop.run_in_executor(self.lint_thread, self.linter.lint,
                                                target.path, text, target.fmt, online)
        except Exception as error:  # a broken config, or a bug: say so once, keep serving
            self._report(error)
            linted = None
        else:
            self._last_error = None  # fixed: the same error again is news
        document = self.document(uri)
        if document is None or document.source != text:
            return linted
        if linted is not None:
            self.linted[uri] = linted
        found = features.diagnostics(linted, self.positions(text)) if linted else []
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=found, version=version))
        return linted

    def positions(self, text: str) -> Positions:
        return Positions(text, self.workspace.position_encoding or "utf-16")

    def forget(self, uri: str) -> None:
        if (task := self.pending.pop(uri, None)) is not None:
            task.cancel()
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri,
                                                                              diagnostics=[]))

    def _report(self, error: Exception) -> None:
        """One line in the editor (once per distinct error) and in the log; the traceback
        only with CLAIMLINT_DEBUG, as on the command line."""
        if isinstance(error, ClaimlintError):
            message = f"claimlint: error: {error}"
        else:
            message = (f"claimlint: internal error: {type(error).__name__}: {error} (set "
                       "CLAIMLINT_DEBUG=1 for the traceback, and please report it)")
        logger.error("%s", message, exc_info=bool(os.environ.get("CLAIMLINT_DEBUG")))
        if message != self._last_error:
            self._last_error = message
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))


def build() -> ClaimlintServer:
    server = ClaimlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ClaimlintServer, params: types.InitializeParams) -> None:
        ls.settings, problems = Settings.parse(params.initialization_options)
        for problem in problems:
            ls.window_show_message(types.ShowMessageParams(
                types.MessageType.Warning, f"claimlint: initializationOptions: {problem}"))

    @server.feature(types.INITIALIZED)
    def initialized(ls: ClaimlintServer, _: types.InitializedParams) -> None:
        root = ls.workspace.root_path or os.getcwd()
        ls.lint_thread.submit(_warm, ls.linter, os.path.join(root, "untitled.md"))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ClaimlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, online=ls.settings.online)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ClaimlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=ls.settings.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ClaimlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, online=ls.settings.online)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ClaimlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ClaimlintServer, params: types.HoverParams) -> types.Hover | None:
        found = await ls.current(params.text_document.uri)
        if found is None:
            return None
        positions = ls.positions(found[0].text)
        return features.hover(found[0], positions, positions.offset(params.position))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, features.FIX_ALL]))
    async def code_action(ls: ClaimlintServer, params: types.CodeActionParams
                          ) -> list[types.CodeAction] | None:
        found = await ls.current(params.text_document.uri)
        if found is None:
            return None
        (linted, target), positions = found, ls.positions(found[0].text)
        actions = features.code_actions(
            params.text_document.uri, linted, positions, target.style,
            positions.offset(params.range.start), positions.offset(params.range.end))
        only = params.context.only
        return [a for a in actions if not only or any(
            a.kind == kind or str(a.kind).startswith(f"{kind}.") for kind in only)]

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: ClaimlintServer, _: None) -> None:
        ls.shut_down = True
        for task in ls.pending.values():
            task.cancel()
        ls.lint_thread.shutdown(wait=False, cancel_futures=True)

    return server


def _warm(linter: BufferLinter, path: str) -> None:
    """Load the pipeline before the first document arrives (its errors show up then)."""
    try:
        linter.warm(path)
    except Exception:  # a broken config: the first lint reports it
        logger.debug("warm-up failed", exc_info=True)


class _OneLine(logging.Filter):
    """pygls logs a malformed message from the client with a traceback; say it in one line
    (the client is told too, by ``window/showMessage``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg, record.args = f"{record.getMessage()}: {type(error).__name__}: {error}", ()
            record.exc_info = record.exc_text = None
        return True


def serve() -> int:
    """Serve LSP on stdin/stdout until the client says exit; the exit code LSP asks for:
    0 after a shutdown request, 1 without one."""
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol stream
    if not os.environ.get("CLAIMLINT_DEBUG"):
        for handler in logging.getLogger().handlers:
            handler.addFilter(_OneLine())
    server = build()
    try:
        server.start_io(sys.stdin.buffer, protocol_out)
    finally:
        server.lint_thread.shutdown(wait=True, cancel_futures=True)  # a lint still running
        server.linter.close()
    return 0 if server.shut_down else 1
