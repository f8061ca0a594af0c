"""Biological mechanisms stated as established fact that the evidence does not show.

"Regrows nerve cells", "recharges your mitochondria", "flushes out heavy metals",
"subluxations block nerve flow", "unblocks your energy": copy that explains a benefit with a
mechanism presents it as settled science. Regulators require the mechanism, like the effect,
to be substantiated (FTC: claims about how a product works need the same competent and
reliable scientific evidence; CAP 3.7), and the ASA has repeatedly ruled pseudo-mechanisms
(detox, subluxation, energy flow) misleading. Remove the mechanism, or cite the evidence for
it in people.

Examples:
    fail: Lion's mane regrows nerve cells.
    fail: NAD+ infusions recharge your exhausted cells.
    fail: Our chelation drip binds heavy metals and flushes them out.
    fail: Subluxations interfere with your nervous system.
    fail: Your nervous system controls every cell in your body.
    fail: Our elderberry syrup is nature's antiviral.
    fail: Viruses cannot survive in an oxygen-rich body.
    fail: Elderberry is an antiviral.
    fail: A misaligned spine creates interference in the messages from your brain.
    pass: Lion's mane may support normal cognitive function in some adults.
    pass: There is no evidence that subluxations cause disease.
    pass: Elderberry extract showed antiviral properties in laboratory studies.
    pass: Oseltamivir is an antiviral medicine.
    pass: A local anaesthetic injection blocks pain signals from the nerve.
"""

from checker.rules.phrases import phrase_check

ID = "OS172"
NAME = "pseudo-mechanism"
CATEGORY = "overstated"
SEVERITY = "warning"
FAMILY = "mechanism"
REGULATIONS = ("ftc-substantiation", "cap-3")
check = phrase_check(FAMILY, "'{text}' states a biological mechanism as fact that the "
                     "evidence does not show; remove it or cite evidence in people")
