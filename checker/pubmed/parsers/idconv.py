"""PMC ID Converter ``format=json`` -> the PMID and DOI behind each requested PMCID."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..errors import ApiError
from .common import load_json


@dataclass(frozen=True)
class PmcIds:
    """Identifiers PubMed Central links to one PMCID."""

    pmid: str | None
    doi: str | None


def parse_idconv(body: bytes) -> dict[str, PmcIds | None]:
    """Requested id (upper case) -> its ids, or None for ids the converter does not know."""
    document = load_json(body)
    if document.get("status") == "error":
        raise ApiError(f"ID Converter error: {unquote(str(document.get('message', '')))}")
    records = document.get("records")
    if not isinstance(records, list):
        raise ApiError("ID Converter answer without records")
    converted: dict[str, PmcIds | None] = {}
    for record in records:
        requested = record.get("requested-id") or record.get("pmcid")
        if requested:
            converted[str(requested).upper()] = _ids(record)
    return converted


def _ids(record: dict[str, Any]) -> PmcIds | None:
    if record.get("status") == "error" or record.get("errmsg"):
        return None
    pmid = record.get("pmid")  # a string in the legacy service, an integer in api/v1
    return PmcIds(pmid=str(pmid) if pmid else None, doi=record.get("doi") or None)
