r"""A reference whose title, first author, year or journal differ from the record.

A reference that names one paper and links another misleads the reader who checks it, and
is a common trace of citations assembled from memory or invented outright. The comparison
forgives form (case, punctuation, accents, a dropped subtitle, "J Man Manip Ther" for "The
Journal of manual & manipulative therapy") but not substance: another year, surname or journal
is a mismatch. Evidence must be identified accurately to substantiate a claim (FTC; CAP 3.7).

Examples:
    fail: Spinal manipulation may ease low back pain [1].\n\nReferences\n\n1. Fernandez-Nunez L, Example C. SYNTHETIC trial of spinal manipulation for chronic low back pain. J Man Manip Ther. 2017;27(2):101-109. PMID: 99001003
    fail: Spinal manipulation may ease low back pain [1].\n\nReferences\n\n1. Smith J, Example C. SYNTHETIC trial of spinal manipulation for chronic low back pain. J Man Manip Ther. 2019;27(2):101-109. PMID: 99001003
    pass: Spinal manipulation may ease low back pain [1].\n\nReferences\n\n1. Fernandez-Nunez L, Example C. SYNTHETIC trial of spinal manipulation for chronic low back pain. J Man Manip Ther. 2019;27(2):101-109. PMID: 99001003
    pass: Spinal manipulation may ease low back pain [1].\n\nReferences\n\n1. Fernández-Núñez L, Example C. Synthetic trial of spinal manipulation for chronic low-back pain. Journal of Manual and Manipulative Therapy. 2019;27(2):101-109. PMID: 99001003
"""  # noqa: E501 (an example is one line: its line breaks are written \n)

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.references.matching import mismatches
from checker.references.wording import linked, record_name, sentence
from checker.rules.base import Problem

ID = "RF104"
NAME = "metadata-mismatch"
CATEGORY = "reference"
SEVERITY = "warning"
SCOPE = "references"
REGULATIONS = ("ftc-substantiation", "cap-3")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for work in context.works:
        record = context.record(work)
        if record is None or work.described is None:
            continue
        wrong = mismatches(work.described, record)
        if wrong:
            yield Problem(work.start, work.end, linked(sentence(
                f"{work.name} does not match {record_name(record)}: {'; '.join(wrong)}"),
                record), "Copy the reference details from the record")
