"""Author-year citations and Pandoc citekeys: reading what is inside ``(...)`` and ``[...]``.

Parenthesised text is cut into ``;`` parts, each read from the end: an optional page locator,
then years, then names with an optional ``et al.``. Anything else (``(in 2020)``,
``(March 2020)``, ``(1 in 4 adults)``) is not a citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from checker.citations.names import author_year_key

_YEAR = r"(?:1[89]|20)\d{2}[a-z]?"
_PARTICLE = r"(?:(?:van|von|de|der|den|del|da|di|du|la|le)\s+){0,3}"
# One surname: capitalised, hyphen/apostrophe-joined parts, optional lowercase particles.
_NAME = rf"{_PARTICLE}[A-Z][^\W\d_]*(?:[-'\u2019][^\W\d_]+)*"
_ET_AL = r"\s+et\s+al\.?"

_LEAD_IN = re.compile(r"(?:see also|see|cf\.|e\.g\.,?) ")
_LOCATOR = re.compile(r"(?:pp?\.|chap\.|para\.) ?\d+(?: ?[-\u2013] ?\d+)?")
_NAMES = re.compile(
    rf"(?P<first>{_NAME})(?:,\s*{_NAME})*(?:,?\s+(?:&|and)\s+{_NAME})?(?:,?{_ET_AL})?"
)
# ``Smith et al. (2020)``, ``Smith and Jones (2019)``: a lone ``Word (2020)`` is too ambiguous.
# Found from the parenthesised years back, within a short reach, so the scan stays cheap.
_YEARS_IN_PARENS = re.compile(rf"\((?P<years>{_YEAR}(?:\s*,\s*{_YEAR})*)\)")
_NARRATIVE_NAMES = re.compile(
    rf"(?<![\w'\u2019-])(?P<first>{_NAME})(?:\s+(?:&|and)\s+{_NAME}(?:{_ET_AL})?|{_ET_AL})\s*\Z"
)
_NARRATIVE_REACH = 80  # enough for "Fernández-de-las-Peñas and van der Berg et al. "
_YEAR_RE = re.compile(_YEAR)

# Capitalised words that open a parenthesised date rather than an author name.
# fmt: off
_NOT_NAMES = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "spring", "summer", "autumn", "fall", "winter", "in",
        "since", "from", "until", "before", "after", "during", "through", "by", "updated",
        "published", "accessed", "retrieved", "revised", "copyright", "founded", "circa", "late",
        "early", "mid",
    }
)
# fmt: on

_CITEKEY = re.compile(r"(?<![^\s;\[-])@(?P<key>\w[\w:.#$%&+?<>~/-]*)")
_KEY_TRAILING = ":.#$%&+?<>~/-"


def _labels(first: str, years: Iterable[str]) -> tuple[str, ...]:
    """``Smith``, ``2019``, ``2020a`` -> ``("smith2019", "smith2020a")``."""
    return tuple(author_year_key(first, year) for year in years)


def narrative_citations(text: str) -> Iterator[tuple[tuple[str, ...], int, int]]:
    """(labels, start, end) of each ``Smith et al. (2020)`` in ``text``."""
    for years in _YEARS_IN_PARENS.finditer(text):
        reach = max(0, years.start() - _NARRATIVE_REACH)
        if names := _NARRATIVE_NAMES.search(text, reach, years.start()):
            labels = _labels(names["first"], _YEAR_RE.findall(years["years"]))
            yield labels, names.start(), years.end()


def parenthetical_labels(content: str) -> tuple[str, ...] | None:
    """Labels of ``Smith & Jones 2019; Lee, 2021`` (the inside of the parentheses), else None."""
    if not _YEAR_RE.search(content):  # most parentheses in prose: answered without parsing
        return None
    labels: list[str] = []
    for part in content.split(";"):
        part_labels = _part_labels(" ".join(part.split()))
        if part_labels is None:
            return None
        labels.extend(part_labels)
    return tuple(labels)


def _part_labels(part: str) -> tuple[str, ...] | None:
    """``see Smith et al., 2019, 2020a, p. 4`` -> ``("smith2019", "smith2020a")``."""
    if lead_in := _LEAD_IN.match(part):
        part = part[lead_in.end() :]
    items = [item.strip() for item in part.split(",")]
    if _LOCATOR.fullmatch(items[-1]):
        items.pop()
    years: list[str] = []
    while items and _YEAR_RE.fullmatch(items[-1]):
        years.insert(0, items.pop())
    if items:  # ``Smith & Jones 2019``: the year after a space
        names, _, year = items[-1].rpartition(" ")
        if _YEAR_RE.fullmatch(year):
            items[-1] = names
            years.insert(0, year)
    names_match = _NAMES.fullmatch(", ".join(items))
    if not years or not names_match or names_match["first"].split()[0].lower() in _NOT_NAMES:
        return None
    return _labels(names_match["first"], years)


def citekey_labels(content: str) -> tuple[str, ...] | None:
    """Keys of ``@a; see @b, p. 3`` (the inside of the brackets) if every part cites one."""
    parts = [_CITEKEY.findall(part) for part in content.split(";")]
    if not all(parts):
        return None
    return tuple(key.rstrip(_KEY_TRAILING) for keys in parts for key in keys)
