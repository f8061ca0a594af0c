"""Inputs that broke a parser under ``benchmarks/fuzz.py`` (atheris) or
``benchmarks/adversarial.py``, kept so the bugs stay fixed. Each literal is the crashing
input, verbatim or cut down to the part that mattered."""

from __future__ import annotations

import pytest

from checker.citations import scan_citations
from checker.errors import ClaimlintError
from checker.readers import read_text
from checker.references.bibtex import parse_bibliography


def _read(data: bytes, fmt: str) -> str:
    """Read like the CLI does, and check the reader kept every position inside the text."""
    text = data.decode("utf-8-sig", errors="replace")
    source = read_text("fuzz", text, fmt)
    assert len(source.prose) == len(text)
    for block in source.blocks:
        assert 0 <= block.start <= block.end <= len(text)
    return source.prose


# Found by the html target, verbatim: "<![CDAT" is a marked section the standard library's
# parser cannot name, and it raised AssertionError out of the HTML reader.
HTML_MARKED_SECTION = (b"<div><p>unclosed <a href=/x>link<sup>1<p>next &unkno110000; <a href=/x"
                       b">link<sup>1<p>next &unkno110000; <![CDAT<![CDATA[ x ]]><?pi?><math><mi>x"
                       b"</mi></math>\r\nend")
# Found by the markdown target (cut down): "<![_" in an HTML block (opened by the unclosed
# comment), an AssertionError ("expected name token") once the Markdown reader hands the
# block to the HTML reader.
MARKDOWN_MARKED_SECTION = (b"```\nnot prose\n```\n<!-- \x9d\x97aimlint: disable &amp; ot\n====\n"
                           b"<b>sleep</b>\\* &am<![_calm_  \nline two\n\n* ")
# Found by the citations target (cut down): the same crash reached through scan_citations.
CITATIONS_MARKED_SECTION = (b"\xff\xff<p>Co<p>CSauna urces\n\n- More\x00nAspen fo&ld pSauna u"
                            b"<![se lower<")


def test_an_unknown_marked_section_is_a_bogus_comment_as_in_a_browser():
    prose = _read(HTML_MARKED_SECTION, "html")
    assert "CDAT" not in prose and " x " not in prose  # masked up to the first ">"
    assert prose.endswith("\r\nend")  # and the text after it is read


def test_markdown_with_an_unclosed_marked_section_is_read():
    prose = _read(MARKDOWN_MARKED_SECTION, "markdown")
    assert "not prose" not in prose  # the fenced code block is still masked


def test_citation_scan_survives_an_unknown_marked_section():
    text = CITATIONS_MARKED_SECTION.decode("utf-8", errors="replace")
    scan = scan_citations(read_text("fuzz", text, "html"))
    assert all(0 <= m.start <= m.end <= len(text) for m in scan.markers)


# Found by the html target (a 261-byte input, cut down by deleting characters while it still
# failed): a lone CR before a line feed put every later position off, here a block that
# ended before it started. html.parser counts lines by line feeds alone.
LONE_CR_IN_A_TAG = "<l\ri>\nx<"


def test_a_lone_carriage_return_keeps_html_positions_exact():
    assert _read(LONE_CR_IN_A_TAG.encode(), "html").strip() == "x"
    text = "x\ry\n<p>Cupping cures pain.</p>"
    source = read_text("page.html", text, "html")
    assert [text[b.start:b.end] for b in source.blocks] == ["x\ry", "Cupping cures pain."]


# Found by benchmarks/adversarial.py (too slow, not a crash): markup the end of the file cuts
# off was retried by html.parser at every later "<", quadratic in its length. Browsers drop
# an unclosed tag and end an unclosed comment there: nothing after it is text.
@pytest.mark.parametrize("cut_off", ["<a href='" * 50, "<p " * 50, "<!--" * 50,
                                     "<![CDATA[" * 50])
def test_markup_cut_off_by_the_end_of_the_file_is_masked(cut_off):
    text = "<p>Cupping cures pain.</p>" + cut_off + " miracle"
    source = read_text("page.html", text, "html")
    assert source.prose.split() == ["Cupping", "cures", "pain."]


# Found by the bibtex target (cut down from a 373-byte input): a second @string with the same
# name raised KeyError while the loader phrased its "duplicate key" error.
DUPLICATE_STRING = '@string{jn = "J. Test Med."}\n@article{a, title={t}}\n@string{jn = ". Med."}\n'


def test_a_duplicate_string_macro_is_a_one_line_error():
    with pytest.raises(ClaimlintError) as error:
        parse_bibliography(DUPLICATE_STRING, "refs.bib")
    assert str(error.value) == "refs.bib:3: duplicate @string 'jn' (first used on line 1)"
