"""DOIs, PMIDs and PMCIDs: every written form, exact spans, normalised values, bad shapes."""

from __future__ import annotations

import pytest

from checker.citations import Identifier, scan_citations

from .sources import link, marked_up, plain, span

REAL_DOI = "10.1080/10669817.2021.1977069"  # real: Koppenhaver et al. 2022


def _found(text: str) -> list[tuple[str, str, str]]:
    """(kind, value, raw) of each identifier in plain ``text``."""
    return [(i.kind, i.value, i.raw) for i in scan_citations(plain(text)).identifiers]


def _only(text: str) -> Identifier:
    (identifier,) = scan_citations(plain(text)).identifiers
    return identifier


@pytest.mark.parametrize(
    "written",
    [
        f"doi:{REAL_DOI}",
        f"DOI: {REAL_DOI}",
        f"Doi : {REAL_DOI}",
        f"doi {REAL_DOI}",
        f"https://doi.org/{REAL_DOI}",
        f"HTTPS://DOI.ORG/{REAL_DOI}",
        f"http://dx.doi.org/{REAL_DOI}",
        f"https://www.doi.org/{REAL_DOI}",
        f"doi.org/{REAL_DOI}",
        f"doi: https://doi.org/{REAL_DOI}",
        REAL_DOI,
        REAL_DOI.upper(),
        "https://doi.org/10.1080%2F10669817.2021.1977069",
    ],
)
def test_doi_forms_normalise_to_one_value(written: str) -> None:
    text = f"Read it here: {written} today."
    identifier = _only(text)
    assert (identifier.kind, identifier.value, identifier.valid) == ("doi", REAL_DOI, True)
    assert (identifier.start, identifier.end) == span(text, written)
    assert identifier.raw == written


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        # synthetic: 10.1000 is the DOI Handbook's example prefix
        ("as shown (doi:10.1000/xyz123).", "doi:10.1000/xyz123", "10.1000/xyz123"),
        # synthetic: 10.5555 is the reserved test prefix
        ("see https://doi.org/10.5555/abc), then", "https://doi.org/10.5555/abc", "10.5555/abc"),
        ("(10.5555/S0000-0000(97)00000-0)", "10.5555/S0000-0000(97)00000-0", None),
        ("10.5555/S0000-0000(97)00000-0.", "10.5555/S0000-0000(97)00000-0", None),
        ("[doi: 10.5555/tail-bracket]", "doi: 10.5555/tail-bracket", None),
        ("“10.5555/quoted”, said", "10.5555/quoted", None),
        ("end 10.5555/abc;", "10.5555/abc", None),
    ],
)
def test_doi_trailing_punctuation_and_brackets(text: str, raw: str, value: str | None) -> None:
    identifier = _only(text)
    assert identifier.raw == raw
    assert (identifier.start, identifier.end) == span(text, raw)
    assert identifier.value == (value or raw.removeprefix("doi: ").lower())
    assert identifier.valid


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("PMID: 34525901", "34525901"),
        ("PMID 34525901", "34525901"),
        ("pmid:34525901", "34525901"),
        ("PMID: 0034525901", "34525901"),
        ("pubmed.ncbi.nlm.nih.gov/34525901/", "34525901"),
        ("https://pubmed.ncbi.nlm.nih.gov/34525901/", "34525901"),
        ("https://www.ncbi.nlm.nih.gov/pubmed/34525901", "34525901"),
        ("http://www.ncbi.nlm.nih.gov/pubmed/34525901", "34525901"),
    ],
)
def test_pmid_forms(written: str, value: str) -> None:
    text = f"Abstract: {written} (free)."
    identifier = _only(text)
    assert (identifier.kind, identifier.value, identifier.raw) == ("pmid", value, written)
    assert (identifier.start, identifier.end) == span(text, written)
    assert identifier.valid


@pytest.mark.parametrize(
    "written",
    [
        "PMC9255226",
        "pmc9255226",
        "PMCID: PMC9255226",
        "PMCID:PMC9255226",
        "PMCID: 9255226",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC9255226/",
        "pmc.ncbi.nlm.nih.gov/articles/PMC9255226",
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC9255226/",
    ],
)
def test_pmcid_forms(written: str) -> None:
    text = f"Full text {written} here"
    identifier = _only(text)
    assert (identifier.kind, identifier.value, identifier.raw) == ("pmcid", "PMC9255226", written)
    assert (identifier.start, identifier.end) == span(text, written)


@pytest.mark.parametrize(
    ("written", "kind", "problem"),
    [
        ("doi: 10.1080/", "doi", "DOI has no suffix after the prefix"),
        ("doi:10.1080.", "doi", "DOI has no suffix after the prefix"),
        ("doi: 10.12/abc", "doi", "DOI prefix must be '10.' followed by 4\N{EN DASH}9 digits"),
        (
            "DOI: 10.1234567890/abc",
            "doi",
            "DOI prefix must be '10.' followed by 4\N{EN DASH}9 digits",
        ),
        ("doi: 11.1080/abc", "doi", "DOI must start with '10.'"),
        ("https://doi.org/", "doi", "DOI is missing after its label"),
        ("PMID: 12a45", "pmid", "PMID must be 1\N{EN DASH}8 digits"),
        ("PMID 123456789", "pmid", "PMID must be 1\N{EN DASH}8 digits"),
        ("PMID: 0", "pmid", "PMID must be 1\N{EN DASH}8 digits"),
        ("PMCID: PMC", "pmcid", "PMCID has no digits after PMC"),
        ("PMCID: PMC12x", "pmcid", "PMCID must be PMC followed by 1\N{EN DASH}8 digits"),
        ("PMC123456789", "pmcid", "PMCID must be PMC followed by 1\N{EN DASH}8 digits"),
    ],
)
def test_malformed_identifiers_are_reported(written: str, kind: str, problem: str) -> None:
    text = f"Cited as {written}\nNext line"
    identifier = _only(text)
    assert (identifier.kind, identifier.valid, identifier.problem) == (kind, False, problem)
    assert identifier.raw == written.rstrip(".")


@pytest.mark.parametrize(
    "text",
    [
        "Mix 10.5 mg with 10.25 ml, then 10.1080 more.",  # numbers, not DOIs
        "version v1.10.1234/beta",  # not a DOI start
        "Read more at example.com/doi/ and the PMID field.",
        "The PMC team met.",
        "Call 1-800-555-0100.",
        "xPMID: 123 and myPMC123",
    ],
)
def test_no_identifier_in_ordinary_text(text: str) -> None:
    assert _found(text) == []


def test_bare_doi_in_a_publisher_url_keeps_only_the_doi() -> None:
    text = "https://journals.example.org/doi/full/10.5555/pub.2020.1 (synthetic)"
    assert _found(text) == [("doi", "10.5555/pub.2020.1", "10.5555/pub.2020.1")]


def test_identifiers_found_in_order() -> None:
    text = f"PMID: 34525901; PMCID: PMC9255226. doi: {REAL_DOI}"
    assert [i.kind for i in scan_citations(plain(text)).identifiers] == ["pmid", "pmcid", "doi"]


def test_link_target_identifier_spans_the_url() -> None:
    url = f"https://doi.org/{REAL_DOI}"
    original = f"Read [the trial]({url}) now."
    markup = (span(original, "["), span(original, f"]({url})"))
    source = marked_up(original, markup, links=(link(original, url, "the trial"),))
    (identifier,) = scan_citations(source).identifiers
    assert (identifier.start, identifier.end) == span(original, url)
    assert (identifier.kind, identifier.value, identifier.raw) == ("doi", REAL_DOI, url)


def test_link_and_visible_text_report_one_identifier() -> None:
    url = "https://pubmed.ncbi.nlm.nih.gov/34525901/"
    original = f'<a href="{url}">PMID: 34525901</a>'
    markup = (span(original, f'<a href="{url}">'), span(original, "</a>"))
    source = marked_up(original, markup, links=(link(original, url, "PMID: 34525901"),))
    (identifier,) = scan_citations(source).identifiers
    assert (identifier.raw, identifier.start) == ("PMID: 34525901", original.index("PMID"))


def test_link_with_a_different_identifier_in_its_text_reports_both() -> None:
    url = "https://pmc.ncbi.nlm.nih.gov/articles/PMC9255226/"
    original = f'<a href="{url}">PMID: 34525901</a>'
    markup = (span(original, f'<a href="{url}">'), span(original, "</a>"))
    source = marked_up(original, markup, links=(link(original, url, "PMID: 34525901"),))
    kinds = [(i.kind, i.value) for i in scan_citations(source).identifiers]
    assert kinds == [("pmcid", "PMC9255226"), ("pmid", "34525901")]
