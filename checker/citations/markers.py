"""Find in-text citation markers in prose, outside the reference list.

Numbers are the risky part: prose is full of doses, years, counts and list numbering, so a
number becomes a marker only in a marker's shape (bracketed, parenthesised, superscript, or
glued to a sentence end) and, for the glued form, only when a reference list has that entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.citations.authoryear import (
    citekey_labels,
    narrative_citations,
    parenthetical_labels,
)
from checker.citations.blanks import blanks_after, blanks_before
from checker.citations.models import Marker, ReferenceList
from checker.citations.numlist import SUPERSCRIPT_DIGITS, number_labels
from checker.source import SourceText

_BRACKET = re.compile(r"\[([^\[\]\n]{1,300})\]")
_FOOTNOTE = re.compile(r"\[\^([^\[\]\s]{1,50})\](?!:)")  # Markdown ``[^1]``; ``[^1]:`` defines it
_PAREN = re.compile(r"\(([^()\n]{1,300})\)")
# ``pain.1 Next`` / ``outcomes.2`` at a line end; ``_ends_sentence`` checks what precedes.
_TRAILING = re.compile(
    r"[.!?](\d{1,3}(?:[,\u2013-]\d{1,3})*)(?=[^\S\r\n]+[^\W\d_a-z]|[^\S\r\n]*(?:[\r\n]|$))"
)
_SENTENCE_ENDERS = ")]\"'\u201d\u2019%"  # may stand between the last word and the full stop
_SUPERSCRIPT = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+(?:[,˒⁻\u2013-][{SUPERSCRIPT_DIGITS}]+)*")


def find_markers(source: SourceText, reference_list: ReferenceList | None) -> tuple[Marker, ...]:
    """Markers in document order; where two candidates overlap the earlier, longer one wins."""
    entry_count = len(reference_list.entries) if reference_list else 0
    candidates = sorted(
        _candidates(source, entry_count), key=lambda m: (m.start, -m.end, m.style != "superscript")
    )
    markers: list[Marker] = []
    for marker in candidates:
        inside_list = reference_list and reference_list.start <= marker.start < reference_list.end
        if not inside_list and (not markers or marker.start >= markers[-1].end):
            markers.append(marker)
    return tuple(markers)


def _candidates(source: SourceText, entry_count: int) -> Iterator[Marker]:
    text = source.prose
    for m in _BRACKET.finditer(text):
        if (keys := citekey_labels(m[1])) is not None:
            yield Marker(keys, "citekey", m.start(), m.end())
        elif (labels := _standalone_numbers(text, m)) is not None:
            yield Marker(labels, "bracket", m.start(), m.end())
    for m in _FOOTNOTE.finditer(text):
        yield Marker((m[1],), "bracket", m.start(), m.end())
    for m in _PAREN.finditer(text):
        if (labels := _standalone_numbers(text, m)) is not None:
            yield Marker(labels, "paren", m.start(), m.end())
        elif (labels := parenthetical_labels(m[1])) is not None:
            yield Marker(labels, "author-year", m.start(), m.end())
    for labels, start, end in narrative_citations(text):
        yield Marker(labels, "author-year", start, end)
    for m in _TRAILING.finditer(text) if entry_count else ():
        labels = number_labels(m[1])
        if labels and _ends_sentence(text, m.start()) and max(map(int, labels)) <= entry_count:
            yield Marker(labels, "trailing", m.start(1), m.end(1))
    for m in _SUPERSCRIPT.finditer(text):
        if _follows_word(text, m.start()) and (labels := number_labels(m[0])):
            yield Marker(labels, "superscript", m.start(), m.end())
    for start, end in source.superscripts:
        yield from _superscript_span(text, start, end)


def _superscript_span(text: str, start: int, end: int) -> Iterator[Marker]:
    """An HTML ``<sup>`` / Markdown ``^x^`` span holding a number list, brackets allowed."""
    content = text[start:end]
    labels = number_labels(content.strip().strip("[]()^"))
    if labels and _follows_word(text, blanks_before(text, start)):  # over a masked ``<sup>``
        first = start + len(content) - len(content.lstrip())
        yield Marker(labels, "superscript", first, start + len(content.rstrip()))


def _standalone_numbers(text: str, m: re.Match[str]) -> tuple[str, ...] | None:
    """Labels of ``[1, 3]`` / ``(2-4)``, unless list numbering, a phone number or arithmetic."""
    labels = number_labels(m[1])
    if labels is None or _at_line_start(text, m.start()):
        return None
    before = text[m.start() - 1 : m.start()]
    after = blanks_after(text, m.end())
    phone_or_sum = before.isdigit() or before == "+" or text[after : after + 1].isdigit()
    return None if phone_or_sum else labels  # ``(212) 555-0100``, ``+1 (303)``, ``2(3)``


def _at_line_start(text: str, pos: int) -> bool:
    pos = blanks_before(text, pos)
    return pos == 0 or text[pos - 1] in "\r\n"


def _ends_sentence(text: str, stop: int) -> bool:
    """A full stop after a word (``pain.``) or a closing quote/bracket, not ``1.5`` or ``v.``."""
    before = text[max(0, stop - 2) : stop]
    return len(before) == 2 and (before.isalpha() or before[-1] in _SENTENCE_ENDERS)


def _follows_word(text: str, pos: int) -> bool:
    """Right after a word of 3+ letters or punctuation: not ``10²``, ``m²``, ``cm³`` or ``x ¹``."""
    tail = text[max(0, pos - 3) : pos]
    if not tail or tail[-1].isspace() or tail[-1].isdigit():
        return False
    return not tail[-1].isalpha() or (len(tail) == 3 and tail.isalpha())
