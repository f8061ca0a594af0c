"""The spaCy pipeline: blank English, lookup lemmas, sentences, lexicon tags, phrase matches.

No statistical model is loaded, so the pipeline starts in a fraction of a second, runs on any
machine offline and behaves the same everywhere. Everything it knows comes from data files:
the lexicons in ``checker/data/lexicons`` and the phrase families of the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import spacy
import spacy_lookups_data
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import load_language_data

from checker.nlp.lexicon import Lexicon, packaged, read_table
from checker.nlp.patterns import compile_pattern

CLASS_GROUPS = ("intervention", "condition", "body_function", "rival")  # <body_function>
# shares the <condition> flag: patterns name any health target as <condition>
HEDGE_GROUPS = ("hedge_strong", "hedge_weak")
for _name in ("intervention", "condition", "rival"):
    Token.set_extension(f"cl_{_name}", default=False, force=True)
Doc.set_extension("cl_hits", default=None, force=True)


@dataclass(frozen=True)
class PhraseHit:
    """One match of a rule's phrase pattern: the whole match and the words in focus."""

    family: str
    phrase: int  # index of the phrase within its family
    start: int  # token indexes in the doc
    end: int
    focus_start: int
    focus_end: int


@cache
def lemma_table() -> dict[str, str]:
    """spaCy's English lookup lemmas with our corrections, keyed by lowercase form."""
    table = load_language_data(spacy_lookups_data.en["lemma_lookup"])
    lemmas = {key.lower(): value.lower() for key, value in table.items() if key.islower()}
    lemmas.update({row[0]: row[1] for row in read_table(packaged("lemma_overrides"))})
    return lemmas


def lemma_of(word: str) -> str:
    return lemma_table().get(word.lower(), word.lower())


@Language.component("claimlint_lemmatizer")
def lemmatize(doc: Doc) -> Doc:
    """Lowercase lookup lemmas: "Studies" and "studies" both become "study"."""
    table = lemma_table()
    for token in doc:
        lower = token.lower_
        token.lemma_ = table.get(lower, lower)
    return doc


@Language.factory("claimlint_tagger", default_config={"lexicon_extra": {}, "families": {}})
def make_tagger(nlp: Language, name: str, lexicon_extra: dict[str, list[str]],
                families: dict[str, list[str]]) -> LexiconTagger:
    """``families`` maps a phrase family to its pattern sources (see ``nlp.patterns``)."""
    return LexiconTagger(nlp, Lexicon.load(lexicon_extra), families)


class LexiconTagger:
    """Marks lexicon words (span groups and token flags), then matches the rules' phrases."""

    def __init__(self, nlp: Language, lexicon: Lexicon, families: dict[str, list[str]]) -> None:
        self.lexicon = lexicon
        self.terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        for group, terms in (("intervention", lexicon.interventions),
                             ("condition", lexicon.conditions),
                             ("body_function", lexicon.body_functions),
                             ("rival", lexicon.rivals + lexicon.interventions)):
            self.terms.add(group, list(nlp.tokenizer.pipe(terms)))
        for strength in ("strong", "weak"):
            hedges = [hedge for hedge, value in lexicon.hedges.items() if value == strength]
            self.terms.add(f"hedge_{strength}", list(nlp.tokenizer.pipe(hedges)))
        self.words = Matcher(nlp.vocab)
        heads = sorted(lexicon.intervention_heads)
        self.words.add("intervention_head", [[{"LEMMA": {"IN": heads}}]])
        self.words.add("condition", [[{"LOWER": {"REGEX": _suffix_regex(lexicon)}}]])
        self.phrases = Matcher(nlp.vocab)
        self.keys: dict[str, tuple[str, int, tuple[int, int]]] = {}
        for family, sources in families.items():
            for index, source in enumerate(sources):
                compiled = compile_pattern(source, lemma_of)
                for n, (pattern, focus) in enumerate(zip(compiled.patterns, compiled.focus,
                                                         strict=True)):
                    key = f"{family}#{index}#{n}"
                    self.phrases.add(key, [pattern])
                    self.keys[key] = (family, index, focus)
        self.vocab = nlp.vocab

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[str, list[Span]] = {group: [] for group in CLASS_GROUPS + HEDGE_GROUPS}
        for match_id, start, end in self.terms(doc):
            label = self.vocab.strings[match_id]
            groups[label].append(Span(doc, start, end, label=label))
        for match_id, start, end in self.words(doc):
            label = self.vocab.strings[match_id]
            if label == "intervention_head":
                groups["intervention"].append(
                    Span(doc, _modifiers_start(doc, start), end, label=label))
            else:
                groups["condition"].append(Span(doc, start, end, label="condition"))
        for group, spans in groups.items():
            doc.spans[group] = spacy.util.filter_spans(spans)
            if group in CLASS_GROUPS:
                flag = "cl_condition" if group == "body_function" else f"cl_{group}"
                for span in doc.spans[group]:
                    for token in span:
                        token._.set(flag, True)
        doc._.cl_hits = self._hits(doc)
        return doc

    def _hits(self, doc: Doc) -> list[PhraseHit]:
        hits = []
        for match_id, start, end, alignment in self.phrases(doc, with_alignments=True):
            family, phrase, (first, last) = self.keys[self.vocab.strings[match_id]]
            inside = [start + i for i, index in enumerate(alignment) if first <= index < last]
            focus = (min(inside), max(inside) + 1) if inside else (start, end)
            hits.append(PhraseHit(family, phrase, start, end, *focus))
        return sorted(hits, key=lambda hit: (hit.start, -hit.end))


def _modifiers_start(doc: Doc, head: int) -> int:
    """Extend "therapy" leftwards over its modifiers: "cold laser therapy", "red-light therapy"."""
    start = head
    while start > 0 and head - start < 3:
        previous = doc[start - 1]
        if not (previous.is_alpha or previous.text == "-") or previous.is_stop:
            break
        start -= 1
    while start < head and doc[start].text == "-":
        start += 1
    return start


def _suffix_regex(lexicon: Lexicon) -> str:
    return r"^[a-z]{3,}(?:" + "|".join(lexicon.condition_suffixes) + r")s?$"


def build(lexicon_extra: dict[str, list[str]] | None = None,
          families: dict[str, list[str]] | None = None) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimlint_lemmatizer")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimlint_tagger", config={"lexicon_extra": lexicon_extra or {},
                                             "families": families or {}})
    return nlp


def pipe(nlp: Language, texts: Iterable[str]) -> Iterable[Doc]:
    return nlp.pipe(texts, batch_size=64)
