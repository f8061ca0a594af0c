"""verify(): what a document cites, how few requests it costs, and what happens offline."""

from __future__ import annotations

from pathlib import Path

from fakes.eutils import FakeServices, MakeClient, Reply, synthetic_pmids

from checker.pubmed import NotFound, Record, Unverified
from checker.references import load_bibliography

from .harness import CheckText

WAKEFIELD_ENTRY = (
    "1. Wakefield AJ, Murch SH, Anthony A. Ileal-lymphoid-nodular hyperplasia, non-specific "
    "colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-41."
)
MIXED = (
    "Acupuncture may reduce migraines (PMID 99001002). Cupping may ease neck pain "
    "(doi:10.5555/claimlint.99001004). Placebo tablets may improve sleep (PMCID: PMC99000007). "
    "A study linked vaccines to bowel disease [1].\n\n"
    f"References\n\n{WAKEFIELD_ENTRY}\n"
)
OFFLINE_RULES = {"RF101", "RF109", "RF110"}


def test_thirty_pmids_cost_one_request(check_text: CheckText, make_client: MakeClient,
                                       fake: FakeServices):
    text = " ".join(f"Placebo may help sleep (PMID {pmid})." for pmid in synthetic_pmids(30))
    checked = check_text(text, make_client())
    assert len(fake.requests()) <= 2
    assert len(checked.context.works) == 30
    assert all(isinstance(result, Record) for result in checked.context.results.values())
    # the synthetic records conclude that placebo tablets did NOT improve sleep
    assert checked.codes() == {"RF111"}


def test_each_kind_of_citation_is_looked_up_in_one_call(check_text: CheckText,
                                                        make_client: MakeClient,
                                                        fake: FakeServices):
    checked = check_text(MIXED, make_client())
    kinds = {lookup[0] for lookup in checked.context.results}
    assert kinds == {"pmid", "doi", "pmcid", "citation"}
    routes = [seen.route for seen in fake.requests()]
    assert routes.count("ecitmatch") == routes.count("idconv") == routes.count("esearch") == 1
    assert routes.count("efetch") <= 4  # PMIDs, DOI hits, PMCID conversions, citation matches
    assert "crossref" not in routes  # every DOI is in PubMed


def test_reference_without_identifiers_is_found_by_its_details(check_text: CheckText,
                                                                make_client: MakeClient):
    checked = check_text(MIXED, make_client())
    entry = next(work for work in checked.context.works if work.key == "ref:1")
    assert checked.context.record(entry).pmid == "9500320"
    retraction = checked.problems["RF105"]
    assert [checked.context.text[p.start:p.end] for p in retraction] == [WAKEFIELD_ENTRY[3:]]


def test_claims_are_tied_to_the_records_they_cite(check_text: CheckText,
                                                  make_client: MakeClient):
    context = check_text(MIXED, make_client()).context
    cited = {claim.text.split()[0]: [record.pmid for _, record in context.cited(claim)]
             for claim in context.claims}
    assert cited == {"Acupuncture": ["99001002"], "Cupping": ["99001004"],
                     "Placebo": ["99000007"], "A": ["9500320"]}


def test_without_a_client_only_offline_rules_report(check_text: CheckText,
                                                    loopback_only: list):
    text = MIXED.replace("[1]", "[2]") + "\nBad id: PMID: 12x.\n"
    checked = check_text(text, None)
    assert not checked.context.results
    assert checked.codes() == OFFLINE_RULES
    assert loopback_only == []  # nothing was sent anywhere


def test_offline_cache_miss_is_unverified_not_missing(check_text: CheckText,
                                                      make_client: MakeClient,
                                                      fake: FakeServices):
    checked = check_text("Acupuncture may reduce migraines (PMID 99001002).",
                         make_client(offline=True))
    assert fake.requests() == []
    assert checked.codes() == {"RF120"}
    [problem] = checked.problems["RF120"]
    assert checked.context.text[problem.start:problem.end] == "PMID 99001002"
    assert "could not be checked" in problem.message


def test_service_failure_makes_every_citation_unverified(check_text: CheckText,
                                                         make_client: MakeClient,
                                                         fake: FakeServices):
    fake.queue("efetch", *[Reply(500, b"Internal Server Error", "text/plain")] * 4)
    text = "Placebo may help (PMID 99000001). Placebo may soothe (PMID 99000002)."
    checked = check_text(text, make_client())
    assert all(isinstance(r, Unverified) for r in checked.context.results.values())
    assert len(checked.problems["RF120"]) == 2
    assert checked.codes() == {"RF120"}


def test_citekeys_resolve_through_the_bibliography(check_text: CheckText,
                                                   make_client: MakeClient, tmp_path: Path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{wakefield1998,\n  author = {Wakefield, A. J.},\n"
                   "  journal = {Lancet}, year = 1998,\n  pmid = {9500320}\n}\n")
    text = "Vaccines were linked to bowel disease [@wakefield1998]. Also [@missing2020]."
    checked = check_text(text, make_client(), load_bibliography(bib))
    [retracted] = checked.problems["RF105"]
    assert checked.context.text[retracted.start:retracted.end] == "[@wakefield1998]"
    assert "BibTeX entry 'wakefield1998'" in retracted.message
    [unresolved] = checked.problems["RF109"]
    assert checked.context.text[unresolved.start:unresolved.end] == "[@missing2020]"
    assert "bibliography" in unresolved.message


def test_identifiers_of_one_paper_do_not_conflict(check_text: CheckText,
                                                  make_client: MakeClient):
    text = ("Placebo may help sleep [1].\n\nReferences\n\n1. Fixture AB, Example C. SYNTHETIC "
            "record 99000005: placebo tablets and sleep quality in a made-up trial. Synth J Test "
            "Fixtures. 2020;3(3):5. PMID: 99000005. PMCID: PMC99000005. "
            "doi:10.5555/claimlint.99000005\n")
    checked = check_text(text, make_client())
    assert not checked.problems["RF103"] and not checked.problems["RF104"]
    [work] = checked.context.works
    assert len(checked.context.outcomes(work)) == 3


def test_not_found_points_at_the_identifier_inside_the_entry(check_text: CheckText,
                                                             make_client: MakeClient):
    text = ("Placebo may help sleep [1].\n\nReferences\n\n1. Fixture AB. SYNTHETIC placebo "
            "trial. Synth J Test Fixtures. 2020;3(3):5. PMID: 99199999\n")
    checked = check_text(text, make_client())
    [missing] = checked.problems["RF102"]
    assert checked.context.text[missing.start:missing.end] == "PMID: 99199999"
    assert "in reference 1" in missing.message
    assert isinstance(next(iter(checked.context.results.values())), NotFound)
