r"""Identifiers in one reference that point to different papers.

When a reference gives a PMID and a DOI (or a PMCID) that belong to two different studies, at
least one is wrong, and the reader cannot tell which study the claim rests on. Evidence that
cannot be identified cannot substantiate a claim (FTC; CAP 3.7).

Examples:
    fail: Acupuncture may reduce migraines [1].\n\nReferences\n\n1. Trial T, Fixture AB. SYNTHETIC randomised trial of acupuncture for migraine prevention. Synth J Complement Test Data. 2022;3(2):21-29. PMID: 99001002. doi:10.5555/claimlint.99001004
    pass: Acupuncture may reduce migraines [1].\n\nReferences\n\n1. Trial T, Fixture AB. SYNTHETIC randomised trial of acupuncture for migraine prevention. Synth J Complement Test Data. 2022;3(2):21-29. PMID: 99001002. doi:10.5555/claimlint.99001002
"""  # noqa: E501 (an example is one line: its line breaks are written \n)

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.references.wording import linked, record_name, sentence
from checker.rules.base import Problem

ID = "RF103"
NAME = "conflicting-identifiers"
CATEGORY = "reference"
SEVERITY = "error"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation", "cap-3")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for work in context.works:
        papers = context.records(work)
        if len(papers) > 1:
            names = " and ".join(record_name(paper) for paper in papers)
            yield Problem(work.start, work.end, linked(sentence(
                f"{work.name} gives identifiers of different papers: {names}"), *papers),
                "Keep the identifiers of the study the claim rests on and drop the others")
