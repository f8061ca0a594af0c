"""Find lexicon terms (multi-word, any inflection) in a doc by their lemmas.

The condition vocabulary holds thousands of terms. spaCy's ``PhraseMatcher`` wants a ``Doc``
per term, and building those costs about 40 microseconds a term: half a second of start-up
for ten thousand. Here a term is a tuple of lemma hashes, grouped by its first lemma; the word
table answers once per distinct word whether it can start a term, and only at those tokens
are the candidates compared. Start-up is a dictionary build; matching touches the few tokens
that start a term.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy
from spacy.language import Language

from checker.nlp.words import DocWords, WordTable

# Terms made of plain lowercase words split on spaces exactly as spaCy tokenizes them; others
# (hyphens, apostrophes, digits, dots) go through the tokenizer.
_PLAIN = re.compile(r"[a-z]+(?: [a-z]+)*")

Match = tuple[str, int, int]  # (group, start token, end token)


def term_lemmas(nlp: Language, terms: Iterable[str], lemma: Callable[[str], str],
                tokenized: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    """Each term's lemma sequence, tokenized as the pipeline tokenizes text; ``tokenized``
    terms come with their tokens already separated by single spaces."""
    found = {term: tuple(map(lemma, term.split(" "))) for term in tokenized}
    tricky: list[str] = []
    for term in terms:
        if term in found:
            continue
        if _PLAIN.fullmatch(term):
            found[term] = tuple(map(lemma, term.split(" ")))
        else:
            tricky.append(term)
    for term, doc in zip(tricky, nlp.tokenizer.pipe(tricky), strict=True):
        found[term] = tuple(lemma(token.lower_) for token in doc if not token.is_space)
    return found


class TermIndex:
    """Lemma sequences by group, matched on a doc's word rows."""

    def __init__(self, words: WordTable, groups: dict[str, Iterable[tuple[str, ...]]]) -> None:
        hashed: dict[str, int] = {}  # lemma -> hash, each added to the string store once
        add = words.strings.add
        by_first: dict[int, set[tuple[tuple[int, ...], str]]] = {}
        for group, sequences in groups.items():
            for sequence in sequences:
                if sequence:
                    hashes = tuple(hashed.get(lemma) or hashed.setdefault(lemma, add(lemma))
                                   for lemma in sequence)
                    by_first.setdefault(hashes[0], set()).add((hashes[1:], group))
        # by first lemma, then by length (longest first): a candidate tries one set lookup
        # per length instead of comparing every term that shares its first word; and the
        # second lemmas of the longer terms, so most candidates try only the one-word terms
        self.by_first: dict[int, tuple[frozenset[int],
                                       list[tuple[int, dict[tuple[int, ...], list[str]]]]]] = {}
        for first, rests in by_first.items():
            lengths: dict[int, dict[tuple[int, ...], list[str]]] = {}
            for rest, group in rests:
                lengths.setdefault(len(rest), {}).setdefault(rest, []).append(group)
            seconds = frozenset(rest[0] for rest, _ in rests if rest)
            self.by_first[first] = (seconds, sorted(lengths.items(), reverse=True))
        # a token starts a term only if it is a one-word term, or starts a longer one and the
        # next word is the second word of some term: most "a", "the", "in" go no further
        string = words.strings.__getitem__
        singles = {string(first) for first, (_, lengths) in self.by_first.items()
                   if lengths[-1][0] == 0}
        longers = {string(first) for first, (seconds, _) in self.by_first.items() if seconds}
        all_seconds = {string(second) for seconds, _ in self.by_first.values()
                       for second in seconds}
        self.single = words.question(lambda _, lemma: lemma in singles)
        self.longer = words.question(lambda _, lemma: lemma in longers)
        self.second = words.question(lambda _, lemma: lemma in all_seconds)

    def __call__(self, words: DocWords) -> list[Match]:
        starts = words.where(self.single)
        starts[:-1] |= words.where(self.longer)[:-1] & words.where(self.second)[1:]
        candidates = numpy.flatnonzero(starts).tolist()
        if not candidates:
            return []
        lemmas = words.lemma_hashes.tolist()
        size = len(lemmas)
        found = []
        for i in candidates:
            seconds, lengths = self.by_first[lemmas[i]]
            longer = i + 1 < size and lemmas[i + 1] in seconds  # can a longer term match?
            for length, rests in lengths:
                end = i + 1 + length
                if end <= size and (longer or not length):
                    groups = rests.get(tuple(lemmas[i + 1:end]) if length else ())
                    if groups:
                        found.extend((group, i, end) for group in groups)
        return found
