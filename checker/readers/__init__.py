"""Turn a file's bytes into a :class:`SourceText`, choosing the reader by format.

Every problem with the bytes themselves (binary, too large, not UTF-8) is reported as an
:class:`InputProblem` instead of an exception, so one bad file never stops a run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

from checker.readers.html import read_html
from checker.readers.markdown import read_markdown
from checker.readers.plain import read_plain
from checker.source import SourceText

READERS: dict[str, Callable[[str, str], SourceText]] = {
    "markdown": read_markdown,
    "html": read_html,
    "text": read_plain,
}
EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown",
    ".html": "html", ".htm": "html",
    ".txt": "text", ".text": "text",
}
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class InputProblem:
    """Why a file could not be read (``fatal``) or was read with a caveat."""

    path: str
    code: str  # IN001 unreadable/binary, IN002 invalid UTF-8, IN003 too large
    message: str
    fatal: bool


def format_for(path: str, override: str | None = None) -> str | None:
    """The reader for ``path``: the override, else by extension (None when unknown)."""
    return override or EXTENSIONS.get(PurePath(path).suffix.lower())


def decode(path: str, data: bytes, max_bytes: int) -> tuple[str | None, list[InputProblem]]:
    """Text of a file, or None with the reason it cannot be linted."""
    if len(data) > max_bytes:
        size, limit = len(data) / 1e6, max_bytes / 1e6
        return None, [InputProblem(path, "IN003", f"file is {size:.1f} MB, over the "
                                   f"max-file-size of {limit:.1f} MB; skipped", True)]
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None, [InputProblem(path, "IN001", "binary file (contains NUL bytes); skipped",
                                   True)]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        text = data.decode("utf-8-sig", errors="replace")
        return text, [InputProblem(path, "IN002", f"invalid UTF-8 at byte {error.start}; "
                                   "linted with U+FFFD replacement characters", False)]


def read_limited(path: Path, limit: int) -> bytes | None:
    """A file's bytes, or None when it holds more than ``limit``. Reads at most one byte past
    the limit, so a device (``/dev/zero``) or a file still growing cannot exhaust memory."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def read_text(path: str, text: str, fmt: str) -> SourceText:
    return READERS[fmt](path, text)
