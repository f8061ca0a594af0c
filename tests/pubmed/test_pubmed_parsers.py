"""Parsers against real recorded answers (and marked synthetic ones) in tests/fixtures/eutils."""

from __future__ import annotations

import json

import pytest
from fakes.eutils import BILLION_LAUGHS_BODY, fixture

from checker.pubmed import ApiError, NotFound
from checker.pubmed.abstracts import Section, conclusion_sentences, split_sentences
from checker.pubmed.parsers import (
    PmcIds,
    parse_crossref_work,
    parse_ecitmatch,
    parse_efetch,
    parse_esearch,
    parse_esummary,
    parse_idconv,
)

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<PubmedArticleSet><PubmedArticle>&xxe;</PubmedArticle></PubmedArticleSet>"""


def test_efetch_retracted_article_carries_notices_and_interpretation() -> None:
    record = parse_efetch(fixture("efetch_retracted_9500320.xml"))["9500320"]
    assert record.retracted
    assert record.retraction_notices == ("20137807",)
    assert record.expressions_of_concern == ("21971344",)
    assert record.errata == ("15016483",)
    assert "Retracted Publication" in record.publication_types
    assert record.doi == "10.1016/s0140-6736(97)11096-0"
    assert (record.journal, record.journal_iso) == ("Lancet (London, England)", "Lancet")
    assert (record.year, record.volume, record.issue, record.pages) == (
        1998,
        "351",
        "9103",
        "637-41",
    )
    assert record.authors[0] == "Wakefield AJ" and record.first_author_surname == "Wakefield"
    assert "Measles-Mumps-Rubella Vaccine" in record.mesh_terms
    assert record.conclusion_sentences == (
        "We identified associated gastrointestinal disease and developmental regression in a "
        "group of previously normal children, which was generally associated in time with "
        "possible environmental triggers.",
    )
    assert record.abstract and record.abstract.startswith("BACKGROUND: We investigated")
    assert record.url == "https://pubmed.ncbi.nlm.nih.gov/9500320/"


def test_efetch_unstructured_abstract_concludes_with_last_two_sentences() -> None:
    records = parse_efetch(fixture("efetch_two_articles.xml"))
    assert set(records) == {"11748933", "11700088"}
    record = records["11748933"]
    assert not record.retracted and record.partial is False
    assert record.year == 2001 and record.doi == "10.1006/cryo.2001.2328"
    assert record.conclusion_sentences[-1].startswith("This study suggests that the different")
    assert len(record.conclusion_sentences) == 2


def test_efetch_reads_book_chapters() -> None:
    record = parse_efetch(fixture("synthetic_efetch_book.xml"))["99000900"]
    assert record.title == "SYNTHETIC chapter on made-up supplements."
    assert record.journal == "SYNTHETIC Reviews of Test Fixtures"
    assert record.year == 2019 and record.authors == ("Writer W",)
    assert record.publication_types == ("Review",)
    assert record.conclusion_sentences == (
        "It reviews nothing.",
        "No supplement in it cures anything.",
    )


@pytest.mark.parametrize(
    "body", [BILLION_LAUGHS_BODY, EXTERNAL_ENTITY], ids=["billion-laughs", "xxe"]
)
def test_efetch_refuses_entity_tricks(body: bytes) -> None:
    with pytest.raises(ApiError, match="unreadable XML"):
        parse_efetch(body)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<PubmedArticleSet><PubmedArticle>", "unreadable XML"),
        (b"<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>", "Empty id list"),
        (b"<html><body>Bad gateway</body></html>", "unexpected efetch root"),
    ],
)
def test_efetch_errors(body: bytes, message: str) -> None:
    with pytest.raises(ApiError, match=message):
        parse_efetch(body)


def test_esummary_partial_record() -> None:
    record = parse_esummary(fixture("esummary_28806736.json"))["28806736"]
    assert record.partial and record.abstract is None  # type: ignore[union-attr]
    assert record.doi == "10.1371/journal.pone.0182390"  # type: ignore[union-attr]
    assert record.first_author_surname == "Nicholas"  # type: ignore[union-attr]
    assert record.journal_iso == "PLoS One" and record.year == 2017  # type: ignore[union-attr]


def test_esummary_unknown_uid_is_not_found_and_error_body_raises() -> None:
    body = json.dumps({"result": {"uids": ["1"], "1": {"uid": "1", "error": "cannot get"}}})
    assert parse_esummary(body.encode()) == {"1": NotFound("cannot get")}
    with pytest.raises(ApiError, match="API rate limit"):
        parse_esummary(b'{"error":"API rate limit exceeded","count":"11"}')


def test_esearch_real_bodies() -> None:
    assert parse_esearch(fixture("esearch_one_hit.json")) == ["29440426"]
    assert parse_esearch(fixture("esearch_no_hits.json")) == []
    assert len(parse_esearch(fixture("esearch_many_hits.json"))) == 10
    with pytest.raises(ApiError, match="Empty term and query_key"):
        parse_esearch(fixture("esearch_error_body.json"))  # served with HTTP 200
    with pytest.raises(ApiError, match="unreadable JSON"):
        parse_esearch(b'{"esearchresult": {')


def test_ecitmatch_real_answer() -> None:
    assert parse_ecitmatch(fixture("ecitmatch_mixed.txt")) == {
        "Art1": "2014248",
        "ref2": None,
        "Art4": "31978945",
    }
    with pytest.raises(ApiError):
        parse_ecitmatch(b"<html>Service unavailable</html>")


def test_idconv_real_answers() -> None:
    assert parse_idconv(fixture("idconv_ok.json")) == {
        "PMC2883744": PmcIds(pmid="20495566", doi="10.1038/ng.590")
    }
    with pytest.raises(ApiError, match="ID type 'doi' mismatch"):
        parse_idconv(fixture("idconv_error.json"))
    v1_style = b'{"records": [{"requested-id": "PMC1", "pmid": 123, "doi": "10.5555/x"}]}'
    assert parse_idconv(v1_style) == {"PMC1": PmcIds(pmid="123", doi="10.5555/x")}


def test_crossref_real_work_with_correction() -> None:
    record = parse_crossref_work(fixture("crossref_work_updated_by_correction.json"))
    assert record.source == "crossref" and not record.retracted
    assert record.errata == ("10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda",)
    assert record.authors[:2] == ("Sadasivan S", "Pond BB")
    assert (record.year, record.volume, record.pages) == (2012, "7", "e33693")
    assert record.url == "https://doi.org/10.1371/journal.pone.0033693"


def test_crossref_retraction_and_concern() -> None:
    record = parse_crossref_work(fixture("synthetic_crossref_retracted.json"))
    assert record.retracted
    assert record.retraction_notices == ("10.5555/claimlint.retraction-notice",)
    assert record.expressions_of_concern == ("10.5555/claimlint.concern-notice",)
    assert record.authors == ("Fixture AB", "SYNTHETIC Consortium")
    assert record.conclusion_sentences == (
        "The made-up supplement cured nothing.",
        "Its trial was retracted.",
    )


def test_crossref_notice_itself() -> None:
    work = json.loads(fixture("synthetic_crossref_retracted.json"))
    message = work["message"]
    del message["updated-by"]
    message["update-to"] = [{"DOI": "10.5555/other", "type": "retraction"}]
    notice = parse_crossref_work(json.dumps(work).encode())
    assert not notice.retracted
    assert "Retraction of Publication" in notice.publication_types
    message["update-to"] = [{"DOI": message["DOI"].upper(), "type": "withdrawal"}]
    assert parse_crossref_work(json.dumps(work).encode()).retracted  # notice under its own DOI


def test_crossref_not_a_work() -> None:
    with pytest.raises(ApiError):
        parse_crossref_work(b'{"status": "failed", "message": []}')


def test_sentence_splitting_respects_abbreviations() -> None:
    text = "Pain fell (P < 0.01) vs. placebo, e.g. at week 4. Smith J. et al. agreed. Fine!"
    assert split_sentences(text) == [
        "Pain fell (P < 0.01) vs. placebo, e.g. at week 4.",
        "Smith J. et al. agreed.",
        "Fine!",
    ]


def test_conclusion_section_found_by_category_or_label() -> None:
    sections = [
        Section("Background text.", "BACKGROUND"),
        Section("It works. Maybe.", "CONCLUSIONS AND RELEVANCE"),
    ]
    assert conclusion_sentences(sections) == ("It works.", "Maybe.")
    by_category = [Section("A. B. C.", None), Section("Done here.", "SUMMARY", "CONCLUSIONS")]
    assert conclusion_sentences(by_category) == ("Done here.",)
