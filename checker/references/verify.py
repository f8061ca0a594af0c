"""Collect everything a document cites and look it all up in one batch per kind of lookup.

A page citing thirty studies must not cost thirty round trips (NCBI allows three requests a
second without a key): PMIDs, DOIs, PMCIDs and identifier-less references each go to the
client in a single call, which batches them into as few requests as the services accept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from checker.citations import CitationScan, Marker
from checker.models import Claim
from checker.pubmed import Citation, Result
from checker.references.bibtex import Bibliography
from checker.references.context import ReferenceContext
from checker.references.reviews import Question, ask
from checker.references.works import Lookup, Work, bib_work, entry_work, identifier_work
from checker.source import SourceText

if TYPE_CHECKING:
    from checker.pubmed import PubMedClient


def verify(source: SourceText, scan: CitationScan, claims: Sequence[Claim],
           client: PubMedClient | None, bibliography: Bibliography | None = None,
           questions: Sequence[Question] = (), memo: dict | None = None,
           strength_of: Callable[[str], str] | None = None) -> ReferenceContext:
    """The document's cited works with their lookups; ``client=None`` looks nothing up.
    ``questions`` (unmapped treatment-condition pairs) are searched for systematic reviews,
    once per pair per run (``memo``)."""
    works = tuple(_document_works(scan, bibliography))
    answers = ask(questions, client, memo if memo is not None else {}) if (
        client and questions) else {}
    return ReferenceContext(
        reviews=tuple((q, answers[q.pair]) for q in questions if q.pair in answers),
        strength_of=strength_of,
        text=source.original, works=works, claims=tuple(claims),
        results=look_up(works, client) if client and works else {},
        unresolved_markers=tuple(sorted(scan.unresolved_markers() + _unknown_keys(
            scan, bibliography), key=lambda m: m.start)),
        uncited_entries=scan.uncited_entries(),
    )


def _document_works(scan: CitationScan, bibliography: Bibliography | None) -> Iterator[Work]:
    """Identifiers in the text, reference-list entries, then BibTeX entries the text cites
    (each at its first marker)."""
    yield from map(identifier_work, scan.identifiers)
    if scan.reference_list:
        yield from map(entry_work, scan.reference_list.entries)
    if bibliography is not None:
        first: dict[str, Marker] = {}
        for marker in _citekey_markers(scan):
            for key in marker.labels:
                first.setdefault(key, marker)
        for key, marker in first.items():
            if entry := bibliography.get(key):
                yield bib_work(entry, marker.start, marker.end)


def look_up(works: Iterable[Work], client: PubMedClient) -> dict[Lookup, Result]:
    """Every lookup the works need, one client call per kind."""
    wanted: dict[str, set[str]] = {"pmid": set(), "doi": set(), "pmcid": set()}
    citations: list[Citation] = []
    for work in works:
        for (kind, value), _ in work.lookups:
            if kind in wanted:
                wanted[kind].add(value)
            elif citation := work.citation():
                citations.append(citation)
    calls = {"pmid": client.lookup_pmids, "doi": client.lookup_dois,
             "pmcid": client.lookup_pmcids}
    results: dict[Lookup, Result] = {}
    for kind, values in wanted.items():
        if values:
            results.update(((kind, value), found)
                           for value, found in calls[kind](sorted(values)).items())
    if citations:
        results.update((("citation", key), found)
                       for key, found in client.match_citations(citations).items())
    return results


def _citekey_markers(scan: CitationScan) -> Iterator[Marker]:
    return (marker for marker in scan.markers if marker.style == "citekey")


def _unknown_keys(scan: CitationScan, bibliography: Bibliography | None) -> tuple[Marker, ...]:
    """Citekey markers naming a key the bibliography lacks (none without a bibliography)."""
    if bibliography is None:
        return ()
    return tuple(m for m in _citekey_markers(scan)
                 if any(bibliography.get(key) is None for key in m.labels))
