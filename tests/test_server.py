"""``claimlint server`` driven as an editor drives it: a child process speaking LSP (JSON-RPC
with Content-Length framing) over stdio. Positions are checked in UTF-16 code units with
astral characters before the claims; lookups go to the fake PubMed only, never a real host."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes.cli import endpoint_env
from fakes.eutils import FakeServices
from lsprotocol import types

from checker.lsp.positions import Positions
from checker.lsp.server import Settings
from checker.rules import builtin_rules

WAIT = 60.0  # seconds before a missing answer fails the test (a hang guard, not a timing check)
LEAF = "\U0001f33f"  # astral: one code point, two UTF-16 code units
CLAIM = f"# Tea {LEAF}\n\n{LEAF}{LEAF} Our tea cures arthritis. It is a miracle for joint pain.\n"
Message = dict[str, Any]


class Client:
    """A minimal LSP client over the server's stdin and stdout; its stderr goes to a file."""

    def __init__(self, cwd: Path, log: Path, env: dict[str, str] | None = None) -> None:
        self.log = log
        with log.open("w") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "checker", "server"], cwd=cwd, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=stderr, env={**os.environ, **(env or {})})
        self.messages: list[Message] = []
        self.changed = threading.Condition()
        self.versions: dict[str, int] = {}
        self.capabilities: Message = {}
        self._ids = iter(range(1, 1_000_000))
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                return
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:  # a request from the server
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            with self.changed:
                self.messages.append(message)
                self.changed.notify_all()

    def _send(self, message: Message) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def wait_for(self, matches: Callable[[Message], bool]) -> Message:
        with self.changed:
            found = self.changed.wait_for(
                lambda: next((m for m in self.messages if matches(m)), None), WAIT)
        assert found is not None, f"no such message within {WAIT} s; log: {self.log.read_text()}"
        return found

    def request(self, method: str, params: Any) -> Any:
        number = next(self._ids)
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        answer = self.wait_for(lambda m: m.get("id") == number and "method" not in m)
        assert "error" not in answer, answer
        return answer["result"]

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def initialize(self, root: Path, options: Any = None,
                   encodings: list[str] | None = None) -> Message:
        capabilities = {"general": {"positionEncodings": encodings}} if encodings else {}
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                             "capabilities": capabilities,
                                             "initializationOptions": options})
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, language: str = "markdown") -> list[Message]:
        self.versions[path.as_uri()] = 1
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": language, "version": 1, "text": text}})
        return self.diagnostics(path)

    def change(self, path: Path, text: str) -> list[Message]:
        uri = path.as_uri()
        self.versions[uri] += 1
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": self.versions[uri]},
            "contentChanges": [{"text": text}]})
        return self.diagnostics(path)

    def diagnostics(self, path: Path, version: int | None = None) -> list[Message]:
        """The diagnostics published for the document's current (or given) version."""
        uri, version = path.as_uri(), version or self.versions[path.as_uri()]
        published = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                  and m["params"]["uri"] == uri
                                  and m["params"].get("version") == version)
        return published["params"]["diagnostics"]

    def actions(self, path: Path, at: Message) -> list[Message]:
        return self.request("textDocument/codeAction", {
            "textDocument": {"uri": path.as_uri()}, "range": at,
            "context": {"diagnostics": []}})

    def stop(self) -> int:
        """shutdown, then exit: the exit code the server ends with."""
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.finish()

    def finish(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        code = self.process.wait(WAIT)
        assert "Traceback" not in self.log.read_text()
        return code


def offset(text: str, position: Message) -> int:
    """The character offset of an LSP position (UTF-16 units), found independently of the
    server's code: lines end at LF, CRLF or lone CR."""
    lines = re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", text)
    start = sum(len(line) for line in lines[:position["line"]])
    units = 0
    for index, character in enumerate(lines[position["line"]]):
        if units == position["character"]:
            return start + index
        units += 2 if ord(character) > 0xFFFF else 1
    assert units == position["character"]
    return start + len(lines[position["line"]])


def flagged(text: str, diagnostic: Message) -> str:
    return text[offset(text, diagnostic["range"]["start"]):offset(text, diagnostic["range"]["end"])]


def applied(text: str, action: Message, uri: str) -> str:
    """``text`` with the action's edits applied, last first."""
    edits = action["edit"]["changes"][uri]
    for edit in sorted(edits, key=lambda e: offset(text, e["range"]["start"]), reverse=True):
        start, end = offset(text, edit["range"]["start"]), offset(text, edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def by_code(diagnostics: list[Message], code: str) -> Message:
    return next(d for d in diagnostics if d["code"] == code)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    for folder, config in {"strict": 'ignore = ["OS131"]\n', "broken": "select = [\n",
                           "skipped": 'exclude = ["drafts/**"]\n'}.items():
        (root / folder).mkdir()
        (root / folder / ".claimlint.toml").write_text(config)
    return root


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[Client]:
    client = Client(workspace, workspace / "server.log")
    client.capabilities = client.initialize(workspace)["capabilities"]
    yield client
    assert client.stop() == 0


def test_initialize_advertises_what_the_server_does(server):
    capabilities = server.capabilities
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["textDocumentSync"]["change"] == types.TextDocumentSyncKind.Full
    assert capabilities["hoverProvider"] is True
    assert set(capabilities["codeActionProvider"]["codeActionKinds"]) == {
        "quickfix", "source.fixAll.claimlint"}


def test_diagnostics_have_exact_utf16_ranges(workspace, server, lint_text):
    path = workspace / "tea.md"
    diagnostics = server.open(path, CLAIM)
    cure = by_code(diagnostics, "OS101")
    # "🌿🌿 Our tea " is 11 code points and 13 UTF-16 units
    assert cure["range"] == {"start": {"line": 2, "character": 13},
                             "end": {"line": 2, "character": 18}}
    assert cure["severity"] == types.DiagnosticSeverity.Error
    assert cure["source"] == "claimlint" and "'cures'" in cure["message"]
    assert cure["codeDescription"]["href"].startswith("https://")
    assert by_code(diagnostics, "OS131")["severity"] == types.DiagnosticSeverity.Warning
    # every finding the command line's linter makes, each range holding its flagged words
    expected = sorted((f.code, f.text) for f in lint_text(CLAIM, "markdown", "tea.md").findings)
    assert sorted((d["code"], flagged(CLAIM, d)) for d in diagnostics) == expected


def test_diagnostics_follow_the_buffer_not_the_file(workspace, server):
    path = workspace / "edited.md"
    path.write_text("Nothing to see.\n")  # the buffer is linted, not what is on disk
    first = server.open(path, CLAIM)
    assert {"OS101", "OS131"} <= {d["code"] for d in first}
    hedged = CLAIM.replace("cures", "may help relieve").replace("a miracle", "helpful")
    assert not {"OS101", "OS131"} & {d["code"] for d in server.change(path, hedged)}
    texts = {}
    for number in range(5):  # typing faster than the debounce: only whole states published
        texts[server.versions[path.as_uri()] + 1] = text = f"{LEAF * number} {CLAIM}"
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": path.as_uri(),
                             "version": server.versions[path.as_uri()] + 1},
            "contentChanges": [{"text": text}]})
        server.versions[path.as_uri()] += 1
    last = server.diagnostics(path)
    assert flagged(texts[max(texts)], by_code(last, "OS101")) == "cures"
    for message in list(server.messages):
        params = message.get("params", {})
        if message.get("method") == "textDocument/publishDiagnostics" and params.get(
                "version") in texts and params["uri"] == path.as_uri():
            assert flagged(texts[params["version"]], by_code(params["diagnostics"],
                                                             "OS131")) == "miracle"
    server.notify("textDocument/didClose", {"textDocument": {"uri": path.as_uri()}})
    closed = server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == path.as_uri()
                             and "version" not in m["params"])
    assert closed["params"]["diagnostics"] == []


def test_hover_explains_the_rule_and_the_rewording(workspace, server):
    path = workspace / "hover.md"
    cure = by_code(server.open(path, CLAIM), "OS101")
    inside = {"line": 2, "character": cure["range"]["start"]["character"] + 2}
    hover = server.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                  "position": inside})
    text = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown" and hover["range"] == cure["range"]
    rule = builtin_rules()["OS101"]
    assert text.startswith(f"**OS101 {rule.name}**")  # the narrowest finding comes first
    assert rule.doc.splitlines()[2] in text  # the rule's documentation, as `claimlint rule`
    assert "Examples:\n\n    fail: " in text  # its examples a code block, not run-on text
    assert f"Suggested rewording:** {LEAF}{LEAF} Our tea may help relieve arthritis." in text
    assert "UN103" in text  # the sentence's other finding covers the same word
    outside = server.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                    "position": {"line": 1, "character": 0}})
    assert outside is None


def test_code_actions_reword_fix_and_fix_all(workspace, server):
    path, uri = workspace / "actions.md", (workspace / "actions.md").as_uri()
    diagnostics = server.open(path, CLAIM)
    actions = server.actions(path, by_code(diagnostics, "OS101")["range"])
    reword = next(a for a in actions if a["title"].startswith("Reword"))
    assert reword["kind"] == "quickfix" and reword["diagnostics"][0]["code"] == "OS101"
    reworded = applied(CLAIM, reword, uri)
    assert f"{LEAF}{LEAF} Our tea may help relieve arthritis. It is a miracle" in reworded
    assert "OS101" not in {d["code"] for d in server.change(path, reworded)}

    hype = by_code(server.diagnostics(path), "OS131")
    actions = server.actions(path, hype["range"])
    remove = next(a for a in actions if a["title"].startswith("Remove"))
    assert remove["isPreferred"] is True
    fixed = applied(reworded, remove, uri)
    assert "miracle" not in fixed
    assert "OS131" not in {d["code"] for d in server.change(path, fixed)}

    fix_all = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": hype["range"],
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    assert fix_all == []  # nothing safe left to fix
    server.change(path, CLAIM)
    only = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
                                                 "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    assert [a["kind"] for a in only] == ["source.fixAll.claimlint"]
    assert "miracle" not in applied(CLAIM, only[0], uri)


@pytest.mark.parametrize(("name", "language", "text"), [
    ("page.md", "markdown", CLAIM),
    ("page.mdx", "mdx", f"import Box from './box'\n\n{LEAF} Our tea is a miracle for joint "
                        "pain.\n\n<Box>Calm.</Box>\n"),
    ("page.html", "html", f"<p>{LEAF} Our tea is a miracle\nfor joint pain.</p>\r\n"),
    ("page.txt", "plaintext", f"Tea\n\n  {LEAF} Our tea is a miracle for joint pain.\n"),
])
def test_disable_for_this_line_silences_only_that_rule(workspace, server, name, language, text):
    path = workspace / name
    before = server.open(path, text, language)
    action = next(a for a in server.actions(path, by_code(before, "OS131")["range"])
                  if a["title"] == "Disable OS131 for this line")
    after = server.change(path, applied(text, action, path.as_uri()))
    assert sorted(d["code"] for d in after) == sorted(d["code"] for d in before
                                                      if d["code"] != "OS131")


def test_documents_are_read_by_language_then_extension(workspace, server):
    html = "<p>Our tea cures arthritis.</p>\n<script>Our tea is a miracle for pain.</script>\n"
    as_text = {d["code"] for d in server.open(workspace / "notes.txt", html, "plaintext")}
    assert "OS131" in as_text  # plain text: the script is prose
    as_html = {d["code"] for d in server.open(workspace / "page2.html", html, "plaintext")}
    assert "OS101" in as_html and "OS131" not in as_html  # an editor's fallback: by extension
    untitled = "untitled:Untitled-1"
    server.versions[untitled] = 1
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": untitled, "languageId": "markdown", "version": 1, "text": CLAIM}})
    published = server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == untitled)
    assert "OS101" in {d["code"] for d in published["params"]["diagnostics"]}
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": (workspace / "tool.py").as_uri(), "languageId": "python", "version": 1,
        "text": CLAIM}})
    assert server.request("textDocument/hover", {  # not claimlint's: no lint, no answer
        "textDocument": {"uri": (workspace / "tool.py").as_uri()},
        "position": {"line": 2, "character": 14}}) is None


def test_odd_buffers_give_findings_not_errors(workspace, server):
    binary = server.open(workspace / "nul.md", "Our tea\x00 cures arthritis.\n")
    assert [(d["code"], d["range"]["end"]) for d in binary] == [
        ("IN001", {"line": 0, "character": 0})]
    lone = server.open(workspace / "lone.md", f"\ud83c {CLAIM}")  # half a surrogate pair
    assert {"IN002", "OS101"} <= {d["code"] for d in lone}
    assert flagged(f"\ud83c {CLAIM}", by_code(lone, "OS101")) == "cures"


def test_the_documents_config_applies_and_reloads(workspace, server):
    strict = workspace / "strict" / "page.md"
    assert "OS131" not in {d["code"] for d in server.open(strict, CLAIM)}
    config = workspace / "strict" / ".claimlint.toml"
    stamp = config.stat().st_mtime_ns
    config.write_text('ignore = ["UN"]\n')
    os.utime(config, ns=(stamp + 10**9, stamp + 10**9))  # a new mtime even on a coarse clock
    codes = {d["code"] for d in server.change(strict, CLAIM + "\n")}
    assert "OS131" in codes and not any(code.startswith("UN") for code in codes)
    assert server.open(workspace / "skipped" / "drafts" / "page.md", CLAIM) == []


def test_a_broken_config_is_one_clear_message(workspace, server):
    page = workspace / "broken" / "page.md"
    assert server.open(page, CLAIM) == []
    shown = server.wait_for(lambda m: m.get("method") == "window/showMessage")
    message = shown["params"]["message"]
    assert message.startswith("claimlint: error: ") and ".claimlint.toml" in message
    assert "\n" not in message and shown["params"]["type"] == types.MessageType.Error
    assert by_code(server.open(workspace / "after.md", CLAIM), "OS101")  # still serving


def test_references_are_looked_up_online_only_on_open_and_save(tmp_path, server):
    text = "Acupuncture may reduce migraine frequency (PMID 99198765).\n"
    offline = server.open(tmp_path / "cited.md", text)  # the default: the cache only
    assert [d["code"] for d in offline] == ["RF120"]
    with FakeServices() as fake:
        online = Client(tmp_path, tmp_path / "online.log",
                        endpoint_env(fake.base_url, tmp_path / "cache"))
        online.initialize(tmp_path, {"online": True})
        path = tmp_path / "online.md"
        assert [d["code"] for d in online.open(path, text)] == ["RF102"]
        asked = len(fake.requests())
        assert asked > 0
        typed = text.replace("99198765", "9919876")  # a half-typed PMID is never sent
        assert [d["code"] for d in online.change(path, typed)] == ["RF120"]
        assert len(fake.requests()) == asked
        online.notify("textDocument/didSave", {"textDocument": {"uri": path.as_uri()}})
        saved = online.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["version"] == 2
                                and m["params"]["diagnostics"][0]["code"] != "RF120")
        assert [d["code"] for d in saved["params"]["diagnostics"]] == ["RF102"]
        assert len(fake.requests()) > asked
        assert online.stop() == 0


def test_utf32_positions_when_the_client_prefers_them(tmp_path):
    client = Client(tmp_path, tmp_path / "utf32.log")
    result = client.initialize(tmp_path, encodings=["utf-32", "utf-16"])
    assert result["capabilities"]["positionEncoding"] == "utf-32"
    cure = by_code(client.open(tmp_path / "tea.md", CLAIM), "OS101")
    assert cure["range"]["start"] == {"line": 2, "character": 11}  # code points
    assert client.stop() == 0


def test_garbage_and_exit_without_shutdown(tmp_path):
    client = Client(tmp_path, tmp_path / "abrupt.log")
    assert client.process.stdin is not None
    client.process.stdin.write(b"Content-Length: 5\r\n\r\nhello")  # not JSON-RPC
    client.initialize(tmp_path)  # and then it serves as usual
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert "Expecting value" in shown["params"]["message"]
    assert client.finish() == 1  # the editor went away: stdin closed, no shutdown
    assert "Unable to handle message: JSONDecodeError" in client.log.read_text()


@pytest.mark.parametrize(("text", "offsets"), [
    ("a\r\nb\rc\nd", {0: (0, 0), 3: (1, 0), 5: (2, 0), 7: (3, 0), 8: (3, 1)}),
    (f"x{LEAF}y\n{LEAF}", {1: (0, 1), 2: (0, 3), 3: (0, 4), 4: (1, 0), 5: (1, 2)}),
])
def test_positions_count_utf16_units_and_every_line_break(text, offsets):
    positions = Positions(text)
    for at, (line, character) in offsets.items():
        assert positions.position(at) == types.Position(line, character)
        assert positions.offset(types.Position(line, character)) == at


def test_positions_clamp_and_other_encodings():
    text = f"{LEAF}é\nz"
    assert Positions(text, "utf-8").position(2) == types.Position(0, 6)
    assert Positions(text, "utf-32").offset(types.Position(0, 1)) == 1
    positions = Positions(text)
    assert positions.offset(types.Position(0, 1)) == 1  # inside the pair: after the leaf
    assert positions.offset(types.Position(0, 99)) == 2  # past the line's end: its end
    assert positions.offset(types.Position(7, 0)) == len(text)
    assert Positions("\ud83c lone").position(1) == types.Position(0, 1)


def test_bad_initialization_options_fall_back_with_a_warning():
    settings, problems = Settings.parse({"online": "yes", "debounce": -1})
    assert settings == Settings() and len(problems) == 2
    assert Settings.parse({"online": True, "debounce": 0})[0] == Settings(True, 0.0)
    assert Settings.parse(None) == (Settings(), [])
