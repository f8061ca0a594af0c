"""Find the reference list: under a References-like heading, or as reference-looking last blocks.

Entries are cut by blocks and by numbered (``1.``, ``[2]``, ``3)``, ``[^1]:``) or bulleted
lines, so a Markdown/HTML entry may wrap over several lines. Plain text (nothing masked, so
``prose`` equals ``original``) has no trustworthy block structure: there every non-empty line is
an entry. A list of list items ends with its last item; any other list runs to the next heading
and loses the entries after its last reference-like one (footers, disclaimers, cookie banners).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from checker.citations.blanks import blanks_after, blanks_before
from checker.citations.entry import parse_entry
from checker.citations.models import Identifier, ReferenceEntry, ReferenceList
from checker.source import Block, SourceText

_SP = r"[^\S\r\n]"
_HEADING_WORDS = (
    rf"(?:references?|sources|bibliography|citations|works{_SP}+cited|literature"
    rf"|studies{_SP}+cited|research)(?:{_SP}*:)?"
)
_HEADING_LINE = re.compile(
    rf"^{_SP}*(?P<heading>{_HEADING_WORDS}){_SP}*(?=[\r\n]|\Z)", re.IGNORECASE | re.MULTILINE
)
_HEADING_TEXT = re.compile(_HEADING_WORDS, re.IGNORECASE)
_CONTENT = re.compile(r"\S[^\r\n]*")  # a line from its first non-blank character
_LABEL = re.compile(
    r"(?:\[\^(?P<footnote>[^\[\]\s]{1,50})\]:|\[(?P<bracket>\d{1,3})\]|\(?(?P<number>\d{1,3})[.)])(?!\d)"
)
_BULLET = re.compile(rf"[-*•·\u2013\u2014](?={_SP})")
_DEBRIS_BLOCKS = 3  # short page furniture ("12 views", "back to top") allowed after the list
_DEBRIS_CHARS = 40
_ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]?$")
_NO_HEADING_LEVEL = 7  # a heading found as a plain line ends at any heading block


@dataclass(frozen=True)
class _Heading:
    """A heading-word line or heading block: where its text starts and where it ends."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Piece:
    """An entry before parsing: its written number (if any) and content span."""

    number: str | None
    start: int
    end: int


def find_reference_list(
    source: SourceText, identifiers: Sequence[Identifier]
) -> ReferenceList | None:
    """The last headed list with a reference-like entry, else a headless run at the end.

    A list never runs past the next heading-word line, so each line is read for one list only.
    """
    prose = source.prose
    plain = prose == source.original or not source.blocks
    bound = len(prose)
    for heading in reversed(_headings(source)):
        if plain:
            region = list(_lines(prose, heading.end, bound))
        else:
            region = _region(source.blocks, heading.start, heading.end, bound)
        entries = _parse(source, identifiers, _pieces(source, region))
        if not (region and region[0].kind == "list_item"):
            entries = _without_trailing_non_references(entries)
        if any(_looks_like_reference(e) for e in entries):
            return ReferenceList(heading.text, heading.start, entries[-1].end, entries)
        bound = heading.start
    last_blocks = _lines_backwards(prose) if plain else reversed(source.blocks)
    return _headless(source, identifiers, last_blocks)


def _headings(source: SourceText) -> list[_Heading]:
    """Heading blocks whose whole text is a heading word, and lines that are one, in order."""
    found: dict[int, _Heading] = {}
    for block in source.blocks:
        text = source.prose[block.start : block.end]
        if block.kind == "heading" and _HEADING_TEXT.fullmatch(stripped := text.strip()):
            start = block.start + len(text) - len(text.lstrip())
            found[start] = _Heading(stripped, start, block.end)
    for m in _HEADING_LINE.finditer(source.prose):
        found.setdefault(m.start("heading"), _Heading(m["heading"], m.start("heading"), m.end()))
    return [found[start] for start in sorted(found)]


def _lines(text: str, start: int, end: int) -> Iterator[Block]:
    """Each non-blank line between ``start`` and ``end``, as a block of its own (plain text)."""
    for m in _CONTENT.finditer(text, start, end):
        yield Block(m.start(), m.start() + len(m[0].rstrip()), "paragraph")


def _lines_backwards(text: str) -> Iterator[Block]:
    """Non-blank lines from the last one up, so a headless list costs only the lines it spans."""
    end = len(text)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if stripped := line.strip():
            first = start + len(line) - len(line.lstrip())
            yield Block(first, first + len(stripped), "paragraph")
        end = start - 1


def _region(
    blocks: Sequence[Block], heading_start: int, heading_end: int, bound: int
) -> list[Block]:
    """Blocks after the heading (clipped to it and to ``bound``) up to a heading of its rank.

    Lower headings inside (``### Websites``) group entries; they are not entries themselves.
    A list that starts with list items ends at the first block that is not one.
    """
    first = max(bisect.bisect_right(blocks, heading_start, key=_block_start) - 1, 0)
    owner = blocks[first]
    level = _NO_HEADING_LEVEL
    if owner.kind == "heading" and owner.start <= heading_start < owner.end:
        level, first = owner.level, first + 1
    region: list[Block] = []
    for block in itertools.islice(blocks, first, None):
        if block.start >= bound or (block.kind == "heading" and block.level <= level):
            break
        if block.end <= heading_end or block.kind == "heading":
            continue
        if region and region[0].kind == "list_item" and block.kind != "list_item":
            break
        start, end = max(block.start, heading_end), min(block.end, bound)
        region.append(Block(start, end, block.kind, block.level))
    return region


def _block_start(block: Block) -> int:
    return block.start


def _identifier_start(identifier: Identifier) -> int:
    return identifier.start


def _without_trailing_non_references(
    entries: tuple[ReferenceEntry, ...],
) -> tuple[ReferenceEntry, ...]:
    last = max((i for i, e in enumerate(entries) if _looks_like_reference(e)), default=-1)
    return entries[: last + 1]


def _headless(
    source: SourceText, identifiers: Sequence[Identifier], last_blocks: Iterable[Block]
) -> ReferenceList | None:
    """Reference-looking blocks closing the document, after at most a little page debris
    (short lines, or footer lines that end no sentence). One Markdown footnote definition
    (``[^1]: ...``) is a list on its own: its syntax says what it is."""
    run: list[_Piece] = []
    debris = 0
    footnote = False
    for block in last_blocks:
        pieces = list(_pieces(source, [block]))
        entries = _parse(source, identifiers, pieces)
        text = _text(source, block)
        if entries and all(_looks_like_reference(e) for e in entries):
            run[:0] = pieces
            footnote = source.prose.startswith("[^", block.start)
        elif run or debris == _DEBRIS_BLOCKS or (
                len(text) > _DEBRIS_CHARS and _ENDS_SENTENCE.search(text)):
            break
        else:
            debris += 1
    if len(run) < 2 and not footnote:
        return None
    entries = _parse(source, identifiers, run)  # again, so unnumbered entries count from the top
    return ReferenceList("", entries[0].start, entries[-1].end, entries)


def _pieces(source: SourceText, blocks: Sequence[Block]) -> Iterator[_Piece]:
    """Entry spans: each block starts one, and so does each numbered or bulleted line."""
    for block in blocks:
        piece: _Piece | None = None
        for line in _CONTENT.finditer(source.prose, block.start, block.end):
            number, start, marked = _strip_label(source, line.start())
            end = line.start() + len(line[0].rstrip())
            if start >= end:
                continue
            if piece and not marked:
                piece = _Piece(piece.number, piece.start, end)
                continue
            if piece:
                yield piece
            piece = _Piece(number, start, end)
        if piece:
            yield piece


def _strip_label(source: SourceText, content_start: int) -> tuple[str | None, int, bool]:
    """(written number, where the entry text begins, whether a number or bullet led the line).

    A visible label is read at the content; a masked one (a Markdown list number) in
    ``original`` where the line's blanks begin.
    """
    line_start = blanks_after(source.original, blanks_before(source.prose, content_start))
    for pos in (content_start, line_start):
        if m := _LABEL.match(source.original, pos) or _BULLET.match(source.original, pos):
            start = max(blanks_after(source.prose, m.end()), content_start)
            number = next((v for v in m.groupdict().values() if v), None)
            return number, start, True
    return None, content_start, False


def _text(source: SourceText, span: _Piece | Block) -> str:
    """Prose of a span with whitespace runs (line breaks, masked markup) collapsed."""
    return " ".join(source.prose[span.start : span.end].split())


def _parse(
    source: SourceText, identifiers: Sequence[Identifier], pieces: Iterable[_Piece]
) -> tuple[ReferenceEntry, ...]:
    """Parsed entries; an entry owns the identifiers inside its span (they are in start order)."""
    entries = []
    for position, piece in enumerate(pieces, 1):
        first = bisect.bisect_left(identifiers, piece.start, key=_identifier_start)
        last = bisect.bisect_left(identifiers, piece.end, key=_identifier_start)
        inside = tuple(identifiers[first:last])
        label = piece.number or str(position)
        entries.append(parse_entry(label, _text(source, piece), piece.start, piece.end, inside))
    return tuple(entries)


def _looks_like_reference(entry: ReferenceEntry) -> bool:
    """An identifier, or authors with a year and a title or journal."""
    return bool(entry.identifiers) or bool(
        entry.authors and entry.year and (entry.title or entry.journal)
    )
