"""Large unqualified numbers: "200 percent greater immune function", "cuts pain by 80%".

A big percentage or multiple sounds like a measured result. Without a source the reader
cannot tell who measured what, in whom, against what; the FTC treats such numbers as
establishment claims that need the study behind them, and CAP 3.7 requires the evidence.
Numbers with a citation in reach are left to the reference checks.

Examples:
    fail: Red light therapy gives you 200 percent greater collagen production.
    fail: Our curcumin formula cuts joint inflammation by 80%.
    fail: The massage gun makes recovery three times faster.
    pass: In one trial, pain scores fell by 30% more than with sham treatment (doi:10.5555/example).
    pass: Around 1 in 4 adults have back pain at some point.
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


def check(claim: Claim, context: Context) -> Iterator[Problem]:
    if claim.citations:
        return
    for match in _numbers(claim.text):
        window = claim.text[max(0, match.start() - 40) : match.end() + 40]
        if _NEAR_COMPARISON.search(window):
            start = claim.start + match.start()
            yield Problem(start, claim.start + match.end(),
                          f"'{match.group()}' is a large number stated without a source; cite "
                          "the study it comes from or drop it")
            return


def _numbers(text: str) -> Iterator[re.Match[str]]:
    for match in _PERCENT.finditer(text):
        if float(match.group(1).replace(",", "")) >= THRESHOLD_PERCENT:
            yield match
    yield from _MULTIPLE.finditer(text)
