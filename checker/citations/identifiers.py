"""Find DOIs, PMIDs and PMCIDs in prose and link targets, normalised and checked for shape.

An explicit label (``doi:``, ``PMID``, ``PMCID:``) or a resolver URL makes whatever follows an
identifier, so a malformed one is reported rather than missed; a bare ``10.xxxx/`` or ``PMC123``
needs a well-formed start before it counts, since bare numbers are everywhere in prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from checker.citations.models import Identifier, IdentifierKind
from checker.source import Link, SourceText

_SP = r"[^\S\r\n]"  # blanks within one line
_DOI_URL = r"(?:https?://)?(?:dx\.|www\.)?doi\.org/"

_DOI = re.compile(
    rf"(?:\bdoi{_SP}*:{_SP}*(?:{_DOI_URL})?|{_DOI_URL}|\bdoi{_SP}+(?=10\.))(?P<token>[^\s\"<>]*)"
    r"|(?<![\w.])(?P<bare>10\.\d{4,9}(?:\.\d+)*/[^\s\"<>]*)",
    re.IGNORECASE,
)
_PMID = re.compile(
    rf"\bPMID(?:{_SP}*:{_SP}*|{_SP}*(?=\d))(?P<token>[0-9a-z]*)"
    r"|(?:https?://)?(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)"
    r"(?P<url>\d[0-9a-z]*)/?",
    re.IGNORECASE,
)
_PMCID = re.compile(
    r"(?:https?://)?(?:www\.)?(?:pmc\.ncbi\.nlm\.nih\.gov/articles/|ncbi\.nlm\.nih\.gov/pmc/articles/)"
    r"PMC(?P<url>[0-9a-z]*)/?"
    rf"|\bPMCID(?:{_SP}*:{_SP}*|{_SP}+(?=PMC))(?:PMC)?(?P<token>[0-9a-z]*)"
    r"|\bPMC(?P<bare>\d[0-9a-z]*)",
    re.IGNORECASE,
)

_DOI_PREFIX = re.compile(r"10\.\d{4,9}(?:\.\d+)*")
_PMID_SHAPE = re.compile(r"0*[1-9]\d{0,7}")
_PMCID_SHAPE = re.compile(r"\d{1,8}")
_TRAILING = ".,;:!?'\"\u2019\u201d\u00bb"
_OPENER = {")": "(", "]": "["}


def _check_doi(token: str) -> tuple[str, str | None]:
    value = unquote(token).lower()
    prefix, slash, suffix = value.partition("/")
    if not value:
        return value, "DOI is missing after its label"
    if not prefix.startswith("10."):
        return value, "DOI must start with '10.'"
    if not _DOI_PREFIX.fullmatch(prefix):
        return value, "DOI prefix must be '10.' followed by 4\N{EN DASH}9 digits"
    if not slash or not suffix:
        return value, "DOI has no suffix after the prefix"
    return value, None


def _check_pmid(token: str) -> tuple[str, str | None]:
    if _PMID_SHAPE.fullmatch(token):
        return str(int(token)), None
    return token, "PMID must be 1\N{EN DASH}8 digits"


def _check_pmcid(token: str) -> tuple[str, str | None]:
    value = f"PMC{token.upper()}"
    if _PMCID_SHAPE.fullmatch(token):
        return value, None
    if not token:
        return value, "PMCID has no digits after PMC"
    return value, "PMCID must be PMC followed by 1\N{EN DASH}8 digits"


def _trim_doi(token: str) -> str:
    """Drop sentence punctuation and closing brackets the DOI did not open itself."""
    surplus = {c: token.count(c) - token.count(o) for c, o in _OPENER.items()}
    end = len(token)
    while end:
        last = token[end - 1]
        if last in _OPENER and surplus[last] > 0:
            surplus[last] -= 1
        elif last not in _TRAILING:
            break
        end -= 1
    return token[:end]


def _as_written(token: str) -> str:
    return token


@dataclass(frozen=True)
class _Kind:
    name: IdentifierKind
    pattern: re.Pattern[str]
    check: Callable[[str], tuple[str, str | None]]
    trim: Callable[[str], str] = _as_written


_KINDS = (
    _Kind("doi", _DOI, _check_doi, _trim_doi),
    _Kind("pmid", _PMID, _check_pmid),
    _Kind("pmcid", _PMCID, _check_pmcid),
)

_Found = tuple[IdentifierKind, str, "str | None", int, int]


def _matches(text: str) -> Iterator[_Found]:
    """(kind, value, problem, start, end) of every identifier in ``text``."""
    for kind in _KINDS:
        for m in kind.pattern.finditer(text):
            written = m[m.lastgroup or 0]
            token = kind.trim(written)  # only ever shortens the token, which ends the match
            yield kind.name, *kind.check(token), m.start(), m.end() - len(written) + len(token)


def find_identifiers(source: SourceText) -> tuple[Identifier, ...]:
    """Identifiers in the prose, then in link targets unless the link's text already shows them."""
    found = [_identifier(source.prose, f, f[3], f[4]) for f in _matches(source.prose)]
    shown: dict[tuple[str, str], list[Identifier]] = {}
    for i in found:
        shown.setdefault((i.kind, i.value), []).append(i)
    for link in source.links:
        from_url = {(f[0], f[1]): f for f in _matches(link.url)}
        found.extend(
            _identifier(link.url, f, link.start, link.end)
            for key, f in from_url.items()
            if not any(_overlaps_link(i, link) for i in shown.get(key, ()))
        )
    return tuple(sorted(found, key=lambda i: (i.start, i.end)))


def _identifier(text: str, found: _Found, start: int, end: int) -> Identifier:
    kind, value, problem, raw_start, raw_end = found
    return Identifier(kind, value, text[raw_start:raw_end], start, end, problem is None, problem)


def _overlaps_link(identifier: Identifier, link: Link) -> bool:
    return any(
        identifier.start < end and start < identifier.end
        for start, end in ((link.text_start, link.text_end), (link.start, link.end))
    )
