"""Decide which sentences are health claims and describe each one.

A sentence is a claim when something health-related is asserted in it: an effect on a
condition or body function attributed to a treatment, a safety, evidence, endorsement or
statistical statement, or one of the rules' overstatement phrases in a health context.
Questions are not claims, and neither are triggers that are negated ("does not cure") or
reported in order to be rejected ("the myth that ...") or excused by a word their phrase
names ("stop taking your medicine" with "GP" in the clause).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy
from spacy.tokens import Doc

from checker.models import CERTAINTY, Claim, Strength, Trigger
from checker.nlp.lemmas import lemma_of, verb_lemmas
from checker.nlp.lexicon import Lexicon
from checker.nlp.pipeline import HEADINGS, Term
from checker.nlp.tokens import TokenTable
from checker.nlp.words import DocWords, WordTable

CLAUSE_BREAKS = frozenset({",", ";", ":", "\u2014", "\u2013", "(", ")", "but", "however",
                           "although", "though", "while", "whereas", "yet", "unlike",
                           "because"})  # \u2014/\u2013: em and en dash
NEGATION_WINDOW = 6
# where a phrase's excusing words stop counting: a dash between words, a semicolon, a colon,
# or a comma before "but"/"while" ("no side effects - most babies sleep through")
EXCUSE_CLAUSE_BREAK = re.compile(r"\s[-\u2013\u2014]\s|[;:]|,\s+(?:but|while|whereas)\b")
EXCUSE_WORD = re.compile(r"[\w'-]+")
# a negator followed by one of these negates nothing: "not only", "no longer", "no doubt",
# "without question", "no matter", "nothing short of", "nothing but"
NOT_NEGATING = frozenset({"only", "longer", "more", "less", "short", "but", "doubt", "question",
                          "wonder", "matter"})
LIST_GLUE = frozenset({",", "or", "and", "nor", "/"})
# a treatment named to say it is not there ("Zero pills", "no needles", "without surgery")
ABSENT = frozenset({"zero", "no", "without", "non", "free", "never"})
# targets that need a complement to say what is treated, and the words that introduce it
GENERIC_TARGETS = frozenset({"symptom", "sign", "condition", "problem", "complaint", "issue",
                             "pain", "effect", "discomfort"})
SPECIFYING = frozenset({"of", "from", "associated", "with", "caused", "by", "related", "to",
                        "including", "such", "as", "like", "the", "your", "a", "an"})
ABSOLUTE_FAMILIES = frozenset({"cure", "permanence", "proof", "safety", "universality",
                               "typicality"})
# words that say evidence is weak or missing ("insufficient", "poorly supported")
LIMITING = frozenset({"insufficient", "little", "limited", "poor", "poorly", "weak", "mixed",
                      "inconsistent", "inconclusive", "uncertain", "unclear", "lacking", "lack",
                      "lacks", "scant", "sparse", "conflicting", "low-quality", "unproven"})
EVIDENCE_NOUNS = frozenset({"study", "research", "trial", "evidence", "science", "scientist",
                            "review", "meta-analysis", "researcher", "data", "literature",
                            "experiment"})
EVIDENCE_VERBS = frozenset({"show", "prove", "find", "found", "suggest", "confirm",
                            "demonstrate", "indicate", "reveal", "support", "report", "back",
                            "conclude", "note", "link", "associate", "observe", "agree"})
# "has been studied in several trials": the verb, not the noun ("a study")
EVIDENCE_PARTICIPLES = frozenset({"studied", "tested", "trialled", "trialed", "researched"})
# who a treatment suits is a safety statement when it names a condition ("not suitable with
# a bleeding disorder"), not when it names a diet or an age ("not suitable for vegans")
SUITABILITY = frozenset({"suitable", "unsuitable"})
# a denial with one of these is a disclaimer ("not intended to diagnose, treat, cure or
# prevent any disease", "not a substitute for medical advice"), not a claim
DISCLAIMING = frozenset({"intend", "intended", "evaluate", "substitute", "replace"})
HARMS = frozenset({"cause", "trigger", "worsen", "aggravate", "induce", "provoke"})
SAFETY_WORDS = frozenset({"safe", "safety", "risk", "side", "adverse", "harmless", "painless",
                          "tolerate", "gentle", "non-invasive", "complication", "addictive",
                          "bruise", "bruising", "soreness", "redness", "harmful", "toxic",
                          "interact", "light-headedness", "discomfort", "dizziness",
                          "after-effect", "dizzy", "lightheaded", "faint", "sting",
                          "harm", "painful", "drowsy", "drowsiness",
                          "contraindicate", "allergic"})
ENDORSE_VERBS = frozenset({"recommend", "endorse", "approve", "swear"})
ENDORSED_BY = ENDORSE_VERBS | {"trust", "use", "choose"}  # "used by", "trusted by" ...
MILD = frozenset({"mild", "minor", "brief", "temporary", "rare", "occasional", "slight",
                  "transient"})  # how side effects are described: "mild soreness", "rare cases"
GUIDANCE = frozenset({"guideline", "guidance", "nhs", "cochrane"})  # not "who", "nice"
IMPROVEMENTS = frozenset({"better", "less", "looser", "easier", "calmer", "fewer", "improved",
                          "regular", "again", "soundly", "freely", "deeply", "sooner",
                          "alert", "back", "improvement", "improvements"})
PURPOSE_VERBS = frozenset({"use", "visit", "come", "design", "formulate", "recommend", "offer",
                           "book", "choose", "take"})
PEOPLE = frozenset({"patient", "client", "customer", "user", "people", "adult", "child",
                    "respondent", "participant", "guest", "member",
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
# advice that sends the reader to someone: "Contact your GP if ...", "Please ask a pharmacist"
CONSULT = frozenset({"contact", "speak", "talk", "ask", "call", "consult", "phone", "ring",
                     "seek"})
ADVICE_OPENERS = frozenset({"please", "always", "then", "so", "-", "*", "•"})
CLINICIANS = frozenset({"gp", "gps", "doctor", "doctors", "pharmacist", "nhs", "midwife",
                        "nurse", "physician", "specialist", "consultant", "111", "999", "911",
                        "paediatrician", "pediatrician", "dentist", "optician"})
# what people with a condition are said to get ("people with asthma find it helps")
BENEFITS = frozenset({"help", "work", "improve", "improvement", "ease", "relieve", "relief",
                      "benefit", "respond"})
# a list label that describes a condition ("The main symptoms of flu include:", "Causes"),
# unless it also says something acts on it ("Symptoms we treat:")
DESCRIBING = frozenset({"symptom", "sign", "cause", "type", "trigger", "stage", "feature",
                        "related", "relate", "risk", "complication"})
# what marks a comparison as a trial's (causal) or as one between self-selected groups
TRIAL_WORDS = frozenset({"randomise", "randomize", "randomised", "randomized", "random",
                         "placebo", "sham", "give", "assign", "allocate", "arm", "group",
                         "treat", "receive", "dummy", "control", "trial", "intervention",
                         "after", "supplementation", "take"})
GROUP_WORDS = frozenset({"who", "user", "drinker", "owner", "eater", "consumer", "those",
                         "among", "people", "participant", "woman", "man", "adult", "child",
                         "teenager", "with"})
RELATION_WINDOW = 6  # words from an effect to the target it acts on ("eases your lower back")
BULLET_SIGNS = frozenset({":", "-", "\u2013", "\u2014", "|", "\u2022", "("})  # en/em dash, bullet
# effects that reach only a target right after them ("keeps blood sugar steady", not "keep
# your GP informed about your symptoms")
SHORT_REACH = {"keep": 3}
SERVICE_WORDS = frozenset({"clinic", "clinics", "centre", "center", "specialist", "specialists",
                           "service", "services", "team", "unit", "department", "nurse",
                           "consultant", "appointment", "appointments", "ward"})
TITLE_WORDS = 8  # a sentence this short reads as a headline ("Cupping for colds")
LABEL_WORDS = 12  # a line ending with ":" and at most this long introduces a list
ANNOUNCING_WORDS = 30  # a sentence announcing "the following"/"below" may be this long
ANNOUNCING = frozenset({"following", "below"})
ITEM_WORDS = 14  # a list item naming a condition is at most this long
BARE_ITEM_WORDS = 6  # a line that only names conditions ("Chronic Fatigue Syndrome")
UNLABELLED_RUN = 3  # so many such lines in a row are a list even with no label
PASSIVE = frozenset({"be", "get", "become", "feel", "seem", "look"})  # "pain was eased"


@dataclass(frozen=True)
class Label:
    """A line that introduces a list ("We can help with:", "Possible side effects:"): the
    items after it that name conditions are claims of its kind."""

    kind: str  # "conditions-treated" or "safety"
    strength: Strength
    negated: bool  # "Not shown to help:": the items are claims, but nothing is asserted


# the label a run of bare condition lines implies: the page's treatment is for them
IMPLIED_LABEL = Label("conditions-treated", "causal", negated=False)


@dataclass
class DocumentState:
    """What a document has said so far: pronouns refer back to the last named treatment; a
    list's items take their meaning from the label above them."""

    words: WordTable
    questions: ClaimQuestions
    antecedent: str | None = None
    label: Label | None = None
    # a run of short lines that only name conditions, with no label: held back until the
    # run is long enough to be a list; "described": the line before it said what they are
    bare: list[Claim] = field(default_factory=list)
    bare_run: int = 0
    described: bool = False


@dataclass(frozen=True)
class ClaimQuestions:
    """Word-table bits claim extraction reads per token."""

    signal: int  # a word some claim kind needs: sentences without one are no claims
    clause_break: int
    comma: int
    conjunction: int
    effect: int
    excuses: dict[tuple[str, int], frozenset[str]]  # (family, phrase) -> lemmas that excuse it
    frames: frozenset[tuple[str, int]]  # phrases that frame a claim: "studies show that"

    @classmethod
    def register(cls, lexicon: Lexicon, words: WordTable,
                 excuses: dict[tuple[str, int], frozenset[str]],
                 frames: frozenset[tuple[str, int]]) -> ClaimQuestions:
        signals = {phrase.split()[0] for phrase in lexicon.effects} | set(
            lexicon.effect_nouns) | (SAFETY_WORDS | SUITABILITY | EVIDENCE_NOUNS | ENDORSED_BY
                                     | PROPORTION_WORDS | GUIDANCE | IMPROVEMENTS | MILD
                                     | PURPOSE_VERBS | {"time"})
        lemmas = {lemma_of(word) for word in signals}
        return cls(signal=words.question(lambda _, lemma: lemma in lemmas),
                   clause_break=words.question(lambda lower, _: lower in CLAUSE_BREAKS),
                   comma=words.question(lambda lower, _: lower == ","),
                   conjunction=words.question(lambda lower, _: lower in ("or", "and")),
                   effect=words.question(lambda _, lemma: lemma in lexicon.effects),
                   excuses=excuses, frames=frames)


def extract_claims(doc: Doc, offset: int, original: str, path: str, lexicon: Lexicon,
                   state: DocumentState) -> Iterator[Claim]:
    """Claims in one block's doc; ``offset`` is where the block starts in the file."""
    words = DocWords.of(doc, state.words)
    table = TokenTable.of(doc, words, state.questions.signal)
    terms: dict[str, list[Term]] = doc._.cl_terms
    hits = doc._.cl_hits or []  # sorted by start
    hit_starts = [hit.start for hit in hits]
    headings = doc.user_data.get(HEADINGS, [])
    heading_starts = [start for start, _ in headings]
    by_sentence = _terms_by_sentence(terms, [start for start, _ in table.sentences])
    named_in = by_sentence["intervention"]
    clauses = _clause_ids(words, state.questions)
    classes = doc._.cl_classes  # read once: each ``doc._`` access builds a new accessor
    targets_in = (by_sentence["condition"], by_sentence["body_function"])
    for index, (start, end) in enumerate(table.sentences):
        inside = hits[bisect.bisect_left(hit_starts, start):bisect.bisect_left(hit_starts, end)]
        named = [term for term in named_in.get(index, ()) if not ABSENT.intersection(
            table.lower[max(term.start - 1, 0):term.start + 1])]
        label = _introduces_a_list(table, start, end)
        implied = _bare_line(table, state, start, end, [
            t for found in targets_in for t in found.get(index, ())])
        if not implied:
            state.bare_run = 0
            state.bare.clear()
        listed = (state.label is not None or implied) and end - start <= ITEM_WORDS and any(
            index in found for found in targets_in)
        if not (table.signal[index] or inside or named or label or listed):
            if end - start > ITEM_WORDS:
                state.label = None  # prose again: the list is over
            continue  # no claim, and no treatment named for a later "it" to refer to
        sentence = _Sentence(table, by_sentence, index, clauses, classes, start, end,
                             lexicon, offset, original)
        k = bisect.bisect_right(heading_starts, table.idx[start]) - 1
        sentence.heading = k >= 0 and table.idx[start] < headings[k][1]
        sentence.numbered = table.numbered[index]
        # an item with phrases of its own ("Balances your pH overnight") is judged on them
        claim = sentence.claim(inside, path, state) if inside or (
            table.signal[index] and not listed) else None
        if listed and claim is None:
            claim = sentence.listed(state.label or IMPLIED_LABEL, path, state)
        elif not listed:
            state.label = sentence.label() if label else (
                None if end - start > ITEM_WORDS or sentence.heading else state.label)
        if named:
            state.antecedent = sentence.best(named)
        if implied:
            state.bare_run += 1
        if claim and implied and state.bare_run <= UNLABELLED_RUN:
            state.bare.append(claim)  # held back until the run is a list
            if state.bare_run == UNLABELLED_RUN:
                yield from state.bare
        elif claim:
            yield claim


LABEL_ENDS = frozenset({":", "for", "with", "from", "treat", "help", "helps", "include"})


def _introduces_a_list(table: TokenTable, start: int, end: int) -> bool:
    """A short line that ends with a colon, or with "for"/"with" ("WHAT CUSTOMERS USE THEM
    FOR", "What patients come to us for 👇", "Traditionally used for"), or a sentence that
    announces "the following" or "the conditions below", whatever its punctuation: a list
    follows."""
    if end - start <= ANNOUNCING_WORDS and not ANNOUNCING.isdisjoint(table.lower[start:end]):
        return True
    if end - start > LABEL_WORDS:
        return False
    last = end - 1
    while last > start and not any(c.isalpha() or c in ":.!" for c in table.lower[last]):
        last -= 1  # trailing emoji, arrows, dashes; a full stop ends a sentence, not a label
    return table.lower[last] in LABEL_ENDS and (table.lower[last] == ":" or last > start)


def _bare_line(table: TokenTable, state: DocumentState, start: int, end: int,
               terms: list[Term]) -> bool:
    """A short line that only names conditions ("ANOREXIA", "Chronic Pain"), with no label
    above it, on a page about a treatment: a run of at least ``UNLABELLED_RUN`` of them is a
    list that still says the treatment is for them, unless the line before the run says what
    they are ("Symptoms", "Related conditions")."""
    describes = not DESCRIBING.isdisjoint(table.lemma[start:end])
    bare = (state.label is None and state.antecedent is not None and bool(terms)
            and not describes and _names_only_conditions(table, start, end, terms))
    if not bare:
        state.described = describes
    return bare and not state.described


def _names_only_conditions(table: TokenTable, start: int, end: int, terms: list[Term]) -> bool:
    if end - start > BARE_ITEM_WORDS:
        return False
    covered = {i for term in terms for i in range(term.start, term.end)}
    return all(i in covered or table.lower[i] in ("and", "&") or not any(
        c.isalnum() for c in table.lower[i]) for i in range(start, end))


def _clause_ids(words: DocWords, questions: ClaimQuestions) -> list[int]:
    """Clause number of each token of a doc. A comma that continues a list of effects ("not
    intended to diagnose, treat or prevent") does not start a new clause."""
    breaks = words.where(questions.clause_break)
    effect = words.where(questions.effect)
    before_effect = numpy.zeros_like(breaks)
    before_effect[:-1] = effect[1:]
    before_effect[:-2] |= words.where(questions.conjunction)[1:-1] & effect[2:]  # ", or treat"
    breaks &= ~(words.where(questions.comma) & before_effect)
    return numpy.cumsum(breaks).tolist()


def _terms_by_sentence(terms: dict[str, list[Term]],
                       starts: list[int]) -> dict[str, dict[int, list[Term]]]:
    """Each group's terms by the index of the sentence they fall in (a term never spans two);
    sentences without terms have no entry."""
    split: dict[str, dict[int, list[Term]]] = {}
    for group, found in terms.items():
        buckets: dict[int, list[Term]] = {}
        for term in found:
            buckets.setdefault(bisect.bisect_right(starts, term.start) - 1, []).append(term)
        split[group] = buckets
    return split


class _Sentence:
    """One sentence's tokens and the views the claim decision needs."""

    def __init__(self, table: TokenTable, terms: dict[str, dict[int, list[Term]]], index: int,
                 clauses: list[int], classes: dict[str, dict[int, int]], start: int, end: int,
                 lexicon: Lexicon, offset: int, original: str) -> None:
        self.t = table
        self.terms = terms  # group -> sentence index -> its terms
        self.index = index
        self.clause_of = clauses
        self.classes = classes
        self.start, self.end = start, end
        self.lexicon = lexicon
        self.offset = offset
        self.original = original
        self._words: list[int] | None = None
        self._capitals: int | None = None  # words starting with a capital, once counted
        self.heading = False
        self.numbered = False

    @property
    def words(self) -> list[int]:
        if self._words is None:
            start, end, lemma, lower = self.start, self.end, self.t.lemma, self.t.lower
            if self.t.spaced:
                self._words = [i for i in range(start, end) if not self.t.space[i]]
                self.lemmas = {lemma[i] for i in self._words}
                self.lowers = {lower[i] for i in self._words}
            else:  # the usual case: whitespace reaches spaCy only as single spaces
                self._words = list(range(start, end))
                self.lemmas, self.lowers = set(lemma[start:end]), set(lower[start:end])
        return self._words

    # -- the decision ---------------------------------------------------------------------
    def claim(self, hits, path: str, state: DocumentState) -> Claim | None:
        if len(self.words) < 2 or self._question():
            return None
        self.hedges = {strength: self.within(f"hedge_{strength}")
                       for strength in ("strong", "weak")}
        triggers = [self.trigger(hit, state.questions) for hit in hits if hit.end <= self.end]
        asserted = [t for t in triggers if t.asserted]
        targets_at = self.classes["condition"]
        effect_words = self.lexicon.effect_words
        effects = [i for i in self.words if self.t.lemma[i] in effect_words
                   and i not in targets_at and self.asserted(i)] if not self.lemmas.isdisjoint(
            effect_words) else []
        targets = [t for t in self.within("condition") + self.within("body_function")
                   if not self._names_a_service(t)]
        targets.sort()
        interventions = self.within("intervention")
        referenced = bool(interventions) or self.refers_back(state.antecedent, targets) or (
            state.antecedent is not None and self._fragment(effects))
        pairs = self.related(effects, targets, interventions) or self.related(
            [t.start for t in self.within("correlational") if self.asserted(t.start)], targets,
            interventions)  # "the association between X and atrial fibrillation"
        if ((self.heading and not (pairs or self._fragment(effects)
                                   or self._titled_for(targets))) or self._conditional()) \
                and not asserted:
            return None  # a topic heading ("Conditions we treat") is no claim, a headline is;
            # nor is advice ("If your headaches change, ...", "Contact your GP if ...")
        kind = self.kind(asserted, effects, pairs, targets,
                         referenced or self.refers_back(state.antecedent, None),
                         about=state.antecedent is not None)
        if kind is None:
            return self.denial(targets, interventions, path, state)
        effect, condition = pairs[0] if pairs else (
            effects[0] if effects else None, _first_after(targets, effects[0] if effects else None))
        intervention = (self.best(interventions) if interventions else None) or (
            state.antecedent if referenced else None)
        start, end = self.char(self.words[0]), self.char_end(self.words[-1])
        acted_on = [t for _, t in pairs] if pairs else [
            t for t in targets if kind in ("conditions-treated", "efficacy", "mechanism")
            and not any(i.start <= t.start and t.end <= i.end for i in interventions)]
        # what the evidence does not show ("Cupping is poorly supported by evidence"): an
        # honest limit, reported and judged by no rule
        limit = kind == "evidence" and not asserted and (
            self._limiting())
        strength = "none" if limit else self.strength(asserted, effects)
        return Claim(
            path=path, start=start, end=end, text=self.original[start:end], kind=kind,
            strength=strength, certainty=CERTAINTY[strength], intervention=intervention,
            effect=self.text(effect, effect + 1) if effect is not None else None,
            condition=self.text(condition.start, condition.end) if condition else None,
            triggers=triggers, numbered=self.numbered,
            targets=[(self.char(t.start), self.char_end(t.end - 1))
                     for t in dict.fromkeys(acted_on)],
            denied=limit,
        )

    def denial(self, targets: list[Term], interventions: list[Term], path: str,
               state: DocumentState) -> Claim | None:
        """A sentence that denies an effect on a health target ("Copper bracelets have not
        been shown to ease arthritis pain", "is not a cure for IBS") is a claim about health
        that asserts nothing: reported, never judged."""
        if not self.lemmas.isdisjoint(DISCLAIMING):
            return None
        denied = [i for i in self.words if self.t.lemma[i] in self.lexicon.effect_words
                  and i not in self.classes["condition"] and self.negated(i)]
        pairs = self.related(denied, targets, interventions)
        if not pairs:
            return None
        (effect, condition), start = pairs[0], self.char(self.words[0])
        end = self.char_end(self.words[-1])
        return Claim(
            path=path, start=start, end=end, text=self.original[start:end], kind="efficacy",
            strength="none", certainty=CERTAINTY["none"],
            intervention=self.best(interventions) if interventions else state.antecedent,
            effect=self.text(effect, effect + 1),
            condition=self.text(condition.start, condition.end), numbered=self.numbered,
            denied=True)

    def _grade(self, i: int) -> str | None:
        """An effect word's strength; "lower" compares ("had a lower incidence") unless it
        is the verb ("may lower", "helps lower", a bullet's "Lower cholesterol")."""
        grade = self.lexicon.effects.get(self.t.lemma[i])
        if self.t.lower[i] == "lower" and i != self.words[0] and self.t.lower[i - 1] not in (
                "may", "can", "could", "to", "will", "help", "helps", "might", "would"):
            return "comparative"
        return grade

    def _names_a_service(self, target: Term) -> bool:
        """A condition naming a place or service ("fertility clinic", "pain team")."""
        after = target.end
        return after < self.end and self.t.lower[after] in SERVICE_WORDS

    def _titled_for(self, targets: list[Term]) -> bool:
        """A headline naming a treatment "for" a condition ("Acupuncture for fertility",
        "Cupping for colds: how it helps"): it offers the treatment for the condition."""
        if not (self.heading or len(self.words) <= TITLE_WORDS) or not targets or (
                self._negative()):
            return False
        fors = [i for i in self.words if self.t.lower[i] == "for"]
        interventions = self.within("intervention")
        return any(t.end <= f for t in interventions for f in fors) and any(
            t.start > f for t in targets for f in fors)

    def _observational(self) -> bool:
        """A comparison between groups that chose their exposure ("coffee drinkers had
        lower ...", "people who garden report less stress"), not groups a trial assigned
        ("those given the probiotic had fewer ...")."""
        return self.lemmas.isdisjoint(TRIAL_WORDS) and (
            not self.lemmas.isdisjoint(GROUP_WORDS)
            or any(self.t.lower[i].endswith(("ers", "users")) for i in self.words[:4]))

    def label(self) -> Label | None:
        """What the list this line introduces claims: side effects or risks, or conditions
        treated (hedged as the label is: "may help with:"); None for a list that describes
        a condition ("The main symptoms of flu include:")."""
        effects = [i for i in self.words if self.t.lemma[i] in self.lexicon.effect_words]
        if not self.lemmas.isdisjoint(DESCRIBING) and not effects:
            return None
        self.hedges = {strength: self.within(f"hedge_{strength}")
                       for strength in ("strong", "weak")}
        safety = not self.lemmas.isdisjoint(SAFETY_WORDS)
        return Label("safety" if safety else "conditions-treated",
                     "none" if safety else self.strength([], effects) if effects else "causal",
                     self._negative())

    def listed(self, label: Label, path: str, state: DocumentState) -> Claim | None:
        """A list item naming conditions under a label: a claim of the label's kind, about
        the document's treatment."""
        if self._question():
            return None
        targets = sorted(self.within("condition") + self.within("body_function"))
        start, end = self.char(self.words[0]), self.char_end(self.words[-1])
        asserted = not label.negated and label.kind == "conditions-treated"
        return Claim(
            path=path, start=start, end=end, text=self.original[start:end], kind=label.kind,
            strength=label.strength, certainty=CERTAINTY[label.strength],
            intervention=state.antecedent, effect=None,
            condition=self.text(targets[0].start, targets[0].end),
            numbered=self.numbered,
            targets=[(self.char(t.start), self.char_end(t.end - 1)) for t in targets]
            if asserted else [],
        )

    def kind(self, asserted: list[Trigger], effects: list[int],
             pairs: list[tuple[int, Term]], targets: list[Term], referenced: bool,
             about: bool) -> str | None:
        """The most specific kind the sentence qualifies for; None: not a claim. The first
        check that applies decides."""
        lemmas = self.lemmas
        families = {t.family for t in asserted}
        health = bool(targets) or referenced
        people = bool(lemmas & PEOPLE)
        absolute = any(self.lexicon.effects.get(self.t.lemma[i]) == "absolute" for i in effects)
        # An effect acting on a health target is a claim whoever is said to cause it: a
        # product nobody has heard of, "this blend", or nothing at all in a headline or
        # bullet.
        acting = bool(pairs
                      or (targets and people and self._improvement())
                      or (absolute and referenced))
        treats = acting and (len(targets) >= 2 or self.t.lower[self.words[-1]] == ":") and any(
            self.t.lemma[i] in TREATS for i in effects)
        offered = (not acting and len(targets) >= 2 and "for" in lemmas and bool(
            lemmas & PURPOSE_VERBS) and (referenced or people)) or self._titled_for(targets)
        if self._statistic(targets):
            return "statistic"
        if pairs and self._harms(effects):
            return "safety"  # "raw elderberries can cause nausea": a harm, not a benefit
        if (lemmas & EVIDENCE_NOUNS and (lemmas & EVIDENCE_VERBS or self._limiting()
                                         or self.lowers & EVIDENCE_PARTICIPLES)
                and health) or "proof" in families:
            return "evidence"  # what research found, or did not find
        if "superiority" in families:
            return "comparison"
        if self._endorsed(referenced) or (lemmas & GUIDANCE and health):
            return "endorsement"
        if treats or offered:
            return "conditions-treated"
        if (("safety" in families or lemmas & SAFETY_WORDS)
                and (referenced or targets or "safety" in families or people or about
                     or self.heading)) or (
                lemmas & MILD and targets and (people or referenced)) or (
                lemmas & SUITABILITY and targets):  # "not suitable if you have psychosis"
            return "safety"
        if "speed" in families and health:
            return "speed"
        if self._multiple() and (health or referenced):
            return "comparison"
        if acting and targets and all(t.label == "body_function" for t in targets):
            return "mechanism"
        if acting or (families and (health or effects or about)):
            return "efficacy"
        return None

    def strength(self, asserted: list[Trigger], effects: list[int]) -> Strength:
        """How strong a relationship the sentence states (Sumner et al. 2014; Yu et al.
        2019): an association ("linked to", "people who ... had less"), a hedged cause
        ("may reduce"), a cause ("reduces"), or a cause stated as certain or total ("proven
        to", "eliminates"). A hedge scopes over its clause; "can" and "often" hedge only the
        claim they qualify, and never an absolute one."""
        anchors = effects or [self.start]
        cues = [t for t in self.within("correlational") if not self.negated(t.start)]
        grades = [self._grade(i) for i in effects]
        if cues or "correlational" in grades or (
                grades and all(g == "comparative" for g in grades) and self._observational()):
            return "correlational"
        if any(self.hedged(i, "strong") for i in anchors):
            return "conditional"
        if (any(t.family in ABSOLUTE_FAMILIES and not (t.hedged or t.frames) for t in asserted)
                or any(self.lexicon.effects.get(self.t.lemma[i]) == "absolute" for i in effects)
                or self.within("certain")):
            return "absolute"
        if any(self.hedged(i, "weak") for i in anchors):
            return "conditional"
        return "causal" if effects or asserted else "none"

    def related(self, effects: list[int], targets: list[Term],
                interventions: list[Term]) -> list[tuple[int, Term]]:
        """(effect, target) pairs where the effect acts on the target, in sentence order.

        The target follows its effect in the same clause ("relieves your lower back pain",
        "relief from sciatica"), or comes first when the effect is passive or a noun ("pain
        was eased", "pain relief"). A condition that is the subject ("Stress weakens your
        immunity") describes the condition and claims nothing about a treatment, unless a
        treatment is named before it ("Cupping for back pain eases stiffness")."""
        pairs = []
        for e in effects:
            if e > self.start and self.t.lower[e - 1] == "-":
                continue  # part of a compound modifier: "pre-cut", "fast-acting"
            if self._name(e):
                continue  # part of a name: "Nightfield Calm", "Relief Plus"
            clause = self.clause_of[e]
            for target in targets:
                if self.clause_of[target.start] != clause:
                    continue
                if target.start > e:
                    if target.start - e <= SHORT_REACH.get(self.t.lemma[e], RELATION_WINDOW):
                        pairs += [(e, t) for t in self._coordinated(target, targets)]
                        break
                elif 0 <= e - target.end <= 3 and self._passive(target.end, e):
                    pairs.append((e, target))
                    break
            else:  # "people with asthma find chiropractic helps": the effect is on them
                pairs += [(e, t) for t in targets[:1] if t.end <= e and self.t.lemma[e] in
                          BENEFITS and self.clause_of[t.start] == clause and self._sufferers(t)]
        if pairs and not interventions and self._instruction(pairs):
            return []
        return pairs

    def _instruction(self, pairs: list[tuple[int, Term]]) -> bool:
        """Advice on handling a part of the body ("Clean and dry the skin", "Stretch your
        calves"): the sentence opens with a verb in its base form and every target is a
        bare body part, not a condition or a function."""
        first = self.words[0]
        word = self.t.lower[first]
        if word != self.t.lemma[first] or word not in verb_lemmas():
            return False
        parts = self.lexicon.body_parts
        return all(self.text(t.start, t.end).lower() in parts for _, t in pairs)

    def _coordinated(self, first: Term, targets: list[Term]) -> list[Term]:
        """``first`` and the targets listed after it ("eases neck, shoulder and back pain"):
        joined by commas, "and", "or" or slashes, with at most two words between."""
        found = [first]
        for target in targets:
            if target.start < found[-1].end:
                continue
            between = range(found[-1].end, target.start)
            if len(between) > 3 or not (any(self.t.lower[i] in LIST_GLUE for i in between)
                                        or self._specified(found[-1], between)):
                break
            found.append(target)
        return found

    def _harms(self, effects: list[int]) -> bool:
        """Every effect is a harm ("can cause nausea"), but for the head of a treatment's
        name ("IV treatments can cause infection")."""
        named = {i for term in self.within("intervention") for i in range(term.start, term.end)}
        acting = [i for i in effects if i not in named]
        return bool(acting) and all(self.t.lemma[i] in HARMS for i in acting)

    def _specified(self, head: Term, between: range) -> bool:
        """A generic target and the condition that says which ("the symptoms of long COVID",
        "pain associated with migraines"): the claim acts on both."""
        return bool(between) and self.t.lemma[head.end - 1] in GENERIC_TARGETS and all(
            self.t.lower[i] in SPECIFYING for i in between)

    def _sufferers(self, target: Term) -> bool:
        """A condition that names who has it: "people with asthma", "those suffering from
        migraines", "patients with arthritis"."""
        before = [i for i in range(max(self.start, target.start - 3), target.start)]
        return any(self.t.lower[i] in ("with", "from") for i in before) and any(
            self.t.lemma[i] in PEOPLE or self.t.lower[i] in ("those", "anyone", "sufferers")
            for i in range(max(self.start, target.start - 5), target.start))

    def _passive(self, after_target: int, effect: int) -> bool:
        """Between a target and its effect: a form of "be" ("pain was eased"), nothing
        ("pain relief", "pain eased"), an adverb and "be", or "to" ("signal cartilage cells
        to rebuild", "allow the body to heal")."""
        between = range(after_target, effect)
        return not len(between) or any(self.t.lemma[i] in PASSIVE or self.t.lower[i] == "to"
                                       for i in between)

    def _name(self, i: int) -> bool:
        """A capitalised word inside a sentence that is not written in title case or
        capitals: part of a name."""
        if not self.original[self.char(i)].isupper():
            return False
        k = self.words.index(i)
        if k == 0 or self.t.lower[self.words[k - 1]] in BULLET_SIGNS or not any(
                self.original[self.char(j)].isalpha() for j in self.words[:k]):
            return False  # a sentence's first word, or one after a bullet sign or a colon
        if self._capitals is None:
            self._capitals = sum(self.original[self.char(j)].isupper() for j in self.words)
        return self._capitals * 2 < len(self.words)

    # -- triggers and their scope -----------------------------------------------------------
    def trigger(self, hit, questions: ClaimQuestions) -> Trigger:
        excuses = questions.excuses.get((hit.family, hit.phrase))
        return Trigger(
            family=hit.family, phrase=hit.phrase,
            start=self.char(hit.start), end=self.char_end(hit.end - 1),
            focus_start=self.char(hit.focus_start), focus_end=self.char_end(hit.focus_end - 1),
            negated=self.negated(hit.start) or self._negator_in_gap(hit),
            hedged=self.hedged(hit.start, "strong"),
            distanced=self.distanced(hit.start),
            excused=bool(excuses) and not excuses.isdisjoint(self._clause_lemmas(hit.focus_start)),
            frames=(hit.family, hit.phrase) in questions.frames,
        )

    def _clause_lemmas(self, index: int) -> set[str]:
        """The lemmas of the written clause around token ``index``: the words that excuse a
        match must qualify it, not a clause beside it."""
        text_start = self.char(self.words[0])
        text = self.original[text_start:self.char_end(self.words[-1])]
        at = self.char(index) - text_start
        start = max((m.end() for m in EXCUSE_CLAUSE_BREAK.finditer(text, 0, at)), default=0)
        found = EXCUSE_CLAUSE_BREAK.search(text, at)
        return {lemma_of(w) for w in EXCUSE_WORD.findall(
            text, start, found.start() if found else len(text))}

    def _negator_in_gap(self, hit) -> bool:
        """A negator among the words a pattern's gap skipped: "muscle tightness that doesn't
        go away" is no "pain ... went away" testimonial."""
        negators = self.lexicon.negators
        return any((self.t.lower[i] in negators or self.t.lemma[i] in negators)
                   for i in range(hit.start, hit.end) if i not in hit.matched)

    def negated(self, index: int) -> bool:
        """A negator shortly before ``index`` in its clause; an effect coordinated with a
        negated one ("not intended to diagnose, treat or prevent") is negated too."""
        clause = self.clause_of[index]
        negators = self.lexicon.negators
        glue = True  # only list glue (",", "or", "and") seen so far
        for i in range(index - 1, max(self.start, index - NEGATION_WINDOW) - 1, -1):
            if self.clause_of[i] != clause:
                return False
            if glue and self.t.lemma[i] in self.lexicon.effects:
                return self.negated(i)
            glue = glue and self.t.lower[i] in LIST_GLUE
            if self.t.lower[i] in negators or self.t.lemma[i] in negators:
                following = self.t.lower[i + 1:i + 3]
                return not ((following[:1] and following[0] in NOT_NEGATING)
                            or following == ["a", "doubt"])
        return False

    def hedged(self, index: int, strength: str | None = None) -> bool:
        clause = self.clause_of[index]
        strengths = (strength,) if strength else ("strong", "weak")
        return any(self.clause_of[term.start] == clause
                   for name in strengths for term in self.hedges[name])

    def distanced(self, index: int) -> bool:
        distancing = self.lexicon.distancing
        return not self.lemmas.isdisjoint(distancing) and any(
            self.t.lemma[i] in distancing for i in range(self.start, index))

    def asserted(self, i: int) -> bool:
        return not (self.negated(i) or self.distanced(i) or self._questioned(i)
                    or self._unevidenced(i))

    def _unevidenced(self, index: int) -> bool:
        """Said to lack evidence: "there are no trials showing that NAD+ drips treat ...",
        "no good evidence that cupping clears colds"."""
        if self.lemmas.isdisjoint(EVIDENCE_NOUNS) or self.lowers.isdisjoint(
                self.lexicon.negators):
            return False
        negators = self.lexicon.negators
        for i in range(self.start, index):
            if self.t.lower[i] in negators and any(
                    self.t.lemma[j] in EVIDENCE_NOUNS for j in range(i + 1, min(i + 5, index))):
                return True
        return False

    def _questioned(self, index: int) -> bool:
        """Asked, not asserted: "whether" earlier in the clause ("trials are needed to
        determine whether vitamin K2 slows calcification")."""
        clause = self.clause_of[index]
        return "whether" in self.lowers and any(
            self.t.lower[i] == "whether" and self.clause_of[i] == clause
            for i in range(self.start, index))

    def refers_back(self, antecedent: str | None, targets: list[Term] | None) -> bool:
        """A pronoun near the start stands for the last named treatment; with ``targets``
        given, only when the sentence names a health target (so "we use cookies to improve
        ..." is no claim, while "it is a miracle" still is)."""
        head = [self.t.lower[i] for i in self.words[:4]]
        return antecedent is not None and (targets is None or bool(targets)) and any(
            w in REFERENCES for w in head)

    # -- other cues -------------------------------------------------------------------------
    def _endorsed(self, referenced: bool) -> bool:
        """"Recommended by GPs", "trusted by athletes", "midwives recommend our massage": an
        endorsement by anyone but the seller ("we recommend booking early" is advice)."""
        if self.lemmas.isdisjoint(ENDORSED_BY):
            return False  # the usual case
        if any(self.t.lemma[i] in ENDORSED_BY and self.t.lower[j] in ("by", "in", "across", "at")
               for i, j in zip(self.words, self.words[1:], strict=False)):
            return True
        if not referenced or self.lemmas.isdisjoint(ENDORSE_VERBS):
            return False
        sellers = {self.t.lower[i] for i in self.words[:2]} & {"we", "i", "you", "our"}
        return not sellers and not self._negative()

    def _limiting(self) -> bool:
        """A negator or a word that says evidence is weak: "no clear benefit", "limited"."""
        return self._negative() or not self.lowers.isdisjoint(LIMITING)

    def _negative(self) -> bool:
        """A negator anywhere: "found no clear benefit", "not approved"."""
        return not self.lowers.isdisjoint(self.lexicon.negators)

    def _multiple(self) -> bool:
        """"Five times faster", "ten times more": a comparison by a multiple."""
        return self.numbered and "time" in self.lemmas and not self.lowers.isdisjoint(
            COMPARATIVES)

    def _statistic(self, targets: list[Term]) -> bool:
        """A number of people with a condition, or a proportion of respondents ("212 of 260
        respondents felt calmer")."""
        proportion_word = not self.lemmas.isdisjoint(PROPORTION_WORDS)
        if not self.numbered and not proportion_word:
            return False
        in_words = self.numbered and self._n_in_m()
        return (proportion_word or in_words) and (
            bool(targets) or (in_words and bool(self.lemmas & PEOPLE)))

    def _n_in_m(self) -> bool:
        """"1 in 4", "one out of five", "nine of ten": a proportion written in words."""
        numbers, lower = self.t.numbers, self.t.lower
        first = bisect.bisect_left(numbers, self.start)
        last = bisect.bisect_left(numbers, self.end)
        inside = numbers[first:last]
        for a, b in itertools.pairwise(inside):
            if b - a <= 6 and any(lower[i] in ("in", "of", "out") for i in range(a + 1, b)):
                return True
        return False

    def _fragment(self, effects: list[int]) -> bool:
        """A product bullet without a subject ("Relieves tight calves", "Designed for runner's
        knee"): it speaks of the product the document is about."""
        first = self.words[0]
        word = self.t.lower[first]
        verb = word.endswith("s") and not word.endswith("ss")  # "relieves", not "calm"
        return (bool(effects) and effects[0] == first and verb) or (
            self.t.lemma[first] in PURPOSE_VERBS and word.endswith("ed"))

    def _improvement(self) -> bool:
        """"Sleeping better", "less tight", "more regular": a reported change for the better."""
        return not self.lowers.isdisjoint(IMPROVEMENTS)

    def _conditional(self) -> bool:
        """Advice that opens with a condition ("If your headaches change, ...") or tells the
        reader whom to ask ("Contact your GP if ...", "Please speak to a pharmacist")."""
        first = next((i for i in self.words if self.t.lower[i] not in ADVICE_OPENERS),
                     self.words[0])
        return self.t.lower[self.words[0]] in ("if", "unless", "when", "whether") or (
            self.t.lemma[first] in CONSULT and not self.lowers.isdisjoint(CLINICIANS))

    def _question(self) -> bool:
        """Ends with "?", or opens like one and has no full stop ("How osteopathy helps")."""
        first, last = self.t.lower[self.words[0]], self.t.lower[self.words[-1]]
        return last == "?" or (first in QUESTION_WORDS and last not in (".", "!"))

    # -- terms and text -------------------------------------------------------------------
    def within(self, group: str) -> list[Term]:
        found = self.terms.get(group)
        return list(found.get(self.index, ())) if found else []

    def best(self, terms: list[Term]) -> str:
        """Prefer a lexicon name ("dry needling") over a bare head ("session")."""
        ranked = sorted(terms, key=lambda t: (t.label != "intervention", t.end - t.start == 1,
                                              t.start - t.end))
        return self.text(ranked[0].start, ranked[0].end)

    def char(self, i: int) -> int:
        return self.offset + self.t.idx[i]

    def char_end(self, i: int) -> int:
        return self.offset + self.t.end[i]

    def text(self, start: int, end: int) -> str:
        return self.original[self.char(start):self.char_end(end - 1)]


def _first_after(terms: list[Term], index: int | None) -> Term | None:
    if not terms:
        return None
    if index is not None:
        after = [t for t in terms if t.start > index]
        if after:
            return after[0]
    return terms[0]
