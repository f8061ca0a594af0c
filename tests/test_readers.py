"""Readers keep every offset: a finding's position is the original file's line and column."""

from __future__ import annotations

import pytest

from checker.readers import decode
from checker.readers.html import read_html
from checker.readers.markdown import read_markdown
from checker.readers.plain import read_plain


def test_markdown_masks_code_links_front_matter_and_comments():
    text = ("---\ntitle: cures everything\n---\n# Heading *cures*\n\n"
            "Cupping **eliminates** pain, see [the trial](https://doi.org/10.5555/x) and `cure`.\n"
            "<!-- miracle -->\n\n```\nmiracle cure\n```\n\n    indented miracle\n")
    source = read_markdown("a.md", text)
    assert len(source.prose) == len(text)
    assert "title:" not in source.prose  # front matter keys are markup; a title is metadata
    assert "miracle" not in source.prose
    assert "https://doi.org" not in source.prose and "`cure`" not in source.prose
    assert "Cupping   eliminates   pain" in source.prose
    assert [b.kind for b in source.blocks] == ["metadata", "heading", "paragraph"]
    (link,) = source.links
    assert text[link.start:link.end] == "https://doi.org/10.5555/x"  # synthetic DOI


def test_markdown_lists_tables_and_blockquotes_are_blocks():
    text = ("- first item\n- second item\n\n> quoted claim\n\n"
            "| a | b |\n|---|---|\n| cell one | two |\n")
    source = read_markdown("a.md", text)
    assert [(b.kind, source.prose[b.start:b.end]) for b in source.blocks] == [
        ("list_item", "first item"), ("list_item", "second item"),
        ("blockquote", "quoted claim"), ("table_cell", "a"), ("table_cell", "b"),
        ("table_cell", "cell one"), ("table_cell", "two")]


def test_html_visible_text_only_and_entities_in_place():
    text = ("<html><head><title>t</title><style>p{}</style></head><body>"
            "<script>cure()</script><p>R&amp;D <b>eases</b> pain<sup>1</sup></p>"
            "<img alt='miracle'><noscript>miracle</noscript><li>item</li></body></html>")
    source = read_html("a.html", text)
    assert len(source.prose) == len(text)
    assert "cure()" not in source.prose and "p{}" not in source.prose
    assert source.prose.count("miracle") == 1  # the alt text is metadata; noscript is hidden
    assert "R&    D" in source.prose
    assert [text[a:b] for a, b in source.superscripts] == ["1"]
    assert [(b.kind, b.meta) for b in source.blocks] == [
        ("metadata", "title"), ("paragraph", ""), ("metadata", "alt"), ("list_item", "")]


def test_deeply_nested_html_is_read_without_recursion():
    text = "<div>" * 50_000 + "Cupping eases pain." + "</div>" * 50_000
    source = read_html("deep.html", text)
    assert source.prose.strip() == "Cupping eases pain."


@pytest.mark.parametrize("opener", ["1. ", "- ", "> - "])
def test_markdown_nested_past_the_parser_limit_loses_nothing(opener):
    """markdown-it stops at 20 levels of nesting and skips the rest of the container, which
    can be the rest of the file; those lines are read as plain paragraphs instead."""
    text = opener * 30 + "deep\n\nCupping cures pain.\n\nAfter that, more text.\n"
    source = read_markdown("deep.md", text)
    assert "Cupping cures pain." in source.prose and "more text." in source.prose
    assert any(source.prose[b.start:b.end] == "Cupping cures pain." for b in source.blocks)


def test_plain_text_joins_wrapped_lines_but_not_web_lines():
    text = "Home\nDry needling relieves\nback pain in some people.\nBook now\n"
    blocks = read_plain("a.txt", text).blocks
    assert [text[b.start:b.end] for b in blocks] == [
        "Home", "Dry needling relieves\nback pain in some people.", "Book now"]


@pytest.mark.parametrize(("text", "offset", "position"), [
    ("ab\ncd", 3, (2, 1)), ("ab\r\ncd", 4, (2, 1)), ("ab\rcd", 3, (2, 1)), ("é\nx", 2, (2, 1)),
])
def test_positions_count_crlf_and_lone_cr(text, offset, position):
    assert read_plain("a", text).position(offset) == position


def test_decode_reports_binary_invalid_utf8_and_size():
    assert decode("a", b"\x00\x01", 100)[1][0].code == "IN001"
    text, problems = decode("a", b"caf\xe9 cures", 100)
    assert text == "caf\ufffd cures" and problems[0].code == "IN002"
    assert decode("a", b"x" * 101, 100)[1][0].code == "IN003"
    assert decode("a", "\ufeffhi".encode(), 100) == ("hi", [])


def test_finding_positions_point_at_the_words_in_the_original(lint_text):
    text = "# Title\n\nOur *cupping* **eliminates** back pain.\n"
    result = lint_text(text, fmt="markdown", path="a.md")
    finding = next(f for f in result.findings if f.code == "OS101")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 17, 3, 27)
    lines = text.splitlines()
    assert lines[finding.line - 1][finding.column - 1:finding.end_column - 1] == finding.text
