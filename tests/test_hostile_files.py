"""Hostile config and bibliography files through the CLI: each is a one-line error naming the
file, exit code 2, never a traceback, and none of them takes long to refuse.

The CLI's entry point runs in this process (as the ``claimlint`` console script calls it), so
the error handling under test is exactly the one users get, without a Python start-up each.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.cli import main
from checker.references.bibtex import load_bibliography

Run = Callable[..., tuple[int, str]]
DOC = "Cupping may ease neck pain [@k].\n"
DEEP = 10_000


@pytest.fixture()
def claimlint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              capsys: pytest.CaptureFixture[str]) -> Run:
    """``claimlint ARGS`` in ``tmp_path`` -> (exit code, stderr)."""
    (tmp_path / "doc.md").write_text(DOC)
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "argv", ["claimlint", *args])
        threshold = gc.get_threshold()  # main() tunes the collector for a short-lived process
        try:
            with pytest.raises(SystemExit) as done:
                main()
        finally:
            gc.set_threshold(*threshold)
        return done.value.code, capsys.readouterr().err

    return run


def assert_clear_error(result: tuple[int, str], name: str, reason: str) -> None:
    code, stderr = result
    assert code == 2, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("claimlint: error: ") and name in stderr and reason in stderr, stderr


# -- config ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content"), [
    (".claimlint.toml", 'select = ["OS"\nfail-on = \n'),
    ("pyproject.toml", '[tool.claimlint]\nselect = [\n[project]\n'),
])
def test_malformed_toml_is_an_error(claimlint, tmp_path, name, content):
    (tmp_path / name).write_text(content)
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), name, "invalid TOML")


@pytest.mark.parametrize(("setting", "reason"), [
    ('severity = ["error"]', "'severity'"),
    ('[severity]\nOS131 = ["info"]', "'severity'"),
    ('max-file-size = "20 MB"', "'max-file-size'"),
    ("max-file-size = nan", "'max-file-size'"),
    ("max-file-size = true", "'max-file-size'"),
    ("network-budget = inf", "network-budget"),
    ('select = "OS"', "'select'"),
    ('offline = "yes"', "'offline'"),
    ('lexicon = ["bioresonance"]', "'lexicon'"),
    ('rules = {code = "XC001"}', "'rules'"),
    ("email = 42", "email"),
])
def test_wrong_types_are_errors(claimlint, tmp_path, setting, reason):
    (tmp_path / ".claimlint.toml").write_text(setting + "\n")
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), ".claimlint.toml", reason)


def test_tool_claimlint_that_is_not_a_table_is_an_error(claimlint, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool]\nclaimlint = "strict"\n')
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), "pyproject.toml",
                       "'tool.claimlint' must be a table")


@pytest.mark.parametrize(("name", "content"), [
    (".claimlint.toml", 'selct = ["OS"]\n'),
    ("pyproject.toml", '[tool.claimlint]\nselct = ["OS"]\n'),
])
def test_unknown_keys_are_errors_as_the_readme_says(claimlint, tmp_path, name, content):
    (tmp_path / name).write_text(content)
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), name, "unknown key(s) selct")


def test_a_broken_pattern_in_a_custom_rule_names_the_config_file(claimlint, tmp_path):
    (tmp_path / ".claimlint.toml").write_text(
        '[[rules]]\ncode = "XC101"\nkind = "existence"\npatterns = ["[[[(("]\nmessage = "m"\n')
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), ".claimlint.toml",
                       "'(' without ')'")


def test_a_20_mb_config_is_refused_unparsed(claimlint, tmp_path):
    (tmp_path / ".claimlint.toml").write_text('select = ["OS"]\n' + "#" * 20_000_000 + "\n")
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), ".claimlint.toml",
                       "over the 1 MB limit")


def test_a_device_as_bibliography_in_config_is_refused_in_bounded_time(claimlint, tmp_path):
    (tmp_path / ".claimlint.toml").write_text('references = ["/dev/zero"]\n')
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), "/dev/zero",
                       "over the 5 MB limit")


@pytest.mark.parametrize(("content", "reason"), [
    ("x = " + "[" * DEEP + "]" * DEEP, "nested too deeply"),
    ("x = " + "{a = " * DEEP + "1" + "}" * DEEP, "nested too deeply"),
    ("[" + ".".join(["a"] * DEEP) + "]", "unknown key(s) a"),  # tables by name: no recursion
])
def test_deeply_nested_toml_is_an_error(claimlint, tmp_path, content, reason):
    (tmp_path / ".claimlint.toml").write_text(content + "\n")
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), ".claimlint.toml", reason)


@pytest.mark.parametrize(("content", "reason"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not valid UTF-8"),
    (b'select = ["OS"]\n\x00\x01\x02\x03 binary\n', "invalid TOML"),
])
def test_binary_config_is_an_error(claimlint, tmp_path, content, reason):
    (tmp_path / ".claimlint.toml").write_bytes(content)
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), ".claimlint.toml", reason)


# -- bibliographies ---------------------------------------------------------------------------

def _bombs() -> str:
    """Each @string doubles the one before: 2**40 characters if anything expanded it."""
    doubling = "".join(f"@string{{s{n} = s{n - 1} # s{n - 1}}}\n" for n in range(1, 41))
    return '@string{s0 = "ab"}\n' + doubling + "@article{k, title = s40}\n"


HOSTILE_BIBS = {
    "malformed": (b"@article{k,\n  title = {unclosed\n", "refs.bib:1: malformed BibTeX entry"),
    "unterminated": (b"@article{a, title = {x\n@article{b, title = {y\n@book{c,\n",
                     "refs.bib:1: malformed BibTeX entry"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not valid UTF-8"),
    "invalid-utf8": ("@article{k, author = {M\u00fcller, A}}\n".encode("latin-1"),
                     "not valid UTF-8"),
    "nested-braces": (("@article{k, title = {" + "{" * DEEP + "x" + "}" * DEEP + "}}\n").encode(),
                      "refs.bib:1: BibTeX entry 'k' is nested too deeply"),
    "self-reference": (b"@string{a = a # a}\n@article{k, title = a}\n",
                       "refs.bib:1: @string 'a' refers to itself"),
    "cycle": (b"@string{a = b}\n@string{b = {x} # a}\n@article{k, title = a}\n",
              "refers to itself"),
    "exponential": (_bombs().encode(), "characters long (after @string expansion)"),
}
COMMANDS = {"refs": ("refs", "refs.bib", "--offline"),
            "lint": ("lint", "--bib", "refs.bib", "--offline", "doc.md")}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(HOSTILE_BIBS))
def test_hostile_bibliographies_are_one_line_errors(claimlint, tmp_path, kind, command):
    content, reason = HOSTILE_BIBS[kind]
    (tmp_path / "refs.bib").write_bytes(content)
    assert_clear_error(claimlint(*COMMANDS[command]), "refs.bib", reason)


def test_bibtex_parser_logs_stay_off_stderr_in_a_real_process(tmp_path):
    """In this process pytest captures logging; the console script's root handler would
    print bibtexparser's own multi-line records before our error."""
    (tmp_path / "refs.bib").write_bytes(HOSTILE_BIBS["unterminated"][0])
    done = subprocess.run([sys.executable, "-m", "checker", "refs", "refs.bib", "--offline"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert_clear_error((done.returncode, done.stderr), "refs.bib", "malformed BibTeX entry")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_30_mb_bibliography_is_refused_unread(claimlint, tmp_path, command):
    with (tmp_path / "refs.bib").open("wb") as handle:
        handle.truncate(30_000_000)
    assert_clear_error(claimlint(*COMMANDS[command]), "refs.bib", "over the 5 MB limit")


def test_concatenated_strings_still_resolve(claimlint, tmp_path):
    """The bounded expansion is BibTeX's: literals, macros and months joined by #."""
    (tmp_path / "refs.bib").write_text(
        '@string{jn = "J. Integr. Care"}\n@article{k, title = "Wrist " # {pressure},\n'
        '  journal = jn # { (Online)}, month = mar, year = 2019}\n')
    code, stderr = claimlint("refs", "refs.bib", "--offline", "--format", "json")
    assert code == 0 and stderr == ""
    entry = load_bibliography(tmp_path / "refs.bib").get("k")
    assert (entry.title, entry.journal) == ("Wrist pressure", "J. Integr. Care (Online)")


@pytest.mark.parametrize(("rules", "reason"), [
    ([("XC001", "(a b|c d) " * 14)], "rule XC001: pattern '(a b|c d) (a b|c d)"),
    ([("XC001", "(a b|c d) " * 14)], "expands to 16,384 word sequences (at most 1,000)"),
    ([(f"XC{n:03}", "(a b|c d) " * 9) for n in range(20)],
     "rules[19]: rule XC019: the custom rules' patterns expand to more than 10,000 word"),
])
def test_a_pattern_that_expands_exponentially_is_refused_unexpanded(claimlint, tmp_path, rules,
                                                                    reason):
    """Each alternative doubles the word sequences a pattern stands for: 2**14 here (2**20, in
    the attack, took 10 GB). The count is known before anything is expanded."""
    (tmp_path / ".claimlint.toml").write_text("".join(
        f'[[rules]]\ncode = "{code}"\npatterns = ["{pattern}"]\nmessage = "m"\n'
        for code, pattern in rules))
    assert_clear_error(claimlint("lint", "--offline", "doc.md"), ".claimlint.toml", reason)


# -- baselines -----------------------------------------------------------------------------

def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize(("content", "reason"), [
    ('{"version": 1, "findings": [{"code": "OS101", "path": "doc.md", "text": "cures", '
     '"count": 1e400}]}', "findings[0] needs code, path and text strings and a count above 0"),
    ('{"version": 1, "findings": [{"code": "OS101", "path": "doc.md", "text": "x", '
     '"count": NaN}]}', "NaN is not a count"),
    ('{"version": 1, "findings": [{"code": "OS101", "path": "doc.md", "text": "x", '
     '"count": 1' + "0" * 5000 + "}]}", "not a claimlint baseline"),
    ('{"version": 1, "findings": ' + _deep(100_000) + "}", "nested too deeply"),
    ('{"version": 1, "findings": [' + _deep(500) + "]}", "findings[0] needs code"),
    ('{"version": 3, "findings": []}', "version 1 or 2 with a 'findings' list"),
    ("[]", "version 1 or 2 with a 'findings' list"),
    ('{"version": 2, "findings": [{"code": "OS101", "path": "doc.md", "text": "x", '
     '"count": 1}]}', "findings[0] needs code, path, text and context strings"),
    ('{"version": 1, "findings": [', "not a claimlint baseline (Expecting value"),
])
def test_a_malformed_baseline_is_an_error(claimlint, tmp_path, content, reason):
    (tmp_path / "baseline.json").write_text(content)
    assert_clear_error(claimlint("lint", "--offline", "doc.md", "--baseline", "baseline.json"),
                       "baseline.json", reason)


@pytest.mark.parametrize(("target", "reason"), [
    ("/dev/zero", "baseline is over the 32 MiB limit"),
    (".", "cannot read baseline: Is a directory"),
    ("missing.json", "cannot read baseline: No such file or directory"),
])
def test_an_unreadable_baseline_is_refused_in_bounded_time(claimlint, target, reason):
    assert_clear_error(claimlint("lint", "--offline", "doc.md", "--baseline", target), target,
                       reason)


@pytest.mark.parametrize(("target", "reason"), [
    ("no/such/folder/baseline.json", "cannot write the baseline: no folder no/such/folder"),
    (".", "is a folder; --write-baseline needs a file name"),
])
def test_a_baseline_that_cannot_be_written_is_an_error_before_linting(claimlint, target,
                                                                      reason):
    assert_clear_error(claimlint("lint", "--offline", "doc.md", "--write-baseline", target),
                       target, reason)
