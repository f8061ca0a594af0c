"""Claims to cure, eliminate or end a condition.

A cure claim promises the complete removal of a condition. Regulators treat it as the
strongest health claim there is: it needs competent and reliable scientific evidence of that
complete effect (FTC), and UK ads may not claim to cure a medical condition at all unless the
product is a licensed medicine (CAP 12.1, 12.2). A hedged claim about relief is what the
evidence for most therapies supports. A hedge does not soften a cure ("may eliminate", "may
help cure"): the reader still hears the promise of a complete effect.

Examples:
    fail: Dry needling eliminates back pain.
    fail: Our chiropractic adjustments cure sciatica.
    fail: After three cupping sessions I was completely pain-free.
    fail: This formula will get rid of joint pain.
    fail: Our tincture makes joint pain a thing of the past.
    fail: A single session may reduce or eliminate arthritis pain.
    fail: Nature's answer to aching joints.
    pass: Dry needling may help reduce back pain in some patients.
    pass: Cupping does not cure arthritis.
    pass: Can acupuncture cure migraines?
    pass: Be wary of clinics that claim acupuncture cures migraines.
"""

from checker.rules.phrases import phrase_check

ID = "OS101"
NAME = "cure-claim"
CATEGORY = "overstated"
SEVERITY = "error"
FAMILY = "cure"
REGULATIONS = ("cap-12", "ftc-substantiation")
check = phrase_check(FAMILY, "'{text}' claims a cure or complete elimination; cure claims "
                     "need proof of that complete effect and are barred for medical conditions "
                     "in UK ads: say what relief the evidence supports")
