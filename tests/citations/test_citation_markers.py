"""In-text markers: each style, exact spans and labels, and the numbers that are not markers."""

from __future__ import annotations

import itertools

import pytest

from checker.citations import Marker, scan_citations

from .sources import marked_up, plain, span

# synthetic: three invented Vancouver entries, enough to accept trailing markers 1-3
REFERENCES = """

References
1. Ostrander QV. A pretend trial. Imag Physio Rev. 2019;7(2):11-19.
2. Bellweather J. Another pretend trial. Imag Physio Rev. 2020;8(1):1-9.
3. Quill T. A third pretend trial. Fict Pain Med. 2021;3:5-6.
"""


def _markers(text: str) -> list[tuple[tuple[str, ...], str, str]]:
    """(labels, style, text covered) of each marker in plain ``text``."""
    return [(m.labels, m.style, text[m.start : m.end]) for m in scan_citations(plain(text)).markers]


@pytest.mark.parametrize(
    ("text", "labels", "covered"),
    [
        ("Pain eased [1].", ("1",), "[1]"),
        ("Pain eased [1, 3].", ("1", "3"), "[1, 3]"),
        ("Pain eased [2-4].", ("2", "3", "4"), "[2-4]"),
        ("Pain eased [2\N{EN DASH}4, 7].", ("2", "3", "4", "7"), "[2\N{EN DASH}4, 7]"),
        ("Pain eased [12,13].", ("12", "13"), "[12,13]"),
    ],
)
def test_bracket_markers(text: str, labels: tuple[str, ...], covered: str) -> None:
    assert _markers(text) == [(labels, "bracket", covered)]


@pytest.mark.parametrize(
    ("text", "labels", "covered"),
    [
        ("Stiffness fell (1, 2).", ("1", "2"), "(1, 2)"),
        ("Stiffness fell (8, 9, 10).", ("8", "9", "10"), "(8, 9, 10)"),
        ("Stiffness fell (3-5) in trials.", ("3", "4", "5"), "(3-5)"),
        ("Stiffness fell (300).", ("300",), "(300)"),
    ],
)
def test_paren_markers(text: str, labels: tuple[str, ...], covered: str) -> None:
    assert _markers(text) == [(labels, "paren", covered)]


def test_trailing_markers_with_a_numbered_list() -> None:
    text = "Needling eased back pain.1 Another study agreed.2,3\nIt “worked”.3" + REFERENCES
    assert _markers(text) == [
        (("1",), "trailing", "1"),
        (("2", "3"), "trailing", "2,3"),
        (("3",), "trailing", "3"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Needling eased back pain.1 Another study agreed.",  # no reference list
        "Needling eased back pain.4 Another study agreed." + REFERENCES,  # beyond the list
        "Needling eased back pain.1 and more" + REFERENCES,  # next word is not a sentence
        "Take 1.5 mg twice.\nVersion 2.1 Released" + REFERENCES,  # decimals and versions
    ],
)
def test_trailing_numbers_that_are_not_markers(text: str) -> None:
    assert _markers(text) == []


@pytest.mark.parametrize(
    ("text", "labels", "covered"),
    [
        ("Fewer knots¹ were felt.", ("1",), "¹"),
        ("Fewer knots.²³ Then", ("23",), "²³"),
        ("Fewer knots,¹˒² then", ("1", "2"), "¹˒²"),
        ("Fewer knots¹⁻³ then", ("1", "2", "3"), "¹⁻³"),
        ("Fewer knots)⁴", ("4",), "⁴"),
    ],
)
def test_unicode_superscript_markers(text: str, labels: tuple[str, ...], covered: str) -> None:
    assert _markers(text) == [(labels, "superscript", covered)]


@pytest.mark.parametrize("text", ["10² cells", "a 5 m² room", "BMI in kg/m²", "x ² y"])
def test_superscripts_that_are_powers_or_units(text: str) -> None:
    assert _markers(text) == []


@pytest.mark.parametrize(
    ("inside", "labels"),
    [("1", ("1",)), ("2,3", ("2", "3")), ("[4]", ("4",)), ("5-7", ("5", "6", "7"))],
)
def test_html_sup_spans(inside: str, labels: tuple[str, ...]) -> None:
    original = f"<p>Blood flow rose<sup>{inside}</sup> quickly.</p>"
    markup = tuple(span(original, tag) for tag in ("<p>", "<sup>", "</sup>", "</p>"))
    content = (span(original, "<sup>")[1], span(original, "</sup>")[0])
    source = marked_up(original, markup, superscripts=(content,))
    (marker,) = scan_citations(source).markers
    assert (marker.labels, marker.style, original[marker.start : marker.end]) == (
        labels,
        "superscript",
        inside,
    )


@pytest.mark.parametrize("inside", ["2", "TM", "st"])
def test_html_sup_spans_that_are_not_markers(inside: str) -> None:
    original = f"Area 4 m<sup>{inside}</sup> and the 1<sup>{inside}</sup> visit."
    markup = tuple(span(original, tag, n) for tag in ("<sup>", "</sup>") for n in (0, 1))
    contents = tuple(
        (span(original, "<sup>", n)[1], span(original, "</sup>", n)[0]) for n in (0, 1)
    )
    assert scan_citations(marked_up(original, markup, superscripts=contents)).markers == ()


@pytest.mark.parametrize(
    ("text", "labels", "covered"),
    [
        ("as shown (Smith et al., 2020).", ("smith2020",), "(Smith et al., 2020)"),
        (
            "as shown (Smith & Jones 2019; Lee, 2021).",
            ("smith2019", "lee2021"),
            "(Smith & Jones 2019; Lee, 2021)",
        ),
        ("as shown (see Smith, 2019, 2020a, p. 4).", ("smith2019", "smith2020a"), None),
        ("as shown (Fernández-de-las-Peñas et al., 2018).", ("fernandezdelaspenas2018",), None),
        ("as shown (van der Berg and O'Neil, 2017).", ("vanderberg2017",), None),
        ("Smith et al. (2020) found less pain.", ("smith2020",), "Smith et al. (2020)"),
        ("In Smith and Jones (2019) it fell.", ("smith2019",), "Smith and Jones (2019)"),
    ],
)
def test_author_year_markers(text: str, labels: tuple[str, ...], covered: str | None) -> None:
    ((found_labels, style, found_covered),) = _markers(text)
    assert (found_labels, style) == (labels, "author-year")
    assert found_covered == (covered or found_covered[found_covered.index("(") :])


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Less pain [@koppenhaver2022].", ("koppenhaver2022",)),
        ("Less pain [@a; @b, p. 3].", ("a", "b")),
        ("Less pain [see @doe99, pp. 33-35; also @smith04, chap. 1].", ("doe99", "smith04")),
        ("Less pain [-@rajfur2022].", ("rajfur2022",)),
    ],
)
def test_citekey_markers(text: str, labels: tuple[str, ...]) -> None:
    ((found, style, covered),) = _markers(text)
    assert (found, style) == (labels, "citekey")
    assert covered.startswith("[") and covered.endswith("]")


@pytest.mark.parametrize(
    "text",
    [
        "In 2020 more people tried it, and by 2021 most clinics offered it.",
        "Take 1.5 mg, then 2.5 mg.",
        "Update to version 3.2 or v2.0.1 of the app.",
        "Call (303) 322-4900 or +1 (212) 555-0100 today.",
        "Sessions cost $90 (about £70) each.",
        "It helped 70% (1-3% had bruising) of patients (0.3%).",
        "Back pain affects many (1 in 4 adults).",
        "(1) First, rest.\n(2) Then stretch.\n[3] Then walk.\n4. Then run.",
        "Published (2020) and updated (March 2021) (in 2020) (since 2019).",
        "Mail me [contact@example.com] or tick [x] and [ ].",
        "A scale of (400) and a ratio 2(3) and (12)3.",
    ],
)
def test_numbers_that_are_not_markers(text: str) -> None:
    assert _markers(text) == []


def test_markers_are_in_order_and_do_not_overlap() -> None:
    text = "First [2], then (Smith et al., 2020) and¹ also (1, 3)."
    markers = scan_citations(plain(text)).markers
    assert [m.style for m in markers] == ["bracket", "author-year", "superscript", "paren"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(markers))


def test_markers_inside_the_reference_list_are_ignored() -> None:
    entry = "[1] Quill T. A pretend trial (2). Fict Pain Med. 2021;3:5-6."
    text = f"Needling works [1].\n\nReferences\n{entry}\n"
    markers = scan_citations(plain(text)).markers
    assert markers == (Marker(("1",), "bracket", 15, 18),)


@pytest.mark.parametrize(
    ("text", "labels"),
    [("Less pain.[^1] Then", ("1",)), ("Less pain[^note].", ("note",)), ("[^2]: a note", None)],
)
def test_markdown_footnote_markers(text: str, labels: tuple[str, ...] | None) -> None:
    expected = [(labels, "bracket", f"[^{labels[0]}]")] if labels else []
    assert _markers(text) == expected
