"""A document's prose laid out block by block, its claims and findings marked in one sweep.

Each claim and finding becomes two events (where it opens, where it closes), read from it
once; the events are sorted once and walked together with the reader's blocks. The text
between two consecutive boundaries is one piece, wrapped in the classes of whatever is open
there, which are kept as counters: a piece costs the same however many spans cover it. So
laying out a document takes O(n log n) in its spans plus linear time in its text (the report
used to scan every claim and finding for every piece: quadratic, issue 14 no. 6).

The prose shown is the reader's masked prose with the masked characters left out, so the
offsets of every mark are the file's and no markup from the copy reaches the page.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape

from checker import models
from checker.models import Claim, Finding
from checker.source import Block

STRENGTHS = tuple(reversed(models.STRENGTHS))  # strongest first: overlapping claims show it
SEVERITIES = ("error", "warning", "info")
PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}
_LETTERS = re.compile(r"[A-Za-z]+")
_CLAIM_END, _FINDING_END, _CLAIM_START, _FINDING_START = range(4)  # order at one offset


@dataclass
class Unit:
    """A heading, paragraph, list, table, quote or caption: one row of the report, with the
    notes of the findings that start in it beside it."""

    html: str
    notes: list[int]  # indices of findings, in text order


@dataclass
class Layout:
    units: list[Unit]
    loose: list[int]  # findings that start outside every block (front matter, markup, empty)


def family(code: str) -> str:
    """A rule's family: the letters its code starts with (OS101 -> OS), so the families of
    new rules show up without a list to update."""
    letters = _LETTERS.match(code)
    return letters.group().upper() if letters else "?"


def lay_out(original: str, prose: str, blocks: Sequence[Block], claims: Sequence[Claim],
            findings: Sequence[Finding], prefix: str) -> Layout:
    """The units of a document and where each finding's note goes. Marks link to notes by
    ids ``{prefix}n{k}`` (the note) and ``{prefix}r{k}`` (the mark), k = the finding's
    1-based position in ``findings``."""
    sweep = _Sweep(original, prose, claims, findings, prefix)
    units = [sweep.unit(kind, group) for kind, group in _groups(original, blocks)]
    sweep.skip_to(math.inf)
    return Layout(units, sorted(sweep.loose))


class _Sweep:
    """Walks the sorted events once, emitting the text of each block as it goes."""

    def __init__(self, original: str, prose: str, claims: Sequence[Claim],
                 findings: Sequence[Finding], prefix: str) -> None:
        self.original, self.prose, self.prefix = original, prose, prefix
        self.strengths = [claim.strength for claim in claims]
        self.marks: list[tuple[str, str]] = []  # (severity, family) of each finding
        events: list[tuple[int, int, int]] = []
        for index, claim in enumerate(claims):
            events += [(claim.start, _CLAIM_START, index), (claim.end, _CLAIM_END, index)]
        self.loose: list[int] = []
        for index, finding in enumerate(findings):
            start, end = finding.start, finding.end
            self.marks.append((finding.severity, family(finding.code)))
            if end > start:
                events += [(start, _FINDING_START, index), (end, _FINDING_END, index)]
            else:  # nothing to mark (an input problem of the whole file)
                self.loose.append(index)
        events.sort()
        self.events, self.next = events, 0
        self.open_claims: Counter[str] = Counter()
        self.open_severities: Counter[str] = Counter()
        self.open_families: Counter[str] = Counter()
        self.tag: str | None = ""  # the opening tag of a piece here; None: to be worked out
        self.cursor = 0  # end of the text emitted so far

    def unit(self, kind: str, group: list[tuple[Block, bool]]) -> Unit:
        notes: list[int] = []
        parts: list[str] = []
        for block, new_row in group:
            start = max(block.start, self.cursor)
            if start >= block.end:
                continue  # overlaps text already shown
            opening, closing = _item(kind, block, new_row, first=not parts)
            parts.append(opening)
            self.skip_to(start)
            self.fill(start, block.end, parts, notes)
            parts.append(closing)
        if parts and kind in _CONTAINERS:
            parts = [_CONTAINERS[kind][0], *parts, _CONTAINERS[kind][1]]
        return Unit("".join(parts), notes)

    def skip_to(self, offset: float) -> None:
        """Apply the events before ``offset`` (between blocks: nothing shown there)."""
        events = self.events
        while self.next < len(events) and events[self.next][0] < offset:
            _, order, index = events[self.next]
            self.apply(order, index)
            if order == _FINDING_START:
                self.loose.append(index)
            self.next += 1

    def fill(self, start: int, end: int, parts: list[str], notes: list[int]) -> None:
        """The text of ``[start, end)`` in pieces, a mark where each finding starts."""
        events, position = self.events, start
        while self.next < len(events) and events[self.next][0] < end:
            offset, order, index = events[self.next]
            if offset > position:
                parts.append(self.piece(position, offset))
                position = offset
            self.apply(order, index)
            if order == _FINDING_START:
                parts.append(self.mark(index))
                notes.append(index)
            self.next += 1
        parts.append(self.piece(position, end))
        self.cursor = end

    def apply(self, order: int, index: int) -> None:
        step = 1 if order >= _CLAIM_START else -1
        if order in (_CLAIM_START, _CLAIM_END):
            _count(self.open_claims, self.strengths[index], step)
        else:
            severity, family_ = self.marks[index]
            _count(self.open_severities, severity, step)
            _count(self.open_families, family_, step)
        self.tag = None

    def piece(self, start: int, end: int) -> str:
        text = escape(visible(self.original, self.prose, start, end), quote=False)
        if not text:
            return ""
        if self.tag is None:
            self.tag = self.opening()
        return f"{self.tag}{text}</span>" if self.tag else text

    def opening(self) -> str:
        """The span tag for text covered by what is open now ("" for none)."""
        strongest = next((s for s in STRENGTHS if s in self.open_claims), None)
        classes = [f"k-{strongest}"] if strongest else []
        if self.open_severities:
            classes += ["m", *(f"s-{s}" for s in SEVERITIES if s in self.open_severities)]
            families = " ".join(sorted(self.open_families))
            return f"<span class='{' '.join(classes)}' data-f='{escape(families)}'>"
        return f"<span class='{classes[0]}'>" if classes else ""

    def mark(self, index: int) -> str:
        k, severity = index + 1, self.marks[index][0]
        return (f"<a class='ref s-{severity}' id='{self.prefix}r{k}' href='#{self.prefix}n{k}'"
                f" data-n={k} aria-label='finding {k} ({severity})'>{k}</a>")


def _count(counter: Counter[str], key: str, step: int) -> None:
    counter[key] += step
    if counter[key] <= 0:
        del counter[key]


def visible(original: str, prose: str, start: int, end: int) -> str:
    """The prose of ``original[start:end]`` as a reader sees it: what the reader masked
    (markup, link targets, entity names) is left out rather than shown as spaces, so
    ``caf&eacute;s`` reads "cafés"; a masked entity that stood for a space stays a space."""
    piece = prose[start:end]
    source = original[start:end]
    if piece == source:
        return piece
    return "".join(p if p != " " or o.isspace() else " " if o == "&" else ""
                   for p, o in zip(piece, source, strict=True))


def flagged(original: str, prose: str, start: int, end: int, limit: int = 120) -> str:
    """The words a finding covers as the reader sees them; a long passage by its first and
    last ``limit`` characters (so each note costs the same, however long its passage)."""
    if end - start <= 3 * limit:
        return " ".join(visible(original, prose, start, end).split())
    head = " ".join(visible(original, prose, start, start + limit).split())
    tail = " ".join(visible(original, prose, end - limit, end).split())
    return f"{head} … {tail}"


def _groups(original: str, blocks: Sequence[Block]) -> Iterator[tuple[str, list]]:
    """Consecutive list items make one list, consecutive table cells one table, consecutive
    metadata one box; each block comes with whether it starts a table row (a cell after a
    line break or a ``<tr``)."""
    kind, group, previous_end = "", [], 0
    for block in sorted(blocks, key=lambda b: b.start):
        if group and not (block.kind == kind and kind in _CONTAINERS):
            yield kind, group
            group = []
        new_row = not group or _row_break(original[previous_end:block.start])
        group.append((block, new_row))
        kind, previous_end = block.kind, block.end
    if group:
        yield kind, group


def _row_break(gap: str) -> bool:
    """Whether the markup between two table cells ends a row: ``<tr`` in HTML, a line
    break in a Markdown table (where no ``<td``/``<th`` sits between the cells)."""
    lowered = gap.lower()
    return "<tr" in lowered or (("\n" in gap or "\r" in gap) and "<t" not in lowered)


def _item(kind: str, block: Block, new_row: bool, first: bool) -> tuple[str, str]:
    """The opening and closing tags around one block's text."""
    if kind == "heading":
        level = min(block.level + 3, 6)  # below the report (h1), Documents (h2), its path (h3)
        return f"<h{level} class=copy-h>", f"</h{level}>"
    if kind == "list_item":
        return f"<li class=l{min(block.level, 5)}>", "</li>"
    if kind == "table_cell":
        row = ("<tr>" if first else "</tr><tr>") if new_row else ""
        return row + "<td>", "</td>"
    if kind == "blockquote":
        return "<blockquote><p>", "</p></blockquote>"
    if kind == "metadata":
        label = METADATA_LABELS.get(block.meta, "metadata")
        return f"<dt>{label}</dt><dd>", "</dd>"
    return ("<p class=caption>" if kind == "caption" else "<p>"), "</p>"


# Metadata blocks (front matter, <title>, <meta> descriptions, alt texts, component props)
# are shown apart from the copy, as labelled fields.
METADATA_LABELS = {"title": "page title", "description": "description", "social": "social card",
                   "alt": "image text", "props": "component text"}
_CONTAINERS = {"metadata": ("<dl class=meta>", "</dl>"),
               "list_item": ("<ul class=copy-list>", "</ul>"),
               "table_cell": ("<table class=copy-table><tbody>", "</tr></tbody></table>")}
