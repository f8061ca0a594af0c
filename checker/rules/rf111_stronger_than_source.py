"""A claim stated more strongly than the studies it cites conclude.

The claim and the conclusion sentences of each cited abstract are graded on one scale
(none, correlational, conditional, causal, absolute; Sumner et al. 2014, BMJ). A claim may
go no further than the strongest conclusion it cites: "acupuncture prevents migraines"
cannot rest on authors who conclude it "may reduce migraine frequency", an association
cannot be reported as a cause, and nothing can be stated as certain or total ("always",
"proven") on a single trial's result. The rule also flags an animal or cell study cited
for an effect in people, and one study cited for what "studies show". The message quotes the
claim's strength and the source's sentence (CAP 3.11 exaggeration, 3.7 substantiation; FTC:
claims must match the level of support).

Examples:
    fail: Acupuncture prevents migraines (PMID 99001002).
    fail: Acupuncture is proven to prevent migraines (PMID 99001002).
    fail: Spinal manipulation always relieves chronic low back pain (PMID 99001003).
    fail: Curcumin protects your knee cartilage (PMID 99001005).
    fail: Studies show cupping relieves neck pain (PMID 99001004).
    pass: Acupuncture may help prevent migraines (PMID 99001002).
    pass: Spinal manipulation relieved chronic low back pain in one trial (PMID 99001003).
    pass: In mice, curcumin reduced cartilage loss (PMID 99001005).
"""

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.references.strength import (
    about_people,
    claims_a_body_of_evidence,
    non_human,
    rank,
    strongest,
    synthesis,
)
from checker.references.wording import linked, record_name
from checker.rules.base import Problem

ID = "RF111"
NAME = "stronger-than-source"
CATEGORY = "reference"
SEVERITY = "warning"
SCOPE = "references"
REGULATIONS = ("cap-3", "ftc-substantiation")


def check(context: ReferenceContext) -> Iterator[Problem]:
    if context.strength_of is None:
        return
    for claim in context.claims:
        records = [record for _, record in context.cited(claim)]
        if not records:
            continue
        problem = (_stronger(claim, records, context) or _species(claim, records)
                   or _one_study(claim, records))
        if problem:
            yield problem


def _stronger(claim, records, context) -> Problem | None:
    graded = [g for r in records if (g := strongest(r, context.strength_of))]
    if not graded:
        return None
    best = max(graded, key=lambda g: rank(g.strength))
    if rank(claim.strength) <= rank(best.strength):
        return None
    return Problem(claim.start, claim.end, linked(
        f"The claim is {claim.strength}; the strongest conclusion it cites is "
        f"{best.strength}: {record_name(best.record)} concludes \"{best.sentence}\"",
        *records), "Word the claim as the study concludes (\"may\", \"was associated with\")")


def _species(claim, records) -> Problem | None:
    animal = [r for r in records if non_human(r)]
    if not animal or len(animal) < len(records) or not about_people(claim):
        return None
    return Problem(claim.start, claim.end, linked(
        "The claim speaks of an effect in people but cites only animal or cell studies: "
        + "; ".join(f"{record_name(r)}" for r in animal), *animal),
        "Say the result was in animals or cells, or cite a study in people")


def _one_study(claim, records) -> Problem | None:
    if len(records) != 1 or not claims_a_body_of_evidence(claim) or synthesis(records[0]):
        return None
    return Problem(claim.start, claim.end, linked(
        f"The claim speaks of a body of evidence but cites one study, "
        f"{record_name(records[0])}", *records),
        "Say \"one trial found\", or cite a systematic review")
