"""How reference findings name works and records: the same short citation and closing link
everywhere, so a reader can check any finding against PubMed or the publisher in one click."""

from __future__ import annotations

from checker.citations.models import Identifier
from checker.pubmed import Record
from checker.references.works import Work, identifier_name

_RESOLVERS = {
    "pmid": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "doi": "https://doi.org/{}",
    "pmcid": "https://pmc.ncbi.nlm.nih.gov/articles/{}/",
}


def record_name(record: Record) -> str:
    """``PMID 9500320 (Wakefield AJ et al., Lancet 1998)``."""
    ident = f"PMID {record.pmid}" if record.pmid else f"DOI {record.doi}"
    authors = ""
    if record.authors:
        authors = record.authors[0] + (" et al." if len(record.authors) > 1 else "")
    source = " ".join(str(part) for part in (record.journal_iso or record.journal, record.year)
                      if part)
    about = ", ".join(part for part in (authors, source) if part)
    return f"{ident} ({about})" if about else ident


def about(work: Work, record: Record) -> str:
    """The record, introduced by the work that cites it unless the copy just gave its id:
    ``reference 3, PMID 9500320 (...)`` or ``PMID 9500320 (...)``."""
    name = record_name(record)
    return name if work.described is None else f"{work.name}, {name}"


def cited_as(work: Work, identifier: Identifier) -> str:
    """``PMID 123``, or ``PMID 123 in reference 3`` when an entry gives it."""
    name = identifier_name(identifier)
    return name if work.described is None else f"{name} in {work.name}"


def identifier_url(identifier: Identifier) -> str:
    """Where the identifier resolves, for the reader to try it."""
    return _RESOLVERS[identifier.kind].format(identifier.value)


def notices(references: tuple[str, ...]) -> str:
    """Notices as PubMed gives them (by PMID) and Crossref does (by DOI or citation text)."""
    return ", ".join(f"PMID {ref}" if ref.isdigit() else ref for ref in references)


def linked(message: str, *records: Record) -> str:
    """The message, ending with where to check each record."""
    urls = [record.url for record in records if record.url]
    return f"{message}: {', '.join(urls)}" if urls else message


def sentence(text: str) -> str:
    """A message starting with a capital: ``reference 3, ...`` -> ``Reference 3, ...``."""
    return text[:1].upper() + text[1:]
