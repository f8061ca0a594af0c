"""Read the author list that opens a reference entry, in the two common shapes.

Vancouver/AMA writes ``Koppenhaver SL, Weaver AM`` (or ``Pareja J.A. Svensson P.`` with dotted
initials and no commas); APA and Nature write ``Rajfur, J., Rajfur, K., & Kosowski, Ł.``. Both
are read one author at a time, so a title that happens to look like a name stops the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAP = r"[^\W\d_a-z]"  # a capital letter, accented ones included
_WORD = r"[^\W\d_][\w'\u2019-]*"
_SURNAME = rf"(?<![\w'\u2019-])(?P<surname>{_WORD}(?: {_WORD}){{0,3}})"
_DOTTED = rf"{_CAP}\.(?:[ -]?{_CAP}\.){{0,3}}"

_VANCOUVER = re.compile(rf"{_SURNAME} (?P<initials>{_DOTTED}|{_CAP}{{1,4}}(?![\w'\u2019]))")
_APA = re.compile(rf"{_SURNAME}, (?P<initials>{_DOTTED})(?:, (?:Jr\.|Sr\.|III|II|IV)(?!\w))?")
# ``…`` stands for the authors APA 7 leaves out between the 19th and the last.
_SEPARATOR = re.compile(r",? (?:&|and|\u2026|\.\.\.) |, | ")
_ET_AL = re.compile(r",? et al\.?\s*")


@dataclass(frozen=True)
class AuthorList:
    """Authors as ``Surname Initials``; ``end`` is where the rest of the entry starts."""

    names: tuple[str, ...]
    end: int


def read_authors(text: str) -> AuthorList:
    """The longer of the Vancouver and APA readings of the list at the start of ``text``."""
    return max(_read(text, _VANCOUVER), _read(text, _APA), key=lambda a: len(a.names))


def _read(text: str, author: re.Pattern[str]) -> AuthorList:
    names: list[str] = []
    pos = 0
    m = author.match(text)
    while m:
        names.append(f"{m['surname']} {re.sub(r'[. ]', '', m['initials'])}")
        pos = m.end()
        sep = _SEPARATOR.match(text, pos)
        m = author.match(text, sep.end()) if sep else None
        # Without a comma, only dotted initials on both sides show that a new name begins.
        if m and sep and sep[0] == " " and not (text[pos - 1] == "." and m.group().endswith(".")):
            m = None
    et_al = _ET_AL.match(text, pos) if names else None
    return AuthorList(tuple(names), et_al.end() if et_al else pos)
