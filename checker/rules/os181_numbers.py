"""Large unqualified numbers: "200 percent greater immune function", "used by 2 million".

A big percentage, multiple or head-count sounds like a measured result or proof of
popularity. Without a source the reader cannot tell who measured what, in whom, against
what; the FTC treats such numbers as establishment claims that need the evidence behind
them, and CAP 3.7 requires it. Numbers with a citation in reach, or reported from a named
study or trial, are left to the reference checks.

Examples:
    fail: Red light therapy gives you 200 percent greater collagen production.
    fail: Our curcumin formula cuts joint inflammation by 80%.
    fail: The massage gun makes recovery three times faster.
    fail: Our knee tape is used by over 2 million athletes worldwide.
    fail: Nine out of ten patients feel better after our spinal adjustments.
    pass: In one trial, pain scores fell by 30% more than with sham treatment (doi:10.5555/example).
    pass: Around 1 in 4 adults have back pain at some point.
    pass: In a trial of 135 people, 79% of those given physiotherapy felt better at a year.
    pass: Minor bruising can occur after cupping (15-20% of patients).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.models import Claim
from checker.rules.base import Context, Problem

ID = "OS181"
NAME = "large-unqualified-number"
CATEGORY = "overstated"
SEVERITY = "warning"
REGULATIONS = ("ftc-substantiation", "cap-3")
THRESHOLD_PERCENT = 50
_COMPARISON = (r"\b(?:more|greater|better|faster|higher|stronger|deeper|increase[sd]?"
               r"|improve(?:s|d|ment)?|reduc(?:e[sd]?|tion)|less|lower|fewer|boost(?:s|ed)?"
               r"|effective|absorption|slash(?:es|ed)?|cuts?|by|power|potency|strength)\b(?!\s+(?:common|likely|often))")
_PERCENT = re.compile(r"\b(\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?\s?(?:%|percent\b|per cent\b)")
_MULTIPLE = re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten)"
                       r"(?:\s?x|\s+times|-fold|fold)\b", re.IGNORECASE)
_NEAR_COMPARISON = re.compile(_COMPARISON, re.IGNORECASE)
_HEADCOUNT = re.compile(
    r"\b(?:\d{1,3}(?:,\d{3})+|\d{4,}|\d+(?:\.\d+)?\s?(?:million|thousand|billion))\+?\s+"
    r"(?:\w+\s+)?(?:customers|clients|patients|athletes|users|clinics|treatments|"
    r"sessions|members|practitioners|buyers|orders)\b",
    re.IGNORECASE)
_SHARE = re.compile(  # "94% of customers", "9 out of 10 patients", "a 97% success rate"
    r"\b(?:\d{2,3}\s?(?:%|percent)\s+(?:of\s+)?(?:our\s+)?(?:patients|customers|clients|users|"
    r"people|athletes|women|men)|(?:\d|nine|eight|seven)\s+(?:out\s+)?(?:of|in)\s+(?:10|ten)\s+"
    r"(?:of\s+our\s+)?(?:patients|customers|clients|users|people|athletes|women|men)|"
    r"\d{2,3}\s?(?:%|percent)\s+success(?:\s+rate)?)\b", re.IGNORECASE)
_OUTCOME = re.compile(r"\b(?:see|saw|seen|feel|felt|report|improve|recommend|satisf|result|relief|"
                      r"better|free|success|recover|benefit)", re.IGNORECASE)
_RISK = re.compile(r"\b(?:side|risk|bleed|bruis|sore|adverse|complication|reaction)",
                   re.IGNORECASE)
_STUDY = re.compile(r"\b(?:trial|study|studies|meta-analysis|review|cohort)\b", re.IGNORECASE)


def check(claim: Claim, context: Context) -> Iterator[Problem]:
    if not claim.numbered or claim.citations or _STUDY.search(claim.text):
        return
    for match in _large_numbers(claim.text):
        yield Problem(claim.start + match.start(), claim.start + match.end(),
                      f"'{match.group()}' is a large number stated without a source; cite "
                      "the evidence it comes from or drop it")
        return


def _large_numbers(text: str) -> Iterator[re.Match[str]]:
    """Big percentages and multiples next to a comparison, big head-counts, and shares of
    customers ("9 out of 10 patients")."""
    for match in [*_PERCENT.finditer(text), *_MULTIPLE.finditer(text)]:
        big = match.re is _MULTIPLE or float(match.group(1).replace(",", "")) >= THRESHOLD_PERCENT
        window = text[max(0, match.start() - 40) : match.end() + 40]
        if big and _NEAR_COMPARISON.search(window):
            yield match
    yield from _HEADCOUNT.finditer(text)
    for match in _SHARE.finditer(text):  # a share of customers who got a result, not a risk
        window = text[max(0, match.start() - 60) : match.end() + 60]
        if _OUTCOME.search(window) and not _RISK.search(window):
            yield match
