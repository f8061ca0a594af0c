"""Decide which sentences are health claims and describe each one.

A sentence is a claim when something health-related is asserted in it: an effect on a
condition or body function attributed to a treatment, a safety, evidence, endorsement or
statistical statement, or one of the rules' overstatement phrases in a health context.
Questions are not claims, and neither are triggers that are negated ("does not cure") or
reported in order to be rejected ("the myth that ...").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from checker.models import Certainty, Claim, Trigger
from checker.nlp.lexicon import Lexicon

CLAUSE_BREAKS = frozenset({",", ";", ":", "\u2014", "\u2013", "(", ")", "but", "however",
                           "although", "though", "while", "whereas", "yet", "unlike",
                           "because"})  # \u2014/\u2013: em and en dash
NEGATION_WINDOW = 6
ABSOLUTE_FAMILIES = frozenset({"cure", "permanence", "proof", "safety", "universality",
                               "typicality"})
EVIDENCE_NOUNS = frozenset({"study", "research", "trial", "evidence", "science", "scientist",
                            "review", "meta-analysis", "researcher", "data", "literature",
                            "experiment"})
EVIDENCE_VERBS = frozenset({"show", "prove", "find", "found", "suggest", "confirm",
                            "demonstrate", "indicate", "reveal", "support", "report", "back"})
SAFETY_WORDS = frozenset({"safe", "safety", "risk", "side", "adverse", "harmless", "painless",
                          "tolerate", "gentle", "non-invasive", "complication", "addictive",
                          "bruise", "bruising", "soreness", "redness", "harmful", "toxic",
                          "interact", "light-headedness", "discomfort", "dizziness"})
ENDORSERS = frozenset({"doctor", "physician", "expert", "association", "fda", "nhs", "nice",
                       "athlete", "chiropractor", "physiotherapist", "therapist", "dentist",
                       "dermatologist", "nutritionist", "professional", "organization",
                       "organisation", "college", "society", "who", "celebrity", "olympian"})
ENDORSE_VERBS = frozenset({"recommend", "endorse", "approve", "trust", "prescribe", "use",
                           "choose", "swear", "rely", "recommended", "trusted", "endorsed"})
PEOPLE = frozenset({"patient", "client", "customer", "user", "people", "adult", "child",
                    "woman", "man", "athlete", "american", "person", "individual", "you",
                    "i", "we", "my", "your"})
REFERENCES = frozenset({"it", "this", "these", "they", "our", "we", "its", "their", "i", "my",
                        "you", "your"})
PROPORTION_WORDS = frozenset({"%", "percent", "per", "cent", "million", "billion", "thousand",
                              "half", "third", "quarter", "majority"})
QUESTION_WORDS = frozenset({"how", "why", "what", "when", "where", "which", "who", "can",
                            "does", "do", "is", "are", "should", "will", "could"})
COMPARATIVES = frozenset({"more", "faster", "better", "deeper", "greater", "stronger",
                          "higher", "quicker"})
TREATS = frozenset({"treat", "help", "address", "manage", "respond"})
WEAK_EFFECTS = frozenset({"work", "help", "benefit", "respond", "target", "support"})


@dataclass
class DocumentState:
    """What a document has said so far: pronouns refer back to the last named treatment."""

    antecedent: str | None = None
    seen: list[str] = field(default_factory=list)


def extract_claims(doc: Doc, offset: int, original: str, path: str, lexicon: Lexicon,
                   state: DocumentState) -> Iterator[tuple[Claim, Span]]:
    """Claims in one block's doc; ``offset`` is where the block starts in the file."""
    hits = doc._.cl_hits or []
    for sentence in doc.sents:
        claim = _claim(sentence, hits, offset, original, path, lexicon, state)
        named = _named_intervention(sentence)
        if named:
            state.antecedent = named
        if claim:
            yield claim, sentence


def _claim(sentence: Span, hits, offset: int, original: str, path: str, lexicon: Lexicon,
           state: DocumentState) -> Claim | None:
    tokens = [t for t in sentence if not t.is_space]
    if len(tokens) < 2 or _question(tokens):
        return None
    context = _Context(sentence, lexicon)
    triggers = [context.trigger(hit, offset) for hit in hits
                if sentence.start <= hit.start and hit.end <= sentence.end]
    asserted = [t for t in triggers if t.asserted]
    effects = [t for t in tokens if context.is_effect(t) and not t._.cl_condition]
    targets = [s for group in ("condition", "body_function") for s in _within(sentence, group)]
    interventions = _within(sentence, "intervention")
    referenced = bool(interventions) or context.refers_back(state.antecedent, targets) or (
        state.antecedent is not None and bool(effects) and effects[0].i == tokens[0].i)
    kinds = context.kinds(asserted, effects, targets,
                          referenced or context.refers_back(state.antecedent, None))
    if not kinds:
        return None
    effect = effects[0] if effects else None
    condition = _first_after(targets, effect)
    intervention = (_best(interventions) if interventions else None) or (
        state.antecedent if referenced else None)
    start, end = _trimmed(sentence, offset)
    return Claim(
        path=path, start=start, end=end, text=original[start:end], kind=kinds[0],
        certainty=context.certainty(asserted, effects), intervention=intervention,
        effect=effect.text if effect else None,
        condition=condition.text if condition else None, triggers=triggers,
    )


class _Context:
    """Per-sentence views the claim decision needs: clauses, negation, hedges."""

    def __init__(self, sentence: Span, lexicon: Lexicon) -> None:
        self.sentence = sentence
        self.lexicon = lexicon
        self.clause_of = _clauses(sentence)
        self.hedges = {
            strength: [span for span in _within(sentence, f"hedge_{strength}")]
            for strength in ("strong", "weak")
        }

    def trigger(self, hit, offset: int) -> Trigger:
        doc = self.sentence.doc
        first = doc[hit.start]
        return Trigger(
            family=hit.family, phrase=hit.phrase,
            start=offset + first.idx, end=offset + doc[hit.end - 1].idx + len(doc[hit.end - 1]),
            focus_start=offset + doc[hit.focus_start].idx,
            focus_end=offset + doc[hit.focus_end - 1].idx + len(doc[hit.focus_end - 1]),
            negated=self.negated(hit.start), hedged=self.hedged(hit.start, "strong"),
            distanced=self.distanced(hit.start),
        )

    def negated(self, index: int) -> bool:
        clause = self.clause_of.get(index)
        doc = self.sentence.doc
        for i in range(index - 1, max(self.sentence.start, index - NEGATION_WINDOW) - 1, -1):
            if self.clause_of.get(i) != clause:
                return False
            token = doc[i]
            if token.lower_ in self.lexicon.negators or token.lemma_ in self.lexicon.negators:
                following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
                return following not in ("only", "longer", "more", "less", "short", "but")
        return False

    def hedged(self, index: int, strength: str | None = None) -> bool:
        clause = self.clause_of.get(index)
        strengths = (strength,) if strength else ("strong", "weak")
        return any(self.clause_of.get(span.start) == clause
                   for name in strengths for span in self.hedges[name])

    def distanced(self, index: int) -> bool:
        doc = self.sentence.doc
        return any(doc[i].lemma_ in self.lexicon.distancing
                   for i in range(self.sentence.start, index))

    def is_effect(self, token: Token) -> bool:
        lemma = token.lemma_
        known = lemma in self.lexicon.effects or lemma in self.lexicon.effect_nouns
        return known and not self.negated(token.i) and not self.distanced(token.i)

    def refers_back(self, antecedent: str | None, targets: list[Span] | None) -> bool:
        """A pronoun near the start stands for the last named treatment; with ``targets``
        given, only when the sentence names a health target (so "we use cookies to improve
        ..." is no claim, while "it is a miracle" still is)."""
        head = [t.lower_ for t in self.sentence[:4]]
        return antecedent is not None and (targets is None or bool(targets)) and any(
            w in REFERENCES for w in head)

    def kinds(self, asserted: list[Trigger], effects: list[Token], targets: list[Span],
              referenced: bool) -> list[str]:
        """Every kind the sentence qualifies for, most specific first; empty: not a claim."""
        lemmas = {t.lemma_ for t in self.sentence}
        families = {t.family for t in asserted}
        health = bool(targets) or referenced
        kinds = []
        if self._statistic(lemmas, targets):
            kinds.append("statistic")
        if (lemmas & EVIDENCE_NOUNS and lemmas & EVIDENCE_VERBS and health) or "proof" in families:
            kinds.append("evidence")
        if "superiority" in families:
            kinds.append("comparison")
        if ("safety" in families or lemmas & SAFETY_WORDS) and (referenced or "safety" in families):
            kinds.append("safety")
        if "speed" in families and health:
            kinds.append("speed")
        if self._endorsed(lemmas, referenced):
            kinds.append("endorsement")
        if self._multiple(lemmas) and (health or referenced):
            kinds.append("comparison")
        strong = [t for t in effects if t.lemma_ not in WEAK_EFFECTS]
        people = bool(lemmas & PEOPLE)
        acting = (strong and (referenced or (targets and people))) or (
            effects and targets and referenced)
        if acting:
            treats = any(t.lemma_ in TREATS for t in effects)
            listing = len(targets) >= 2 or self.sentence[-1].text == ":"
            if treats and listing:
                kinds.append("conditions-treated")
            elif targets and all(s.label_ == "body_function" for s in targets):
                kinds.append("mechanism")
            else:
                kinds.append("efficacy")
        if not kinds and families and (health or effects):
            kinds.append("efficacy")
        return kinds

    def _endorsed(self, lemmas: set[str], referenced: bool) -> bool:
        """"Recommended by GPs", "trusted by athletes": an endorsement by anyone named."""
        by = any(t.lemma_ in ENDORSE_VERBS and t.nbor(1).lower_ == "by"
                 for t in self.sentence[:-1])
        return by or bool(lemmas & ENDORSE_VERBS and lemmas & ENDORSERS and referenced)

    def _multiple(self, lemmas: set[str]) -> bool:
        """"Five times faster", "ten times more": a comparison by a multiple."""
        return "time" in lemmas and any(t.lower_ in COMPARATIVES for t in self.sentence) and any(
            t.like_num for t in self.sentence)

    def _statistic(self, lemmas: set[str], targets: list[Span]) -> bool:
        numbers = any(t.like_num or t.lower_ in PROPORTION_WORDS for t in self.sentence)
        proportion = bool(lemmas & PROPORTION_WORDS) or _n_in_m(self.sentence)
        return numbers and proportion and (bool(targets) or bool(lemmas & PEOPLE))

    def certainty(self, asserted: list[Trigger], effects: list[Token]) -> Certainty:
        absolute = any(t.family in ABSOLUTE_FAMILIES and not t.hedged for t in asserted) or any(
            self.lexicon.effects.get(t.lemma_) == "absolute" and not self.hedged(t.i, "strong")
            for t in effects)
        if absolute:
            return "absolute"
        anchors = [t.i for t in effects] or [self.sentence.start]
        return "hedged" if any(self.hedged(i) for i in anchors) else "plain"


def _question(tokens: list[Token]) -> bool:
    """Ends with "?", or opens like one and has no full stop ("How osteopathy helps")."""
    return tokens[-1].text == "?" or (
        tokens[0].lower_ in QUESTION_WORDS and tokens[-1].text not in (".", "!"))


def _clauses(sentence: Span) -> dict[int, int]:
    clause, result = 0, {}
    for token in sentence:
        if token.lower_ in CLAUSE_BREAKS:
            clause += 1
        result[token.i] = clause
    return result


def _n_in_m(sentence: Span) -> bool:
    """"1 in 4", "one out of five", "nine of ten": a proportion written in words."""
    tokens = list(sentence)
    for i in range(len(tokens) - 2):
        if tokens[i].like_num and tokens[i + 1].lower_ in ("in", "of", "out") \
                and any(t.like_num for t in tokens[i + 2 : i + 4]):
            return True
    return False


def _within(sentence: Span, group: str) -> list[Span]:
    return [span for span in sentence.doc.spans.get(group, [])
            if sentence.start <= span.start and span.end <= sentence.end]


def _named_intervention(sentence: Span) -> str | None:
    named = _within(sentence, "intervention")
    return _best(named) if named else None


def _best(spans: list[Span]) -> str | None:
    """Prefer a multi-word or lexicon name ("dry needling") over a bare head ("session")."""
    ranked = sorted(spans, key=lambda s: (s.label_ != "intervention", len(s) == 1, -len(s)))
    return ranked[0].text if ranked else None


def _first_after(spans: list[Span], token: Token | None) -> Span | None:
    if not spans:
        return None
    if token is not None:
        after = [s for s in spans if s.start > token.i]
        if after:
            return after[0]
    return spans[0]


def _trimmed(sentence: Span, offset: int) -> tuple[int, int]:
    words = [t for t in sentence if not t.is_space]
    last = words[-1]
    return offset + words[0].idx, offset + last.idx + len(last)
