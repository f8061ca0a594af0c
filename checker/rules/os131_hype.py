"""Hype: miracle, wonders, revolutionary, life-changing.

Superlatives and miracle language exaggerate what a treatment does (CAP 3.11) and, for health
products, imply effects nobody has measured. They add no information a reader could check.

Examples:
    fail: Cupping is a miracle cure for back pain.
    fail: Dry needling can do wonders for chronic neck pain.
    fail: Our revolutionary massage gun speeds up muscle recovery.
    fail: Patients see mind-blowing results in pain relief.
    fail: This powerful formula brings relief from joint pain.
    pass: Massage guns may help reduce muscle soreness after exercise.
    pass: Cupping is not a miracle cure.
"""

from checker.rules.phrases import phrase_check

ID = "OS131"
NAME = "hype"
CATEGORY = "overstated"
SEVERITY = "warning"
FAMILY = "hype"
REGULATIONS = ("cap-3",)
check = phrase_check(FAMILY, "'{text}' is hype that exaggerates the effect; describe the "
                     "benefit the evidence shows in plain words")
