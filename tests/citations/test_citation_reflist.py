"""Finding the reference list and cutting it into entries."""

from __future__ import annotations

import pytest

from checker.citations import ReferenceList, scan_citations

from .sources import block, marked_up, plain, span

# synthetic: invented Vancouver entries without identifiers
FIRST = "Ostrander QV. A pretend trial of needling. Imag Physio Rev. 2019;7(2):11-19."
SECOND = "Bellweather J, Quill T. Another pretend trial. Fict Pain Med. 2020;8(1):1-9."
THIRD = "Quill T. A third pretend trial. Fict Pain Med. 2021;3:5-6."


def _list(text: str) -> ReferenceList:
    reference_list = scan_citations(plain(text)).reference_list
    assert reference_list is not None
    return reference_list


def _entries(reference_list: ReferenceList) -> list[tuple[str, str]]:
    return [(e.label, e.text) for e in reference_list.entries]


def test_plain_heading_with_bulleted_entries() -> None:
    text = f"Needling helped.\nReferences:\n- {FIRST}\n- {SECOND}\n"
    found = _list(text)
    assert found.heading == "References:"
    assert (found.start, found.end) == (text.index("References"), text.index(SECOND) + len(SECOND))
    assert _entries(found) == [("1", FIRST), ("2", SECOND)]
    assert [(e.start, e.end) for e in found.entries] == [span(text, FIRST), span(text, SECOND)]


def test_numbered_lines_in_one_block_become_one_entry_each() -> None:
    numbered = f"1. {FIRST}\n[2] {SECOND}\n3) {THIRD}"
    original = f"## Sources\n\n{numbered}\n"
    blocks = (block(original, "Sources", "heading", 2), block(original, numbered, "paragraph"))
    found = scan_citations(marked_up(original, (span(original, "## "),), blocks)).reference_list
    assert found is not None and found.heading == "Sources"
    assert _entries(found) == [("1", FIRST), ("2", SECOND), ("3", THIRD)]


def test_markdown_list_numbers_masked_in_prose_are_read_from_the_original() -> None:
    original = f"# References\n\n5. {FIRST}\n6. {SECOND}\n"
    markup = (span(original, "# "), span(original, "5. "), span(original, "6. "))
    blocks = (
        block(original, "References", "heading", 1),
        block(original, FIRST, "list_item"),
        block(original, SECOND, "list_item"),
    )
    found = scan_citations(marked_up(original, markup, blocks)).reference_list
    assert found is not None and _entries(found) == [("5", FIRST), ("6", SECOND)]


def test_wrapped_entry_in_a_structured_block_stays_one_entry() -> None:
    wrapped = FIRST.replace(" Imag", "\n   Imag")
    original = f"## References\n\n- {wrapped}\n"
    blocks = (block(original, "References", "heading", 2), block(original, wrapped, "list_item"))
    markup = (span(original, "## "), span(original, "- "))
    found = scan_citations(marked_up(original, markup, blocks)).reference_list
    assert found is not None and _entries(found) == [("1", FIRST)]


def test_list_ends_at_a_heading_of_the_same_rank_but_not_a_lower_one() -> None:
    original = f"## References\n### Articles\n{FIRST}\n### Books\n{SECOND}\n## About us\n{THIRD}\n"
    blocks = (
        block(original, "References", "heading", 2),
        block(original, "Articles", "heading", 3),
        block(original, FIRST, "paragraph"),
        block(original, "Books", "heading", 3),
        block(original, SECOND, "paragraph"),
        block(original, "About us", "heading", 2),
        block(original, THIRD, "paragraph"),
    )
    markup = tuple(span(original, mark, n) for mark, n in (("## ", 0), ("### ", 0), ("### ", 1)))
    found = scan_citations(marked_up(original, markup, blocks)).reference_list
    assert found is not None and _entries(found) == [("1", FIRST), ("2", SECOND)]


def test_one_line_html_heading_block() -> None:
    original = f"<h2>Sources</h2><ol><li>{FIRST}</li><li>{SECOND}</li></ol>"
    markup = tuple(
        span(original, tag) for tag in ("<h2>", "</h2><ol><li>", "</li><li>", "</li></ol>")
    )
    blocks = (
        block(original, "Sources", "heading", 2),
        block(original, FIRST, "list_item"),
        block(original, SECOND, "list_item"),
    )
    found = scan_citations(marked_up(original, markup, blocks)).reference_list
    assert found is not None and found.heading == "Sources"
    assert _entries(found) == [("1", FIRST), ("2", SECOND)]


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "Reference",
        "REFERENCES:",
        "Sources",
        "Bibliography",
        "Citations",
        "Works Cited",
        "Literature",
        "Studies cited:",
        "Research",
    ],
)
def test_heading_words(heading: str) -> None:
    found = _list(f"Intro line.\n{heading}\n{FIRST}\n")
    assert (found.heading, _entries(found)) == (heading, [("1", FIRST)])


def test_the_last_heading_wins() -> None:
    text = f"Sources\n{FIRST}\n\nMore text here.\n\nReferences\n{SECOND}\n{THIRD}\n"
    found = _list(text)
    assert found.heading == "References"
    assert _entries(found) == [("1", SECOND), ("2", THIRD)]


def test_a_later_heading_word_without_references_is_passed_over() -> None:
    text = f"References\n{FIRST}\n{SECOND}\n\nResearch\nOur clinic follows the evidence closely.\n"
    found = _list(text)
    assert found.heading == "References"
    assert _entries(found) == [("1", FIRST), ("2", SECOND)]


def test_plain_list_drops_page_debris_after_the_last_reference() -> None:
    found = _list(f"References\n{FIRST}\n{SECOND}\n\n14 views 0 comments\nback to top\n")
    assert _entries(found) == [("1", FIRST), ("2", SECOND)]


def test_headless_reference_run_at_the_end() -> None:
    text = f"Needling is popular.\n\n{FIRST}\n\n{SECOND}\n\n{THIRD}\n\n14 views\nback to top\n"
    found = _list(text)
    assert (found.heading, found.start, found.end) == ("", text.index(FIRST), span(text, THIRD)[1])
    assert _entries(found) == [("1", FIRST), ("2", SECOND), ("3", THIRD)]


def test_headless_reference_run_with_identifiers_only() -> None:
    # synthetic: 10.5555 is the reserved test prefix
    text = (
        "Our sources:\n\nClinic A. Guide one. doi:10.5555/one\n\nClinic B. Guide two. PMID: 1234\n"
    )
    found = _list(text)
    assert [[i.raw for i in e.identifiers] for e in found.entries] == [
        ["doi:10.5555/one"],
        ["PMID: 1234"],
    ]


@pytest.mark.parametrize(
    "text",
    [
        f"Needling is popular.\n\n{FIRST}\n",  # one trailing reference is not a list
        f"{FIRST}\n\nA long closing paragraph that is clearly prose and not a reference.\n",
        "Research\nWe read the research so you do not have to.\n",
    ],
)
def test_no_reference_list(text: str) -> None:
    assert scan_citations(plain(text)).reference_list is None


def test_masked_source_without_blocks_is_read_line_by_line() -> None:
    original = f"<b>References</b>\n{FIRST}\n{SECOND}\n"
    markup = (span(original, "<b>"), span(original, "</b>"))
    found = scan_citations(marked_up(original, markup)).reference_list
    assert found is not None and found.heading == "References"
    assert _entries(found) == [("1", FIRST), ("2", SECOND)]


def test_a_list_of_list_items_ends_with_its_last_item() -> None:
    original = f"<h2>Sources</h2><ol><li>{FIRST}</li></ol><p>© 2024 Example Clinic · Privacy</p>"
    tags = ("<h2>", "</h2><ol><li>", "</li></ol><p>", "</p>")
    blocks = (
        block(original, "Sources", "heading", 2),
        block(original, FIRST, "list_item"),
        block(original, "© 2024 Example Clinic · Privacy", "paragraph"),
    )
    markup = tuple(span(original, tag) for tag in tags)
    found = scan_citations(marked_up(original, markup, blocks)).reference_list
    assert found is not None and _entries(found) == [("1", FIRST)]


def test_paragraph_entries_lose_a_trailing_footer() -> None:
    original = f"## References\n\n{FIRST}\n\n{SECOND}\n\nSpeak to your GP first.\n\n© 2024 Clinic\n"
    blocks = (
        block(original, "References", "heading", 2),
        *(block(original, text, "paragraph") for text in (FIRST, SECOND)),
        *(
            block(original, text, "paragraph")
            for text in ("Speak to your GP first.", "© 2024 Clinic")
        ),
    )
    found = scan_citations(marked_up(original, (span(original, "## "),), blocks)).reference_list
    assert found is not None and _entries(found) == [("1", FIRST), ("2", SECOND)]


def test_markdown_footnote_definitions_are_entries() -> None:
    notes = f"[^1]: {FIRST}\n\n[^rest]: {SECOND}\n"
    text = f"Cupping eased pain.[^1] So did rest.[^rest]\n\nSources\n\n{notes}"
    scan = scan_citations(plain(text))
    assert scan.reference_list is not None
    assert _entries(scan.reference_list) == [("1", FIRST), ("rest", SECOND)]
    assert [[e.label for e in scan.entries_for(m)] for m in scan.markers] == [["1"], ["rest"]]


def test_a_single_markdown_footnote_definition_before_a_footer_is_a_reference_list():
    from checker.citations import scan_citations
    from checker.readers.markdown import read_markdown

    text = ("Cupping eased neck pain in one small trial.[^1]\n\n"
            "[^1]: Testwriter A, Example B, et al. A synthetic reference entry written for this "
            "test. J Test Med. 2011;11:63.\n\n"
            "Studio Ltd · Registered in England · [Privacy](/privacy) · [Cookies](/cookies)\n")
    scan = scan_citations(read_markdown("a.md", text))
    assert scan.reference_list is not None
    assert [entry.label for entry in scan.reference_list.entries] == ["1"]
    assert scan.unresolved_markers() == ()
