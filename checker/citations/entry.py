"""Parse one reference entry (Vancouver/AMA, APA or Nature style) into its fields.

Each style is recognised by its source block: ``2022 Jun;30(3):154-164`` (Vancouver),
``(2022). Title. Journal, 12(1), 15803`` (APA), ``Journal 12, 15803 (2022)`` (Nature). The
journal is the sentence just before that block and the title the text between the authors and
the journal. A field stays None when no style fits, rather than being guessed; so do title and
journal when no author list opens the entry (a corporate author looks like either).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.citations.authors import read_authors
from checker.citations.models import Identifier, ReferenceEntry

_YEAR = r"(?<![\d/])(?P<year>(?:1[89]|20)\d{2})(?!\d)"
_PAGES = r"(?P<pages>[A-Za-z]{0,3}\d+(?:[-\u2013][A-Za-z]{0,3}\d+)?)"  # 154-164, e0205405, CD001218
_ISSUE = r"(?:\s*\((?P<issue>[^()]{1,20})\))?"

_APA_YEAR = re.compile(rf"[ .]{{0,2}}\({_YEAR}[a-z]?(?:,[^()]{{0,30}})?\)\.?")
_APA_SOURCE = re.compile(rf",\s*(?P<volume>\d+){_ISSUE}(?:\s*,\s*{_PAGES})?(?=[.,]|\s|$)")
_MONTH = r"(?:\s+[A-Z][a-z]{2}(?:[-\u2013][A-Z][a-z]{2})?(?:\s+\d{1,2})?)?"
_VANCOUVER_SOURCE = re.compile(
    rf"{_YEAR}{_MONTH}\s*;\s*(?P<volume>\d+){_ISSUE}(?:\s*:\s*{_PAGES})?"
)
# ``Spine. 2008.``: a year as the entry's last sentence, when no volume is given.
_VANCOUVER_YEAR_ONLY = re.compile(rf"\.\s?{_YEAR}{_MONTH}\.?\s*$")
_NATURE_SOURCE = re.compile(rf"(?<!\d)(?P<volume>\d+),\s*{_PAGES}\s*\({_YEAR}\)")
# Identifiers and links close an entry; nothing after them is title or journal.
_TAIL = re.compile(
    r"\s(?:doi\s*:|https?://|PMID\b|PMCID\b|Available\s+(?:at|from)\b)", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.?!][\"\u201d\u2019]?\s+(?=\S)")


@dataclass(frozen=True)
class _Source:
    """Where the source block starts and what it says."""

    start: int
    year: int | None
    volume: str | None
    issue: str | None
    pages: str | None


_NO_SOURCE = _Source(-1, None, None, None, None)


def parse_entry(
    label: str, text: str, start: int, end: int, identifiers: tuple[Identifier, ...]
) -> ReferenceEntry:
    """Fields of one entry; ``text`` is its whitespace-collapsed prose without the list label."""
    authors = read_authors(text)
    tail = _TAIL.search(text)
    body = text[: tail.start()] if tail else text
    apa_year = _APA_YEAR.match(body, authors.end) if authors.names else None
    rest = apa_year.end() if apa_year else authors.end
    source = _source(body, rest, apa=apa_year is not None)
    if source is _NO_SOURCE:  # nothing marks a journal: the first sentence may be the title
        title, journal = _first_sentence(body[rest:]), None
    else:
        title, journal = _title_and_journal(body[rest : source.start])
    known = bool(authors.names)  # without an author list, title and journal cannot be told apart
    return ReferenceEntry(
        label=label,
        text=text,
        start=start,
        end=end,
        authors=authors.names,
        title=title if known else None,
        journal=journal if known else None,
        year=int(apa_year["year"]) if apa_year else source.year,
        volume=source.volume,
        issue=source.issue,
        pages=source.pages,
        identifiers=identifiers,
    )


def _source(body: str, pos: int, apa: bool) -> _Source:
    """The source block after ``pos``; in APA it follows the title's closing full stop."""
    if apa:
        title_end = _SENTENCE_END.search(body, pos)
        patterns = (_APA_SOURCE,) if title_end else ()
        pos = title_end.end() if title_end else pos
    else:
        patterns = (_VANCOUVER_SOURCE, _NATURE_SOURCE, _VANCOUVER_YEAR_ONLY)
    for pattern in patterns:
        if m := pattern.search(body, pos):
            found = m.groupdict()
            year = int(found["year"]) if found.get("year") else None
            volume, issue, pages = (found.get(field) for field in ("volume", "issue", "pages"))
            return _Source(m.start(), year, volume, issue, pages)
    return _NO_SOURCE


def _first_sentence(segment: str) -> str | None:
    segment = segment.strip(" .,;")
    cut = _SENTENCE_END.search(segment)
    return segment[: cut.start() + 1 if cut else len(segment)].rstrip(".") or None


def _title_and_journal(segment: str) -> tuple[str | None, str | None]:
    """``Title. Journal`` -> both; a single sentence is the journal, the title left None."""
    segment = segment.strip(" .,;")
    cuts = list(_SENTENCE_END.finditer(segment))
    if not cuts:
        return None, segment or None
    title = segment[: cuts[-1].start() + 1].rstrip(".").strip()
    return title or None, segment[cuts[-1].end() :].strip(" .,") or None
