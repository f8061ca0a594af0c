"""The evidence map and the EV rules: statuses, aliases, synonyms, the condition hierarchy,
product profiles, jurisdictions, a team's own evidence files, ``claimlint evidence``, and
the online search for systematic reviews (against the fake PubMed)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from fakes.eutils import synthetic_pmids
from fakes.network import fake, make_client  # noqa: F401  (fixtures)

from checker.config import Config, load_config
from checker.errors import ConfigError
from checker.evidence import packaged_map, team_map
from checker.evidence.load import read_all
from checker.lint import Linter
from checker.readers import read_text
from checker.rules import builtin_rules


def codes(linter: Linter, text: str) -> set[str]:
    return {f.code for f in linter.lint(read_text("page.txt", text, "text")).findings}


@pytest.fixture(scope="module")
def default() -> Linter:
    return Linter(Config())


@pytest.mark.parametrize(("text", "code"), [
    ("Our chiropractors can treat infant colic.", "EV101"),  # insufficient
    ("Chiropractic adjustments keep your immune system strong.", "EV102"),  # against
    ("Shockwave therapy relieves knee osteoarthritis pain.", "EV103"),  # some, stated plainly
    ("Our elderberry gummies fight viral infections.", "EV104"),  # a supplement, a disease
])
def test_each_status_has_its_rule(default, text, code):
    assert code in codes(default, text)


def test_hedging_does_not_excuse_an_unsupported_pair(default):
    """CAP rejects "may help boost immunity" for chiropractic as it rejects "boosts"."""
    assert "EV102" in codes(default, "Chiropractic may help support your immunity.")


def test_supported_and_honest_claims_are_clean(default):
    for text in ("Chiropractic may help relieve low back pain.",
                 "Shockwave therapy may help relieve knee osteoarthritis pain.",
                 "There is no good evidence that chiropractic helps infant colic.",
                 "Vitamin D contributes to the normal function of the immune system."):
        assert not {c for c in codes(default, text) if c.startswith("EV")}, text


def test_aliases_and_synonyms_reach_the_same_entry():
    evidence = packaged_map()
    chiro = evidence.intervention("our gentle chiro adjustments")
    assert chiro is not None and chiro.name == "chiropractic"
    assert evidence.condition("lumbago").name == "low back pain"
    assert evidence.condition("chronic lower back pain").name == "low back pain"
    assert evidence.condition("knee osteoarthritis pain").name == "knee osteoarthritis"


def test_a_child_condition_uses_its_parents_entry_but_not_the_reverse():
    data = read_all([("x.toml", """
intervention = "testpress"
product = "device"
[sources.s]
kind = "review"
title = "A synthetic review for tests"
url = "https://example.org/synthetic"
[[pair]]
condition = "back pain"
status = "some"
sources = ["s"]
"""), ("conditions-x.toml", """
[[condition]]
name = "back pain"
[[condition]]
name = "low back pain"
synonyms = ["lumbago"]
parent = "back pain"
[[condition]]
name = "sciatica"
parent = "nerve pain"
""")])
    from checker.evidence import EvidenceMap
    from checker.nlp.lemmas import lemma_of

    evidence = EvidenceMap(data, lemma_of)
    press = evidence.intervention("testpress")
    child = evidence.lookup(press, "lumbago", "any")
    assert child.pair is not None and child.via == "back pain"
    assert evidence.lookup(press, "sciatica", "any").pair is None  # sciatica is not back pain


def test_wildcard_pairs_cover_conditions_without_their_own_entry():
    data = read_all([("x.toml", """
intervention = "testcandle"
[sources.s]
kind = "regulator"
title = "A synthetic regulator page for tests"
url = "https://example.org/synthetic"
[[pair]]
condition = "*"
status = "insufficient"
sources = ["s"]
[[pair]]
condition = "relaxation"
status = "accepted"
sources = ["s"]
""")])
    from checker.evidence import EvidenceMap
    from checker.nlp.lemmas import lemma_of

    evidence = EvidenceMap(data, lemma_of)
    candle = evidence.intervention("testcandle")
    assert evidence.lookup(candle, "tinnitus", "any").pair.status == "insufficient"
    assert evidence.lookup(candle, "relaxation", "any").pair.status == "accepted"
    # a bare body part or a wellbeing word is no condition a wildcard speaks for
    assert evidence.lookup(candle, "shoulders", "any").pair is None
    assert evidence.lookup(candle, "fall asleep", "any").pair is None


def test_a_list_of_conditions_under_a_hedged_label_is_judged_against_the_map(default):
    page = ("Cupping may also be a helpful support for:\n\n- sinus congestion\n"
            "- lingering coughs after a virus\n")
    found = default.lint(read_text("page.md", page, "markdown")).findings
    assert {(f.line, f.code) for f in found if f.code.startswith("EV")} == {
        (3, "EV101"), (4, "EV101")}


def test_the_product_profile_decides_whether_a_disease_claim_is_made():
    text = "Our tea may help prevent type 2 diabetes."
    assert "EV104" in codes(Linter(Config(product="supplement")), text)
    assert "EV104" not in codes(Linter(Config(product="service")), text)


def test_jurisdiction_picks_the_regional_entry():
    """Chiropractic claims for low back pain: accepted by UK advertising rules, 'some'
    evidence elsewhere: a plain claim is fine in the UK and overstated in the US."""
    text = "Chiropractic relieves low back pain."
    assert "EV103" not in codes(Linter(Config(jurisdiction="uk")), text)
    assert "EV103" in codes(Linter(Config(jurisdiction="us")), text)


def test_a_team_adds_its_own_pairs_in_config(tmp_path):
    (tmp_path / "ours.toml").write_text("""
intervention = "chiropractic"
[sources.legal]
kind = "guideline"
title = "Our legal team's synthetic position (test data)"
url = "https://example.org/legal"
[[pair]]
condition = "infant colic"
status = "against"
sources = ["legal"]
""")
    (tmp_path / ".claimlint.toml").write_text('evidence = ["ours.toml"]\n')
    config = load_config(tmp_path / ".claimlint.toml")
    found = codes(Linter(config), "Our chiropractors can treat infant colic.")
    assert "EV102" in found and "EV101" not in found


def test_a_broken_team_file_is_a_clear_error(tmp_path):
    (tmp_path / "bad.toml").write_text('intervention = "x"\n[[pair]]\ncondition = "y"\n'
                                       'status = "maybe"\nsources = []\n')
    with pytest.raises(ConfigError, match=r"bad\.toml: pair status"):
        team_map((str(tmp_path / "bad.toml"),))


def test_every_packaged_pair_cites_a_source_with_a_link():
    evidence = packaged_map()
    pairs = [p for i in evidence.data.interventions.values() for p in i.pairs]
    assert len(evidence.data.interventions) >= 30 and len(pairs) >= 400
    for pair in pairs:
        assert pair.sources and all(s.link.startswith("http") and s.checked
                                    for s in pair.sources), pair


def test_the_evidence_command_prints_the_entry_without_spacy():
    script = ("import sys; from checker.cli import main; sys.argv = ['claimlint', 'evidence', "
              "'chiropractic', 'asthma']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY')")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert "asthma: evidence against" in done.stdout
    assert "https://" in done.stdout and done.stdout.rstrip().endswith("NO-SPACY")


def test_an_unknown_treatment_is_a_clear_error():
    done = subprocess.run([sys.executable, "-m", "checker", "evidence", "chiropracty"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "did you mean chiropractic" in done.stderr


# -- online: systematic reviews for the pairs the map lacks --------------------------------

# "quillfield resonance" is a made-up therapy: the map has no entry for it, so each pair is asked
PAGE = ("Quillfield resonance clears sinus congestion.\n\n"
        "Quillfield resonance also eases tinnitus.\n")


def _online(make_client, **config) -> Linter:  # noqa: F811
    settings = dataclasses.replace(Config(), select=(*Config.select, "EV107"), **config)
    return Linter(settings, client=make_client())


def test_no_review_found_is_a_finding_with_the_search_link(fake, make_client):  # noqa: F811
    fake.add_reviews("quillfield resonance", "tinnitus", synthetic_pmids(2))
    linter = _online(make_client)
    result = linter.lint(read_text("page.md", PAGE, "markdown"))
    by_code = {f.code: f for f in result.findings}
    assert "EV106" in by_code and "sinusitis" in by_code["EV106"].message
    assert "pubmed.ncbi.nlm.nih.gov/?term=" in by_code["EV106"].message
    found = by_code["EV107"].message
    assert found.startswith("2 systematic review(s)") and synthetic_pmids(1)[0] in found
    assert "tentative" in found  # the synthetic conclusion: "did not improve ... are needed"


def test_each_pair_is_asked_once_per_run_and_never_again_from_the_cache(fake, make_client):  # noqa: F811
    linter = _online(make_client)
    for name in ("a.md", "b.md", "c.md"):
        linter.lint(read_text(name, PAGE, "markdown"))
    searches = [r for r in fake.requests("esearch") if "systematic" in r.params.get("term", "")]
    assert len(searches) == 2  # two distinct pairs, three pages
    again = _online(make_client)  # a new run on the same cache
    again.lint(read_text("a.md", PAGE, "markdown"))
    assert len([r for r in fake.requests("esearch")
                if "systematic" in r.params.get("term", "")]) == 2


def test_a_failed_search_reports_nothing_rather_than_guessing(fake, make_client):  # noqa: F811
    from fakes.eutils import Reply

    fake.serve_always(Reply(500, b"down", "text/plain"), route="esearch")
    result = _online(make_client).lint(read_text("page.md", PAGE, "markdown"))
    assert not {f.code for f in result.findings} & {"EV106", "EV107"}


REVIEW_RULES = [rule for rule in builtin_rules().values() if rule.scope == "reviews"]


@pytest.mark.parametrize(("code", "verdict", "text"),
                         [(r.code, v, t) for r in REVIEW_RULES for v, t in r.examples])
def test_review_rules_documented_examples(fake, make_client, code, verdict, text):  # noqa: F811
    """EV106's and EV107's examples, online against the fake PubMed: for EV107 the pairs the
    example asks about have two synthetic reviews, for EV106 none."""
    linter = _online(make_client)
    if code == "EV107":
        claims = linter.analyse(read_text("page.md", text, "markdown")).claims
        for question in linter.unmapped_pairs(claims):
            fake.add_reviews(question.treatment, question.condition, synthetic_pmids(2))
    codes = {f.code for f in linter.lint(read_text("page.md", text, "markdown")).findings}
    assert (code in codes) is (verdict == "fail"), (text, codes)


@pytest.mark.parametrize(("supports", "sentence"), [
    ("may ease flu symptoms", "Elderberry may ease flu symptoms."),
    ("a relaxing, gentle therapy", "Elderberry is a relaxing, gentle therapy."),
    ("regular vitamin C may shorten colds", "Regular vitamin C may shorten colds."),
    ("", None),
])
def test_ev103_words_the_supported_claim_as_a_sentence(supports, sentence):
    from checker.rules.ev103_stronger_than_evidence import _sentence

    assert _sentence("elderberry", supports) == sentence


@pytest.mark.parametrize(("text", "says"), [
    ("Our probiotic capsules cure IBS.", "'supports healthy digestion'"),
    ("Our elderberry gummies fight viral infections.", "'supports healthy immune function'"),
    ("These capsules shrink tumours.", "remove the claim"),
])
def test_ev104_offers_the_structure_function_wording_of_the_diseases_body_system(
        default, text, says):
    found = [f for f in default.lint(read_text("page.txt", text, "text")).findings
             if f.code == "EV104"]
    assert found and says in found[0].message


def test_a_treatment_with_no_good_evidence_for_anything_covers_unlisted_conditions(lint_text):
    codes = {f.code for f in lint_text("Homeopathy may help relieve tinnitus.").findings}
    assert "EV101" in codes  # the map lists no tinnitus entry: the '*' pair speaks for it
    assert not {f.code for f in lint_text("Rarely, IV treatments can cause infection.").findings
                if f.code.startswith("EV")}  # a harm is a safety statement
