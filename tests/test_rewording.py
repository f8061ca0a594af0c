"""Suggested rewordings: one per flagged sentence, fixing all of its flagged phrases, in
grammatical English that claimlint itself would not flag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.config import Config
from checker.lint import Linter
from checker.readers import format_for, read_text
from checker.rewording import reads_well, reword
from checker.rules.base import Edit

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _edit(text: str, words: str, replacement: str) -> Edit:
    start = text.index(words)
    return Edit(start, start + len(words), replacement)


@pytest.mark.parametrize(("text", "words", "replacement", "expected"), [
    ("Studies prove that cupping works.", "prove", "suggests",
     "Studies suggest that cupping works."),
    ("Research proves that cupping works.", "proves", "suggests",
     "Research suggests that cupping works."),
    ("Studies have proved that cupping works.", "proved", "suggests",
     "Studies have suggested that cupping works."),
    ("Cupping completely eliminates back pain.", "eliminates", "may help relieve",
     "Cupping may help relieve back pain."),
    ("Our balm is clinically proven to ease joint pain.", "clinically proven to", "may",
     "Our balm may ease joint pain."),
    ("It is an amazing relief for sore knees.", "amazing", "", "It is a relief for sore knees."),
    ("THE PATCH THAT BOOSTS IMMUNITY", "BOOSTS", "may support",
     "THE PATCH THAT MAY SUPPORT IMMUNITY"),
    ("Taping works by boosting blood flow.", "boosting", "may support",
     "Taping works by supporting blood flow."),
    ("It is nature's most powerful antioxidant.", "powerful", "",
     "It is nature's antioxidant."),
    ("My migraines are gone for good.", "gone", "eased", "My migraines are eased for good."),
])
def test_one_edit(text, words, replacement, expected):
    assert reword(text, 0, [_edit(text, words, replacement)]) == expected


def test_all_flagged_phrases_are_fixed_in_one_sentence():
    text = "Our revolutionary balm permanently eliminates arthritis."
    edits = [_edit(text, "revolutionary ", ""), _edit(text, "permanently ", ""),
             _edit(text, "eliminates", "may help relieve")]
    assert reword(text, 0, edits) == "Our balm may help relieve arthritis."


@pytest.mark.parametrize(("text", "words", "replacement"), [
    ("This has been life-changing for my IBS.", "life-changing", ""),  # "been for"
    ("Our formula is clinically proven.", "clinically proven", ""),  # ends on "is"
    ("Some wearers see a harmless green mark.", "harmless", "usually well tolerated"),
])
def test_a_rewording_that_reads_badly_is_not_offered(text, words, replacement):
    assert reword(text, 0, [_edit(text, words, replacement)]) is None


def test_reads_well_rejects_doubled_words_and_dangling_ends():
    assert not reads_well("Cupping may may help.")
    assert not reads_well("Cupping may help relieve pain and.")
    assert reads_well("Cupping may help relieve back pain.")


def _suggestions() -> list[tuple[str, str]]:
    linter = Linter(Config())
    found = []
    for path in sorted(CORPUS.rglob("*")):
        fmt = format_for(str(path))
        guide = path.parent == CORPUS and path.stem.isupper()  # the annotation guide
        if not path.is_file() or fmt is None or "gold" in path.parts or "strength" in \
                path.parts or guide:
            continue
        result = linter.lint(read_text(str(path), path.read_text("utf-8-sig"), fmt))
        found += [(f"{path.name}:{f.line}", f.suggestion) for f in result.findings
                  if f.suggestion and f.category == "overstated"]
    return list(dict.fromkeys(found))


def test_every_corpus_suggestion_reads_well_and_is_not_flagged_itself():
    """Re-lint each rewording the corpus produces: no overstatement finding of its own, no
    doubled or dangling words, articles that agree."""
    linter = Linter(Config())
    suggestions = _suggestions()
    assert len(suggestions) > 40
    for where, sentence in suggestions:
        assert reads_well(sentence), (where, sentence)
        assert not re.search(r"\b[Aa] [aeio]|\b[Aa]n [b-df-hj-np-tv-z]", sentence), sentence
        again = linter.lint(read_text("suggestion.txt", sentence, "text"))
        flagged = [(f.code, f.text) for f in again.findings if f.category == "overstated"]
        assert not flagged, (where, sentence, flagged)


def test_no_verb_is_offered_where_a_noun_stood(lint_text):
    """'The Natural Cure for Arthritis' would read 'The Natural may help relieve for
    Arthritis': no rewording is better than that."""
    [cure] = [f for f in lint_text("The Natural Cure for Arthritis").findings
              if f.code == "OS101"]
    assert cure.suggestion is None
    assert reads_well("Our balm may help relieve back pain.")
