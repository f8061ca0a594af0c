"""Promises of permanent or guaranteed results.

"For good", "permanently", "guaranteed" and "100% effective" promise an outcome no
treatment can promise every person. The FTC treats such absolute claims as requiring
evidence of that very effect, and the CAP Code forbids exaggeration (3.11) and claims that
cannot be substantiated (3.7).

Examples:
    fail: Shockwave therapy fixes tendon pain for good.
    fail: Our acupuncture is 100% effective against migraines.
    fail: Relief from back pain is guaranteed with our adjustments.
    fail: Cupping permanently relieves muscle tension.
    pass: Many patients report lasting relief from neck pain after a course of treatment.
    pass: We cannot guarantee that massage will relieve your back pain.
"""

from checker.rules.phrases import phrase_check

ID = "OS102"
NAME = "permanent-or-guaranteed"
CATEGORY = "overstated"
SEVERITY = "error"
FAMILY = "permanence"
REGULATIONS = ("cap-3", "ftc-substantiation")
check = phrase_check(FAMILY, "'{text}' promises a permanent or guaranteed result that no "
                     "treatment can promise everyone; describe typical, time-limited outcomes")
