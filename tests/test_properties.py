"""Property tests: any text, any markup, never an exception, and every reported position is
inside the file with ``text`` equal to the file's characters there."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.readers import read_text

PIECES = st.sampled_from([
    "Dry needling eliminates back pain.", "It is completely safe", " may help ", "miracle",
    "**", "*", "_", "`", "[1]", "(2, 3)", ".1 ", "<b>", "</b>", "<sup>1</sup>", "<p>", "</p>",
    "<script>x</script>", "<!-- c -->", "&amp;", "&#8212;", "# ", "- ", "> ", "| a | b |",
    "\n", "\r\n", "\r", "\n\n", "\ufeff", "\u200b", "e\u0301", "\u05e9\u05dc\u05d5\u05dd",
    "\U0001f600", "PMID: 34525901", "doi:10.5555/x.", "[@key]", "References\n1. A B. T. J. 2020.",
    "```\ncode cure\n```\n", "---\ntitle: x\n---\n",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, fmt=st.sampled_from(["markdown", "html", "text"]))
def test_positions_always_point_into_the_original(linter, text, fmt):
    source = read_text("doc", text, fmt)
    assert len(source.prose) == len(text)
    result = linter.lint(source)
    lines = text.splitlines(keepends=True) or [""]
    for item in [*result.findings, *result.claims]:
        assert 0 <= item.start <= item.end <= len(text)
        assert item.text == text[item.start:item.end]
        assert (item.line, item.column) == source.position(item.start)
        assert (item.end_line, item.end_column) == source.position(item.end)
        assert 1 <= item.line <= len(lines) + 1
