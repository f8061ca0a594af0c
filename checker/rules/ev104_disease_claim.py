"""A supplement, food or device claimed to prevent, treat or cure a disease.

A dietary supplement or food may describe its role in normal body structure or function, but
a claim that it prevents, treats, mitigates or cures a disease makes it an unapproved drug in
the US (21 CFR 101.93(g)); in the EU and UK only authorised health claims are allowed and
no food may claim to treat or cure a disease (Regulation 1924/2006, CAP 15.1). Hedging does
not help: "may help prevent cancer" is a disease claim. A device needs clearance for the
disease it names. The message says what lawful wording looks like.

Examples:
    fail: Our elderberry gummies fight viral infections.
    fail: These capsules may help prevent Alzheimer's disease.
    fail: CBD gummies that shrink tumours.
    pass: Vitamin D contributes to the normal function of the immune system.
    pass: Our capsules are not intended to diagnose, treat, cure or prevent any disease.
"""

import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources

from checker.evidence.model import Condition
from checker.models import Claim
from checker.rules.base import Context, Problem
from checker.rules.evidence import is_disease, judged, product, profile_note

ID = "EV104"
NAME = "disease-claim"
CATEGORY = "evidence"
SEVERITY = "error"
REGULATIONS = ("fda-structure-function", "eu-1924", "cap-15")
PRODUCTS = frozenset({"supplement", "food", "device"})


def check(claim: Claim, context: Context) -> Iterator[Problem]:
    sold = product(claim, context)
    if sold not in PRODUCTS:
        return
    for judgement in judged(claim, context):
        pair = judgement.finding.pair
        if not is_disease(judgement) or (pair is not None and pair.status == "accepted"):
            continue
        named = judgement.finding.named
        lawful = (_body_function(judgement.finding.condition) if sold != "device"
                  else "claim only the use it is cleared or certified for")
        yield Problem(judgement.start, judgement.end,
                      f"a {sold} claimed to act on {named}, a disease: a disease claim, "
                      f"however hedged; {lawful} {profile_note(context)}")
        return


@cache
def _wordings() -> dict[str, str]:
    """Structure/function wording by body system (checker/data/structure_function.toml)."""
    text = resources.files("checker.data").joinpath("structure_function.toml").read_text("utf-8")
    return tomllib.loads(text)


def _body_function(condition: Condition | None) -> str:
    """What a supplement or food may say instead: a normal body function in the disease's
    body system, where there is one."""
    wording = _wordings().get(condition.category) if condition else None
    if wording is None:
        return "describe how it supports a normal body function, and hold evidence for that"
    if not wording:
        return "no structure/function wording can stand in for it: remove the claim"
    return (f"describe a normal body function instead, such as '{wording}' (US, with the FDA "
            "disclaimer; in the EU and UK only an authorised claim for a nutrient it "
            "contains), and hold evidence for that")
