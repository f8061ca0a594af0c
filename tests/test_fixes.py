"""``--diff`` shows rewordings without touching files; ``--fix`` applies the safe ones in place,
never inside code, keeps a BOM, and changes nothing the second time."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.cli import claimlint  # noqa: F401  (fixture)
from fakes.network import fake, loopback_only  # noqa: F401  (fixtures)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.fixes import apply, fix_results
from checker.rules.base import Edit
from checker.run import Options, Session

PAGE = ("# Cupping\n\nOur **revolutionary** cupping relieves back pain for good.\n\n"
        "```\nrevolutionary code, for good\n```\n\nIt works immediately.\n")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", "lint", *args, "--offline"],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_diff_prints_rewordings_and_changes_nothing(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE)
    result = run("page.md", "--diff", cwd=tmp_path)
    assert result.returncode == 1
    assert "-Our **revolutionary** cupping relieves back pain for good.\n" in result.stdout
    assert "+Our cupping relieves back pain.\n" in result.stdout  # both phrases in one
    assert result.stdout.startswith("--- a/page.md\n+++ b/page.md\n")
    assert page.read_text() == PAGE


def test_fix_applies_safe_deletions_outside_code_and_is_idempotent(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"\xef\xbb\xbf" + PAGE.encode())
    first = run("page.md", "--fix", "--select", "OS", cwd=tmp_path)
    assert first.stderr.splitlines() == [
        "fixed page.md:3:7: OS131 removed '**revolutionary**'",
        "fixed page.md:3:50: OS102 removed 'for good'",
        "fixed page.md:9:10: OS141 removed 'immediately'"]
    fixed = page.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf")  # the BOM survives
    text = fixed.decode("utf-8-sig")
    assert "Our cupping relieves back pain.\n" in text and "It works.\n" in text
    assert "revolutionary code, for good" in text  # code blocks are never touched
    assert first.returncode == 0  # nothing left at warning level
    second = run("page.md", "--fix", "--select", "OS", cwd=tmp_path)
    assert "fixed" not in second.stderr and page.read_bytes() == fixed
    assert not list(tmp_path.glob(".page.md.*"))  # no temporary file left behind


def test_apply_skips_overlapping_edits():
    text, applied = apply("abcdef", [Edit(1, 3, "X"), Edit(2, 4, "Y"), Edit(4, 5, "")])
    assert text == "aXdf" and [e.replacement for e in applied] == ["X", ""]


# -- line endings, BOM, and files that change under --fix (in-process runs: fakes.cli) -----

CLAIMS = ["Our revolutionary cupping relieves back pain.",
          "Acupuncture relieves migraines immediately.",
          "The revolutionary massage relieves neck pain."]
FIXED = ["Our cupping relieves back pain.", "Acupuncture relieves migraines.",
         "The massage relieves neck pain."]
ENDINGS = {"crlf": ("", ["\r\n"] * 3), "cr": ("", ["\r"] * 3),
           "bom-crlf": ("\ufeff", ["\r\n"] * 3), "mixed": ("\ufeff", ["\r\n", "\r", "\n"]),
           "no-final-break": ("", ["\r\n", "\r\n", ""])}


def _page(lines: list[str], style: str) -> bytes:
    bom, endings = ENDINGS[style]
    return (bom + "".join(line + end for line, end in zip(lines, endings, strict=True))).encode()


@pytest.mark.parametrize("style", sorted(ENDINGS))
def test_fix_keeps_line_endings_and_bom_byte_for_byte(claimlint, tmp_path, style):  # noqa: F811
    page = tmp_path / "page.txt"
    page.write_bytes(_page(CLAIMS, style))
    run = claimlint("lint", "page.txt", "--fix", "--offline", "--select", "OS")
    assert run.code == 0, run.stdout + run.stderr
    assert page.read_bytes() == _page(FIXED, style)
    assert run.stderr.splitlines() == ["fixed page.txt:1:5: OS131 removed 'revolutionary'",
                                       "fixed page.txt:2:32: OS141 removed 'immediately'",
                                       "fixed page.txt:3:5: OS131 removed 'revolutionary'"]


@pytest.mark.parametrize("style", sorted(ENDINGS))
def test_diff_applies_with_git_and_gives_the_fixed_file(claimlint, tmp_path, style):  # noqa: F811
    page = tmp_path / "page.txt"
    page.write_bytes(_page(CLAIMS, style))
    run = claimlint("lint", "page.txt", "--diff", "--offline", "--select", "OS")
    assert run.code == 1 and page.read_bytes() == _page(CLAIMS, style)
    (tmp_path / "patch.diff").write_text(run.stdout, newline="")
    applied = subprocess.run(["git", "apply", "patch.diff"], cwd=tmp_path, capture_output=True,
                             text=True, timeout=60)
    assert applied.returncode == 0, applied.stderr
    assert page.read_bytes() == _page(FIXED, style)


def test_fix_skips_a_file_edited_after_it_was_linted(claimlint, tmp_path, monkeypatch):  # noqa: F811
    page = tmp_path / "page.txt"
    page.write_text("\n".join(CLAIMS) + "\n")
    edited = ("Added first. " + "\n".join(CLAIMS) + "\n").encode()
    real = Session.lint_file

    def lint_then_edit(self, path, config):
        result = real(self, path, config)
        page.write_bytes(edited)  # what an editor saving during the run does
        return result

    monkeypatch.setattr(Session, "lint_file", lint_then_edit)
    run = claimlint("lint", "page.txt", "--fix", "--offline", "--select", "OS")
    assert page.read_bytes() == edited
    assert run.stderr.splitlines() == [
        "claimlint: page.txt: changed since it was linted; not fixed (run claimlint again)"]
    assert run.code == 1  # the findings were not fixed, so they are still reported
    assert "OS131" in run.stdout


def test_a_second_fix_waits_for_the_first_and_finds_the_file_changed(tmp_path, monkeypatch):
    """The test holds the lock a ``--fix`` takes and rewrites the file in place meanwhile: the
    fix must wait, then see the new bytes and leave them. (Without the lock it would have
    replaced the file already, and the test's write would land in the orphaned old one.)"""
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.txt"
    page.write_text("\n".join(CLAIMS) + "\n")
    edited = b"Someone else's version, written while the lock was held.\n"
    with Session(Options(verify=False)) as session:
        [result] = session.lint_files(session.files(["page.txt"]))
        report: list[str] = []
        with page.open("r+b") as held:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX)
            fixer = threading.Thread(target=lambda: report.extend(
                fix_results([result], session.root_of)))
            fixer.start()
            fixer.join(0.5)
            assert fixer.is_alive()  # waiting for the lock
            held.truncate(0)
            held.write(edited)
            held.flush()
        fixer.join(30)
    assert page.read_bytes() == edited
    assert report == ["claimlint: page.txt: changed since it was linted; not fixed (run "
                      "claimlint again)"]


# -- files --fix must not or cannot rewrite ----------------------------------------------------

def test_a_read_only_file_is_reported_and_left_alone(claimlint, tmp_path):  # noqa: F811
    page = tmp_path / "page.txt"
    page.write_text("\n".join(CLAIMS) + "\n")
    page.chmod(0o444)
    run = claimlint("lint", "page.txt", "--fix", "--offline", "--select", "OS")
    assert page.read_text() == "\n".join(CLAIMS) + "\n" and page.stat().st_mode & 0o777 == 0o444
    assert run.stderr.splitlines() == ["claimlint: page.txt: read-only, not fixed"]
    assert run.code == 1 and "OS131" in run.stdout  # still reported


def test_a_file_deleted_mid_run_is_a_one_line_error_and_no_half_report(
    claimlint, tmp_path, monkeypatch  # noqa: F811
):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("\n".join(CLAIMS) + "\n")
    real = Session.lint_file

    def lint_then_delete(self, path, config):
        result = real(self, path, config)
        if path == "b.txt":
            Path(path).unlink()
        return result

    monkeypatch.setattr(Session, "lint_file", lint_then_delete)
    run = claimlint("lint", "a.txt", "b.txt", "--fix", "--offline", "--format", "json")
    assert run.code == 2 and run.stdout == ""  # not the first file's half of a JSON document
    assert run.stderr.splitlines()[-1] == (
        "claimlint: error: b.txt: no longer exists (deleted while claimlint ran); not fixed")
    assert "Traceback" not in run.stderr + run.log and "internal error" not in run.stderr


def _without_root_override() -> list[str]:
    """A command prefix under which permission bits bind, as in test_faults."""
    return ["setpriv", "--bounding-set=-dac_override"] if os.geteuid() == 0 else []


def test_fix_in_a_read_only_folder_is_a_one_line_error_and_no_half_report(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("a.txt", "b.txt"):
        (site / name).write_text("\n".join(CLAIMS) + "\n")
    site.chmod(0o555)
    try:
        done = subprocess.run([*_without_root_override(), sys.executable, "-m", "checker",
                               "lint", "site", "--fix", "--offline", "--format", "json"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        site.chmod(0o755)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "claimlint: error: site/a.txt: cannot write in site (Permission denied)"]
    assert (site / "a.txt").read_text() == "\n".join(CLAIMS) + "\n"


# -- property: --fix applies exactly the safe edits and keeps every byte else ---------------

# Claim sentences with slots for phrases whose deletion is safe (``fix = true`` in
# checker/data/phrases: hype, permanence, speed), and a sentence that is no claim.
TEMPLATES = ["Our{hype} cupping relieves back pain{when}.", "Acupuncture relieves migraines{when}.",
             "The{hype} massage relieves neck pain{when}.", "Book a visit today.", ""]
HYPE = st.sampled_from(["", " revolutionary"])
WHEN = st.sampled_from(["", " for good", " permanently", " immediately"])
LINE = st.tuples(st.sampled_from(TEMPLATES), HYPE, WHEN, st.sampled_from(["\n", "\r\n", "\r"]))


@pytest.fixture(scope="module")
def fixing_session() -> Iterator[Session]:
    with Session(Options(verify=False)) as session:
        yield session


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINE, min_size=1, max_size=8), bom=st.booleans(),
       last_break=st.booleans(), suffix=st.sampled_from([".txt", ".md"]))
def test_fix_applies_exactly_the_safe_edits(fixing_session, lines, bom, last_break, suffix):
    def page(with_phrases: bool) -> bytes:
        text = "".join(template.format(hype=hype * with_phrases, when=when * with_phrases)
                       + ending for template, hype, when, ending in lines)
        text = text if last_break else text.rstrip("\r\n")
        return ("\ufeff" * bom + text).encode()

    planted = sum(bool(hype) * ("{hype}" in template) + bool(when) * ("{when}" in template)
                  for template, hype, when, _ in lines)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_bytes(page(True))
        results = list(fixing_session.lint_files(fixing_session.files([str(path)])))
        report = fix_results(results, fixing_session.root_of)
        assert path.read_bytes() == page(False), report
        assert len(report) == planted and all(line.startswith("fixed ") for line in report)
