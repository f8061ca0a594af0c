"""How firmly a claim and a study's conclusion state their point.

A claim may go no further than its evidence: "proven to cure" cannot rest on a study whose
authors conclude that the treatment "may reduce" symptoms and "further research is needed".
The tentative wording of conclusions is the copy hedges of ``hedges.txt`` (the strong ones)
plus the phrases scientists use to qualify a finding or to call for more evidence.
"""

from __future__ import annotations

from functools import cache

from checker.models import Claim
from checker.nlp.lexicon import packaged, read_table
from checker.pubmed import Record
from checker.references.matching import words

_CATEGORICAL_FAMILIES = frozenset({"proof", "cure"})  # "proven", "eliminates", "cures"
_CONCLUSION_HEDGES = (
    "possible", "further research", "further studies", "further study", "further trials",
    "more research", "more studies", "larger trials", "larger studies", "is needed",
    "are needed", "warranted", "uncertain", "inconclusive", "insufficient evidence",
    "limited evidence", "low quality", "pilot",
)


def categorical(claim: Claim) -> bool:
    """Stated as certain: absolute wording, or an asserted proof or cure."""
    return claim.certainty == "absolute" or any(
        t.asserted and t.family in _CATEGORICAL_FAMILIES for t in claim.triggers)


def tentative_conclusion(record: Record) -> tuple[str, str] | None:
    """(sentence, cue) of the record's first conclusion sentence that hedges, if any."""
    for sentence in record.conclusion_sentences:
        folded = f" {' '.join(words(sentence))} "
        for cue in _cues():
            if f" {cue} " in folded:
                return sentence, cue
    return None


@cache
def _cues() -> tuple[str, ...]:
    hedges = [" ".join(words(row[0])) for row in read_table(packaged("hedges"))
              if len(row) < 2 or row[1] == "strong"]
    return (*hedges, *_CONCLUSION_HEDGES)
