"""Character offsets in a buffer <-> LSP positions.

claimlint counts columns in code points; LSP counts them in the encoding the client and
server agreed on at initialization, UTF-16 code units unless the client offered UTF-8 or
UTF-32. An emoji before a claim is one code point but two UTF-16 units, so every column is
converted from the line's own characters. LSP ends lines at LF, CRLF and lone CR, exactly as
claimlint does (``checker.source.line_starts``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from lsprotocol import types

from checker.source import line_starts


def _utf16(text: str) -> int:
    # surrogatepass: a lone surrogate (possible in an editor's buffer) is one unit, not an error
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf8(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


UNITS: dict[str, Callable[[str], int]] = {
    types.PositionEncodingKind.Utf16: _utf16,
    types.PositionEncodingKind.Utf8: _utf8,
    types.PositionEncodingKind.Utf32: len,
}


class Positions:
    """Converts between offsets into ``text`` and LSP positions in ``encoding``."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.units = UNITS.get(encoding, _utf16)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line, self.units(self.text[self.starts[line]:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def line(self, number: int) -> tuple[int, str]:
        """Where line ``number`` (0-based) starts, and its text without the line break."""
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return start, self.text[start:end].rstrip("\r\n")

    def offset(self, position: types.Position) -> int:
        """The offset of ``position``; past the end of its line (or of the text) it clamps,
        and inside a character (half of a surrogate pair) it moves to that character's end."""
        if position.line >= len(self.starts):
            return len(self.text)
        start, line = self.line(position.line)
        if self.units is len:
            return start + min(position.character, len(line))
        units = 0
        for index, character in enumerate(line):
            if units >= position.character:
                return start + index
            units += self.units(character)
        return start + len(line)
