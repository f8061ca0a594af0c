"""What a study is about (RF108), how firmly it concludes and what kind of study it is
(RF111), without the network."""

from __future__ import annotations

import pytest

from checker.pubmed import Record
from checker.references.strength import non_human, strongest, synthesis
from checker.references.topics import mentions

MANIPULATION = Record(source="pubmed", pmid="1", title="Spinal manipulation in adults.",
                      mesh_terms=("Manipulation, Chiropractic", "Low Back Pain", "Cannabidiol"),
                      abstract="Migraines were not studied.")


@pytest.mark.parametrize(("term", "found"), [
    ("chiropractic adjustments", True),  # "adjustment" is a generic head
    ("LOW-BACK PAIN", True),
    ("migraine", True),  # "Migraines" in the abstract, by lemma
    ("CBD oil", True),  # the lay name of the MeSH heading Cannabidiol
    ("our treatment", True),  # nothing specific to look for
    ("neck pain", False),
    ("cupping", False),
    ("back pain in dogs", False),
])
def test_terms_are_found_by_lemma_and_mesh_heading(term: str, found: bool):
    assert mentions(MANIPULATION, term) is found


@pytest.mark.parametrize(("conclusion", "grade"), [
    ("Acupuncture was associated with fewer migraine days.", "correlational"),
    ("Cupping might ease neck pain.", "conditional"),
    ("Spinal manipulation reduced pain at 12 weeks.", "causal"),
    ("Placebo tablets did not improve sleep quality.", "none"),  # a null result
])
def test_a_records_strongest_conclusion_is_graded_like_copy(linter, conclusion, grade):
    record = Record(source="pubmed", conclusion_sentences=("Larger trials are needed.",
                                                           conclusion))
    found = strongest(record, linter.strength_of)
    assert found.strength == grade and (grade == "none" or found.sentence == conclusion)


def test_study_types():
    mice = Record(source="pubmed", mesh_terms=("Animals", "Mice"))
    people = Record(source="pubmed", mesh_terms=("Animals", "Humans"))
    cells = Record(source="pubmed", title="Curcumin in cultured cells.")
    review = Record(source="pubmed", publication_types=("Systematic Review",))
    assert non_human(mice) and non_human(cells) and not non_human(people)
    assert synthesis(review) and not synthesis(mice)
