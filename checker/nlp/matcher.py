"""Match phrase-rule patterns against a doc, fast.

spaCy's ``Matcher`` evaluates set, regex and extension predicates in Python for every token
and every pattern state; with a few hundred patterns that dominated the lint time. Here each
pattern is indexed by the words (or word class) it can start with, so only tokens that can
begin a match are tried, and a short backtracking walk checks the rest. Whitespace tokens
left by masked markup are skipped between steps.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import LIKE_NUM
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import StringStore
from spacy.tokens import Doc

from checker.nlp.patterns import MAX_GAP, Sequence
from checker.nlp.tokens import Columns
from checker.nlp.words import DocWords, WordTable


@dataclass(frozen=True)
class PhraseHit:
    """One match of a rule's phrase pattern: the whole match and the words in focus."""

    family: str
    phrase: int  # index of the phrase within its family
    start: int  # token indexes in the doc
    end: int
    focus_start: int
    focus_end: int
    matched: frozenset[int] = frozenset()  # the tokens the pattern's steps matched (not gaps)


@dataclass(frozen=True, eq=False)  # identity hashing: candidates are de-duplicated a lot
class _Compiled:
    """A sequence with its word sets turned into string-store hashes."""

    family: str
    phrase: int
    # (kind, hashes, class, optional, lemma hashes, lowercase-form hashes); ``hashes`` is
    # their union, for indexing; a word passes by its lemma or, for a quoted form, as written
    steps: tuple[tuple[str, frozenset[int], str, bool, frozenset[int], frozenset[int]], ...]
    focus: tuple[int, int]
    second: frozenset[int] | None  # words the token after a required first step must be
    anchor: frozenset[int] | None  # the rarest required word: a match must contain one
    # a pattern opening with a number (required or not) and then a required word: that word,
    # which is the number's next word or, with the number left out, the start token itself
    after_number: frozenset[int] | None = None


class PhraseMatcher:
    """All phrase families' sequences, indexed by a rare word each needs and by how it starts.

    Per doc, only sequences whose anchor word occurs in the doc are considered, and only at
    tokens that can begin them.
    """

    def __init__(self, strings: StringStore, words: WordTable,
                 families: dict[str, list[list[Sequence]]]) -> None:
        self.by_anchor: dict[int, list[_Compiled]] = defaultdict(list)
        self.unanchored: list[_Compiled] = []
        self.by_word: dict[int, list[_Compiled]] = defaultdict(list)
        # sequences whose first two steps are required words, by both words
        self.by_pair: dict[int, dict[int, list[_Compiled]]] = defaultdict(
            lambda: defaultdict(list))
        self.by_class: dict[str, list[_Compiled]] = defaultdict(list)
        self.by_number: list[_Compiled] = []
        common = {strings.add(word) for word in STOP_WORDS}
        for family, phrases in families.items():
            for phrase, sequences in enumerate(phrases):
                for sequence in sequences:
                    compiled = _compile(family, phrase, sequence, strings, common)
                    if compiled.anchor is None:
                        self.unanchored.append(compiled)
                    for value in compiled.anchor or ():
                        self.by_anchor[value].append(compiled)
                    for kind, key in _starts(compiled):
                        if kind == "word" and compiled.second is not None:
                            for second in compiled.second:
                                self.by_pair[key][second].append(compiled)
                        elif kind == "word":
                            self.by_word[key].append(compiled)
                        elif kind == "class":
                            self.by_class[key].append(compiled)
                        else:
                            self.by_number.append(compiled)
        self.words = words
        self.anchor = _question(words, strings, set(self.by_anchor))
        self.first_word = _question(words, strings, set(self.by_word) | set(self.by_pair))

    def __call__(self, doc: Doc, classes: dict[str, dict[int, int]]) -> list[PhraseHit]:
        if not len(doc):
            return []
        words = DocWords.of(doc, self.words)
        columns = Columns.of(doc, words)
        lemma, lower = columns.lemma, columns.lower
        active = set(self.unanchored)
        where: dict[int, list[int]] = defaultdict(list)  # anchor word -> its positions
        for i in numpy.flatnonzero(words.where(self.anchor)).tolist():
            where[lemma[i]].append(i)
            if lower[i] != lemma[i]:
                where[lower[i]].append(i)
        present = set(where)
        for value in present & self.by_anchor.keys():
            active.update(self.by_anchor[value])
        if not active:
            return []
        walker = _Walker(columns, classes)
        following = walker.following
        candidates: dict[int, list[_Compiled]] = defaultdict(list)
        usable: dict[int, list[_Compiled]] = {}  # first word -> its active patterns
        for i in numpy.flatnonzero(words.where(self.first_word)).tolist():
            after = following[i]
            for key in _forms(lemma, lower, i):
                found = usable.get(key)
                if found is None:
                    found = usable[key] = [c for c in self.by_word.get(key, ()) if c in active]
                if found:
                    candidates[i].extend(found)
                pairs = self.by_pair.get(key)
                for second in _forms(lemma, lower, after) if pairs and after is not None else ():
                    found = pairs.get(second)
                    if found:
                        candidates[i].extend(c for c in found if c in active)
        if self.by_number:
            numbered = [c for c in self.by_number if c in active]
            for i in numpy.flatnonzero(columns.flag(LIKE_NUM)).tolist() if numbered else ():
                forms = {*_forms(lemma, lower, i), *(
                    _forms(lemma, lower, following[i]) if following[i] is not None else ())}
                candidates[i].extend(c for c in numbered if c.after_number is None
                                     or not c.after_number.isdisjoint(forms))
        for name, compiled in self.by_class.items():
            useful = [c for c in compiled if c in active]
            ends = classes.get(name, {})
            if not (useful and ends):
                continue
            # a pattern opening with a word class starts at every condition term: only where
            # its rarest required word follows close enough to be reached
            anchors = {c: _positions(where, c.anchor) for c in useful if c.anchor is not None}
            for i in ends:
                if ends.get(i - 1, 0) > i:
                    continue  # inside a term: a class step consumes its whole term
                candidates[i].extend(c for c in useful if c.anchor is None
                                     or _near(anchors[c], i, i + CLASS_REACH))
        hits = []
        for start in sorted(candidates):
            after = following[start]
            for compiled in dict.fromkeys(candidates[start]):  # a pattern once per start
                if compiled.second is not None and (after is None or (
                        lemma[after] not in compiled.second
                        and lower[after] not in compiled.second)):
                    continue  # cheap early rejection (word pairs are rejected above)
                found = walker.walk(compiled.steps, 0, start, [])
                if found is not None:
                    end, spans = found
                    hits.append(_hit(compiled, start, end, spans))
        return sorted(hits, key=lambda hit: (hit.start, -hit.end))


CLASS_REACH = 16  # tokens from a class-opened pattern's start to its last word, at most


def _positions(where: dict[int, list[int]], anchor: frozenset[int]) -> list[int]:
    """Where any of the anchor words occurs, ascending."""
    return sorted(i for value in anchor for i in where.get(value, ()))


def _near(positions: list[int], start: int, stop: int) -> bool:
    """Whether one of ``positions`` (ascending) lies in ``[start, stop)``."""
    k = bisect.bisect_left(positions, start)
    return k < len(positions) and positions[k] < stop


def _forms(lemma: list[int], lower: list[int], i: int) -> tuple[int, ...]:
    """The keys a token can be looked up by: its lemma and, if different, its lowercase form."""
    return (lemma[i], lower[i]) if lemma[i] != lower[i] else (lemma[i],)


def _question(words: WordTable, strings: StringStore, hashes: set[int]) -> int:
    """The word-table bit of words whose lemma or lowercase form is one of ``hashes``."""
    forms = {strings[value] for value in hashes}
    return words.question(lambda lower, lemma: lower in forms or lemma in forms)


def _anchor(steps, common: set[int]) -> frozenset[int] | None:
    """The required word step least likely to occur: fewest common words, then fewest words."""
    required = [hashes for kind, hashes, _, optional, *_ in steps
                if kind == "word" and not optional]
    if not required:
        return None
    return min(required, key=lambda hashes: (len(hashes & common), len(hashes)))


def _starts(compiled: _Compiled, k: int = 0):
    """(kind, key) of every test the first matched step can pass."""
    kind, hashes, name, optional, *_ = compiled.steps[k]
    if kind == "word":
        yield from (("word", value) for value in hashes)
    elif kind == "class":
        yield "class", name
    elif kind == "number":
        yield "number", None
    if (optional or kind == "gap") and k + 1 < len(compiled.steps):
        yield from _starts(compiled, k + 1)


def _compile(family: str, phrase: int, sequence: Sequence, strings: StringStore,
             common: set[int]) -> _Compiled:
    steps = []
    for step in sequence.steps:
        lemmas = frozenset(strings.add(w) for w in step.lemmas)
        lowers = frozenset(strings.add(w) for w in step.lowers)
        steps.append((step.kind, lemmas | lowers, step.name, step.optional, lemmas, lowers))
    second = None
    # (a class step consumes its whole term, so only a word step has a fixed next token)
    if len(steps) > 1 and steps[0][0] == "word" and not steps[0][3] and steps[1][0] == "word" \
            and not steps[1][3]:
        second = steps[1][1]
    after_number = None
    if len(steps) > 1 and steps[0][0] == "number" and steps[1][0] == "word" and not steps[1][3]:
        after_number = steps[1][1]
    return _Compiled(family, phrase, tuple(steps), sequence.focus, second,
                     _anchor(steps, common), after_number)


def _hit(compiled: _Compiled, start: int, end: int, spans: list) -> PhraseHit:
    first, last = compiled.focus
    inside = [token for k, token in spans if first <= k < last]
    focus = (min(inside), max(inside) + 1) if inside else (start, end)
    return PhraseHit(compiled.family, compiled.phrase, start, end, *focus,
                     frozenset(token for _, token in spans))


class _Walker:
    """Backtracking over a pattern's steps; prefers longer gaps, so the longest match wins."""

    def __init__(self, columns: Columns, classes: dict[str, dict[int, int]]) -> None:
        self.lemma, self.lower = columns.lemma, columns.lower
        self.space, self.punct, self.number = columns.space, columns.punct, columns.number
        self.size = columns.size
        self.classes = classes
        self.following = self._following()  # each token's next word (None at the end)

    def walk(self, steps, k: int, i: int, spans: list) -> tuple[int, list] | None:
        if k == len(steps):
            return (spans[-1][1] + 1 if spans else i), spans
        if spans:
            while i < self.size and self.space[i]:
                i += 1
        kind, _, name, optional, lemmas, lowers = steps[k]
        if kind == "gap":
            return self._gap(steps, k, i, spans)
        if i < self.size and self._passes(kind, lemmas, lowers, name, i):
            # a word class consumes its whole term ("anti-inflammatories", "back pain")
            last = self.classes[name][i] - 1 if kind == "class" else i
            found = self.walk(steps, k + 1, last + 1, [*spans, (k, i), (k, last)])
            if found is not None:
                return found
        return self.walk(steps, k + 1, i, spans) if optional else None

    def _gap(self, steps, k: int, i: int, spans: list) -> tuple[int, list] | None:
        positions = [i]
        j = i
        while len(positions) <= MAX_GAP and j < self.size and not self.punct[j]:
            j += 1
            if not self.space[j - 1]:
                positions.append(j)
        for position in reversed(positions):
            found = self.walk(steps, k + 1, position, spans)
            if found is not None:
                return found
        return None

    def _following(self) -> list[int | None]:
        if not any(self.space):  # the usual case: whitespace reaches spaCy as single spaces
            return [*range(1, self.size), None]
        words = numpy.flatnonzero(numpy.logical_not(self.space))
        after = numpy.searchsorted(words, numpy.arange(self.size), side="right")
        last = int(numpy.searchsorted(after, len(words)))  # tokens before the last word
        return [*words[after[:last]].tolist(), *[None] * (self.size - last)]

    def _passes(self, kind: str, lemmas: frozenset[int], lowers: frozenset[int], name: str,
                i: int) -> bool:
        if kind == "word":
            return self.lemma[i] in lemmas or self.lower[i] in lowers
        if kind == "class":
            return i in self.classes.get(name, ())
        return bool(self.number[i])
