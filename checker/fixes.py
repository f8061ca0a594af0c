"""Apply rewordings: ``--diff`` shows every suggested one, ``--fix`` writes the safe ones.

Edits come from findings, so they only ever touch prose (code, markup and URLs are never
matched). Overlapping edits are applied first come first served; the rest wait for the next
run. Their offsets are offsets into the text that was linted, so a file is rewritten only if
its bytes are still the bytes that were linted: checked under an exclusive lock, which two
``--fix`` runs on one file take in turn, so the second finds the file changed and skips it.
Text is decoded and encoded without newline translation and in the encoding it was read with
(UTF-8, a BOM's, an HTML page's declared charset), so CRLF, lone CR, a BOM and every byte
outside the edits survive as they were. Read-only files, links to files outside the linted
folder, and files read with replacement characters are reported and left as they are.
Files are replaced atomically (``checker.atomic``).
"""

from __future__ import annotations

import difflib
import fcntl
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from checker.atomic import replace_file
from checker.errors import ClaimlintError
from checker.formatters import relative_path
from checker.models import Finding
from checker.readers.charset import encoding_of
from checker.rules.base import Edit
from checker.source import digest

_NO_NEWLINE = "\n\\ No newline at end of file\n"
_CHANGED = "changed since it was linted; not {} (run claimlint again)"


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
    """A patch that ``patch`` and ``git apply`` accept: lines end at LF only (a CR stays
    part of its line, as diff tools see it), and a last line without one is marked."""
    name = relative_path(path)
    lines = difflib.unified_diff(_lines(before), _lines(after),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    return "".join(line if line.endswith("\n") else line + _NO_NEWLINE for line in lines)


def _lines(text: str) -> list[str]:
    """``text`` split after each LF (``str.splitlines`` would also split at CR, form feeds
    and Unicode separators, which no diff tool does)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def diff_results(results) -> tuple[str, list[str]]:
    """A unified diff of every file with all suggested rewordings applied, and a note for
    each file that changed since it was linted (its offsets no longer fit; no diff)."""
    chunks, notes = [], []
    for result in results:
        if not result.digest:  # stdin, or text that is not the file's bytes
            continue
        try:
            data = Path(result.path).read_bytes()
        except OSError:
            data = b""
        if digest(data) != result.digest:
            notes.append(f"claimlint: {result.path}: {_CHANGED.format('diffed')}")
            continue
        encoding = encoding_of(result.encoding, data)
        if not encoding.unicode:
            notes.append(f"claimlint: {result.path}: the file is in {encoding.name}; its "
                         "patch is shown in UTF-8 and will not apply as it is")
        bom = "\ufeff" if encoding.bom else ""  # in the patch, or it would not apply
        text = encoding.decode(data)
        after, _ = apply(text, suggested_edits(result.findings))
        chunks.append(unified_diff(result.path, bom + text, bom + after))
    return "".join(chunks), notes


def fix_results(results, root_of: Callable[[str], Path]) -> list[str]:
    """Write the safe edits into each file and drop the findings they fixed from its result.
    ``root_of`` names the folder a file was found in: a link is fixed through its target only
    if the target lies inside it. Returns one line per change (``fixed path:line:col: CODE
    removed '...'``) or per file left alone, and why."""
    report = []
    for result in results:
        report += fix_result(result, root_of)[0]
    return report


def fix_result(result, root_of: Callable[[str], Path]) -> tuple[list[str], bool]:
    """``fix_results`` for one file, and whether the file was rewritten (its findings'
    positions are then positions in the old text: lint it again)."""
    edits = safe_edits(result.findings)
    if not edits:
        return [], False
    if not result.digest:  # stdin, or text read with replacement characters
        if result.path == "-":
            return [], False
        return [f"claimlint: {result.path}: not fixed: its bytes are not exactly the text "
                "that was linted (invalid in its encoding)"], False
    return _fix_file(result, edits, root_of(result.path))


def _fix_file(result, edits: list[Edit], root: Path) -> tuple[list[str], bool]:
    path = Path(result.path)
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        return [f"claimlint: {result.path}: a link to a file outside {root}; not fixed"], False
    target = real if path.is_symlink() else path  # replacing a link would unlink it
    with _locked(target, result.path) as handle:
        status = os.fstat(handle.fileno())
        if not (os.access(target, os.W_OK) and status.st_mode & 0o222):
            return [f"claimlint: {result.path}: read-only, not fixed"], False
        data = handle.read() if _same_file(target, status) else None
        if data is None or digest(data) != result.digest:
            return [f"claimlint: {result.path}: {_CHANGED.format('fixed')}"], False
        encoding = encoding_of(result.encoding, data)
        text = encoding.decode(data)
        after, applied = apply(text, edits)
        replace_file(target, encoding.encode(after), stat.S_IMODE(status.st_mode))
    fixed = set(applied)
    report = []
    for finding in result.findings:
        if finding.fix in fixed:
            old = text[finding.fix.start:finding.fix.end].strip()
            change = (f"replaced '{old}' with '{finding.fix.replacement}'"
                      if finding.fix.replacement else f"removed '{old}'")
            report.append(f"fixed {result.path}:{finding.line}:{finding.column}: "
                          f"{finding.code} {change}")
    result.findings = [f for f in result.findings if f.fix not in fixed]
    return report, bool(applied)


@contextmanager
def _locked(path: Path, name: str) -> Iterator[BinaryIO]:
    """``path`` open for reading under an exclusive lock (another ``--fix`` waits for it)."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise ClaimlintError(f"{name}: no longer exists (deleted while claimlint ran); not "
                             "fixed") from None
    except OSError as error:
        raise ClaimlintError(f"{name}: cannot read ({error.strerror}); not fixed") from None
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except OSError as error:  # a file system without locks
            raise ClaimlintError(f"{name}: cannot lock ({error.strerror}); not fixed") from None
        yield handle  # closing the file releases the lock


def _same_file(path: Path, status: os.stat_result) -> bool:
    """Whether ``path`` still names the file we locked (not replaced while we waited)."""
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    return (current.st_dev, current.st_ino) == (status.st_dev, status.st_ino)
