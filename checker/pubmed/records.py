"""What a lookup returns: a ``Record``, ``NotFound`` (the service has no such id) or
``Unverified`` (we could not ask, or could not read the answer).

The linter treats the three very differently: a ``NotFound`` citation is probably invented,
an ``Unverified`` one only means "check again when online".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias


@dataclass(frozen=True)
class Record:
    """One bibliographic record, from PubMed (full or esummary-partial) or Crossref.

    ``retraction_notices``, ``expressions_of_concern`` and ``errata`` hold the notices' PMIDs
    or DOIs (the citation text when PubMed gives no id). ``partial`` marks esummary records,
    which carry no abstract, MeSH terms or notices.
    """

    source: Literal["pubmed", "crossref"]
    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()  # "Surname Initials", or a collective name
    first_author_surname: str | None = None
    journal: str | None = None
    journal_iso: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publication_types: tuple[str, ...] = ()
    retracted: bool = False
    retraction_notices: tuple[str, ...] = ()
    expressions_of_concern: tuple[str, ...] = ()
    errata: tuple[str, ...] = ()
    mesh_terms: tuple[str, ...] = ()
    abstract: str | None = None
    conclusion_sentences: tuple[str, ...] = ()
    partial: bool = False

    @property
    def url(self) -> str | None:
        """Where a reader can check the record: PubMed when we have a PMID, else doi.org."""
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return None


@dataclass(frozen=True)
class NotFound:
    """The service answered and has no record under this identifier."""

    detail: str = "no such record"


@dataclass(frozen=True)
class Unverified:
    """No usable answer (network failure, budget spent, offline cache miss, bad response)."""

    reason: str


Result: TypeAlias = Record | NotFound | Unverified


@dataclass(frozen=True)
class Citation:
    """A free-text reference broken into the fields ECitMatch matches on."""

    key: str  # the caller's id for the reference; results are keyed by it
    journal: str | None = None  # full title or ISO abbreviation
    year: int | str | None = None
    volume: str | None = None
    first_page: str | None = None
    author: str | None = None  # first author as "Surname Initials"
    title: str | None = None  # used when ECitMatch finds nothing
