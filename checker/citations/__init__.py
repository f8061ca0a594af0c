"""Citations in health-marketing copy: identifiers, in-text markers and the reference list.

``scan_citations`` reads one ``SourceText``; later stages verify the identifiers it finds and
judge whether each claim's markers lead to a real, relevant study.
"""

from __future__ import annotations

from checker.citations.identifiers import find_identifiers
from checker.citations.markers import find_markers
from checker.citations.models import (
    CitationScan,
    Identifier,
    Marker,
    ReferenceEntry,
    ReferenceList,
)
from checker.citations.reflist import find_reference_list
from checker.source import SourceText

__all__ = [
    "CitationScan",
    "Identifier",
    "Marker",
    "ReferenceEntry",
    "ReferenceList",
    "scan_citations",
]


def scan_citations(source: SourceText) -> CitationScan:
    """Find identifiers, markers and the reference list; entries keep their own identifiers."""
    identifiers = find_identifiers(source)
    reference_list = find_reference_list(source, identifiers)
    markers = find_markers(source, reference_list)
    if reference_list:
        identifiers = tuple(
            i for i in identifiers if not reference_list.start <= i.start < reference_list.end
        )
    return CitationScan(identifiers, markers, reference_list)
