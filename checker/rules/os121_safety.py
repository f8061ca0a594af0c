"""Absolute safety claims.

Every treatment that does something can have side effects: needles bruise, supplements
interact with medicines, CBD can cause drowsiness. "Completely safe", "no side effects",
"risk-free", "painless" and "non-addictive" deny that, and the FTC and CAP 12 treat
unqualified safety claims as claims that must be substantiated like any other; for
medicines-like products they are not acceptable at all.

Examples:
    fail: Dry needling is completely safe.
    fail: Our CBD oil has no side effects.
    fail: Cupping is a painless, risk-free therapy.
    fail: Unlike pain medication, our tincture is non-addictive.
    fail: Our gummies are safe for children and pregnant women.
    fail: Our gummies are safe alongside any medication.
    pass: Dry needling is generally considered safe when performed by a trained clinician.
    pass: Mild soreness and bruising can occur after cupping.
"""

from checker.rules.phrases import phrase_check

ID = "OS121"
NAME = "absolute-safety"
CATEGORY = "overstated"
SEVERITY = "error"
FAMILY = "safety"
REGULATIONS = ("cap-12", "ftc-substantiation")
check = phrase_check(FAMILY, "'{text}' is an absolute safety claim; every effective treatment "
                     "has possible side effects, so name the common ones instead")
