"""Read the number lists inside numbered citation markers: ``1, 3``, ``2-4``, ``¹⁻³``."""

from __future__ import annotations

import re

MAX_LABEL = 300  # beyond this a bracketed or parenthesised number is more likely a quantity

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS + "⁻˒", "0123456789-,")
_ITEM = re.compile(r"(\d{1,3})(?:\s*[-\u2013\u2014]\s*(\d{1,3}))?")


def number_labels(text: str) -> tuple[str, ...] | None:
    """Labels of a comma/range list with ranges expanded, or None if ``text`` is anything else."""
    labels: list[str] = []
    for item in text.translate(_TO_ASCII).split(","):
        m = _ITEM.fullmatch(item.strip())
        if not m:
            return None
        first, last = int(m[1]), int(m[2] or m[1])
        if not 1 <= first <= last <= MAX_LABEL:
            return None
        labels.extend(str(n) for n in range(first, last + 1))
    return tuple(labels)
