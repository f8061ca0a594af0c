"""PubMedClient against the fake services: results, request counts, caching, offline mode."""

from __future__ import annotations

import time
from datetime import timedelta

from fakes.eutils import FakeServices, MakeClient, Reply, synthetic_pmids

from checker.pubmed import Citation, NotFound, Record, Unverified


def test_lookup_pmids_full_records(fake: FakeServices, make_client: MakeClient) -> None:
    results = make_client().lookup_pmids(["9500320", " 99000005 ", "98999999", "12ab"])
    retracted = results["9500320"]
    assert isinstance(retracted, Record) and retracted.retracted
    synthetic = results[" 99000005 "]
    assert isinstance(synthetic, Record)
    assert synthetic.title and synthetic.title.startswith("SYNTHETIC record 99000005")
    assert synthetic.conclusion_sentences == (
        "Placebo tablets did not improve sleep quality.",
        "Larger trials are needed.",
    )
    assert synthetic.authors == ("Fixture AB", "Example C", "SYNTHETIC Study Group")
    assert synthetic.pmcid == "PMC99000005"
    assert results["98999999"] == NotFound("no PubMed record")
    assert isinstance(results["12ab"], NotFound)
    [request] = fake.requests()
    assert request.method == "POST" and request.route == "efetch"
    assert request.params["tool"] == "claimlint" and request.params["retmode"] == "xml"


def test_200_pmids_take_one_request_and_a_cached_run_none(
    fake: FakeServices, make_client: MakeClient
) -> None:
    pmids = synthetic_pmids(200)
    first = make_client().lookup_pmids(pmids)
    assert all(isinstance(first[p], Record) for p in pmids)
    assert len(fake.requests()) == 1  # one efetch POST (budget: <= 5)
    again = make_client().lookup_pmids(reversed(pmids))  # a new run, same cache
    assert again == first
    assert len(fake.requests()) == 1


def test_201_pmids_take_two_requests(fake: FakeServices, make_client: MakeClient) -> None:
    make_client().lookup_pmids(synthetic_pmids(201))
    assert [len(r.params["id"].split(",")) for r in fake.requests("efetch")] == [200, 1]


def test_esummary_mode_gives_partial_records(fake: FakeServices, make_client: MakeClient) -> None:
    results = make_client().lookup_pmids([*synthetic_pmids(198), "28806736", "1"], full=False)
    assert len(fake.requests("esummary")) == 1
    real = results["28806736"]
    assert isinstance(real, Record) and real.partial and real.first_author_surname == "Nicholas"
    assert results["1"] == NotFound("cannot get document summary")


def test_lookup_dois_maps_back_and_falls_back_to_crossref(
    fake: FakeServices, make_client: MakeClient
) -> None:
    dois = [
        "https://doi.org/10.1016/S0140-6736(97)11096-0",  # in PubMed, spelled as a URL
        "doi:10.5555/claimlint.99000007",
        "10.1371/journal.pone.0033693",  # Crossref only (real recorded work)
        "10.5555/claimlint.crossref-retracted",
        "10.5555/no-such-doi",
        "not-a-doi",
    ]
    results = make_client().lookup_dois(dois)
    lancet = results[dois[0]]
    assert isinstance(lancet, Record) and lancet.pmid == "9500320" and lancet.retracted
    synthetic = results[dois[1]]
    assert isinstance(synthetic, Record) and synthetic.pmid == "99000007"
    plos = results[dois[2]]
    assert isinstance(plos, Record) and plos.source == "crossref" and plos.errata
    retracted = results[dois[3]]
    assert isinstance(retracted, Record) and retracted.retracted
    assert results[dois[4]] == NotFound("no Crossref record")
    assert isinstance(results[dois[5]], NotFound)
    assert [r.route for r in fake.requests()] == ["esearch", "efetch", *["crossref"] * 3]
    assert make_client().lookup_dois(dois) == results  # Crossref's 404 is cached too
    assert len(fake.requests()) == 5


def test_200_dois_in_pubmed_take_four_requests(fake: FakeServices, make_client: MakeClient) -> None:
    dois = [f"10.5555/claimlint.{pmid}" for pmid in synthetic_pmids(200)]
    results = make_client().lookup_dois(dois)
    assert all(isinstance(results[d], Record) for d in dois)
    assert [r.route for r in fake.requests()] == ["esearch", "efetch"] * 2  # budget: <= 10
    make_client().lookup_dois(dois)
    assert len(fake.requests()) == 4


def test_lookup_pmcids(fake: FakeServices, make_client: MakeClient) -> None:
    results = make_client(email="lead@example.org").lookup_pmcids(
        ["PMC99000011", "99000012", "PMC99500001", "PMC1"]
    )
    first = results["PMC99000011"]
    assert isinstance(first, Record) and first.pmid == "99000011" and first.pmcid == "PMC99000011"
    assert isinstance(results["99000012"], Record)
    crossref_only = results["PMC99500001"]
    assert isinstance(crossref_only, Record) and crossref_only.source == "crossref"
    assert crossref_only.pmcid == "PMC99500001"
    assert results["PMC1"] == NotFound("not in PubMed Central")
    [idconv] = fake.requests("idconv")
    assert idconv.method == "GET" and idconv.params["email"] == "lead@example.org"
    assert "api_key" not in idconv.params


def test_match_citations(fake: FakeServices, make_client: MakeClient) -> None:
    citations = [
        Citation("lancet", "Lancet", 1998, "351", "637", "Wakefield AJ"),
        Citation("synthetic", "Synth J Test Fixtures", "2020", "4", "9", "Fixture AB"),
        Citation(
            "by-title",
            journal="Cryobiol.",  # ECitMatch cannot place it; the title search can
            year=2001,
            title="Is cryopreservation a homogeneous process? Ultrastructure and motility",
        ),
        Citation("nowhere", "fake journal", 2000, "1", "1", "nobody|x", title="Unheard of"),
    ]
    results = make_client().match_citations(citations)
    assert isinstance(results["lancet"], Record) and results["lancet"].pmid == "9500320"
    assert isinstance(results["synthetic"], Record) and results["synthetic"].pmid == "99000009"
    assert isinstance(results["by-title"], Record) and results["by-title"].pmid == "11748933"
    assert results["nowhere"] == NotFound("no PubMed match for this citation")
    [ecitmatch] = fake.requests("ecitmatch")
    lines = ecitmatch.params["bdata"].split("\r")
    assert lines[0] == "Lancet|1998|351|637|Wakefield AJ|c0|"
    assert lines[3] == "fake journal|2000|1|1|nobody x|c3|"  # separators never leak into fields
    assert [r.route for r in fake.requests()] == ["ecitmatch", "esearch", "esearch", "efetch"]


def test_offline_mode_uses_only_the_cache(fake: FakeServices, make_client: MakeClient) -> None:
    make_client().lookup_pmids(["9500320"])
    offline = make_client(offline=True)
    assert isinstance(offline.lookup_pmids(["9500320"])["9500320"], Record)
    assert offline.lookup_pmids(["99000001"])["99000001"] == Unverified(
        "offline mode: not in the cache"
    )
    assert isinstance(offline.lookup_dois(["10.5555/x.y"])["10.5555/x.y"], Unverified)
    assert len(fake.requests()) == 1


def test_expired_entries_are_refreshed_online_and_used_offline(
    fake: FakeServices, make_client: MakeClient
) -> None:
    short = timedelta(milliseconds=100)
    make_client(cache_ttl=short).lookup_pmids(["99000001"])
    time.sleep(0.2)
    stale = make_client(cache_ttl=short, offline=True).lookup_pmids(["99000001"])
    assert isinstance(stale["99000001"], Record)
    assert len(fake.requests()) == 1
    assert isinstance(make_client(cache_ttl=short).lookup_pmids(["99000001"])["99000001"], Record)
    assert len(fake.requests()) == 2


def test_failed_answers_are_not_cached(fake: FakeServices, make_client: MakeClient) -> None:
    fake.queue("efetch", Reply(body=b"<PubmedArticleSet><PubmedArticle>", content_type="text/xml"))
    broken = make_client().lookup_pmids(["99000001"])["99000001"]
    assert isinstance(broken, Unverified) and "unreadable XML" in broken.reason
    assert isinstance(make_client().lookup_pmids(["99000001"])["99000001"], Record)
    assert len(fake.requests()) == 2
