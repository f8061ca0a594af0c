"""Boosting, detox and immune claims stated as fact.

"Boosts your immune system" and "flushes out toxins" describe effects that are rarely
measured and, for detox, have no defined target. Supplements may make structure/function
claims only when substantiated and worded as support (FDA 21 CFR 101.93), and UK rules allow
only authorised health claims for foods. Stated as fact, they overstate.

Examples:
    fail: Our vitamin D gummies boost your immune system.
    fail: Infrared sauna sessions flush out toxins.
    fail: This tea detoxifies your liver.
    fail: Our fat-burning tea melts belly fat.
    fail: Book our Immunity Drip before flu season.
    pass: Vitamin D contributes to the normal function of the immune system.
    pass: Our formula may support immune function as part of a balanced diet.
"""

from checker.rules.phrases import phrase_check

ID = "OS171"
NAME = "boost-or-detox-as-fact"
CATEGORY = "overstated"
SEVERITY = "warning"
FAMILY = "boost"
REGULATIONS = ("fda-structure-function", "cap-12")
check = phrase_check(FAMILY, "'{text}' states a boosting or detox effect as fact; such claims "
                     "need specific evidence and careful 'may support' wording")
