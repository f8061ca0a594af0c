"""Appeals to research with no research cited.

"Studies show", "research indicates", "clinical trials found" invoke evidence; the reader
needs to see which. The FTC expects the cited evidence to exist and to support the claim, and
CAP 3.7 requires it to be held before the claim is made.

Examples:
    fail: Research shows that cupping improves circulation.
    fail: Clinical trials have found that CBD oil reduces anxiety.
    pass: Research suggests cupping may ease neck pain (doi:10.5555/example).
    pass: Cupping may ease neck pain in some people.
"""

from checker.rules.unsupported import uncited

ID = "UN102"
NAME = "evidence-without-citation"
CATEGORY = "unsupported"
SEVERITY = "warning"
REGULATIONS = ("ftc-substantiation", "cap-3")
check = uncited(frozenset({"evidence"}), "refers to studies or research but cites none; link "
                "the study (DOI, PMID) or a reference-list entry")
