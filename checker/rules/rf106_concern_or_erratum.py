"""A cited study under an expression of concern, or corrected by an erratum.

An expression of concern means the journal doubts the work but has not (yet) retracted it; an
erratum may change the very result the copy relies on. Either way the claim needs a second
look before it can stand on that study (FTC: evidence must remain reliable; CAP 3.7).
Retracted studies are RF105's and are not reported again here.

Examples:
    fail: Cupping may ease neck pain (PMID 99001004).
    fail: Stimulant exposure harms neurons in mice (doi:10.1371/journal.pone.0033693).
    pass: Acupuncture may reduce migraine frequency (PMID 99001002).
"""

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.references.wording import about, linked, notices, sentence
from checker.rules.base import Problem

ID = "RF106"
NAME = "concern-or-erratum"
CATEGORY = "reference"
SEVERITY = "warning"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation", "cap-3")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for work in context.works:
        for record in context.records(work):
            if record.retracted:
                continue
            notes = []
            if record.expressions_of_concern:
                notes.append(f"an expression of concern ({notices(record.expressions_of_concern)})")
            if record.errata:
                notes.append(f"an erratum ({notices(record.errata)})")
            if notes:
                yield Problem(work.start, work.end, linked(sentence(
                    f"{about(work, record)} has {' and '.join(notes)}; check that the "
                    "finding the copy relies on still stands"), record),
                    "Read the notice and reword or drop the claim if it changed the finding")
