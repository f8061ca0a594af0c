"""The whole scan: markers resolve to entries, and what is left over is reported."""

from __future__ import annotations

from pathlib import Path

from checker.citations import CitationScan, scan_citations

from .sources import plain

# Entries 1 and 2 are real (Koppenhaver et al. 2022; Rajfur et al. 2022), 3 and 4 synthetic.
DOCUMENT = (Path(__file__).parent / "fixtures" / "scan_document.txt").read_text("utf-8")


def _scan() -> CitationScan:
    return scan_citations(plain(DOCUMENT))


def _cited(scan: CitationScan) -> list[tuple[str, list[str]]]:
    return [
        (DOCUMENT[m.start : m.end], [e.label for e in scan.entries_for(m)]) for m in scan.markers
    ]


def test_markers_resolve_to_entries() -> None:
    assert _cited(_scan()) == [
        ("[1]", ["1"]),
        ("(2, 3)", ["2", "3"]),
        ("1", ["1"]),
        ("Koppenhaver et al. (2022)", ["1"]),
        ("(Rajfur, 2022)", ["2"]),
        ("[7]", []),
        ("(Smith, 2019)", []),
        ("[@rajfur2022]", []),
    ]


def test_unresolved_markers_leave_citekeys_to_bibtex() -> None:
    unresolved = [DOCUMENT[m.start : m.end] for m in _scan().unresolved_markers()]
    assert unresolved == ["[7]", "(Smith, 2019)"]


def test_uncited_entries() -> None:
    assert [e.label for e in _scan().uncited_entries()] == ["4"]


def test_identifiers_outside_the_list_only() -> None:
    scan = _scan()
    assert [i.raw for i in scan.identifiers] == ["doi:10.1038/s41598-022-19980-1"]
    assert scan.reference_list is not None
    owned = [[i.value for i in e.identifiers] for e in scan.reference_list.entries]
    assert owned == [
        ["10.1080/10669817.2021.1977069", "34525901"],
        ["10.1038/s41598-022-19980-1"],
        [],
        [],
    ]


def test_author_year_resolution_ignores_case_accents_and_year_suffix() -> None:
    text = (
        "Shown twice (Fernandez-De-Las-Penas, 2018b).\n\nReferences\n"
        "Fernández-de-las-Peñas C, Quill T. A pretend review. Fict Pain Med. 2018;2:1-4.\n"
    )
    scan = scan_citations(plain(text))
    (marker,) = scan.markers
    assert marker.labels == ("fernandezdelaspenas2018b",)
    assert [e.label for e in scan.entries_for(marker)] == ["1"]


def test_a_partly_resolved_marker_is_unresolved() -> None:
    entry = "1. Quill T. A pretend trial. Fict Pain Med. 2021;3:5-6."
    text = f"Two trials [1, 5].\n\nReferences\n{entry}\n"
    scan = scan_citations(plain(text))
    assert [e.label for e in scan.entries_for(scan.markers[0])] == ["1"]
    assert scan.unresolved_markers() == scan.markers


def test_without_a_reference_list_every_numbered_marker_is_unresolved() -> None:
    scan = scan_citations(plain("It works [1] and (Smith et al., 2020) says so.1 Yes."))
    assert scan.reference_list is None
    assert [m.style for m in scan.unresolved_markers()] == ["bracket", "author-year"]
    assert scan.uncited_entries() == ()


def test_empty_document() -> None:
    assert scan_citations(plain("")) == CitationScan((), (), None)
