r"""A reference-list entry that no marker in the text cites.

A reference list padded with studies no claim cites lends the page an air of evidence it does
not use, and hides which study supports which claim. Tie each claim to its source, or drop
the entry (CAP 3.7: evidence must substantiate the claims actually made). Checked offline.

Examples:
    fail: Acupuncture may reduce migraines [1].\n\nReferences\n\n1. Trial T, Fixture AB. SYNTHETIC randomised trial of acupuncture for migraine prevention. Synth J Complement Test Data. 2022;3(2):21-29.\n2. Cupper N. SYNTHETIC trial of cupping for chronic neck pain. Synth J Complement Test Data. 2023;4(1):31-38.
    pass: Acupuncture may reduce migraines [1] and cupping may ease neck pain [2].\n\nReferences\n\n1. Trial T, Fixture AB. SYNTHETIC randomised trial of acupuncture for migraine prevention. Synth J Complement Test Data. 2022;3(2):21-29.\n2. Cupper N. SYNTHETIC trial of cupping for chronic neck pain. Synth J Complement Test Data. 2023;4(1):31-38.
"""  # noqa: E501 (an example is one line: its line breaks are written \n)

from collections.abc import Iterator

from checker.references.context import ReferenceContext
from checker.rules.base import Problem

ID = "RF110"
NAME = "uncited-entry"
CATEGORY = "reference"
SEVERITY = "info"
SCOPE = "references"
REGULATIONS = ("cap-3",)


def check(context: ReferenceContext) -> Iterator[Problem]:
    for entry in context.uncited_entries:
        yield Problem(entry.start, entry.end,
                      f"Reference {entry.label} is never cited in the text, so no claim is "
                      "tied to it", "Cite it where it supports a claim, or remove it")
