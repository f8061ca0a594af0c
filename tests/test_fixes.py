"""``--diff`` shows rewordings without touching files; ``--fix`` applies the safe ones in place,
never inside code, keeps a BOM, and changes nothing the second time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from checker.fixes import apply
from checker.rules.base import Edit

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
