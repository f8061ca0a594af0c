"""The HTML report's page, without a browser: how documents are laid out and marked, that
copy and metadata stay text, and that rendering a document takes O(n log n) comparisons of
span offsets (it was quadratic: issue 14, no. 6)."""

from __future__ import annotations

import io
import math
import re
from html.parser import HTMLParser

import pytest

from checker.formatters.html import Html
from checker.formatters.html.document import document
from checker.lint import FileResult
from checker.models import CERTAINTY, Claim, Finding
from checker.readers import read_text


def finding(text: str, words: str, code: str = "OS101", severity: str = "error",
            occurrence: int = 0, category: str = "overstated") -> Finding:
    """A finding on the ``occurrence``-th appearance of ``words``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Finding(path="page", start=start, end=start + len(words), code=code,
                   category=category, severity=severity, message=f"{code} says no",
                   suggestion=None, text=words, line=1, column=start + 1)


def claim(text: str, words: str, strength: str = "absolute") -> Claim:
    start = text.index(words)
    return Claim(path="page", start=start, end=start + len(words), text=words, kind="efficacy",
                 certainty=CERTAINTY[strength], intervention=None, effect=None, condition=None,
                 strength=strength)


def result(text: str, fmt: str = "markdown", claims=(), findings=()) -> FileResult:
    source = read_text("page", text, fmt)
    ordered = sorted(findings, key=lambda f: (f.start, f.code))
    return FileResult("page", list(claims), ordered, text, prose=source.prose,
                      blocks=source.blocks)


def report(*results: FileResult) -> str:
    return Html.render(list(results))


def section(page: FileResult) -> Elements:
    """The elements of one document's section (header and template)."""
    counts = {"error": 0, "warning": 0, "info": 0}
    return Elements(document(page, 1, counts))


class Elements(HTMLParser):
    """Each element's tag, attributes and the text inside it (nested text included)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict, list[str]]] = []
        self.open: list[list[str]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "meta", "input", "img", "hr", "link"):
            self.found.append((tag, dict(attrs), []))
            return
        text: list[str] = []
        self.found.append((tag, dict(attrs), text))
        self.open.append(text)

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        for text in self.open:
            text.append(data)

    def having(self, tag: str, css_class: str | None = None) -> list[tuple[dict, str]]:
        return [(attrs, "".join(text)) for name, attrs, text in self.found if name == tag
                and (css_class is None or css_class in (attrs.get("class") or "").split())]


PAGE = """---
title: Cupping <script>window.pwned = 1</script>
description: "Relief, naturally"
---
# Cupping

Our **revolutionary** cupping eliminates back pain for good <b onclick=x>today</b>.

- It is 100% safe.
- Works for everyone.

| Treatment | Claim |
|---|---|
| Cupping | cures cancer |
| Tea | boosts immunity |
"""


def test_prose_is_laid_out_in_blocks_with_markup_left_out():
    page = section(result(PAGE))
    headings = [text for _, text in page.having("h4", "copy-h")]
    assert headings == ["Cupping"]
    paragraph = [" ".join(text.split()) for _, text in page.having("p") if "cupping" in text]
    assert paragraph == ["Our revolutionary cupping eliminates back pain for good today."]
    assert [text for _, text in page.having("li") if "safe" in text or "everyone" in text] == \
        ["It is 100% safe.", "Works for everyone."]
    rows = [text for _, text in page.having("tr") if "Cupping" in text or "Tea" in text]
    assert rows == ["Cuppingcures cancer", "Teaboosts immunity"]


def test_metadata_is_shown_apart_and_only_as_text():
    out = report(result(PAGE))
    page = Elements(out)
    assert [t for _, t in page.having("dt")] == ["page title", "description"]
    assert [t for _, t in page.having("dd")] == \
        ["Cupping <script>window.pwned = 1</script>", "Relief, naturally"]
    assert out.count("<script") == 1  # the report's own


def test_a_plain_text_file_that_opens_with_dashes_has_no_front_matter():
    text = "---\ntitle: not metadata\n---\nCupping cures back pain.\n"
    page = section(result(text, "text"))
    assert page.having("dt") == []
    assert any("title: not metadata" in t for _, t in page.having("div", "copy"))


def test_an_html_page_title_and_description_are_metadata():
    text = ("<html><head><title>Cupping &amp; you</title><meta name=description "
            "content='Why it &quot;works&quot;'></head><body><p>Caf&eacute;s&nbsp;cure "
            "pain.</p></body></html>")
    page = Elements(report(result(text, "html")))
    assert [t for _, t in page.having("dt")] == ["page title", "description"]
    assert [t for _, t in page.having("dd")] == ["Cupping & you", 'Why it "works"']
    assert [t for _, t in page.having("p") if "pain" in t] == ["Cafés cure pain."]


def test_overlapping_findings_each_get_a_mark_and_a_separate_note():
    text = "Cupping eliminates back pain for good, clinically proven.\n"
    findings = [finding(text, text.strip(), "UN102", "warning", category="unsupported"),
                finding(text, "eliminates"), finding(text, "eliminates back pain", "OS151",
                                                     "warning"),
                finding(text, "pain for good", "OS102"), finding(text, "clinically proven",
                                                                 "OS111")]
    page = section(result(text, claims=[claim(text, text.strip())], findings=findings))
    marks = page.having("a", "ref")
    notes = page.having("li", "note")
    assert [attrs["href"] for attrs, _ in marks] == [f"#d1-n{k}" for k in range(1, 6)]
    assert [attrs["id"] for attrs, _ in notes] == [f"d1-n{k}" for k in range(1, 6)]
    assert [re.search(r"[A-Z]{2}\d{3}", t).group() for _, t in notes] == \
        ["UN102", "OS101", "OS151", "OS102", "OS111"]
    assert "UN102 says no" in notes[0][1] and "evidence-without-citation" in notes[0][1]
    assert "Regulation:" in notes[1][1] and "cure-claim" in notes[1][1]
    # the text is all there once, in order, around the marks
    copy = "".join(t for _, t in page.having("div", "copy"))
    assert re.sub(r"\d", "", copy) == text.strip()
    marked = page.having("span", "m")
    assert "".join(t for _, t in marked) == text.strip()  # every piece is underlined
    assert any("s-error" in a["class"] and "k-absolute" in a["class"] for a, _ in marked)


def test_a_claim_is_highlighted_by_its_strength():
    text = "Cupping relieves back pain. Tea may ease stress. Cupping cures it all.\n"
    claims = [claim(text, "Cupping relieves back pain.", "causal"),
              claim(text, "Tea may ease stress.", "conditional"),
              claim(text, "Cupping cures it all.", "absolute"), claim(text, "cures", "causal")]
    page = section(result(text, claims=claims))
    assert [(a["class"], t) for a, t in page.having("span") if a["class"].startswith("k-")] == \
        [("k-causal", "Cupping relieves back pain."), ("k-conditional", "Tea may ease stress."),
         ("k-absolute", "Cupping "), ("k-absolute", "cures"), ("k-absolute", " it all.")]


def test_rule_families_come_from_the_code_letters():
    text = "Cupping cures pain. Tea detoxes. A weak study.\n"
    findings = [finding(text, "cures"), finding(text, "detoxes", "XC001", "info",
                                                category="custom"),
                finding(text, "weak study", "EV201", "warning", category="evidence")]
    page = Elements(report(result(text, findings=findings)))
    families = [t for a, t in page.having("button") if "data-family" in a]
    assert families == ["EV evidence", "OS overstated", "XC custom"]
    boxes = [a["value"] for a, _ in page.having("input") if a.get("name") == "family"]
    assert boxes == ["EV", "OS", "XC"]


def test_findings_outside_the_prose_have_notes_without_marks():
    text = "# Cupping\n\n```\ncode cures nothing\n```\n\nCupping cures pain.\n"
    problem = Finding(path="page", start=0, end=0, code="IN002", category="input",
                      severity="warning", message="invalid UTF-8", suggestion=None, text="")
    in_code = finding(text, "cures")  # masked by the reader: not shown as prose
    page = section(result(text, findings=[problem, in_code, finding(text, "cures", occurrence=1)]))
    assert len(page.having("li", "note")) == 3
    assert [a["href"] for a, _ in page.having("a", "ref")] == ["#d1-n3"]


def test_documents_wait_in_templates_and_the_tables_count_every_file():
    pages = [result(PAGE), result("Cupping cures pain.\n", "text",
                                  findings=[finding("Cupping cures pain.\n", "cures")])]
    out = report(*pages)
    assert out.count("<template>") == out.count("<section class=doc ") == 2
    assert re.findall(r"<tr><td><a href='(#doc-\d+)'>", out) == ["#doc-1", "#doc-2"]
    page = Elements(out)
    totals = {a["class"]: t.split()[0] for a, t in page.having("li")
              if a.get("class", "").startswith("total-")}
    assert totals["total-files"] == "2" and totals["total-findings"] == "1"


# -- linear time (issue 14, no. 6) -------------------------------------------------------

class Offset(int):
    """A character offset that counts how often it is compared with anything."""

    compared = 0

    def _counting(name: str):  # builds the methods below
        method = getattr(int, name)

        def compare(self, other):
            Offset.compared += 1
            return method(self, other)
        return compare

    __lt__, __le__, __gt__, __ge__, __eq__, __ne__ = map(
        _counting, ("__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__"))
    __hash__ = int.__hash__


SENTENCE = "Our revolutionary cupping eliminates back pain for good, clinically proven. "


def dense(sentences: int) -> FileResult:
    """One paragraph of ``sentences`` claims, each with five findings, two overlapping the
    others; every offset an ``Offset``."""
    text = SENTENCE * sentences + "\n"
    claims, findings = [], []
    for index in range(sentences):
        base = index * len(SENTENCE)
        spans = [(0, len(SENTENCE) - 1), (4, 17), (26, 36), (26, 46), (42, 54), (56, 73)]
        whole = Claim(path="page", start=Offset(base), end=Offset(base + spans[0][1]),
                      text="", kind="efficacy", certainty="absolute", intervention=None,
                      effect=None, condition=None)
        claims.append(whole)
        for number, (start, end) in enumerate(spans[1:]):
            findings.append(Finding(path="page", start=Offset(base + start),
                                    end=Offset(base + end), code=f"OS10{number}",
                                    category="overstated", severity="error", message="no",
                                    suggestion=None, text=""))
    source = read_text("page", text, "text")
    return FileResult("page", claims, findings, text, prose=source.prose, blocks=source.blocks)


@pytest.mark.parametrize("sentences", [50, 800])
def test_rendering_a_document_compares_offsets_n_log_n_times(sentences):
    page = dense(sentences)
    spans = len(page.claims) + len(page.findings)
    Offset.compared = 0
    out = document(page, 1, {"error": len(page.findings), "warning": 0, "info": 0})
    assert out.count("class='note ") == len(page.findings)
    # sorting 2 events a span costs about 2 log2(2 spans) comparisons each; a scan of every
    # span for every piece (the old report) cost hundreds per span at 800 sentences
    assert Offset.compared <= spans * (4 * math.log2(2 * spans) + 20)


def test_the_formatter_writes_documents_as_they_come():
    """Each document goes to the spool when it arrives; only the tables wait for the end."""
    out = io.StringIO()
    formatter = Html(out)
    formatter.start()
    formatter.file(result(PAGE))
    formatter.documents.flush()
    formatter.documents.seek(0)
    assert "<section class=doc id=doc-1 " in formatter.documents.read()
    assert out.getvalue() == ""
    formatter.finish()
    assert out.getvalue().startswith("<!DOCTYPE html>")


def test_each_cited_work_shows_its_strongest_conclusion_and_grade():
    from dataclasses import replace

    from checker.references.status import ReferenceStatus

    page = replace(result("Acupuncture may reduce migraines (PMID 99001002).\n"),
                   references=[ReferenceStatus(
                       "PMID 99001002", "verified: a synthetic trial", None, "conditional",
                       "Acupuncture may <reduce> migraine frequency in adults.")])
    html = document(page, 0, {"error": 0, "warning": 0, "info": 0})
    assert "<span class='strength conditional'>conditional</span>" in html
    assert "may &lt;reduce&gt; migraine" in html  # the sentence is escaped
