"""The evidence map: what systematic reviews and regulators say about a treatment for a
condition (``condition = "*"``: for every condition it has no entry of its own for), as data
with sources (``checker/data/evidence``), and lookups from the words a
claim uses ("our chiro adjustments", "lumbago") to the map's entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from checker.evidence.load import packaged, read_files
from checker.evidence.model import Condition, EvidenceData, Intervention, Pair

__all__ = ["EvidenceMap", "Finding", "packaged_map"]

_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# synonyms written as what a claim does to the condition ("boost immunity", "better sleep"):
# good for looking a target up, but as words the pipeline tags they would swallow the effect
_EFFECT_FIRST = frozenset({"improve", "better", "boost", "support", "reduce", "increase", "lower",
                           "relieve", "ease", "help", "promote", "maintain", "restore", "enhance",
                           "strengthen"})


@lru_cache(maxsize=8192)
def normal(text: str, lemma) -> tuple[str, ...]:
    """Lemmas of the words of ``text``: how names are compared ("Lower-back pains" ->
    lower back pain)."""
    return tuple(lemma(word) for word in _WORDS.findall(text.lower().replace("'s", "")))


@dataclass(frozen=True)
class Finding:
    """The map's answer for one treatment and one condition of a claim."""

    intervention: Intervention | None  # None: the map does not know the treatment
    condition: Condition | None  # None: the claim's words name no condition the map knows
    named: str  # the condition as the claim words it
    pair: Pair | None  # None: the map has no entry for the pair
    via: str = ""  # the broader condition whose entry answered, if not the condition itself


class EvidenceMap:
    """Lookups over loaded evidence data; names compared by lemmas."""

    def __init__(self, data: EvidenceData, lemma) -> None:
        self.data = data
        self.lemma = lemma
        self.interventions: dict[tuple[str, ...], Intervention] = {}
        for intervention in data.interventions.values():
            for name in (intervention.name, *intervention.aliases):
                self.interventions.setdefault(normal(name, lemma), intervention)
        self.conditions: dict[tuple[str, ...], Condition] = {}
        for condition in data.conditions.values():
            for name in (condition.name, *condition.synonyms):
                self.conditions.setdefault(normal(name, lemma), condition)
        for intervention in data.interventions.values():  # conditions only pairs name
            for pair in intervention.pairs:
                if pair.condition == ANY:
                    continue
                key = normal(pair.condition, lemma)
                if key not in self.conditions:
                    self.conditions[key] = data.conditions.setdefault(
                        pair.condition, Condition(pair.condition))
        self._longest_intervention = max(map(len, self.interventions), default=0)
        # lookup's answers: (treatment's id, named, jurisdiction) -> (treatment, answer)
        self._answers: dict[tuple[int, str, str], tuple[Intervention, Finding]] = {}

    def terms(self, effects: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
        """Every intervention name and alias, and every condition name and synonym: words the
        pipeline must know; less synonyms that open with an effect (``effects``: lemmas)."""
        names = [n for i in self.data.interventions.values() for n in (i.name, *i.aliases)]
        skip = _EFFECT_FIRST | effects
        conditions = [n for c in self.data.conditions.values() for n in (c.name, *c.synonyms)
                      if normal(n, self.lemma)[:1] != () and normal(n, self.lemma)[0]
                      not in skip]
        return names, conditions

    def intervention(self, text: str | None) -> Intervention | None:
        """The map's intervention a claim's words name: the longest alias inside them
        ("our gentle chiropractic adjustments" -> chiropractic)."""
        if not text:
            return None
        words = normal(text, self.lemma)
        for size in range(min(len(words), self._longest_intervention), 0, -1):
            for start in range(len(words) - size + 1):
                found = self.interventions.get(words[start:start + size])
                if found:
                    return found
        return None

    def condition(self, text: str) -> Condition | None:
        """The condition a target's words name: the words themselves, or the longest run of
        them the map knows, leftmost first ("chronic lower back pain" -> low back pain,
        "knee osteoarthritis pain" -> knee osteoarthritis)."""
        words = normal(text, self.lemma)
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                found = self.conditions.get(words[start:start + size])
                if found:
                    return found
        return None

    def lookup(self, intervention: Intervention, named: str, jurisdiction: str) -> Finding:
        """The entry for a treatment and the condition ``named``: the condition's own, else
        the nearest broader condition's (evidence for back pain speaks for low back pain;
        evidence for back pain says nothing of sciatica, whose parent is nerve pain).
        Remembered: a site words the same few conditions over and over."""
        key = (id(intervention), named, jurisdiction)
        known = self._answers.get(key)
        if known is None or known[0] is not intervention:
            if len(self._answers) >= MAX_ANSWERS:
                self._answers.clear()
            known = self._answers[key] = (intervention,
                                          self._lookup(intervention, named, jurisdiction))
        return known[1]

    def _lookup(self, intervention: Intervention, named: str, jurisdiction: str) -> Finding:
        condition = self.condition(named)
        if condition is None:
            generic = " ".join(normal(named, self.lemma)) in _no_wildcard(self.lemma)
            return Finding(intervention, None, named, None if generic else self._pair(
                intervention, ANY, jurisdiction))
        seen: set[str] = set()
        current: Condition | None = condition
        while current is not None and current.name not in seen:
            seen.add(current.name)
            pair = self._pair(intervention, current.name, jurisdiction)
            if pair is not None:
                return Finding(intervention, condition, named, pair,
                               "" if current is condition else current.name)
            current = self.data.conditions.get(current.parent) if current.parent else None
        narrower = self._supported_child(intervention, condition.name, jurisdiction)
        if narrower is not None:  # "back pain" when the map supports "low back pain"
            return Finding(intervention, condition, named, narrower, narrower.condition)
        return Finding(intervention, condition, named, self._pair(intervention, ANY, jurisdiction))

    def _supported_child(self, intervention: Intervention, parent: str, jurisdiction: str
                         ) -> Pair | None:
        """A pair with some support for a narrower condition than ``parent``: a claim for
        the broader condition is then worded too broadly, not unsupported."""
        children = {c.name for c in self.data.conditions.values() if c.parent == parent}
        found = [p for p in intervention.pairs if p.condition in children
                 and p.status in ("accepted", "some") and p.applies_in(jurisdiction)]
        return min(found, key=lambda p: _RANK[p.status], default=None)

    @staticmethod
    def _pair(intervention: Intervention, condition: str, jurisdiction: str) -> Pair | None:
        """The pair for ``jurisdiction``: one that names it before one that applies
        everywhere; with "any", the most favourable status any jurisdiction gives."""
        pairs = [p for p in intervention.pairs if p.condition == condition
                 and p.applies_in(jurisdiction)]
        if not pairs:
            return None
        if jurisdiction == "any":
            return min(pairs, key=lambda p: _RANK[p.status])
        return min(pairs, key=lambda p: not p.jurisdictions)


_RANK = {"accepted": 0, "some": 1, "insufficient": 2, "against": 3}
MAX_ANSWERS = 50_000  # remembered lookups, at most (then forgotten all at once)
ANY = "*"  # a pair for every condition the intervention has no entry of its own for
# words too general to be a condition a wildcard pair could speak for
GENERIC_TARGETS = frozenset({
    "pain", "ache", "condition", "disease", "problem", "symptom", "health", "body", "age",
    "issue", "illness", "ailment", "complaint", "disorder", "injury", "joint", "muscle", "back",
    "neck", "skin", "function", "energy", "stiff", "sore", "tight", "tension", "recovery",
    "healing", "wellbeing", "well-being", "wellness", "nervous system", "cell", "tissue",
    "blood", "brain", "heart", "gut", "mood", "performance", "balance", "posture"})
# what the regulators accept for most therapies, so a wildcard pair never speaks for it
WELLBEING_TARGETS = frozenset({"relax", "relaxation", "relaxed", "calm", "stress", "sleep",
                               "fall asleep", "sleep better", "feel good"})


@cache
def _no_wildcard(lemma) -> frozenset[str]:
    """Targets a wildcard pair does not judge: generic words, wellbeing, and bare body parts
    ("ease neck and shoulder tension" names the shoulder, not a condition of it)."""
    from checker.nlp.lexicon import packaged as lexicon_file
    from checker.nlp.lexicon import read_table

    parts = {" ".join(normal(row[0], lemma)) for row in read_table(lexicon_file("body_parts"))}
    return GENERIC_TARGETS | {" ".join(normal(w, lemma)) for w in WELLBEING_TARGETS} | parts


@cache
def packaged_map() -> EvidenceMap:
    from checker.nlp.lemmas import lemma_of

    return EvidenceMap(packaged(), lemma_of)


def team_map(paths: tuple[str, ...]) -> EvidenceMap:
    """The packaged map extended by a team's evidence files."""
    from pathlib import Path

    from checker.nlp.lemmas import lemma_of

    if not paths:
        return packaged_map()
    return EvidenceMap(read_files([Path(p) for p in paths], packaged()), lemma_of)
