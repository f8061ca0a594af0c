"""A claim of proof, or an absolute claim, resting only on a case report, editorial, letter or
comment.

One patient's story or an author's opinion is not "competent and reliable scientific
evidence" (FTC) of an effect, nor does it substantiate a claim that "studies show" or that a
treatment works for certain (CAP 3.7). The rule reads PubMed's publication types and fires
when every study a claim cites with a known type is of such a kind.

Examples:
    fail: Research proves acupuncture ends migraines (PMID 99001001).
    fail: Acupuncture is guaranteed to stop migraines (PMID 99001001).
    pass: Acupuncture may ease migraines for some people (PMID 99001001).
    pass: Research shows acupuncture reduces migraine frequency (PMID 99001002).
"""

from collections.abc import Iterator

from checker.pubmed import Record
from checker.references.context import ReferenceContext
from checker.references.wording import linked, record_name
from checker.rules.base import Problem

ID = "RF107"
NAME = "weak-evidence-type"
CATEGORY = "reference"
SEVERITY = "warning"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation", "cap-3")
# PubMed publication types that report no test of an effect.
WEAK_TYPES = {"Case Reports": "a case report", "Editorial": "an editorial", "Letter": "a letter",
              "Comment": "a comment", "News": "a news item",
              "Newspaper Article": "a newspaper article"}


def check(context: ReferenceContext) -> Iterator[Problem]:
    for claim in context.claims:
        if claim.kind != "evidence" and claim.strength != "absolute":
            continue
        cited = [record for _, record in context.cited(claim)]
        if cited and all(_weak_type(record) for record in cited):
            kinds = "; ".join(f"{record_name(r)} is {_weak_type(r)}" for r in cited)
            yield Problem(claim.start, claim.end, linked(
                f"The claim presents as proof what rests on weak evidence: {kinds}", *cited),
                "Cite a controlled trial or systematic review, or word the claim as an "
                "individual report")


def _weak_type(record: Record) -> str | None:
    return next((WEAK_TYPES[kind] for kind in record.publication_types if kind in WEAK_TYPES),
                None)
