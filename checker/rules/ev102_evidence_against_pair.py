"""A treatment claimed to help a condition the evidence says it does not help.

When systematic reviews find no benefit, or a regulator has ruled such claims misleading
(the evidence map's status `against`: ASA rulings, FTC and FDA actions), claiming the
benefit misleads however it is hedged (CAP 3.1, 3.7; FTC Act section 5). The message names
the ruling or review and what the evidence does support.

Examples:
    fail: Chiropractic adjustments keep your immune system strong.
    fail: Homeopathy may help with migraines.
    fail: Our CBD oil can help shrink tumours.
    pass: Our CBD oil is sold as a food supplement.
    pass: The FTC has taken action against sellers who claimed CBD treats cancer.
"""

from collections.abc import Iterator

from checker.models import Claim
from checker.rules.base import Context, Problem
from checker.rules.ev101_unsupported_pair import pair_problems

ID = "EV102"
NAME = "evidence-against-pair"
CATEGORY = "evidence"
SEVERITY = "error"
REGULATIONS = ("cap-3", "ftc-substantiation")


def check(claim: Claim, context: Context) -> Iterator[Problem]:
    yield from pair_problems(claim, context, "against",
                             "reviews find no benefit or a regulator has ruled such claims "
                             "misleading")
