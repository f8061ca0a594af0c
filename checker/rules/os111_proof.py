"""Proof and certainty language about the evidence.

"Clinically proven", "studies have proved", "there is no doubt" tell readers the question is
settled; so do "clinically shown" and, with no study in reach, "studies show". For most
health products it is not, and the FTC expects the strength of the wording to match the
strength of the evidence; CAP 3.7 requires documentary evidence for objective claims, and an
absolute "proven" needs proof of exactly what is claimed.

Examples:
    fail: Dry needling is clinically proven to relieve back pain.
    fail: Studies have proved that cupping reduces neck pain.
    fail: There is no doubt that CBD oil eases anxiety.
    fail: Science confirms that acupuncture prevents migraines.
    fail: The science is clear: cupping relieves back pain.
    fail: Studies show that cupping relieves migraines.
    fail: Our gummies have been clinically shown to curb cravings.
    fail: Our son is living proof that acupuncture helps fertility.
    pass: Some studies suggest acupuncture may reduce how often migraines occur.
    pass: It has not been proven that cupping removes toxins.
    pass: Studies show that cupping relieves migraines (doi:10.5555/example).
    pass: Ask a pharmacist about treatments that have been shown to help.
    pass: Physiotherapy exercises have been shown to reduce knee osteoarthritis pain.
"""

from checker.rules.phrases import phrase_check

ID = "OS111"
NAME = "proof-language"
CATEGORY = "overstated"
SEVERITY = "error"
FAMILY = "proof"
REGULATIONS = ("ftc-substantiation", "cap-3")
check = phrase_check(FAMILY, "'{text}' presents the evidence as settled proof; the strength of "
                     "the wording must match the strength of the evidence")
