"""Promises that results are typical: "you will feel better", "all our clients see results".

Telling every reader what they will experience, or presenting the best outcomes as what all
customers get, is a typicality claim: the FTC Endorsement Guides require that it reflects
what people generally achieve, and CAP 3.7 requires evidence for it.

Examples:
    fail: After treatment you will feel better and move freely.
    fail: All our patients see results after a course of acupuncture.
    fail: With our probiotic you will notice less bloating.
    fail: 96% of our customers report less pain within two weeks.
    fail: Before and after photos of patients whose knee pain eased.
    pass: Many patients report feeling looser after a session, though results vary.
    pass: During the session you will feel a dull ache where the needle goes in.
    pass: In one trial, more people given physiotherapy felt better (doi:10.5555/example).
    pass: Drink plenty of water before and after your session.
    pass: In the trial, 60% of patients reported less pain.
"""

from checker.rules.phrases import phrase_check

ID = "OS142"
NAME = "typical-results-promise"
CATEGORY = "overstated"
SEVERITY = "warning"
FAMILY = "typicality"
REGULATIONS = ("ftc-endorsements", "cap-3")
check = phrase_check(FAMILY, "'{text}' promises every reader a result; say what results are "
                     "typical and that they vary")
