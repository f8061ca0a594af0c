"""esearch ``retmode=json`` -> the matching ids, or ``ApiError`` for NCBI's HTTP-200 errors."""

from __future__ import annotations

from ..errors import ApiError
from .common import load_json, raise_ncbi_error


def parse_esearch(body: bytes) -> list[str]:
    """Ids in ``esearchresult.idlist``; zero hits (``phrasesnotfound``) is an empty list."""
    document = load_json(body)
    raise_ncbi_error(document, "esearchresult")
    result = document.get("esearchresult")
    if not isinstance(result, dict) or not isinstance(result.get("idlist"), list):
        raise ApiError("esearch answer without an id list")
    return [str(uid) for uid in result["idlist"]]
