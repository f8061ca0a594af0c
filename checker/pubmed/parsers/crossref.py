"""Crossref ``/works/{doi}`` JSON -> ``Record``, including retractions and corrections.

Crossref links a work to its notices with ``updated-by`` (on the original) and ``update-to``
(on the notice). A work is ``retracted`` when a retraction updates it, or when its own
``update-to`` retraction points at itself (publishers that reuse the DOI for the notice). A
notice pointing at another DOI is labelled "Retraction of Publication", PubMed's type for it.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ..abstracts import Section, abstract_text, conclusion_sentences
from ..errors import ApiError
from ..records import Record
from .common import load_json

_RETRACTING = {"retraction", "withdrawal", "removal"}
_NOTICE_FIELDS = {
    "retraction": "retraction_notices",
    "withdrawal": "retraction_notices",
    "removal": "retraction_notices",
    "partial_retraction": "retraction_notices",
    "expression_of_concern": "expressions_of_concern",
    "correction": "errata",
    "corrigendum": "errata",
    "erratum": "errata",
}
_JATS_SECTION = re.compile(
    r"<jats:sec\b[^>]*>\s*<jats:title[^>]*>(.*?)</jats:title>(.*?)</jats:sec>", re.DOTALL
)
_LEADING_TITLE = re.compile(r"^\s*<jats:title[^>]*>.*?</jats:title>", re.DOTALL)
_BLOCK_TAG = re.compile(r"</?jats:(?:p|sec|title)\b[^>]*>")
_TAG = re.compile(r"<[^<>]+>")  # stops at the next "<": linear on "<<<<..."


def parse_crossref_work(body: bytes) -> Record:
    """The work in a Crossref ``message-type: work`` envelope."""
    document = load_json(body)
    work = document.get("message")
    if document.get("status") != "ok" or not isinstance(work, dict):
        raise ApiError(f"Crossref answer is not a work: {str(document)[:200]}")
    doi = work.get("DOI")
    updated_by = _updates(work.get("updated-by"))
    update_to = _updates(work.get("update-to"))
    retraction_of = [u for u, kind in update_to if kind in _RETRACTING]
    notices: dict[str, list[str]] = {field: [] for field in _NOTICE_FIELDS.values()}
    for notice, kind in updated_by:
        if kind in _NOTICE_FIELDS and notice:
            notices[_NOTICE_FIELDS[kind]].append(notice)
    sections = _sections(work.get("abstract"))
    authors = [a for a in work.get("author", []) if a.get("family") or a.get("name")]
    types: tuple[str, ...] = (work["type"],) if work.get("type") else ()
    if any(target and target.lower() != str(doi).lower() for target in retraction_of):
        types += ("Retraction of Publication",)
    return Record(
        source="crossref",
        doi=doi,
        title=_first(work.get("title")),
        authors=tuple(_author_name(a) for a in authors),
        first_author_surname=authors[0].get("family") if authors else None,
        journal=_first(work.get("container-title")),
        journal_iso=_first(work.get("short-container-title")),
        year=_year(work),
        volume=work.get("volume"),
        issue=work.get("issue"),
        pages=work.get("page"),
        publication_types=types,
        retracted=any(kind in _RETRACTING for _, kind in updated_by)
        or any(target and target.lower() == str(doi).lower() for target in retraction_of),
        retraction_notices=tuple(notices["retraction_notices"]),
        expressions_of_concern=tuple(notices["expressions_of_concern"]),
        errata=tuple(notices["errata"]),
        abstract=abstract_text(sections),
        conclusion_sentences=conclusion_sentences(sections),
    )


def _updates(entries: Any) -> list[tuple[str | None, str]]:
    """(DOI, normalised type) pairs; Crossref spells types with '_' or '-'."""
    return [
        (entry.get("DOI"), str(entry.get("type", "")).lower().replace("-", "_"))
        for entry in entries or []
        if isinstance(entry, dict)
    ]


def _sections(abstract: str | None) -> list[Section]:
    """JATS abstract -> sections, keeping ``<jats:sec>`` titles as labels."""
    if not abstract:
        return []
    labelled = [
        Section(_plain(body), _plain(title) or None)
        for title, body in _JATS_SECTION.findall(abstract)
    ]
    if labelled:
        return [section for section in labelled if section.text]
    plain = _plain(_LEADING_TITLE.sub("", abstract))
    return [Section(plain)] if plain else []


def _plain(markup: str) -> str:
    spaced = _TAG.sub("", _BLOCK_TAG.sub(" ", markup))
    return " ".join(html.unescape(spaced).split())


def _author_name(author: dict[str, Any]) -> str:
    """'Sadasivan S' from family/given; an organisation keeps its name."""
    if not author.get("family"):
        return str(author["name"])
    initials = "".join(part[0] for part in re.split(r"[\s.\-]+", author.get("given", "")) if part)
    return f"{author['family']} {initials}".strip()


def _year(work: dict[str, Any]) -> int | None:
    for key in ("issued", "published", "published-print", "published-online"):
        parts = (work.get(key) or {}).get("date-parts") or [[None]]
        if parts[0] and isinstance(parts[0][0], int):
            return parts[0][0]
    return None


def _first(values: Any) -> str | None:
    return values[0] if isinstance(values, list) and values else None
