"""Turn a file's bytes into a :class:`SourceText`, choosing the reader by format.

Every problem with the bytes themselves (binary, too large, not UTF-8, an unknown charset) is
reported as an :class:`InputProblem` instead of an exception, so one bad file never stops a run.
Files are UTF-8 unless a BOM says otherwise; HTML pages may declare a charset
(``checker.readers.charset``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

from checker.readers.charset import UTF8, Encoding, sniff
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
    code: str  # IN001 unreadable/binary, IN002 invalid UTF-8, IN003 too large, IN004 charset
    message: str
    fatal: bool


def format_for(path: str, override: str | None = None) -> str | None:
    """The reader for ``path``: the override, else by extension (None when unknown)."""
    return override or EXTENSIONS.get(PurePath(path).suffix.lower())


def decode(path: str, data: bytes, max_bytes: int) -> tuple[str | None, list[InputProblem]]:
    """Text of a file, or None with the reason it cannot be linted."""
    decoded = decode_file(path, data, max_bytes)
    return decoded.text, decoded.problems


@dataclass(frozen=True)
class Decoded:
    """A file's text (None: not linted), what was wrong, and how it was decoded."""

    text: str | None
    problems: list[InputProblem]
    encoding: Encoding = UTF8
    exact: bool = False  # the text encodes back to exactly the file's bytes (--fix may write)


def decode_file(path: str, data: bytes, max_bytes: int, fmt: str = "text") -> Decoded:
    """The text of a file in format ``fmt``: UTF-8, what a BOM names, or (HTML) the charset
    the page declares."""
    if len(data) > max_bytes:
        size, limit = len(data) / 1e6, max_bytes / 1e6
        return Decoded(None, [InputProblem(path, "IN003", f"file is {size:.1f} MB, over the "
                                           f"max-file-size of {limit:.1f} MB; skipped", True)])
    encoding, unknown = sniff(data, fmt == "html")
    if not encoding.codec.startswith("utf-16") and b"\x00" in data[:_SNIFF_BYTES]:
        return Decoded(None, [InputProblem(path, "IN001", "binary file (contains NUL bytes); "
                                           "skipped", True)])
    problems = [] if unknown is None else [InputProblem(
        path, "IN004", f"declares charset {unknown!r}, which is not one browsers know; read as "
        "UTF-8", False)]
    try:
        text = encoding.decode(data)
    except UnicodeDecodeError as error:
        name = "UTF-8" if encoding.codec == "utf-8" else encoding.name
        problems.append(InputProblem(path, "IN002", f"invalid {name} at byte "
                                     f"{error.start + len(encoding.bom)}; linted with U+FFFD "
                                     "replacement characters", False))
        return Decoded(encoding.decode(data, replace=True), problems, encoding)
    exact = encoding.unicode or encoding.encode(text) == data  # stateful codecs may differ
    return Decoded(text, problems, encoding, exact)


def read_limited(path: Path, limit: int) -> bytes | None:
    """A file's bytes, or None when it holds more than ``limit``. Reads at most one byte past
    the limit, so a device (``/dev/zero``) or a file still growing cannot exhaust memory."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def read_text(path: str, text: str, fmt: str) -> SourceText:
    return READERS[fmt](path, text)
