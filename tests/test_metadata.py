"""Page metadata customers see is linted where it stands: titles, descriptions, social cards,
image alt text, front matter and the string props of MDX components; config turns each class
off."""

from __future__ import annotations

import dataclasses

import pytest

from checker.config import Config
from checker.lint import Linter
from checker.readers import read_text

HTML = """<!doctype html>
<html><head>
<title>Ozone &amp; Lyme: ozone therapy cures Lyme disease</title>
<meta name="description" content="Our patch eliminates back pain for good.">
<meta property="og:description" content='Kiss goodbye to sciatica with this revolutionary brace.'>
</head><body>
<p>Book a consultation. <img src="knee.jpg" alt="FlexiCore eliminates knee pain"> Call us.</p>
</body></html>
"""

MDX = """---
title: "Ozone therapy cures Lyme disease"
description: Our patch eliminates back pain for good.
layout: product
---

# Welcome

<Hero subtitle="Say goodbye to arthritis forever" cta="Shop now" />

![FlexiCore eliminates knee pain](knee.png)
"""


def _codes_by_text(result) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.text, set()).add(finding.code)
    return found


@pytest.mark.parametrize(("text", "fmt", "path"), [(HTML, "html", "page.html"),
                                                   (MDX, "markdown", "page.mdx")])
def test_metadata_claims_are_found_at_their_exact_position(linter, text, fmt, path):
    result = linter.lint(read_text(path, text, fmt))
    claims = {claim.text for claim in result.claims}
    assert any("cures Lyme disease" in claim for claim in claims)
    assert any("eliminates back pain" in claim for claim in claims)
    assert any("eliminates knee pain" in claim for claim in claims)
    lines = text.splitlines()
    for finding in result.findings:
        line = lines[finding.line - 1]
        assert line[finding.column - 1:].startswith(finding.text), finding
    cures = [f for f in result.findings if f.code == "OS101"]
    assert {f.text for f in cures} >= {"cures", "eliminates"}


def test_social_card_and_component_props_are_linted():
    html = Linter(Config()).lint(read_text("page.html", HTML, "html"))
    assert any(f.text == "revolutionary" for f in html.findings)
    mdx = Linter(Config()).lint(read_text("page.mdx", MDX, "markdown"))
    assert any("arthritis" in claim.text for claim in mdx.claims)
    assert not any("Shop now" in claim.text for claim in mdx.claims)


@pytest.mark.parametrize("switched_off", ["title", "description", "social", "alt"])
def test_each_metadata_class_can_be_switched_off(switched_off):
    every = Config()
    fewer = dataclasses.replace(every, metadata=tuple(m for m in every.metadata
                                                       if m != switched_off))
    before = Linter(every).lint(read_text("page.html", HTML, "html"))
    after = Linter(fewer).lint(read_text("page.html", HTML, "html"))
    assert len(after.claims) < len(before.claims)


def test_no_metadata_at_all_lints_only_the_body():
    result = Linter(Config(metadata=())).lint(read_text("page.mdx", MDX, "markdown"))
    assert result.claims == []


def test_entities_in_attributes_keep_positions(linter):
    text = '<meta name="description" content="Caf&eacute; cupping cures migraines.">\n'
    result = linter.lint(read_text("p.html", text, "html"))
    (finding,) = [f for f in result.findings if f.code == "OS101"]
    assert text[finding.start:finding.end] == "cures"
