"""ECitMatch text answers (one ``journal|year|volume|page|author|key|result`` line each)."""

from __future__ import annotations

from ..errors import ApiError


def parse_ecitmatch(body: bytes) -> dict[str, str | None]:
    """Key -> PMID, or None where NCBI answered NOT_FOUND or AMBIGUOUS."""
    matches: dict[str, str | None] = {}
    for line in body.decode("utf-8", "replace").splitlines():
        fields = [field.strip() for field in line.split("|")]
        if len(fields) >= 7 and fields[5]:
            matches[fields[5]] = fields[6] if fields[6].isdigit() else None
    if body.strip() and not matches:
        raise ApiError("unrecognised ECitMatch answer")
    return matches
