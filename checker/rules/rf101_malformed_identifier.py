"""A DOI, PMID or PMCID that is not well formed.

An identifier that cannot exist (``doi:11.1000/x``, ``PMID 12a45``) sends a reader who checks
the citation nowhere, and leaves the claim it supports with no findable evidence. The FTC
expects cited evidence to exist and be identifiable; CAP 3.7 requires the advertiser to hold
it. Checked offline, from the identifier's shape alone.

Examples:
    fail: Acupuncture may reduce migraine frequency (doi:11.5555/claimlint.99001002).
    fail: Acupuncture may reduce migraine frequency (PMID: 99OO1OO2).
    pass: Acupuncture may reduce migraine frequency (doi:10.5555/claimlint.99001002).
    pass: Acupuncture may reduce migraine frequency (PMID: 99001002).
"""

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.references.works import ID_NAMES
from checker.rules.base import Problem

ID = "RF101"
NAME = "malformed-identifier"
CATEGORY = "reference"
SEVERITY = "error"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation", "cap-3")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for work in context.works:
        for identifier in work.identifiers:
            if not identifier.valid:
                where = "" if work.described is None else f" in {work.name}"
                yield Problem(identifier.start, identifier.end,
                              f"'{identifier.raw}'{where} is not a well-formed "
                              f"{ID_NAMES[identifier.kind]} ({identifier.problem}), so no one "
                              "can look the study up",
                              "Copy the identifier from the study's PubMed or journal page")
