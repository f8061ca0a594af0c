"""Endorsements by experts or organisations with no source.

"Recommended by doctors" or "endorsed by the physiotherapy association" borrow authority. The
FTC Endorsement Guides require expert endorsements to reflect a real evaluation, and CAP 12.5
restricts health professionals' endorsements. Name and link the endorsement.

Examples:
    fail: Chiropractors recommend our posture corrector for back pain.
    pass: NICE guidance recommends exercise for low back pain (doi:10.5555/example).
    pass: Ask your doctor whether acupuncture may help your back pain.
"""

from checker.rules.unsupported import uncited

ID = "UN105"
NAME = "endorsement-without-source"
CATEGORY = "unsupported"
SEVERITY = "warning"
REGULATIONS = ("ftc-endorsements", "cap-12")
check = uncited(frozenset({"endorsement"}), "cites an expert or organisational endorsement with "
                "no source; name and link it")
