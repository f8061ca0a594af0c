"""esearch ``retmode=json`` -> the matching ids, or ``ApiError`` for NCBI's HTTP-200 errors."""

from __future__ import annotations

from ..errors import ApiError
from .common import load_json, raise_ncbi_error


def parse_esearch(body: bytes) -> list[str]:
    """Ids in ``esearchresult.idlist``; zero hits (``phrasesnotfound``) is an empty list."""
    return parse_esearch_count(body)[1]


def parse_esearch_count(body: bytes) -> tuple[int, list[str]]:
    """How many records match (``count``, beyond the ids returned) and the ids."""
    document = load_json(body)
    raise_ncbi_error(document, "esearchresult")
    result = document.get("esearchresult")
    if not isinstance(result, dict) or not isinstance(result.get("idlist"), list):
        raise ApiError("esearch answer without an id list")
    ids = [str(uid) for uid in result["idlist"]]
    try:
        count = int(result.get("count", len(ids)))
    except (TypeError, ValueError):
        raise ApiError("esearch answer with a malformed count") from None
    return max(count, len(ids)), ids
