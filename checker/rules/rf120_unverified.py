"""A citation that could not be checked against PubMed or Crossref.

Offline runs answer from the cache only; a network failure, a service error or the run's
time budget can leave a lookup unanswered. The citation is not wrong for that: it is
unchecked, and the other reference rules say nothing about it. Run again online before
relying on it (FTC: the marketer must have checked the evidence it cites).

Examples:
    fail: Acupuncture may reduce migraine frequency (doi:10.5555/claimlint.unavailable).
    pass: Acupuncture may reduce migraine frequency (doi:10.5555/claimlint.99001002).
"""

from collections.abc import Iterator

from checker.pubmed import Unverified
from checker.references.context import ReferenceContext
from checker.references.wording import cited_as, identifier_url, sentence
from checker.rules.base import Problem

ID = "RF120"
NAME = "unverified-citation"
CATEGORY = "reference"
SEVERITY = "info"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation",)


def check(context: ReferenceContext) -> Iterator[Problem]:
    for work in context.works:
        for outcome in context.outcomes(work):
            if not isinstance(outcome.result, Unverified):
                continue
            found = outcome.identifier
            if found:  # at the identifier, ending with where to try it by hand
                start, end, subject = found.start, found.end, cited_as(work, found)
                where = f": {identifier_url(found)}"
            else:  # a reference looked up by its details
                start, end, subject, where = work.start, work.end, work.name, ""
            yield Problem(start, end, sentence(
                f"{subject} could not be checked against PubMed or Crossref "
                f"({outcome.result.reason}){where}"), "Run again online to verify it")
