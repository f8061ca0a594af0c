"""Plain text: every character is prose; lines and paragraphs become blocks.

Text copied from web pages puts one paragraph, heading or list item on each line, while
hand-written text wraps paragraphs at a fixed width. A line therefore joins the next one only
when it does not end a sentence and the next line continues it in lower case.
"""

from __future__ import annotations

import re

from checker.source import Block, SourceText

_LINE = re.compile(r"[^\r\n]*")
_SENTENCE_END = re.compile(r"""[.!?:;"')\]]\s*$""")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d{1,3}[.)])\s+")
_HEADING_MAX_WORDS = 10


def read_plain(path: str, text: str) -> SourceText:
    return SourceText(path=path, original=text, prose=text, blocks=list(_blocks(text)))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, ends stripped of trailing whitespace."""
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, match.start() + len(line.rstrip())))
    return spans


def _blocks(text: str):
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, end = lines[i]
        while i + 1 < len(lines) and _continues(text, lines[i], lines[i + 1]):
            i += 1
            end = lines[i][1]
        kind = _kind(text[start:end])
        if kind == "list_item":  # the bullet is markup, as in Markdown: the words start it
            start += _BULLET.match(text[start:end]).end()
        yield Block(start, end, kind)
        i += 1


def _continues(text: str, line: tuple[int, int], following: tuple[int, int]) -> bool:
    if _SENTENCE_END.search(text[line[0] : line[1]]):
        return False
    gap = text[line[1] : following[0]]
    if gap.count("\n") + gap.count("\r") - gap.count("\r\n") != 1:
        return False  # a blank line separates paragraphs
    head = text[following[0] : following[1]]
    return head[:1].islower() and not _BULLET.match(head)


def _kind(line: str) -> str:
    if _BULLET.match(line):
        return "list_item"
    words = line.split()
    if len(words) <= _HEADING_MAX_WORDS and not _SENTENCE_END.search(line.rstrip(":")):
        return "heading"
    return "paragraph"
