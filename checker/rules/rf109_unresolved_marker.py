r"""A citation marker with no reference entry to resolve to.

A footnote ``[4]`` with no fourth reference, or a ``[@key]`` the bibliography lacks, looks
like evidence and leads nowhere; readers and reviewers cannot check the claim (CAP 3.7: the
marketer must hold, and be able to show, the evidence). Checked offline.

Examples:
    fail: Acupuncture may reduce migraines [2].\n\nReferences\n\n1. Trial T, Fixture AB. SYNTHETIC randomised trial of acupuncture for migraine prevention. Synth J Complement Test Data. 2022;3(2):21-29.
    pass: Acupuncture may reduce migraines [1].\n\nReferences\n\n1. Trial T, Fixture AB. SYNTHETIC randomised trial of acupuncture for migraine prevention. Synth J Complement Test Data. 2022;3(2):21-29.
"""  # noqa: E501 (an example is one line: its line breaks are written \n)

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.rules.base import Problem

ID = "RF109"
NAME = "unresolved-marker"
CATEGORY = "reference"
SEVERITY = "warning"
SCOPE = "references"
REGULATIONS = ("cap-3", "ftc-substantiation")


def check(context: ReferenceContext) -> Iterator[Problem]:
    for marker in context.unresolved_markers:
        written = context.text[marker.start:marker.end]
        missing = ("a key the bibliography does not have" if marker.style == "citekey"
                   else "a number the reference list does not have")
        yield Problem(marker.start, marker.end,
                      f"Citation {written} names {missing}, so the claim's source cannot be "
                      "found", "Add the missing reference or correct the marker")
