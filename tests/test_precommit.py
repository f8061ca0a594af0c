"""The pre-commit hook as a content team installs it: the real ``pre-commit`` tool builds the
hook from this checkout into a temporary repository, rejects a commit with an overstated claim
and accepts a clean one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


def git(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def test_hook_rejects_an_overstated_commit_and_accepts_a_clean_one(tmp_path):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=CHECKOUT, capture_output=True,
                          text=True, check=True).stdout.strip()
    repo = tmp_path / "content"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    git("init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {CHECKOUT}\n    rev: {head}\n    hooks:\n      - id: claimlint\n")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo,
                             env=env, capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    git("add", ".pre-commit-config.yaml", cwd=repo, env=env)
    assert git("commit", "-q", "-m", "config", cwd=repo, env=env).returncode == 0

    (repo / "page.md").write_text("Dry needling eliminates back pain for good.\n")
    git("add", "page.md", cwd=repo, env=env)
    rejected = git("commit", "-m", "overstated copy", cwd=repo, env=env)
    assert rejected.returncode != 0
    assert "page.md:1:14: OS101 [error]" in rejected.stdout + rejected.stderr

    (repo / "page.md").write_text("Dry needling may help reduce back pain in some people "
                                  "(doi:10.5555/example).\n")
    git("add", "page.md", cwd=repo, env=env)
    accepted = git("commit", "-m", "compliant copy", cwd=repo, env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
