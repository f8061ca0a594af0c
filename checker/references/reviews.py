"""Ask PubMed about the pairs the evidence map does not know.

A claim that a treatment helps a condition the map has no entry for is not necessarily
unsupported: the evidence may simply not be in the map. Online, one PubMed search per
distinct pair counts the systematic reviews and meta-analyses naming both, and fetches the
newest three. A run remembers its answers (and the HTTP cache keeps them between runs), so a
site of hundreds of pages asks once per pair, however often the pair is claimed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass

from checker.models import Claim
from checker.rules.base import Context
from checker.rules.evidence import judged, reports_evidence, subject

# words that open a claim's intervention phrase without naming the treatment
_DETERMINERS = re.compile(r"^(?:(?:our|your|my|this|these|the|a|an|its|their|gentle|regular|"
                          r"new)\s+)+", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:it|this|these|they|them|that|we|you|i)$", re.IGNORECASE)

Pair = tuple[str, str]  # (treatment, condition) as searched


@dataclass(frozen=True)
class Question:
    """A claim's treatment and condition that the map holds no entry for."""

    claim: Claim
    start: int  # the condition's words in the file
    end: int
    treatment: str
    condition: str

    @property
    def pair(self) -> Pair:
        return self.treatment, self.condition


def questions(claims: Iterable[Claim], context: Context) -> list[Question]:
    """The unmapped pairs of the claims that cite nothing (a cited claim rests on its own
    sources)."""
    found = []
    for claim in claims:
        if claim.citations or reports_evidence(claim):
            continue
        for judgement in judged(claim, context):
            answer = judgement.finding
            if answer.pair is not None:
                continue
            treatment = answer.intervention.name if answer.intervention else (
                _named(claim.intervention) or subject(claim))
            condition = answer.condition.name if answer.condition else answer.named.lower()
            if treatment:
                found.append(Question(claim, judgement.start, judgement.end, treatment,
                                      condition))
    return found


def _named(words: str | None) -> str | None:
    """A claim's own words for an unmapped treatment, without "our" or "this"; None when
    they are only a pronoun."""
    if not words:
        return None
    name = _DETERMINERS.sub("", words.strip()).strip().lower()
    return None if not name or _PRONOUN.match(name) else name


def ask(wanted: Iterable[Question], client, memo: MutableMapping[Pair, object]
        ) -> Mapping[Pair, object]:
    """The answer for each question's pair: asked once per run (``memo``), in one batch."""
    new = [q.pair for q in wanted if q.pair not in memo]
    if new:
        memo.update(client.search_reviews(new))
    return {q.pair: memo[q.pair] for q in wanted}
