"""A treatment-condition pair the evidence map does not know.

Off by default (select EV105 to see it): claimlint cannot judge a pair it holds no evidence
for, and says so instead of staying silent. Hold the evidence (a systematic review or a
regulator's position) and add it to your team's evidence map (`evidence` in config), or cite
it in the copy.

Examples:
    fail: Acupuncture improves eyesight.
    pass: Acupuncture may help prevent migraines.
"""

from collections.abc import Iterator

from checker.models import Claim
from checker.rules.base import Context, Problem
from checker.rules.evidence import judged

ID = "EV105"
NAME = "unmapped-pair"
CATEGORY = "evidence"
SEVERITY = "info"
REGULATIONS = ("cap-3", "ftc-substantiation")
DEFAULT = False  # opt-in: select = ["EV105"]


def check(claim: Claim, context: Context) -> Iterator[Problem]:
    if claim.citations:
        return
    for judgement in judged(claim, context):
        if judgement.finding.pair is None and judgement.finding.intervention is not None:
            yield Problem(judgement.start, judgement.end,
                          f"no evidence entry for {judgement.finding.intervention.name} and "
                          f"{judgement.finding.named}: hold evidence or cite a systematic review")
            return
