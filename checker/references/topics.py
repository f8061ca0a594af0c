"""Is a study about what the claim says? The claim's intervention and condition, looked for in
the record's title, MeSH terms and abstract.

Words are compared as lemmas ("migraines" finds "Migraine Disorders") without case or
accents. Generic heads ("therapy", "adjustments", "supplement": ``intervention_heads.txt``)
are not required, since PubMed indexes "chiropractic adjustments" as "Manipulation,
Chiropractic"; a few lay names are mapped to the MeSH headings that replace them.
"""

from __future__ import annotations

from functools import cache, lru_cache

from checker.nlp.lemmas import lemma_of
from checker.nlp.lexicon import packaged, read_table
from checker.pubmed import Record
from checker.references.matching import words

_FILLER = frozenset({"a", "an", "the", "our", "your", "my", "their", "this", "these", "that",
                     "of", "and", "or", "for", "with", "in", "on", "to"})
# Lay words whose MeSH heading uses none of their words.
_LAY_TO_MESH = {
    "cbd": "cannabidiol",
    "heart attack": "myocardial infarction",
    "high blood pressure": "hypertension",
    "period pain": "dysmenorrhea",
    "hay fever": "seasonal allergic rhinitis",
    "cold sore": "herpes labialis",
    "shingles": "herpes zoster",
    "turmeric": "curcumin",
    "ibs": "irritable bowel syndrome",
    "adhd": "attention deficit hyperactivity disorder",
    "insomnia": "sleep initiation maintenance disorders",
}


def is_indexed(record: Record) -> bool:
    """Enough text to say what a study is about: an abstract or MeSH terms besides a title."""
    return bool(record.abstract or record.mesh_terms)


def mentions(record: Record, term: str) -> bool:
    """Every specific word of ``term`` (or of its MeSH heading) occurs in the record."""
    found = _record_lemmas(record)
    return any(wanted <= found for wanted in _readings(term))


def _readings(term: str) -> list[frozenset[str]]:
    """The term's specific lemmas, and those of a MeSH heading a lay word in it maps to."""
    folded = _lemmatised(term)
    readings = [term, *(mesh for lay, mesh in _LAY_TO_MESH.items()
                        if _lemmatised(lay) in folded)]
    return [_specific(reading) for reading in readings]


def _lemmatised(text: str) -> str:
    """`` cold sore ``: lemmas between spaces, so a phrase is found by substring search."""
    return f" {' '.join(lemma_of(w) for w in words(text))} "


def _specific(text: str) -> frozenset[str]:
    """Lemmas that say what the term is; all-generic terms ("our treatment") need nothing."""
    content = {lemma_of(w) for w in words(text)} - _FILLER
    return frozenset(content - _generic_heads())


@lru_cache(maxsize=256)
def _record_lemmas(record: Record) -> frozenset[str]:
    text = " ".join((record.title or "", *record.mesh_terms, record.abstract or ""))
    return frozenset(lemma_of(word) for word in words(text))


@cache
def _generic_heads() -> frozenset[str]:
    return frozenset(lemma_of(row[0]) for row in read_table(packaged("intervention_heads")))
