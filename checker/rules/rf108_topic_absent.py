"""A claim about a treatment or condition its cited study never mentions.

A citation lends a claim the authority of research only if the research is about the claim:
a trial of acupuncture for migraine does not support cupping for neck pain. The rule looks for
the claim's intervention and condition (as lemmas, any case, MeSH headings included) in the
title, MeSH terms and abstract of each study it cites, and fires when one of them appears in
none. Evidence must be relevant to the specific claim (FTC); CAP 3.7.

Examples:
    fail: Cupping may ease neck pain (PMID 99001002).
    fail: Acupuncture may ease neck pain (PMID 99001002).
    pass: Acupuncture may reduce migraines (PMID 99001002).
    pass: Acupuncture treatments may reduce migraine frequency (PMID 99001002).
"""

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.references.topics import is_indexed, mentions
from checker.references.wording import linked, record_name
from checker.rules.base import Problem

ID = "RF108"
NAME = "topic-absent-from-source"
CATEGORY = "reference"
SEVERITY = "warning"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation", "cap-3")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for claim in context.claims:
        cited = [record for _, record in context.cited(claim) if is_indexed(record)]
        terms = [term for term in (claim.intervention, claim.condition) if term]
        absent = [term for term in terms if cited and not any(mentions(r, term) for r in cited)]
        if absent:
            names = ", ".join(record_name(record) for record in cited)
            yield Problem(claim.start, claim.end, linked(
                f"The claim is about {' and '.join(repr(t) for t in absent)}, which the title, "
                f"MeSH terms and abstract of {names} never mention", *cited),
                "Cite a study of this treatment for this condition")
