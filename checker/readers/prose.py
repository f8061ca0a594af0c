"""Build the masked prose view of a file: kept characters stay, everything else turns to spaces.

Line breaks always survive masking, so offsets, lines and columns of the prose are those of
the original file.
"""

from __future__ import annotations

import re

_NOT_LINE_BREAK = re.compile(r"[^\r\n]")


def blank(text: str) -> str:
    """``text`` with every character but line breaks replaced by a space."""
    if "\n" not in text and "\r" not in text:
        return " " * len(text)  # the usual case (markup within a line), without a regex
    return _NOT_LINE_BREAK.sub(" ", text)


class ProseBuilder:
    """Collects the spans to keep, the spans to mask inside them, and single-character puts."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._keep: list[tuple[int, int]] = []
        self._mask: list[tuple[int, int]] = []
        self._puts: dict[int, str] = {}

    def keep(self, start: int, end: int) -> None:
        if start < end:
            self._keep.append((start, end))

    def mask(self, start: int, end: int) -> None:
        if start < end:
            self._mask.append((start, end))

    def put(self, offset: int, char: str) -> None:
        """Show ``char`` at ``offset`` (a decoded entity's first character); rest stays masked."""
        self._puts[offset] = char

    def build(self) -> str:
        visible = _subtract(_union(self._keep), _union(self._mask))
        parts: list[str] = []
        cursor = 0
        for start, end in visible:
            parts.append(blank(self.original[cursor:start]))
            parts.append(self.original[start:end])
            cursor = end
        parts.append(blank(self.original[cursor:]))
        prose = "".join(parts)
        if not self._puts:
            return prose
        chars = list(prose)
        for offset, char in self._puts.items():
            chars[offset] = char
        return "".join(chars)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(keep: list[tuple[int, int]], mask: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    j = 0
    for start, end in keep:
        while j < len(mask) and mask[j][1] <= start:
            j += 1
        k = j
        cursor = start
        while k < len(mask) and mask[k][0] < end:
            if mask[k][0] > cursor:
                result.append((cursor, mask[k][0]))
            cursor = max(cursor, mask[k][1])
            k += 1
        if cursor < end:
            result.append((cursor, end))
    return result
