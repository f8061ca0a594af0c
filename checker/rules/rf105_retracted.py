"""A cited study that has been retracted.

A retracted paper has been withdrawn by its journal because its findings cannot be relied
on (Wakefield 1998, PMID 9500320, is the best known). It substantiates nothing: citing it for
a health claim is relying on evidence known to be unreliable (FTC; CAP 3.7). PubMed marks
retracted publications and links their notices; Crossref records retractions as updates.

Examples:
    fail: A study linked the MMR vaccine to bowel disease (PMID 9500320).
    fail: A made-up supplement was tested in a trial (doi:10.5555/claimlint.crossref-retracted).
    pass: Acupuncture may reduce migraine frequency (PMID 99001002).
"""

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.references.wording import about, linked, notices, sentence
from checker.rules.base import Problem

ID = "RF105"
NAME = "retracted-study"
CATEGORY = "reference"
SEVERITY = "error"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation", "cap-3")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for work in context.works:
        for record in context.records(work):
            if record.retracted:
                notice = notices(record.retraction_notices) or "marked retracted"
                yield Problem(work.start, work.end, linked(sentence(
                    f"{about(work, record)} has been retracted (notice: {notice}); a "
                    "retracted study supports no claim"), record),
                    "Remove the citation and any claim that rests on it")
