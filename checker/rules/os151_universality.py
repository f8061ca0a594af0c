"""Universality: works for everyone, anyone, whatever your age or condition.

No treatment helps everyone. Claiming it does is an absolute claim about typical results
(FTC) and an exaggeration (CAP 3.11); it also discourages people for whom the treatment is
wrong from seeking other care.

Examples:
    fail: Acupuncture works for everyone.
    fail: Anyone can benefit from chiropractic adjustments.
    fail: No matter your age, our massage therapy relieves back pain.
    fail: Our supplement supports all kinds of joint pain.
    fail: Our cupping helps with a wide variety of ailments.
    pass: Acupuncture may help some people with tension headaches.
    pass: Chiropractic care is not suitable for everyone.
"""

from checker.rules.phrases import phrase_check

ID = "OS151"
NAME = "universality"
CATEGORY = "overstated"
SEVERITY = "warning"
FAMILY = "universality"
REGULATIONS = ("ftc-endorsements", "cap-3")
check = phrase_check(FAMILY, "'{text}' claims the treatment helps everyone; no treatment does, "
                     "so say who it may help")
