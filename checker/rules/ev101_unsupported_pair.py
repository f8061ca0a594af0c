"""A treatment claimed to help a condition it has no good evidence for.

A claim is judged by what it says: when systematic reviews and regulators find no good
evidence that a treatment helps a condition (the evidence map's status `insufficient`), any
claim that it does is unsubstantiated, however politely it is worded. UK CAP rejects "may
help boost immunity" for chiropractic just as it rejects "boosts immunity" (CAP 3.7, 12.1),
and the FTC requires competent and reliable scientific evidence for the specific pair. The
message names the sources and what the evidence does support.

Examples:
    fail: Our chiropractors can treat infant colic.
    fail: Probiotics may help boost your immune system.
    fail: Kinesiology tape relieves low back pain.
    pass: Chiropractic may help relieve low back pain.
    pass: There is no good evidence that chiropractic helps infant colic.
    pass: Can chiropractic help with colic?
"""

from collections.abc import Iterator

from checker.models import Claim
from checker.rules.base import Context, Problem
from checker.rules.evidence import judged, reports_evidence, sources, supported

ID = "EV101"
NAME = "no-evidence-for-pair"
CATEGORY = "evidence"
SEVERITY = "warning"
REGULATIONS = ("cap-3", "cap-12", "ftc-substantiation")
STATUS = "insufficient"


def check(claim: Claim, context: Context) -> Iterator[Problem]:
    if not reports_evidence(claim):
        yield from pair_problems(claim, context, STATUS, "there is no good evidence for it")


def pair_problems(claim: Claim, context: Context, status: str, verdict: str
                  ) -> Iterator[Problem]:
    """One problem per condition of the claim whose pair has ``status``."""
    for judgement in judged(claim, context):
        pair = judgement.finding.pair
        if pair is None or pair.status != status or judgement.finding.intervention is None:
            continue
        intervention = judgement.finding.intervention
        instead = supported(intervention, context.profile.jurisdiction)
        message = (f"{intervention.name} for {judgement.finding.named}: {verdict} "
                   f"({sources(pair)})")
        message += (f"; the evidence supports {intervention.name} for {instead}" if instead
                    else f"; the evidence supports no claim for {intervention.name}")
        yield Problem(judgement.start, judgement.end, message)
