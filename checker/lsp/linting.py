"""Lint an editor buffer with the machinery ``claimlint lint`` uses for a file on disk.

The buffer's text is linted, never the file: each document gets the config found walking up
from its path (``.claimlint.toml`` or ``[tool.claimlint]``), its ``exclude`` globs, size limit
and severities, and the run's linters stay warm between keystrokes. Everything here runs in
the server's one lint thread, so the spaCy pipelines are never used from two threads.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from checker.config import Config, find_config
from checker.discovery import excluded
from checker.lint import FileResult, Linter
from checker.readers import decode, read_text
from checker.rules.base import Rule
from checker.run import Options, Session

if TYPE_CHECKING:
    from collections.abc import Iterator

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Linted:
    """One lint of one buffer: the text it saw, and the rules behind its findings."""

    text: str
    result: FileResult
    rules: dict[str, Rule]  # code -> rule, custom rules of the document's config included


class BufferLinter:
    """One claimlint ``Session`` per config file, rebuilt when that file changes on disk.

    Lookups are cache-only unless a lint asks to go online (the server does on open and
    save, when its ``online`` option is set): then a fresh client answers that one lint, so
    its time budget and its switch to cache-only after a network failure cover one lint, as
    they cover one ``claimlint lint`` run, and a half-typed DOI is never sent anywhere.
    """

    def __init__(self) -> None:
        self._sessions: dict[Path | None, tuple[int, Session]] = {}

    def warm(self, path: str) -> None:
        """Build the linter for files at ``path`` now (loads spaCy), so the first lint is fast."""
        session = self.session_for(path)
        session.linter_for(session.config_for(path))

    def lint(self, path: str, text: str, fmt: str, online: bool = False) -> Linted | None:
        """Findings for ``text`` as if it were the file at ``path`` in format ``fmt``; None
        when the document's config excludes it."""
        session = self.session_for(path)
        config = session.config_for(path)
        if excluded(path, config.exclude, config.root):
            return None
        linter = session.linter_for(config)
        limit = int(config.max_file_size_mb * 1_000_000)
        # the same checks as for a file's bytes: too large (IN003), NUL bytes (IN001) or, in a
        # buffer, lone surrogates (IN002, linted as U+FFFD: one code point each, offsets kept)
        _, problems = decode(path, text.encode("utf-8", "surrogatepass"), limit)
        if any(problem.fatal for problem in problems):
            linted_text = ""
        elif problems:
            linted_text = _SURROGATE.sub("\ufffd", text)
        else:
            linted_text = text
        analysis = linter.analyse(read_text(path, linted_text, fmt))
        with self._lookups(session, linter, config, online and
                           session.needs_lookups(analysis, config)):
            result = linter.finish(analysis, problems)
        rules = {rule.code: rule for rule in [*linter.rules, *linter.reference_rules]}
        return Linted(text, result, rules)

    def session_for(self, path: str) -> Session:
        where = find_config(Path(path))
        stamp = _modified(where)
        known = self._sessions.get(where)
        if known is None or known[0] != stamp:
            if known is not None:
                known[1].__exit__()
            known = (stamp, Session(Options(config=where, offline=True)))
            self._sessions[where] = known
        return known[1]

    def close(self) -> None:
        for _, session in self._sessions.values():
            session.__exit__()
        self._sessions.clear()

    @contextmanager
    def _lookups(self, session: Session, linter: Linter, config: Config,
                 online: bool) -> Iterator[None]:
        """Within the block, ``linter`` looks references up online with a client of its own."""
        if not online:
            yield
            return
        from checker.pubmed import ClientConfig, PubMedClient

        offline_client = linter.client
        with PubMedClient(ClientConfig.from_env(**config.network)) as client:
            linter.client = client
            try:
                yield
            finally:
                linter.client = offline_client


def _modified(path: Path | None) -> int:
    """The config file's modification time (0 without one, or when it just vanished)."""
    try:
        return path.stat().st_mtime_ns if path else 0
    except OSError:
        return 0
