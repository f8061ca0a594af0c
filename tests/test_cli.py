"""The command line as users run it: exit codes, JSON schema, config, suppression, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

OVERSTATED = "Dry needling eliminates back pain for good.\n"
HEDGED = "Dry needling may help reduce back pain in some patients.\n"


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "bad.md").write_text(OVERSTATED)
    (tmp_path / "good.txt").write_text(HEDGED)
    return tmp_path


def test_exit_codes(folder):
    assert run("lint", "good.txt", cwd=folder).returncode == 0
    bad = run("lint", "bad.md", cwd=folder)
    assert bad.returncode == 1 and "bad.md:1:14: OS101 [error]" in bad.stdout
    assert run("lint", "missing.md", cwd=folder).returncode == 2
    assert run("lint", "bad.md", "--fail-on", "never", cwd=folder).returncode == 0


def test_json_output_schema(folder):
    result = run("lint", "--format", "json", ".", cwd=folder)
    document = json.loads(result.stdout)
    assert document["version"] == 2 and set(document) == {"version", "findings", "claims",
                                                           "summary"}
    finding = document["findings"][0]
    assert set(finding) == {"path", "line", "column", "end_line", "end_column", "code",
                            "category", "severity", "message", "suggestion", "text"}
    kinds = {claim["certainty"] for claim in document["claims"]}
    assert kinds == {"absolute", "hedged"}
    claim = document["claims"][0]
    assert set(claim) == {"path", "line", "column", "end_line", "end_column", "text", "kind",
                          "certainty", "strength", "intervention", "effect", "condition",
                          "conditions", "citations", "denied"}
    assert {c["strength"] for c in document["claims"]} <= {
        "none", "correlational", "conditional", "causal", "absolute"}


def test_stdin_with_input_format(folder):
    result = run("lint", "-", "--format-in", "markdown", cwd=folder, stdin=OVERSTATED)
    assert result.returncode == 1 and "-:1:14: OS101" in result.stdout


def test_config_select_ignore_severity_and_exclude(folder):
    (folder / ".claimlint.toml").write_text(
        'ignore = ["OS102"]\nexclude = ["skip/**"]\nfail-on = "error"\n'
        '[severity]\nOS101 = "info"\n')
    (folder / "skip").mkdir()
    (folder / "skip" / "x.md").write_text(OVERSTATED)
    result = run("lint", ".", cwd=folder)
    assert "OS102" not in result.stdout and "skip" not in result.stdout
    assert "OS101 [info]" in result.stdout and result.returncode == 0


def test_broken_config_is_exit_2(folder):
    (folder / ".claimlint.toml").write_text("selct = ['OS']\n")
    result = run("lint", "bad.md", cwd=folder)
    assert result.returncode == 2 and "unknown key(s) selct" in result.stderr
    (folder / ".claimlint.toml").write_text("select = [\n")
    assert run("lint", "bad.md", cwd=folder).returncode == 2


def test_custom_rules_from_config(folder):
    (folder / "pyproject.toml").write_text(
        '[tool.claimlint]\n[[tool.claimlint.rules]]\ncode = "XC001"\nkind = "substitution"\n'
        'patterns = ["[detox] tea"]\nreplace = "herbal"\nmessage = "{text} is a detox claim"\n')
    (folder / "tea.md").write_text("Our detox tea soothes bloating.\n")
    result = run("lint", "tea.md", "--select", "XC001", cwd=folder)
    assert "XC001 [warning] detox is a detox claim" in result.stdout
    assert "Our herbal tea soothes bloating." in result.stdout


def test_inline_suppression_with_reason(folder):
    (folder / "s.md").write_text("<!-- claimlint: disable-next-line=OS101 -- reviewed -->\n"
                                 + OVERSTATED + OVERSTATED)
    out = run("lint", "s.md", "--select", "OS101", cwd=folder).stdout
    assert "s.md:2:" not in out and "s.md:3:14: OS101" in out
    (folder / "p.txt").write_text("claimlint: disable=OS\n" + OVERSTATED)
    assert run("lint", "p.txt", "--select", "OS", cwd=folder).returncode == 0


def test_bad_input_never_crashes(folder):
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "latin.txt").write_bytes(b"Cupping cures caf\xe9 pain.\n")
    (folder / "empty.md").write_text("")
    result = run("lint", "bin.txt", "latin.txt", "empty.md", cwd=folder)
    assert "Traceback" not in result.stderr
    assert "IN001" in result.stdout and "IN002" in result.stdout
    empty = folder / "nothing"
    empty.mkdir()
    assert run("lint", "nothing", cwd=folder).returncode == 2


def test_rules_and_rule_commands(folder):
    listing = run("rules", cwd=folder).stdout
    assert "OS101" in listing and "UN101" in listing
    explained = run("rule", "os101", cwd=folder)
    assert "fail: Dry needling eliminates back pain." in explained.stdout
    assert "asa.org.uk" in explained.stdout
    assert run("rule", "XX999", cwd=folder).returncode == 2


def test_a_50_mb_file_is_reported_and_skipped(folder):
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(OVERSTATED.encode() * (50_000_000 // len(OVERSTATED)))
    result = run("lint", "huge.txt", "good.txt", cwd=folder)
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert "huge.txt:1:1: IN003 [error] file is 50.0 MB, over the max-file-size" in result.stdout


def test_an_unreadable_file_is_an_input_finding(folder, monkeypatch):
    from checker.config import Config
    from checker.run import Options, Session

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = Session(Options()).lint_file(str(folder / "bad.md"), Config())
    (finding,) = result.findings
    assert (finding.code, finding.severity) == ("IN001", "error")
    assert "Permission denied" in finding.message


def test_parallel_jobs_give_the_same_output_as_a_serial_run(tmp_path):
    for i in range(10):  # enough files for worker processes to be used
        (tmp_path / f"p{i}.md").write_text(f"Page {i}. {OVERSTATED}{HEDGED}"
                                           f"Around {i + 1} in 4 adults have back pain.\n")
    serial = run("lint", ".", "--format", "json", "-j", "1", cwd=tmp_path)
    parallel = run("lint", ".", "--format", "json", "-j", "2", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert json.loads(parallel.stdout) == json.loads(serial.stdout)
    assert len(json.loads(serial.stdout)["findings"]) >= 30


def _on_terminal(args: list[str], cwd: Path, ci: bool) -> str:
    """What claimlint writes to a terminal (a pseudo-terminal) with stdout sent elsewhere."""
    import pty

    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    command = " ".join([sys.executable, "-m", "checker", *args]) + " > /dev/null"
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve("/bin/sh", ["sh", "-c", command], env)
    out = bytearray()
    try:
        while chunk := os.read(fd, 4096):
            out.extend(chunk)
    except OSError:
        pass
    os.waitpid(pid, 0)
    return out.decode(errors="replace")


def test_progress_bar_only_on_a_terminal_and_not_in_ci(tmp_path):
    for i in range(25):
        (tmp_path / f"p{i}.md").write_text(OVERSTATED)
    args = ["lint", ".", "-j", "1", "--fail-on", "never"]
    assert "linting" in _on_terminal(args, tmp_path, ci=False)
    assert "linting" not in _on_terminal(args, tmp_path, ci=True)
    assert "linting" not in run(*args, cwd=tmp_path).stderr  # a pipe, not a terminal
