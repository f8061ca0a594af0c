"""Claim extraction: kinds, certainty, parts, negation, questions and pronoun references."""

from __future__ import annotations

from pathlib import Path

import pytest

import checker.lint as lint_module
from checker.readers import read_text


def claims(lint_text, text):
    return lint_text(text).claims


@pytest.mark.parametrize(("text", "kind", "certainty"), [
    ("Dry needling eliminates back pain.", "efficacy", "absolute"),
    ("Acupuncture may help reduce migraine frequency in some patients.", "efficacy", "hedged"),
    ("Chiropractic adjustments relieve neck pain.", "efficacy", "plain"),
    ("Around 1 in 4 adults have back pain.", "statistic", "plain"),
    ("Studies show that cupping relieves neck pain.", "evidence", "plain"),
    ("Cupping increases blood flow to the muscles.", "mechanism", "plain"),
    ("Our CBD oil is completely safe.", "safety", "absolute"),
    ("We treat sciatica, migraines and neck pain with acupuncture.", "conditions-treated",
     "plain"),
])
def test_kind_and_certainty(lint_text, text, kind, certainty):
    (claim,) = claims(lint_text, text)
    assert (claim.kind, claim.certainty) == (kind, certainty)


def test_parts_of_a_claim(lint_text):
    (claim,) = claims(lint_text, "Dry needling eliminates back pain.")
    assert (claim.intervention, claim.effect, claim.condition) == (
        "Dry needling", "eliminates", "back pain")


@pytest.mark.parametrize("text", [
    "Can CBD cure anxiety?",
    "Trigger points are tight bands of muscle.",
    "Your therapist will ask about your medical history.",
    "We use cookies to improve your browsing experience.",
])
def test_not_claims(lint_text, text):
    assert claims(lint_text, text) == []


@pytest.mark.parametrize(("text", "condition"), [
    ("Cupping does not cure arthritis.", "arthritis"),
    ("Copper bracelets have not been shown to ease arthritis pain.", "arthritis pain"),
    ("Hypnotherapy is not a cure for IBS.", "IBS"),
])
def test_a_denied_effect_is_a_claim_no_rule_judges(lint_text, text, condition):
    (claim,) = claims(lint_text, text)
    assert (claim.denied, claim.strength, claim.condition) == (True, "none", condition)
    assert lint_text(text).findings == []


def test_pronoun_refers_to_the_named_treatment(lint_text):
    found = claims(lint_text, "We offer dry needling. It relieves back pain.")
    assert [c.intervention for c in found] == ["dry needling"]
    assert found[0].text == "It relieves back pain."


def test_negated_cure_is_not_flagged_but_the_next_clause_is(lint_text):
    codes = [f.code for f in lint_text(
        "Cupping is not a cure-all, but it eliminates muscle tension.").findings]
    assert codes.count("OS101") == 1


@pytest.mark.parametrize("text", [
    "This product is not intended to diagnose, treat, cure or prevent any disease.",
    "If your headaches change suddenly, please seek medical advice straight away.",
    "Contact your GP or NHS 111 if your knee suddenly becomes hot, red and swollen.",
    "Food supplements should not replace a varied, balanced diet.",
])
def test_disclaimers_and_advice_are_not_claims(lint_text, text):
    assert claims(lint_text, text) == []


def test_topic_headings_are_not_claims_but_headlines_are(lint_text):
    text = "# Conditions we treat\n\n# Dry Needling Eliminates Back Pain\n"
    found = lint_text(text, fmt="markdown", path="a.md").claims
    assert [c.text for c in found] == ["Dry Needling Eliminates Back Pain"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Some clients report sleeping better after a session.", "efficacy"),
    ("Clients visit us for sports recovery, joint stiffness and low mood.",
     "conditions-treated"),
    ("Roughly one adult in six lives with anxiety.", "statistic"),
    ("UK guidelines include spinal manipulation as an option for back pain.", "endorsement"),
])
def test_claims_without_a_named_effect_verb(lint_text, text, kind):
    (claim,) = claims(lint_text, text)
    assert claim.kind == kind


def test_a_block_opening_with_markup_starts_its_sentence_at_its_first_word(lint_text):
    """Masked markup at the start of a block ("**", "[") is a whitespace run in the doc; the
    block's sentence start must land on its first word, not inside the run (regression)."""
    text = ("# Results\n\nOur clients tell us what changed.\n\n"
            "**Week 4:** my anxiety is completely cured and I have stopped my sleep tablets.\n\n"
            "- [Priya](team.md) eases neck pain for good with one adjustment.\n")
    starts = [claim.text[:5] for claim in lint_text(text, "markdown", "doc.md").claims]
    assert starts == ["Week ", "Priya"]


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _outcome(result) -> tuple[list, list]:
    return ([(c.start, c.end, c.kind, c.certainty, c.intervention, c.effect, c.condition)
             for c in result.claims],
            [(f.start, f.end, f.code, f.suggestion) for f in result.findings])


@pytest.mark.parametrize("name", ["cupping-therapy.md", "chiropractic-adjustments.html",
                                  "acupuncture-migraine.txt"])
def test_claims_do_not_depend_on_how_blocks_are_batched_into_docs(linter, monkeypatch, name):
    """Blocks are batched into docs for speed; where a doc starts must not change a claim
    (regressions: a block opening with a quote mark or bullet split in two mid-doc, and a
    treatment name took the last word of the block before as a modifier)."""
    path = CORPUS / name
    text = path.read_text(encoding="utf-8")
    fmt = {".md": "markdown", ".html": "html", ".txt": "text"}[path.suffix]
    whole = _outcome(linter.lint(read_text(name, text, fmt)))
    monkeypatch.setattr(lint_module, "DOC_CHARS", 1)  # every block its own doc
    one_by_one = _outcome(linter.lint(read_text(name, text, fmt)))
    assert whole[0] and one_by_one == whole


def test_a_treatment_name_does_not_reach_into_the_block_before(lint_text):
    text = "Privacy\n\nShockwave therapy relieves heel pain.\n"
    (claim,) = lint_text(text).claims
    assert claim.intervention == "Shockwave therapy"


def test_plain_text_bullets_are_not_part_of_the_claim(lint_text):
    text = "Our results:\n- Cupping eliminates back pain.\n* Acupuncture cures migraines.\n"
    assert [claim.text for claim in lint_text(text).claims] == [
        "Cupping eliminates back pain.", "Acupuncture cures migraines."]


def test_lines_opening_with_a_symbol_are_claims_of_their_own(lint_text):
    page = ("Our chelation drip:\n\n✔️ Clears arterial plaque\n✔️ Lowers blood pressure\n"
            "✔️ Protects against dementia\n")
    found = claims(lint_text, page)
    assert [c.text.lstrip("✔️ ") for c in found][-2:] == [
        "Lowers blood pressure", "Protects against dementia"]
    assert all("\n" not in c.text for c in found)


def test_prose_wrapped_over_lines_stays_one_sentence(lint_text):
    (claim,) = claims(lint_text, "Acupuncture relieves\nmigraines in every patient.\n")
    assert claim.text == "Acupuncture relieves\nmigraines in every patient."


def test_a_list_item_with_phrases_of_its_own_is_judged_on_them(lint_text):
    page = "What the pads do for you:\n\n- Balances your body's pH overnight\n"
    codes = {f.code for f in lint_text(page).findings}
    assert "OS141" in codes  # 'overnight' promises speed, inside a list of benefits


def test_words_that_excuse_a_safety_claim_must_be_in_its_clause(lint_text):
    assert "OS121" in {f.code for f in lint_text(
        "There are no risks and no side effects - most babies sleep through it.").findings}
    assert "OS121" not in {f.code for f in lint_text(
        "In the trial, most participants reported no side effects.").findings}


def test_label_lines_and_short_lines_over_text_are_items_of_their_own(lint_text):
    page = ("**Subject:** Our spring sale starts today\n"
            "**Preheader:** Melt stubborn belly fat while you sleep\n")
    (claim,) = claims(lambda text: lint_text(text, "markdown", "mail.md"), page)
    assert claim.text.endswith("Melt stubborn belly fat while you sleep")
    assert "sale" not in claim.text


def test_vitamin_c_ends_a_sentence_though_an_initial_does_not(lint_text):
    found = claims(lint_text, "Our syrup has zinc and vitamin C. Stops colds in their tracks.")
    assert [c.text for c in found] == ["Stops colds in their tracks."]
    (claim,) = claims(lint_text, "Dr J. Smith says acupuncture cures migraines.")
    assert claim.text.startswith("Dr J. Smith")


def test_a_harm_a_treatment_causes_is_a_safety_statement_not_a_benefit(lint_text):
    (claim,) = claims(lint_text, "Raw elderberries can cause nausea and vomiting.")
    assert claim.kind == "safety"
    assert not {f.code for f in lint_text("Raw elderberries can cause nausea.").findings
                if f.code.startswith("EV")}
    (claim,) = claims(lint_text, "Stress can trigger migraines, and acupuncture relieves them.")
    assert claim.kind == "efficacy"


def test_suitability_is_a_claim_only_when_it_names_a_condition(lint_text):
    assert claims(lint_text, "Not suitable for vegetarians or vegans.") == []
    (claim,) = claims(lint_text, "Cupping is not suitable if you have a bleeding disorder.")
    assert claim.kind == "safety"


def test_a_negator_a_pattern_gap_skipped_negates_the_match(lint_text):
    codes = {f.code for f in lint_text("Experience muscle tightness that doesn't go away "
                                       "with stretching?\nMuscle tightness that does not go "
                                       "away after stretching.").findings}
    assert "OS142" not in codes
    assert "OS142" in {f.code for f in lint_text("My back pain went away after two "
                                                 "sessions.").findings}


def test_a_phrase_its_unless_words_excuse_makes_no_claim(lint_text):
    assert claims(lint_text, "Always speak to your GP before stopping any prescribed "
                             "medicine.") == []
    (claim,) = claims(lint_text, "After three sessions I stopped needing my inhaler.")
    assert "OS142" in {f.code for f in lint_text(claim.text).findings}


def test_a_generic_target_takes_the_condition_that_specifies_it(lint_text):
    (claim,) = claims(lint_text, "CBD may help reduce symptoms of anxiety and depression.")
    assert claim.conditions == ["symptoms", "anxiety", "depression"]
    (claim,) = claims(lint_text, "Cupping eases back pain and symptoms.")
    assert claim.conditions == ["back pain", "symptoms"]


def test_a_sentence_announcing_the_following_conditions_introduces_a_list(lint_text):
    page = ("People have found our therapy helpful for the following conditions\n"
            "Arthritis\nAsthma\n")
    assert [(c.text, c.kind) for c in claims(lint_text, page)] == [
        ("Arthritis", "conditions-treated"), ("Asthma", "conditions-treated")]


def test_a_list_that_describes_a_condition_claims_nothing(lint_text):
    page = ("# Flu\n\nThe main symptoms of flu include:\n\n- a sudden high temperature\n"
            "- a headache\n\n## Who is at risk\n\n- diabetes\n- asthma\n")
    assert claims(lambda text: lint_text(text, "markdown", "flu.md"), page) == []


@pytest.mark.parametrize("text", [
    "Research on acupuncture for back pain is limited.",
    "There is little evidence that cupping helps neck pain.",
])
def test_an_honest_limit_of_the_evidence_is_reported_but_not_judged(lint_text, text):
    (claim,) = claims(lint_text, text)
    assert (claim.kind, claim.strength, claim.denied) == ("evidence", "none", True)
    assert lint_text(text).findings == []
    assert "UN102" in {f.code for f in lint_text("Research shows acupuncture eases back "
                                                 "pain.").findings}


def test_what_people_with_a_condition_find_is_a_claim_about_that_condition(lint_text):
    (claim,) = claims(lint_text, "Many people with asthma find chiropractic helps.")
    assert (claim.intervention, claim.condition) == ("chiropractic", "asthma")
    assert "EV102" in {f.code for f in lint_text(claim.text).findings}


def test_a_sentence_ending_in_a_full_stop_introduces_no_list(lint_text):
    item = "People with diabetes should ask a doctor first.\n"
    assert claims(lint_text, "Many clients find the massage helps.\n" + item) == []
    assert len(claims(lint_text, "Our massage helps:\n" + item)) == 1


def test_a_run_of_bare_condition_lines_on_a_treatment_page_is_a_list(lint_text):
    page = "Cupping therapy\n\nAsthma\nInsomnia\nChronic Pain\n"
    assert [(c.text, c.intervention) for c in claims(lint_text, page)] == [
        ("Asthma", "Cupping therapy"), ("Insomnia", "Cupping therapy"),
        ("Chronic Pain", "Cupping therapy")]
    assert claims(lint_text, "Cupping therapy\n\nAsthma\nInsomnia\n") == []  # two: no list
    assert claims(lint_text, "Cupping therapy\n\nRelated conditions\nAsthma\nInsomnia\n"
                             "Chronic Pain\n") == []


def test_a_treatment_named_as_absent_is_no_antecedent(lint_text):
    page = "Cuprelle copper magnetic bracelet\n\nSolid copper. Zero pills.\n\n- REDUCES swelling\n"
    (claim,) = claims(lint_text, page)
    assert claim.intervention == "Cuprelle copper magnetic bracelet"


def test_a_treatment_studied_in_trials_is_an_evidence_claim(lint_text):
    (claim,) = claims(lint_text, "Elderberry has been studied in several small clinical trials.")
    assert claim.kind == "evidence"
    assert claims(lint_text, "The aim of this study was to describe sleep patterns.") == []
