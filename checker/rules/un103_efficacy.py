"""Efficacy claims stated without qualification or source.

A plain statement that a treatment relieves, treats or prevents a condition is an objective
claim: the FTC requires competent and reliable scientific evidence for it and CAP 3.7 requires
that evidence to be held. Hedged claims ("may help") still need evidence but read as the
opinion they are; plain and absolute ones should cite it.

Examples:
    fail: Acupuncture relieves tension headaches.
    fail: Our chiropractic adjustments treat sciatica.
    pass: Acupuncture relieves tension headaches (doi:10.5555/example).
    pass: Acupuncture may help some people with tension headaches.
"""

from checker.rules.unsupported import uncited

ID = "UN103"
NAME = "efficacy-without-source"
CATEGORY = "unsupported"
SEVERITY = "warning"
REGULATIONS = ("ftc-substantiation", "cap-3")
check = uncited(frozenset({"efficacy", "conditions-treated", "comparison", "speed"}),
                "states an effect on a condition with no citation in reach; cite the evidence "
                "or qualify the claim", frozenset({"plain", "absolute"}))
