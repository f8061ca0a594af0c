"""Health statistics without a source.

"1 in 4 adults", "577 million people", "90% of patients" are factual claims that a reader
cannot check without knowing where they come from. CAP 3.7 requires documentary evidence for
objective claims and the FTC expects numbers to be accurate and sourced.

Examples:
    fail: Around 1 in 4 adults will have back pain this year.
    fail: Nine out of ten of our patients report less pain.
    pass: Around 1 in 4 adults will have back pain this year (doi:10.5555/example).
    pass: Dry needling may help reduce back pain in some patients.
"""

from checker.rules.unsupported import uncited

ID = "UN101"
NAME = "statistic-without-source"
CATEGORY = "unsupported"
SEVERITY = "warning"
REGULATIONS = ("cap-3", "ftc-substantiation")
check = uncited(frozenset({"statistic"}), "health statistic with no citation in reach; add "
                "the source (DOI, PMID or a reference-list entry)")
