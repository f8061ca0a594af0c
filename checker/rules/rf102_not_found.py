"""A DOI, PMID or PMCID that PubMed and Crossref do not know.

A well-formed identifier with no record behind it is a mistyped or invented citation: the
evidence the copy points to cannot be found. The FTC requires claims to rest on competent and
reliable scientific evidence that actually exists; CAP 3.7 requires the advertiser to hold it.
DOIs are looked up in PubMed and then Crossref, PMCIDs in PubMed Central.

Examples:
    fail: Acupuncture may reduce migraine frequency (PMID 99199999).
    fail: Acupuncture may reduce migraine frequency (doi:10.5555/claimlint.missing).
    pass: Acupuncture may reduce migraine frequency (PMID 99001002).
    pass: Acupuncture may reduce migraine frequency (doi:10.5555/claimlint.99001002).
"""

from collections.abc import Iterator

from checker.pubmed import NotFound
from checker.references.context import ReferenceContext
from checker.references.wording import cited_as, identifier_url
from checker.rules.base import Problem

ID = "RF102"
NAME = "identifier-not-found"
CATEGORY = "reference"
SEVERITY = "error"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation", "cap-3")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for work in context.works:
        for outcome in context.outcomes(work):
            if outcome.identifier and isinstance(outcome.result, NotFound):
                identifier = outcome.identifier
                yield Problem(identifier.start, identifier.end,
                              f"{cited_as(work, identifier)} was looked up and not found "
                              f"({outcome.result.detail}): a mistyped or invented citation: "
                              f"{identifier_url(identifier)}",
                              "Cite the study by an identifier copied from its PubMed or "
                              "journal page")
