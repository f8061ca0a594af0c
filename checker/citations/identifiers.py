"""Find DOIs, PMIDs and PMCIDs in prose and link targets, normalised and checked for shape.

An explicit label (``doi:``, ``PMID``, ``PMCID:``) or a resolver URL makes whatever follows an
identifier, so a malformed one is reported rather than missed; a bare ``10.xxxx/`` or ``PMC123``
needs a well-formed start before it counts, since bare numbers are everywhere in prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import cast
from urllib.parse import unquote

from checker.citations.models import Identifier, IdentifierKind
from checker.source import Link, SourceText

_SP = r"[^\S\r\n]"  # blanks within one line
_DOI_TAIL = r"[^\s\"<>]*"
_ALNUM = "[0-9a-z]"
# Matched against lowercased text, only where ``_ANCHOR`` (the literal every branch opens with)
# occurs: a plain literal search is many times faster than trying each branch everywhere.
# Word boundaries are lookbehinds after that literal; a URL's scheme and ``www.`` are added
# back by ``_url_start``. Group names are ``<kind>_<form>``.
_ANCHOR = re.compile(r"doi|10\.|pm(?:id|c)|pubmed|ncbi")
_IDENTIFIER = re.compile(
    rf"doi\.org/(?P<doi_url>{_DOI_TAIL})"
    rf"|doi(?<!{_ALNUM}doi)(?:{_SP}*:{_SP}*(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/)?"
    rf"|{_SP}+(?=10\.))(?P<doi_label>{_DOI_TAIL})"
    rf"|(?P<doi_bare>10\.(?<![\w.]10\.)\d{{4,9}}(?:\.\d+)*/{_DOI_TAIL})"
    rf"|pmid(?<!{_ALNUM}pmid)(?:{_SP}*:{_SP}*|{_SP}*(?=\d))(?P<pmid_label>{_ALNUM}*)"
    rf"|(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(?P<pmid_url>\d{_ALNUM}*)/?"
    r"|(?:pmc\.ncbi\.nlm\.nih\.gov/articles/|ncbi\.nlm\.nih\.gov/pmc/articles/)"
    rf"pmc(?P<pmcid_url>{_ALNUM}*)/?"
    rf"|pmcid(?<!{_ALNUM}pmcid)(?:{_SP}*:{_SP}*|{_SP}+(?=pmc))(?:pmc)?(?P<pmcid_label>{_ALNUM}*)"
    rf"|pmc(?<!{_ALNUM}pmc)(?P<pmcid_bare>\d{_ALNUM}*)"
)
_URL_LEADS = ("www.", "dx.")
_URL_SCHEMES = ("https://", "http://")

_DOI_PREFIX = re.compile(r"10\.\d{4,9}(?:\.\d+)*")
_PMID_SHAPE = re.compile(r"[1-9]\d{0,7}")
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
    if _PMID_SHAPE.fullmatch(token.lstrip("0")):
        return str(int(token)), None
    return token, "PMID must be 1\N{EN DASH}8 digits"


def _check_pmcid(token: str) -> tuple[str, str | None]:
    value = f"PMC{token.upper()}"
    if _PMCID_SHAPE.fullmatch(token):
        return value, None
    if not token:
        return value, "PMCID has no digits after PMC"
    return value, "PMCID must be PMC followed by 1\N{EN DASH}8 digits"


_CHECKS: dict[str, Callable[[str], tuple[str, str | None]]] = {
    "doi": _check_doi,
    "pmid": _check_pmid,
    "pmcid": _check_pmcid,
}


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


def _url_start(folded: str, pos: int) -> int:
    """Move back over ``www.``/``dx.`` and ``https://`` written before a resolver's host."""
    for lead in _URL_LEADS:
        if folded.endswith(lead, 0, pos):
            pos -= len(lead)
            break
    for scheme in _URL_SCHEMES:
        if folded.endswith(scheme, 0, pos):
            return pos - len(scheme)
    return pos


_Found = tuple[IdentifierKind, str, str | None, int, int]


def _matches(text: str) -> Iterator[_Found]:
    """(kind, value, problem, start, end) of every identifier in ``text``."""
    folded = text.replace("\u0130", "i").lower()  # U+0130 is the one letter lower() lengthens
    done = 0
    for anchor in _ANCHOR.finditer(folded):
        m = _IDENTIFIER.match(folded, anchor.start()) if anchor.start() >= done else None
        if not m:
            continue
        done = m.end()
        group = m.lastgroup or ""
        name, form = group.split("_")
        kind = cast(IdentifierKind, name)
        written = text[m.start(group) : m.end(group)]
        token = _trim_doi(written) if kind == "doi" else written
        start = _url_start(folded, m.start()) if form == "url" else m.start()
        end = m.end() - len(written) + len(token)  # trimming only ever shortens a DOI's end
        value, problem = _CHECKS[kind](token)
        yield kind, value, problem, start, end


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
