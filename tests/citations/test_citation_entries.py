"""Reference entries in the three common styles are split into their fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.citations import ReferenceEntry, scan_citations

from .sources import block, marked_up, span

ENTRIES = json.loads((Path(__file__).parent / "fixtures" / "entries.json").read_text("utf-8"))


def _reference_section() -> tuple[ReferenceEntry, ...]:
    """All fixture entries as one Markdown numbered list under ``## References``."""
    lines = [f"{n}. {case['text']}" for n, case in enumerate(ENTRIES, 1)]
    original = "Body text.\n\n## References\n\n" + "\n".join(lines) + "\n"
    blocks = [
        block(original, "Body text.", "paragraph"),
        block(original, "References", "heading", 2),
    ]
    blocks += [block(original, case["text"], "list_item") for case in ENTRIES]
    numbers = [span(original, f"\n{n}. ") for n in range(1, len(ENTRIES) + 1)]
    markup = (span(original, "## "), *((start + 1, end) for start, end in numbers))
    scan = scan_citations(marked_up(original, markup, tuple(blocks)))
    assert scan.reference_list is not None
    return scan.reference_list.entries


@pytest.mark.parametrize("index", range(len(ENTRIES)), ids=[c["style"] for c in ENTRIES])
def test_entry_fields(index: int) -> None:
    case, entry = ENTRIES[index], _reference_section()[index]
    expected = case["expected"]
    assert entry.label == str(index + 1)
    assert entry.text == case["text"]
    assert list(entry.authors) == expected["authors"]
    assert entry.title == expected["title"]
    assert entry.journal == expected["journal"]
    assert entry.year == expected["year"]
    assert (entry.volume, entry.issue, entry.pages) == (
        expected["volume"],
        expected["issue"],
        expected["pages"],
    )
    assert [[i.kind, i.value] for i in entry.identifiers] == expected["identifiers"]
    assert all(entry.start <= i.start < i.end <= entry.end for i in entry.identifiers)
