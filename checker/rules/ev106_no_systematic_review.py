"""A treatment-condition pair with no systematic review in PubMed at all.

Online only. When the evidence map has no entry for a pair, claimlint searches PubMed for
systematic reviews and meta-analyses that name both the treatment and the condition. If there
are none, the claim rests on no synthesised evidence: regulators expect a health claim to be
backed by the totality of good evidence (FTC), held before the ad runs (CAP 3.7). The
message links the search so the writer can see it for themselves.

Examples:
    fail: Quillfield resonance clears sinus congestion.
    pass: Acupuncture may help prevent migraines.
"""

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.rules.base import Problem

ID = "EV106"
NAME = "no-systematic-review"
CATEGORY = "evidence"
SEVERITY = "warning"
SCOPE = "reviews"
REGULATIONS = ("ftc-substantiation", "cap-3")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for question, answer in context.reviews:
        if getattr(answer, "count", None) == 0:
            yield Problem(question.start, question.end,
                          f"no systematic review or meta-analysis in PubMed names both "
                          f"{question.treatment} and {question.condition} ({answer.link}); "
                          f"hold good evidence before claiming the effect")
