"""``--diff-base REF``: keep only findings on lines changed since a git revision.

Asks git for the changed line ranges of each file (``git diff --unified=0 REF``); files git
does not track yet count as changed everywhere.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from checker.errors import ClaimlintError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ClaimlintError(f"--diff-base needs git: {error}") from None


def changed_lines(path: str, base: str) -> set[int] | None:
    """Line numbers changed since ``base``; None: the whole file is new."""
    file = Path(path).resolve()
    folder = file.parent
    if _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], folder).returncode:
        raise ClaimlintError(f"--diff-base: {base!r} is not a git revision here ({folder})")
    if _git(["ls-files", "--error-unmatch", file.name], folder).returncode:
        return None  # untracked: every line is new
    diff = _git(["diff", "--unified=0", base, "--", file.name], folder)
    if diff.returncode:
        raise ClaimlintError(f"--diff-base: git diff failed: {diff.stderr.strip()}")
    lines: set[int] = set()
    for match in _HUNK.finditer(diff.stdout):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def keep_changed(results, base: str) -> None:
    for result in results:
        if result.path == "-":
            continue
        lines = changed_lines(result.path, base)
        if lines is not None:
            result.findings = [f for f in result.findings
                               if lines & set(range(f.line, f.end_line + 1))]
