"""How strong a relationship a claim states, against what the works it cites conclude.

The commonest way copy outruns its source is turning a correlation into a cause, or a
"may reduce" into "reduces" (Sumner et al. 2014, BMJ; Yu, Li & Wang 2019). Claims and the
conclusion sentences of cited abstracts are graded with the same classifier on one scale
(none < correlational < conditional < causal < absolute); a claim may go no further than the
strongest conclusion it cites. Study type matters too: a result in mice or in cells is no
evidence of an effect in people, and one trial is not "studies".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.models import STRENGTHS, Claim
from checker.pubmed import Record

_ANIMAL_MESH = frozenset({"animals", "mice", "rats", "rabbits", "dogs", "swine", "cattle",
                          "zebrafish", "drosophila"})
_NON_HUMAN_WORDS = re.compile(r"\b(in vitro|mice|mouse|murine|rats?|rodents?|animal model|"
                              r"cell lines?|cultured cells|in cells|zebrafish)\b", re.IGNORECASE)
_PLURAL_EVIDENCE = re.compile(r"\b(studies|trials|research|scientists|evidence|experts|"
                              r"reviews)\b", re.IGNORECASE)
_SYNTHESIS = frozenset({"systematic review", "meta-analysis", "review", "practice guideline",
                        "guideline"})


@dataclass(frozen=True)
class Graded:
    """A cited record's strongest conclusion sentence and its grade."""

    record: Record
    sentence: str
    strength: str


def rank(strength: str) -> int:
    return STRENGTHS.index(strength)


def strongest(record: Record, strength_of: Callable[[str], str]) -> Graded | None:
    """The record's conclusion sentence that states the strongest relationship."""
    graded = [Graded(record, s, strength_of(s)) for s in record.conclusion_sentences]
    return max(graded, key=lambda g: rank(g.strength), default=None)


def non_human(record: Record) -> bool:
    """A study in animals or cells: indexed under Animals without Humans, or saying so."""
    mesh = {term.lower() for term in record.mesh_terms}
    if mesh & _ANIMAL_MESH and "humans" not in mesh:
        return True
    text = " ".join([record.title or "", *record.conclusion_sentences])
    return not mesh and bool(_NON_HUMAN_WORDS.search(text))


def about_people(claim: Claim) -> bool:
    """The claim does not itself say the result is in animals or cells."""
    return not _NON_HUMAN_WORDS.search(claim.text)


def claims_a_body_of_evidence(claim: Claim) -> bool:
    """"Studies show", "research proves": the claim speaks of more than one study."""
    return bool(_PLURAL_EVIDENCE.search(claim.text))


def synthesis(record: Record) -> bool:
    types = {t.lower() for t in record.publication_types}
    return bool(types & _SYNTHESIS)
