"""Adopting claimlint on an existing archive: baselines and ``--diff-base``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

OLD = "Dry needling eliminates back pain.\n"
NEW = "Cupping is completely safe.\n"


def lint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", "lint", *args, "--select", "OS",
                           "--offline"], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_baseline_hides_known_findings_even_after_lines_move(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(OLD)
    recorded = lint("page.md", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert recorded.returncode == 0 and "recorded 1 finding(s)" in recorded.stderr
    page.write_text("# A new heading\n\nAn intro paragraph.\n\n" + OLD + NEW)
    result = lint("page.md", "--baseline", "baseline.json", cwd=tmp_path)
    assert "OS121" in result.stdout and "OS101" not in result.stdout
    page.write_text(OLD + OLD)  # a second copy of known words is new
    assert "OS101" in lint("page.md", "--baseline", "baseline.json", cwd=tmp_path).stdout


def test_broken_baseline_is_exit_2(tmp_path):
    (tmp_path / "page.md").write_text(OLD)
    (tmp_path / "baseline.json").write_text("{not json")
    result = lint("page.md", "--baseline", "baseline.json", cwd=tmp_path)
    assert result.returncode == 2 and "not a claimlint baseline" in result.stderr


def test_diff_base_reports_only_changed_lines(tmp_path):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "page.md").write_text(OLD)
    git("add", "page.md")
    git("commit", "-q", "-m", "old copy")
    (tmp_path / "page.md").write_text(OLD + NEW)
    (tmp_path / "fresh.md").write_text(OLD)  # untracked: every line counts as new
    result = lint("page.md", "fresh.md", "--diff-base", "HEAD", cwd=tmp_path)
    assert "page.md:2:" in result.stdout and "page.md:1:" not in result.stdout
    assert "fresh.md:1:14: OS101" in result.stdout
    bad = lint("page.md", "--diff-base", "no-such-ref", cwd=tmp_path)
    assert bad.returncode == 2 and "not a git revision" in bad.stderr
