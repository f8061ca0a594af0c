"""What PubMed's systematic reviews say about a pair the evidence map lacks.

Off by default (select EV107). Online, for a treatment-condition pair the map has no entry
for, claimlint reports how many systematic reviews and meta-analyses name both, the newest
three, and whether their conclusions are tentative ("may", "further research is needed"), so
the writer can word the claim as the evidence does (CAP 3.7, FTC substantiation).

Examples:
    fail: Acupuncture improves eyesight.
    pass: Acupuncture may help prevent migraines.
"""

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.rules.base import Problem

ID = "EV107"
NAME = "systematic-reviews-found"
CATEGORY = "evidence"
SEVERITY = "info"
SCOPE = "reviews"
REGULATIONS = ("ftc-substantiation", "cap-3")
DEFAULT = False
TENTATIVE = frozenset({"none", "correlational", "conditional"})


def check(context: ReferenceContext) -> Iterator[Problem]:
    for question, answer in context.reviews:
        count = getattr(answer, "count", 0)
        if not count:
            continue
        newest = "; ".join(f"PMID {r.pmid} ({r.year}) {r.title}" for r in answer.newest)
        grades = [context.strength_of(s) for r in answer.newest
                  for s in r.conclusion_sentences] if context.strength_of else []
        verdict = ("their conclusions are tentative" if grades and all(
            g in TENTATIVE for g in grades) else "some conclude firmly" if grades else
            "their conclusions were not available")
        yield Problem(question.start, question.end,
                      f"{count} systematic review(s) in PubMed name {question.treatment} and "
                      f"{question.condition}; newest: {newest}; {verdict} ({answer.link})")
