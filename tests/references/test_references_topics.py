"""What a study is about (RF108) and how firmly it concludes (RF111), without the network."""

from __future__ import annotations

import pytest

from checker.pubmed import Record
from checker.references.strength import tentative_conclusion
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


@pytest.mark.parametrize(("conclusion", "cue"), [
    ("Acupuncture was associated with fewer migraine days.", "associated with"),
    ("These preliminary results need confirmation.", "preliminary"),
    ("Larger trials are needed.", "larger trials"),
    ("Cupping might ease neck pain.", "might"),
    ("Spinal manipulation reduced pain at 12 weeks.", None),
])
def test_tentative_conclusions(conclusion: str, cue: str | None):
    found = tentative_conclusion(Record(source="pubmed", conclusion_sentences=(conclusion,)))
    assert (found[1] if found else None) == cue
