"""Safe decoding shared by the parsers: defused XML, JSON objects, tidy element text."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import ApiError

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def parse_xml(body: bytes) -> Element:
    """Parse without entity expansion or external references (billion laughs, XXE)."""
    try:
        root: Element = fromstring(body)
    except (DefusedXmlException, ParseError) as exc:
        raise ApiError(f"unreadable XML: {exc}") from None
    return root


def load_json(body: bytes) -> dict[str, Any]:
    """A JSON object, or ``ApiError``."""
    try:
        document = json.loads(body)
    except ValueError as exc:
        raise ApiError(f"unreadable JSON: {exc}") from None
    if not isinstance(document, dict):
        raise ApiError("JSON answer is not an object")
    return document


def raise_ncbi_error(document: dict[str, Any], section: str) -> None:
    """NCBI reports errors with HTTP 200 under ``error``, ``ERROR`` or ``<section>.ERROR``."""
    inner = document.get(section)
    for holder in (document, inner if isinstance(inner, dict) else {}):
        for key in ("ERROR", "error"):
            if holder.get(key):
                raise ApiError(f"NCBI error: {holder[key]}")


def text(element: Element | None) -> str | None:
    """All text inside an element (inline markup like <i> dropped), whitespace collapsed."""
    if element is None:
        return None
    joined = " ".join("".join(element.itertext()).split())
    return joined or None


def year_in(value: str | None) -> int | None:
    """The first plausible publication year in a date string such as '1998 Dec-1999 Jan'."""
    found = _YEAR.search(value or "")
    return int(found.group()) if found else None
