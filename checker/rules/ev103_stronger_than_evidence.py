"""A claim worded more strongly than the evidence for its pair allows.

Where systematic reviews find a modest or uncertain benefit (the evidence map's status
`some`), the claim must be hedged to match: "may help" is supported, "relieves", "is
effective for" and "proven" are not (CAP 3.7 and 3.11, FTC: the claim's strength must match
the evidence's). Where a regulator accepts the claim (`accepted`), it may be stated plainly
but never as certain or complete ("cures", "guaranteed"). The suggestion uses the wording the
evidence supports.

Examples:
    fail: Shockwave therapy relieves knee osteoarthritis pain.
    fail: Massage therapy cures fibromyalgia.
    pass: Shockwave therapy may help relieve knee osteoarthritis pain.
    pass: Shockwave therapy does not relieve knee osteoarthritis pain for everyone.
"""

from collections.abc import Iterator

from checker.models import Claim
from checker.rules.base import Context, Problem
from checker.rules.evidence import judged, reports_evidence, sources

ID = "EV103"
NAME = "stronger-than-evidence"
CATEGORY = "evidence"
SEVERITY = "warning"
REGULATIONS = ("cap-3", "ftc-substantiation")
# How strongly each status lets a claim be worded (certainty levels, weakest first)
ALLOWED = {"some": ("hedged",), "accepted": ("hedged", "plain")}


def check(claim: Claim, context: Context) -> Iterator[Problem]:
    if reports_evidence(claim) or claim.kind in ("mechanism", "evidence", "conditions-treated"):
        # a list of what a clinic treats states no size of effect to be too strong
        return
    for judgement in judged(claim, context):
        pair = judgement.finding.pair
        if pair is None or pair.status not in ALLOWED or claim.certainty in ALLOWED[pair.status]:
            continue
        evidence = ("systematic reviews find a modest or uncertain benefit" if
                    pair.status == "some" else "regulators accept the claim, but not as certain")
        message = (f"{pair.intervention} for {judgement.finding.named}: {evidence} "
                   f"({sources(pair)}); the claim is {claim.certainty}")
        if pair.supports:
            message += f"; the evidence supports '{pair.supports}'"
        suggestion = _sentence(claim.intervention or pair.intervention, pair.supports)
        yield Problem(judgement.start, judgement.end, message, suggestion,
                      (claim.start, claim.end) if suggestion else None)
        return  # one rewording per claim


_MODALS = frozenset({"may", "can", "could", "might", "will", "helps", "is", "are", "has"})


def _sentence(subject: str, supports: str) -> str | None:
    """The wording the evidence supports as a sentence about the claim's subject: a verb
    phrase ("may ease ...") follows the subject, a noun phrase ("a relaxing therapy") is what
    the subject is, and a clause with a subject of its own ("in small trials, vinegar ...")
    stands alone."""
    if not supports:
        return None
    first = supports.split(maxsplit=1)[0].lower()
    if first in _MODALS:
        text = f"{subject} {supports}"
    elif first in ("a", "an"):
        text = f"{subject} is {supports}"
    else:
        text = supports
    return f"{text[:1].upper()}{text[1:]}."
