"""The works a document cites, however it cites them, in one shape the rules can judge.

Copy cites a study three ways: an identifier in the text (``PMID 9500320``), a reference-list
entry (``[3]`` -> ``3. Wakefield AJ, ... Lancet. 1998;351:637-41.``) or a BibTeX key
(``[@wakefield1998]``). Each becomes a ``Work``: the identifiers to look up, what the copy
says about the work (to compare with the record, or to find it when no identifier is given),
and where a finding about it should point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker.citations.models import Identifier, ReferenceEntry
from checker.pubmed import Citation
from checker.references.bibtex import BibEntry

Lookup = tuple[str, str]  # ("pmid" | "doi" | "pmcid", value) or ("citation", work key)
ID_NAMES = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}
_FIRST_PAGE = re.compile(r"[A-Za-z]{0,3}\d+")


@dataclass(frozen=True)
class Description:
    """What the copy says about a work besides its identifiers."""

    title: str | None = None
    authors: tuple[str, ...] = ()  # "Surname Initials"
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    pages: str | None = None

    @property
    def first_author_surname(self) -> str | None:
        if not self.authors:
            return None
        surname, _, initials = self.authors[0].rpartition(" ")
        return surname if surname and initials.isupper() else self.authors[0]

    def citation(self, key: str) -> Citation | None:
        """The fields ECitMatch needs, when the copy gives enough to find the work by."""
        if not (self.title or (self.journal and self.year)):
            return None
        first_page = _FIRST_PAGE.match(self.pages or "")
        return Citation(key, self.journal, self.year, self.volume,
                        first_page.group() if first_page else None,
                        self.authors[0] if self.authors else None, self.title)


@dataclass(frozen=True)
class Work:
    """One cited work: a text identifier, a reference-list entry or a BibTeX entry."""

    key: str  # as ``Claim.citations`` names it: "pmid:123", "ref:3", "cite:smith2020"
    name: str  # as messages name it: "PMID 123", "reference 3", "BibTeX entry 'smith2020'"
    start: int  # where findings about the work point
    end: int
    identifiers: tuple[Identifier, ...]
    described: Description | None = None

    @property
    def lookups(self) -> tuple[tuple[Lookup, Identifier | None], ...]:
        """What to look up: each well-formed identifier, else a match on the description."""
        found = {(i.kind, i.value): i for i in self.identifiers if i.valid}
        if found:
            return tuple(found.items())
        if self.citation() is not None:
            return ((("citation", self.key), None),)
        return ()

    def citation(self) -> Citation | None:
        return self.described.citation(self.key) if self.described else None


def identifier_name(identifier: Identifier) -> str:
    return f"{ID_NAMES[identifier.kind]} {identifier.value}"


def identifier_work(identifier: Identifier) -> Work:
    """An identifier written in the text: the copy says nothing else about the work."""
    return Work(f"{identifier.kind}:{identifier.value}", identifier_name(identifier),
                identifier.start, identifier.end, (identifier,))


def entry_work(entry: ReferenceEntry) -> Work:
    return Work(f"ref:{entry.label}", f"reference {entry.label}", entry.start, entry.end,
                entry.identifiers, _description(entry))


def bib_work(entry: BibEntry, start: int, end: int) -> Work:
    """A BibTeX entry, with findings placed at ``start``-``end``: the entry's own span when
    the .bib file is checked, the citing marker when a document is."""
    identifiers = tuple(replace(i, start=start, end=end) for i in entry.identifiers)
    return Work(f"cite:{entry.key}", f"BibTeX entry '{entry.key}'", start, end, identifiers,
                _description(entry))


def _description(entry: ReferenceEntry | BibEntry) -> Description:
    return Description(entry.title, entry.authors, entry.journal, entry.year, entry.volume,
                       entry.pages)
