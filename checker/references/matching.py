"""Does what the copy says about a study match its record? Tolerant of form, strict on substance.

Copy writes "J Man Manip Ther" where PubMed has "The Journal of manual & manipulative therapy",
drops accents, subtitles and capitals, and spells "non-specific" as "nonspecific". None of that
changes which paper is meant; a different year, surname, title word or journal does.
"""

from __future__ import annotations

import re
import unicodedata

from checker.pubmed import Record
from checker.references.works import Description

_TITLE_FILLER = frozenset({"a", "an", "the", "of", "and", "in", "on", "for", "to", "with",
                           "at", "by"})
_JOURNAL_FILLER = frozenset({"the", "of", "and", "for", "in", "on", "de", "la"})
_PARENTHESES = re.compile(r"\([^()]*\)")
_MAIN_TITLE = re.compile(r"[:?!.]\s| [-\u2013\u2014] ")  # where a subtitle starts


def words(text: str) -> list[str]:
    """Lowercase words without accents or punctuation; ``&`` reads as "and"."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", plain).split()


def same_title(copy: str, record: str) -> bool:
    """Equal but for case, punctuation, spacing and filler words, or for a subtitle one of
    them leaves out."""
    a, b = _title_key(copy), _title_key(record)
    return a == b or _title_key(_MAIN_TITLE.split(copy)[0]) == b or a == _title_key(
        _MAIN_TITLE.split(record)[0])


def same_surname(copy: str, record: str) -> bool:
    """``Fernandez-Nunez`` is ``Fernández-Núñez``; ``Luca`` is ``De Luca`` (particle dropped)."""
    a, b = words(copy), words(record)
    return bool(a and b) and ("".join(a) == "".join(b) or a[-1] == b[-1])


def same_journal(copy: str, record: Record) -> bool:
    """The copy names the journal as PubMed/Crossref does, or abbreviates one of its names."""
    return any(_abbreviates(copy, name) or _abbreviates(name, copy)
               for name in (record.journal, record.journal_iso) if name)


def same_paper(a: Record, b: Record) -> bool:
    """Two lookups found the same paper: same PMID, else same DOI, else same title."""
    if a.pmid and b.pmid:
        return a.pmid == b.pmid
    if a.doi and b.doi:
        return a.doi.lower() == b.doi.lower()
    return not (a.title and b.title) or same_title(a.title, b.title)


def mismatches(described: Description, record: Record) -> list[str]:
    """What the copy gets wrong about the record, one phrase per field it states."""
    found = []
    if described.title and record.title and not same_title(described.title, record.title):
        found.append(f"title '{described.title}' (record: '{record.title.rstrip('.')}')")
    surname = described.first_author_surname
    if surname and record.first_author_surname and not same_surname(
            surname, record.first_author_surname):
        found.append(f"first author {surname} (record: {record.first_author_surname})")
    if described.year and record.year and described.year != record.year:
        found.append(f"year {described.year} (record: {record.year})")
    named = record.journal or record.journal_iso
    if described.journal and named and not same_journal(described.journal, record):
        found.append(f"journal '{described.journal}' (record: '{named}')")
    return found


def _title_key(title: str) -> str:
    """The title's content words run together: "non-specific" and "nonspecific" meet."""
    return "".join(_content(title, _TITLE_FILLER))


def _content(text: str, filler: frozenset[str]) -> list[str]:
    return [word for word in words(text) if word not in filler]


def _abbreviates(short: str, full: str) -> bool:
    """``J Man Manip Ther`` abbreviates ``The Journal of manual & manipulative therapy``: word
    for word, each abbreviation keeps its word's first letter and the rest in order.

    NLM's place and subtitle qualifiers ("Lancet (London, England)", "... : eCAM") are dropped.
    """
    a = _content(short, _JOURNAL_FILLER)
    b = _content(_PARENTHESES.sub(" ", full).split(" : ")[0], _JOURNAL_FILLER)
    return len(a) == len(b) > 0 and all(_contracts(x, y) for x, y in zip(a, b, strict=True))


def _contracts(abbreviation: str, word: str) -> bool:
    """``natl`` contracts ``national``: same first letter, letters in order."""
    if abbreviation[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in abbreviation[1:])
