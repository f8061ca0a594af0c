"""Mechanism claims stated as fact without a source.

"Increases blood flow", "releases endorphins", "deactivates trigger points" explain how a
treatment supposedly works. Readers take them as established physiology; the FTC expects
them to be substantiated like any objective claim. Reported as information: they are often
plausible, but worth a source.

Examples:
    fail: Cupping increases blood flow to the muscles.
    pass: Cupping may increase blood flow to the skin (doi:10.5555/example).
    pass: Cupping may increase blood flow to the skin.
"""

from checker.rules.unsupported import uncited

ID = "UN104"
NAME = "mechanism-without-source"
CATEGORY = "unsupported"
SEVERITY = "info"
REGULATIONS = ("ftc-substantiation",)
check = uncited(frozenset({"mechanism"}), "explains how the treatment works as established fact "
                "with no citation in reach", frozenset({"plain", "absolute"}))
