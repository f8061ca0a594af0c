"""The spaCy pipeline: blank English, lookup lemmas, sentences, lexicon tags, phrase matches.

No statistical model is loaded, so the pipeline starts in a fraction of a second, runs on any
machine offline and behaves the same everywhere. Everything it knows comes from data files:
the lexicons in ``checker/data/lexicons`` and the phrase families of the rules.
"""

from __future__ import annotations

import itertools
import operator
import re
from typing import NamedTuple

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher as TermMatcher
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc

from checker.nlp.lemmas import lemma_of
from checker.nlp.lexicon import Lexicon
from checker.nlp.matcher import PhraseMatcher
from checker.nlp.patterns import compile_pattern
from checker.nlp.terms import TermIndex, term_lemmas
from checker.nlp.tokens import FLAGS
from checker.nlp.words import DocWords, WordTable

BLOCK_STARTS = "claimlint_block_starts"  # doc.user_data key: character offsets of blocks
HEADINGS = "claimlint_headings"  # doc.user_data key: character ranges of heading blocks
TERM_GROUPS = ("intervention", "condition", "body_function", "rival", "medical",
               "hedge_strong", "hedge_weak", "correlational", "certain")
Doc.set_extension("cl_hits", default=None, force=True)
Doc.set_extension("cl_terms", default=None, force=True)
Doc.set_extension("cl_classes", default=None, force=True)


@Language.factory("claimlint_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)


class LookupLemmatizer:
    """Lowercase lookup lemmas ("Studies" and "studies" both become "study"), set per doc in
    one array operation from the word table, which the other components share for their
    own questions about words."""

    def __init__(self, nlp: Language) -> None:
        getters = nlp.vocab.lex_attr_getters
        self.words = WordTable(nlp.vocab.strings, lemma_of, {attr: getters[attr] for attr in FLAGS})

    def __call__(self, doc: Doc) -> Doc:
        words = DocWords.of(doc, self.words)
        doc.from_array([LEMMA], words.lemma_hashes.reshape(-1, 1))
        return doc


@Language.factory("claimlint_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp.get_pipe("claimlint_lemmatizer").words)


class SentenceSplitter:
    """Sentence starts: after terminal punctuation (as spaCy's ``sentencizer`` decides them,
    closing quotes and brackets staying with their sentence) and at every block a doc holds,
    so no sentence runs across a heading, paragraph or list item. Works on arrays: creating a
    ``Token`` per word cost more than the decision."""

    def __init__(self, words: WordTable) -> None:
        self.words = words
        self.end = words.question(lambda lower, _: lower in Sentencizer.default_punct_chars)
        # "vitamin C." ends a sentence though the tokenizer keeps "C." whole, as an initial
        self.letter_stop = words.question(lambda lower, _: len(lower) == 2 and lower[0].isalpha()
                                          and lower[1] == ".")
        self.vitamin = words.question(lambda lower, _: lower in ("vitamin", "vitamins"))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words = DocWords.of(doc, self.words)
        ends = words.where(self.end)
        ends[1:] |= words.where(self.letter_stop)[1:] & words.where(self.vitamin)[:-1]
        flags = self.words.flag
        # tokens that can open a sentence
        opening = ~(words.where(flags[IS_PUNCT] | flags[IS_SPACE]) | ends)
        block_starts = numpy.zeros(len(doc), dtype=bool)
        block_starts[0] = True
        blocks = doc.user_data.get(BLOCK_STARTS)
        if blocks:
            tokens = numpy.searchsorted(doc.to_array(IDX).astype("int64"), blocks)
            block_starts[tokens[tokens < len(doc)]] = True
        # A word opens a sentence when a sentence end came after the previous word or block
        # start: a block that opens with punctuation ('"I could turn my head"') is one
        # sentence wherever the doc boundaries fall.
        positions = numpy.arange(len(doc))
        last_word = numpy.maximum.accumulate(numpy.where(opening | block_starts, positions, -1))
        last_end = numpy.maximum.accumulate(numpy.where(ends, positions, -1))
        previous_word = numpy.concatenate([[-1], last_word[:-1]])
        previous_end = numpy.concatenate([[-1], last_end[:-1]])
        starts = numpy.where(block_starts | (opening & (previous_end > previous_word)), 1, -1)
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("claimlint_tagger", default_config={"lexicon_extra": {}, "families": {}})
def make_tagger(nlp: Language, name: str, lexicon_extra: dict[str, list[str]],
                families: dict[str, list[str]]) -> LexiconTagger:
    """``families`` maps a phrase family to its pattern sources (see ``nlp.patterns``)."""
    return LexiconTagger(nlp, Lexicon.load(lexicon_extra), families)


class LexiconTagger:
    """Marks lexicon words (span groups and word classes), then matches the rules' phrases."""

    def __init__(self, nlp: Language, lexicon: Lexicon, families: dict[str, list[str]]) -> None:
        self.lexicon = lexicon
        self.strings = nlp.vocab.strings
        # Lexicon words match any inflection ("knees", "adjustments"); hedges match as written.
        self.words = nlp.get_pipe("claimlint_lemmatizer").words
        self.labels = {self.strings.add(group): group for group in TERM_GROUPS}  # match id ->
        cues = lexicon.strength_cues
        groups = {"intervention": lexicon.interventions, "condition": lexicon.conditions,
                  "body_function": lexicon.body_functions + tuple(sorted(lexicon.body_parts)),
                  "rival": lexicon.rivals + lexicon.interventions, "medical": lexicon.rivals,
                  "correlational": tuple(c for c, s in cues.items() if s == "correlational"),
                  "certain": tuple(c for c, s in cues.items() if s == "absolute")}
        lemmas = term_lemmas(nlp, (t for terms in groups.values() for t in terms), lemma_of,
                             tokenized=lexicon.tokenized_conditions)
        groups["condition"] += lexicon.tokenized_conditions
        self.terms = TermIndex(self.words, {group: [lemmas[term] for term in terms]
                                            for group, terms in groups.items()})
        self.hedge_terms = TermMatcher(nlp.vocab, attr="LOWER")
        for strength in ("strong", "weak"):
            hedges = [hedge for hedge, value in lexicon.hedges.items() if value == strength]
            self.hedge_terms.add(f"hedge_{strength}", list(nlp.tokenizer.pipe(hedges)))
        heads = {lemma_of(word) for word in lexicon.intervention_heads}
        self.head = self.words.question(lambda _, lemma: lemma in heads)
        condition_heads = {lemma_of(word) for word in lexicon.condition_heads}
        self.condition_head = self.words.question(lambda _, lemma: lemma in condition_heads)
        effects = {lemma_of(word) for word in lexicon.effect_words}
        self.effect = self.words.question(lambda _, lemma: lemma in effects)
        # words that can modify a head noun ("cold laser therapy"), and the hyphen
        self.modifier = self.words.question(
            lambda lower, _: (lower.isalpha() or lower == "-") and lower not in STOP_WORDS)
        self.dash = self.words.question(lambda lower, _: lower == "-")
        # words that name a condition by their ending: tendinitis, neuralgia, neuropathy
        suffix = re.compile(r"[a-z]{3,}(?:" + "|".join(map(re.escape,
                            lexicon.condition_suffixes)) + r")s?")
        self.suffixed = self.words.question(lambda lower, _: bool(suffix.fullmatch(lower)))
        self.phrases = PhraseMatcher(self.strings, self.words, {
            family: [compile_pattern(source, lemma_of) for source in sources]
            for family, sources in families.items()})

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[str, list[Term]] = {group: [] for group in TERM_GROUPS}
        labels = self.labels
        words = DocWords.of(doc, self.words)
        for label, start, end in self.terms(words):
            groups[label].append(Term(start, end, label))
        for match_id, start, end in self.hedge_terms(doc):
            label = labels[match_id]
            groups[label].append(Term(start, end, label))
        heads = words.where(self.head)
        condition_heads = numpy.flatnonzero(words.where(self.condition_head) & ~heads).tolist()
        if heads.any() or condition_heads:
            modifiers = _Modifiers(words.where(self.modifier), words.where(self.dash),
                                   doc.to_array(SENT_START))
        for i in numpy.flatnonzero(heads).tolist():
            groups["intervention"].append(
                Term(modifiers.start(i), i + 1, "intervention_head"))
        for i in numpy.flatnonzero(words.where(self.suffixed) & ~heads).tolist():
            groups["condition"].append(Term(i, i + 1, "condition"))
        if condition_heads:
            # a condition's modifiers are never an effect or a treatment: "relieve neck pain"
            stops = words.where(self.effect | self.head)
            for term in groups["intervention"] + groups["rival"]:
                stops[term.start:term.end] = True
            for i in condition_heads:
                groups["condition"].append(Term(modifiers.start(i, stops), i + 1, "condition"))
        # Health targets are conditions or body functions; where they overlap ("back" in
        # "back pain") the longer term wins in both lists.
        targets = _longest_first(groups["condition"] + groups["body_function"])
        groups["condition"] = [t for t in targets if t.label != "body_function"]
        groups["body_function"] = [t for t in targets if t.label == "body_function"]
        terms = {group: _longest_first(found) for group, found in groups.items()}
        classes: dict[str, dict[int, int]] = {}
        for target, found in (("condition", targets), ("intervention", terms["intervention"]),
                              ("rival", terms["rival"]), ("medical", terms["medical"])):
            classes[target] = {i: term.end for term in found  # token -> where its term ends
                               for i in range(term.start, term.end)}
        doc._.cl_terms = terms
        doc._.cl_classes = classes
        doc._.cl_hits = self.phrases(doc, classes)
        return doc


class Term(NamedTuple):
    """A lexicon match: token range and which list it came from."""

    start: int
    end: int
    label: str


def _longest_first(terms: list[Term]) -> list[Term]:
    """Non-overlapping terms, longer ones winning (like ``spacy.util.filter_spans``)."""
    terms = sorted(terms)
    if all(map(operator.le, map(_END, terms), map(_START, itertools.islice(terms, 1, None)))):
        return terms  # the usual case: nothing overlaps
    kept: list[Term] = []
    cluster: list[Term] = []  # terms that overlap each other, directly or through others
    reach = 0
    for term in terms:
        if term.start >= reach:
            kept += cluster if len(cluster) == 1 else _resolve(cluster)
            cluster = []
        cluster.append(term)
        reach = max(reach, term.end)
    return kept + (cluster if len(cluster) == 1 else _resolve(cluster))


def _resolve(cluster: list[Term]) -> list[Term]:
    kept: list[Term] = []
    taken: set[int] = set()
    for term in sorted(cluster, key=lambda t: (t.start - t.end, t.start)):
        if taken.isdisjoint(range(term.start, term.end)):
            kept.append(term)
            taken.update(range(term.start, term.end))
    return sorted(kept)


_START, _END = operator.itemgetter(0), operator.itemgetter(1)


class _Modifiers:
    """Where a head noun's modifiers start, from per-token columns (creating a spaCy
    ``Token`` per look cost more than the rest of the tagger)."""

    def __init__(self, modifier: numpy.ndarray, dash: numpy.ndarray,
                 sent_starts: numpy.ndarray) -> None:
        self.modifier = modifier.tolist()
        self.dash = dash.tolist()
        self.sent_start = (sent_starts == 1).tolist()

    def start(self, head: int, stops: numpy.ndarray | None = None) -> int:
        """Extend "therapy" leftwards over its modifiers: "cold laser therapy", "red-light
        therapy"; never into the sentence before (a footer's "Privacy" is no modifier of the
        next block), nor over a word ``stops`` marks."""
        start = head
        while start > 0 and head - start < 3 and not self.sent_start[start]:
            if not self.modifier[start - 1] or (stops is not None and stops[start - 1]):
                break
            start -= 1
        while start < head and self.dash[start]:
            start += 1
        return start


def build(lexicon_extra: dict[str, list[str]] | None = None,
          families: dict[str, list[str]] | None = None) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimlint_lemmatizer")
    nlp.add_pipe("claimlint_sentences")
    nlp.add_pipe("claimlint_tagger", config={"lexicon_extra": lexicon_extra or {},
                                             "families": families or {}})
    return nlp
