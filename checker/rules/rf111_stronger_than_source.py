"""An absolute claim resting on studies whose conclusions are tentative.

"Proven to prevent migraines" cannot rest on authors who conclude that acupuncture "may
reduce migraine frequency" and that "further research is needed": the claim overstates its
own evidence (CAP 3.11 exaggeration, 3.7 substantiation; FTC: claims must match the level of
support). The rule compares absolute or proof/cure claims with the conclusion sentences of
each study cited, and fires when every conclusion is hedged.

Examples:
    fail: Acupuncture is proven to prevent migraines (PMID 99001002).
    fail: Acupuncture is guaranteed to stop migraines (PMID 99001002).
    pass: Acupuncture may help prevent migraines (PMID 99001002).
    pass: Spinal manipulation always relieves chronic low back pain (PMID 99001003).
"""

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.references.strength import categorical, tentative_conclusion
from checker.references.wording import linked, record_name
from checker.rules.base import Problem

ID = "RF111"
NAME = "stronger-than-source"
CATEGORY = "reference"
SEVERITY = "warning"
SCOPE = "references"
REGULATIONS = ("cap-3", "ftc-substantiation")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for claim in context.claims:
        if not categorical(claim):
            continue
        concluding = [r for _, r in context.cited(claim) if r.conclusion_sentences]
        hedged = [(r, found) for r in concluding if (found := tentative_conclusion(r))]
        if concluding and len(hedged) == len(concluding):
            quotes = "; ".join(f"{record_name(r)} concludes \"{text}\" ('{cue}')"
                               for r, (text, cue) in hedged)
            yield Problem(claim.start, claim.end, linked(
                f"The claim states as certain what its sources conclude only tentatively: "
                f"{quotes}", *concluding),
                "Word the claim as the study does (\"may\", \"early research suggests\")")
