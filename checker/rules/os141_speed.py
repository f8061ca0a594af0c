"""Promises of fast results: instant, immediate, after one session.

How fast a treatment works varies from person to person; a promise of immediate relief is a
claim about typical results that needs evidence that most people get them (FTC Endorsement
Guides on typical results; CAP 3.7 and 3.11).

Examples:
    fail: Acupuncture gives instant relief from migraines.
    fail: Our patients feel better after just one session of dry needling.
    fail: The massage gun relieves muscle soreness immediately.
    fail: Red light therapy clears acne in just days.
    fail: Our fast-acting balm relieves muscle aches.
    fail: Lose up to 10 lbs in 14 days with our slimming tea.
    pass: Some people notice less stiffness after a few sessions of dry needling.
    pass: Relief from neck pain usually takes several weeks of treatment.
"""

from checker.rules.phrases import phrase_check

ID = "OS141"
NAME = "speed-promise"
CATEGORY = "overstated"
SEVERITY = "warning"
FAMILY = "speed"
REGULATIONS = ("ftc-endorsements", "cap-3")
check = phrase_check(FAMILY, "'{text}' promises fast results; how quickly a treatment works "
                     "varies, so say what is typical and that results vary")
