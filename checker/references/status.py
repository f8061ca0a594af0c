"""One line per cited work saying what verification found, for reports."""

from __future__ import annotations

from dataclasses import dataclass

from checker.pubmed.records import NotFound, Record, Unverified
from checker.references.context import ReferenceContext
from checker.references.strength import strongest
from checker.references.wording import record_name


@dataclass(frozen=True)
class ReferenceStatus:
    name: str  # "PMID 9500320", "reference 3"
    status: str  # "verified: ...", "retracted: ...", "not found", "unverified: ...", ...
    url: str | None
    strength: str | None = None  # how firmly its conclusion states its finding (RF111's scale)
    conclusion: str | None = None  # the conclusion sentence that strength comes from


def statuses(context: ReferenceContext) -> list[ReferenceStatus]:
    """The worst news first for each work: retracted, not found, unverified, verified."""
    found = []
    for work in context.works:
        results = [outcome.result for outcome in context.outcomes(work)]
        records = [r for r in results if isinstance(r, Record)]
        url = records[0].url if records else None
        if any(r.retracted for r in records):
            status = f"retracted: {record_name(next(r for r in records if r.retracted))}"
        elif any(isinstance(r, NotFound) for r in results):
            status = "not found in PubMed or Crossref"
        elif any(isinstance(r, Unverified) for r in results):
            status = "unverified: " + next(r.reason for r in results if isinstance(r, Unverified))
        elif records:
            status = f"verified: {record_name(records[0])}"
        else:
            status = "not checked (no identifier, or verification off)"
        graded = strongest(records[0], context.strength_of) if (
            records and context.strength_of) else None
        found.append(ReferenceStatus(work.name, status, url,
                                     graded.strength if graded else None,
                                     graded.sentence if graded else None))
    return found
