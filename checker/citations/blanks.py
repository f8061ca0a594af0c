"""Step over blanks: readers mask markup with spaces, so a marker's or label's neighbour may sit
several masked characters away. Line breaks are never blanks here."""

from __future__ import annotations

BLANKS = " \t\u00a0"


def blanks_before(text: str, pos: int) -> int:
    """Start of the run of blanks that ends at ``pos``."""
    while pos and text[pos - 1] in BLANKS:
        pos -= 1
    return pos


def blanks_after(text: str, pos: int) -> int:
    """End of the run of blanks that starts at ``pos``."""
    while pos < len(text) and text[pos] in BLANKS:
        pos += 1
    return pos
