"""The text a reader hands to the pipeline, with its structure and an exact map to the file.

Readers never rewrite text: they *mask* what is not prose (markup, code, URLs, comments) with
spaces of the same length, so an offset into ``prose`` is the same offset into ``original``.
Line breaks are kept, so line and column numbers need no translation table at all.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_cell", "blockquote", "caption",
                    "metadata"]
# Page metadata a reader finds, by class (config ``metadata`` picks the classes to lint):
# title (HTML <title>, front matter title), description (meta description, front matter
# description/excerpt/summary), social (Open Graph, Twitter cards), alt (image alt text),
# props (string props of MDX/JSX components, such as subtitle="...").
METADATA_CLASSES = ("title", "description", "social", "alt", "props")


@dataclass(frozen=True)
class Block:
    """A block-level element: sentences never run across two blocks."""

    start: int
    end: int
    kind: BlockKind
    level: int = 0  # heading level (1-6); list nesting depth for list items
    meta: str = ""  # metadata blocks: the class of metadata (one of METADATA_CLASSES)

    @property
    def headline(self) -> bool:
        """Read as a headline: a heading, or metadata that titles or labels the page."""
        return self.kind == "heading" or (self.kind == "metadata" and self.meta != "description")


@dataclass(frozen=True)
class Link:
    """A hyperlink target (Markdown link/autolink URL, HTML ``href``) and where it stands."""

    start: int  # offset of the URL itself in ``original``
    end: int
    url: str
    text_start: int  # offsets of the link's visible text in ``prose``
    text_end: int


@dataclass
class SourceText:
    """One input file after reading: original characters, masked prose and structure."""

    path: str
    original: str
    prose: str  # same length as ``original``; non-prose characters replaced by spaces
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    superscripts: list[tuple[int, int]] = field(default_factory=list)  # HTML <sup>, Markdown ^x^
    # offset of each line's first character; a reader that has them passes them, else
    # they are found on first use
    line_offsets: list[int] = field(default_factory=list, repr=False)
    # digest() of the bytes ``original`` was decoded from, when it is exactly their text (""
    # for stdin and text read with replacement characters): --fix rewrites only such files,
    # and only while they still hold those bytes
    digest: str = ""
    encoding: str = "utf-8"  # the codec ``original`` was decoded with (HTML may declare one)

    def __post_init__(self) -> None:
        if len(self.prose) != len(self.original):
            raise ValueError("prose must be the same length as original")

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; CRLF and lone CR end lines too."""
        if not self.line_offsets:
            self.line_offsets = line_starts(self.original)
        line = bisect.bisect_right(self.line_offsets, offset) - 1
        return line + 1, offset - self.line_offsets[line] + 1


def digest(data: bytes) -> str:
    """A file's fingerprint: what ``--fix`` compares to see that the file is unchanged."""
    return hashlib.sha256(data).hexdigest()


_LINE_BREAK = re.compile(r"\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line; CRLF and lone CR end lines too."""
    if "\r" in text:
        return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    lengths = map(len, text.split("\n")[:-1])  # the usual case, in C: no regex, no loop
    return list(itertools.accumulate(map((1).__add__, lengths), initial=0))
