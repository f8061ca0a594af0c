"""Find the reference list: under a References-like heading, or as reference-looking last blocks.

Entries are cut by blocks and by numbered (``1.``, ``[2]``, ``3)``) or bulleted lines. A document
without heading blocks is taken for plain text, where every non-empty line is its own entry;
elsewhere a block's unnumbered lines are one entry wrapped over several lines.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from checker.citations.entry import parse_entry
from checker.citations.models import Identifier, ReferenceEntry, ReferenceList
from checker.source import Block, SourceText

_SP = r"[^\S\r\n]"
_HEADING_LINE = re.compile(
    rf"^{_SP}*(?P<heading>(?:references?|sources|bibliography|citations|works{_SP}+cited"
    rf"|literature|studies{_SP}+cited|research){_SP}*:?){_SP}*(?=[\r\n]|\Z)",
    re.IGNORECASE | re.MULTILINE,
)
_CONTENT = re.compile(r"\S[^\r\n]*")  # a line from its first non-blank character
_LABEL = re.compile(rf"{_SP}*(?:\[(?P<bracket>\d{{1,3}})\]|\(?(?P<number>\d{{1,3}})[.)])(?!\d)")
_BULLET = re.compile(rf"{_SP}*[-*•·\u2013\u2014](?={_SP})")
_BLANK = " \t\u00a0"
_DEBRIS_BLOCKS = 3  # short page furniture ("12 views", "back to top") allowed after the list
_DEBRIS_CHARS = 40


@dataclass(frozen=True)
class _Piece:
    """An entry before parsing: its written number (if any) and content span."""

    number: str | None
    start: int
    end: int


def find_reference_list(
    source: SourceText, identifiers: Sequence[Identifier]
) -> ReferenceList | None:
    """The last headed list with a reference-like entry, else a headless run at the end."""
    blocks = source.blocks or [Block(0, len(source.prose), "paragraph")]
    per_line = not any(b.kind == "heading" for b in blocks)
    for heading in reversed(list(_HEADING_LINE.finditer(source.prose))):
        region = _region(blocks, heading.start("heading"), heading.end())
        entries = _parse(source, identifiers, _pieces(source, region, per_line))
        if any(_looks_like_reference(e) for e in entries):
            start = heading.start("heading")
            return ReferenceList(heading["heading"], start, entries[-1].end, entries)
    return _headless(source, identifiers, blocks, per_line)


def _region(blocks: Sequence[Block], heading_start: int, heading_end: int) -> list[Block]:
    """Blocks (clipped to start after the heading) up to the next heading of the same rank."""
    owner = next((b for b in blocks if b.start <= heading_start < b.end), None)
    level = owner.level if owner and owner.kind == "heading" else 7  # a plain line ranks lowest
    region: list[Block] = []
    for block in blocks:
        if block.end <= heading_end or (block is owner and owner.kind == "heading"):
            continue
        if block.kind == "heading" and block.level <= level:
            break
        region.append(Block(max(block.start, heading_end), block.end, block.kind, block.level))
    return region


def _headless(
    source: SourceText, identifiers: Sequence[Identifier], blocks: Sequence[Block], per_line: bool
) -> ReferenceList | None:
    """Reference-looking blocks closing the document, after at most a little page debris."""
    run: list[_Piece] = []
    debris = 0
    for block in reversed(blocks):
        pieces = list(_pieces(source, [block], per_line))
        entries = _parse(source, identifiers, pieces)
        if entries and all(_looks_like_reference(e) for e in entries):
            run[:0] = pieces
        elif run or debris == _DEBRIS_BLOCKS or len(_text(source, block)) > _DEBRIS_CHARS:
            break
        else:
            debris += 1
    if len(run) < 2:
        return None
    entries = _parse(source, identifiers, run)  # again, so unnumbered entries count from the top
    return ReferenceList("", entries[0].start, entries[-1].end, entries)


def _pieces(source: SourceText, blocks: Sequence[Block], per_line: bool) -> Iterator[_Piece]:
    """Entry spans: each block starts one, as do numbered/bulleted lines (and every plain line)."""
    for block in blocks:
        lines_are_entries = per_line and block.kind != "list_item"
        piece: _Piece | None = None
        for line in _CONTENT.finditer(source.prose, block.start, block.end):
            number, start, marked = _strip_label(source, line.start())
            end = line.start() + len(line[0].rstrip())
            if start >= end:
                continue
            if piece and not (marked or lines_are_entries):
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
    line_start = content_start
    while line_start and source.prose[line_start - 1] in _BLANK:
        line_start -= 1
    for pos in (content_start, line_start):
        if m := _LABEL.match(source.original, pos) or _BULLET.match(source.original, pos):
            start = max(m.end(), content_start)
            while start < len(source.prose) and source.prose[start] in _BLANK:
                start += 1
            return m.groupdict().get("bracket") or m.groupdict().get("number"), start, True
    return None, content_start, False


def _text(source: SourceText, span: _Piece | Block) -> str:
    """Prose of a span with whitespace runs (line breaks, masked markup) collapsed."""
    return " ".join(source.prose[span.start : span.end].split())


def _parse(
    source: SourceText, identifiers: Sequence[Identifier], pieces: Iterable[_Piece]
) -> tuple[ReferenceEntry, ...]:
    """Parsed entries; an entry owns the identifiers inside its span."""
    starts = [i.start for i in identifiers]
    entries = []
    for position, piece in enumerate(pieces, 1):
        first = bisect.bisect_left(starts, piece.start)
        inside = tuple(identifiers[first : bisect.bisect_left(starts, piece.end)])
        label = piece.number or str(position)
        entries.append(parse_entry(label, _text(source, piece), piece.start, piece.end, inside))
    return tuple(entries)


def _looks_like_reference(entry: ReferenceEntry) -> bool:
    """An identifier, or authors with a year and a title or journal."""
    return bool(entry.identifiers) or bool(
        entry.authors and entry.year and (entry.title or entry.journal)
    )
