"""Apply rewordings: ``--diff`` shows every suggested one, ``--fix`` writes the safe ones.

Edits come from findings, so they only ever touch prose (code, markup and URLs are never
matched). Overlapping edits are applied first come first served; the rest wait for the next
run. Files are replaced atomically: the new text goes to a temporary file in the same folder,
is flushed to disk, and renamed over the original, so a crash leaves the old file or the new
one, never half of either. A process killed while writing (SIGKILL, power loss) can leave
that temporary file behind: hidden, next to the file, named ``.<name>.<random>.claimlint``;
it is safe to delete.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.formatters import relative_path
from checker.models import Finding
from checker.rules.base import Edit

BOM = "\ufeff"


def suggested_edits(findings: Iterable[Finding]) -> list[Edit]:
    """Each suggestion as an edit of the sentence it rewords."""
    return [Edit(f.reworded[0], f.reworded[1], f.suggestion) for f in findings
            if f.suggestion and f.reworded]


def safe_edits(findings: Iterable[Finding]) -> list[Edit]:
    return [f.fix for f in findings if isinstance(f.fix, Edit)]


def apply(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """``text`` with the non-overlapping edits applied, and the edits that were applied."""
    applied: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if not applied or edit.start >= applied[-1].end:
            applied.append(edit)
    parts, cursor = [], 0
    for edit in applied:
        parts += [text[cursor:edit.start], edit.replacement]
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts), applied


def unified_diff(path: str, before: str, after: str) -> str:
    name = relative_path(path)
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, keeping a BOM the file had and its mode)."""
    data = text.encode("utf-8")
    if path.read_bytes().startswith(BOM.encode("utf-8")):
        data = BOM.encode("utf-8") + data
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".claimlint")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def fixable_text(result) -> str | None:
    """The file's text as linted, or None when it must not be rewritten: stdin, or a file
    decoded with replacement characters (writing it back would lose bytes)."""
    if result.path == "-" or any(f.code in ("IN001", "IN002", "IN003") for f in result.findings):
        return None
    return Path(result.path).read_text(encoding="utf-8-sig")


def diff_results(results) -> str:
    """A unified diff of every file with all suggested rewordings applied."""
    chunks = []
    for result in results:
        text = fixable_text(result)
        if text is not None:
            after, _ = apply(text, suggested_edits(result.findings))
            chunks.append(unified_diff(result.path, text, after))
    return "".join(chunks)


def fix_results(results) -> list[str]:
    """Write the safe edits into each file and drop the findings they fixed from its result.
    Returns one line per change: ``path:line:col: CODE removed '...'``."""
    report = []
    for result in results:
        edits = safe_edits(result.findings)
        text = fixable_text(result) if edits else None
        if text is None:
            continue
        after, applied = apply(text, edits)
        write_atomically(Path(result.path), after)
        fixed = set(applied)
        for finding in result.findings:
            if finding.fix in fixed:
                old = text[finding.fix.start:finding.fix.end].strip()
                change = (f"replaced '{old}' with '{finding.fix.replacement}'"
                          if finding.fix.replacement else f"removed '{old}'")
                report.append(f"{result.path}:{finding.line}:{finding.column}: "
                              f"{finding.code} {change}")
        result.findings = [f for f in result.findings if f.fix not in fixed]
    return report
