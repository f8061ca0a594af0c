"""esummary ``db=pubmed retmode=json`` -> partial ``Record``s (no abstract, MeSH or notices).

Cheaper than efetch when the linter only needs to know that a PMID exists and what it is.
"""

from __future__ import annotations

from typing import Any

from ..errors import ApiError
from ..records import NotFound, Record
from .common import load_json, raise_ncbi_error, year_in


def parse_esummary(body: bytes) -> dict[str, Record | NotFound]:
    """PMID -> partial record, or ``NotFound`` for the ids NCBI reports an error for."""
    document = load_json(body)
    raise_ncbi_error(document, "result")
    result = document.get("result")
    if not isinstance(result, dict):
        raise ApiError(f"esummary answer without a result: {str(document)[:200]}")
    summaries: dict[str, Record | NotFound] = {}
    for uid in result.get("uids", []):
        item = result.get(uid)
        if not isinstance(item, dict):
            raise ApiError(f"esummary lists uid {uid} without a summary")
        summaries[uid] = NotFound(str(item["error"])) if "error" in item else _summary(uid, item)
    return summaries


def _summary(uid: str, item: dict[str, Any]) -> Record:
    authors = [a for a in item.get("authors", []) if a.get("name")]
    ids = {a.get("idtype"): a.get("value") for a in item.get("articleids", [])}
    types = tuple(item.get("pubtype", []))
    return Record(
        source="pubmed",
        pmid=uid,
        pmcid=ids.get("pmc") or None,
        doi=ids.get("doi") or None,
        title=item.get("title") or None,
        authors=tuple(a["name"] for a in authors),
        first_author_surname=_surname(authors[0]) if authors else None,
        journal=item.get("fulljournalname") or None,
        journal_iso=item.get("source") or None,
        year=year_in(item.get("pubdate")),
        volume=item.get("volume") or None,
        issue=item.get("issue") or None,
        pages=item.get("pages") or None,
        publication_types=types,
        retracted="Retracted Publication" in types,
        partial=True,
    )


def _surname(author: dict[str, Any]) -> str | None:
    """'Nicholas SE' -> 'Nicholas'; a collective author has no surname."""
    if author.get("authtype") != "Author":
        return None
    name: str = author["name"]
    return name.rsplit(" ", 1)[0] if " " in name else name
