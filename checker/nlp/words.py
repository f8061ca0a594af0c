"""Facts about words, worked out once per distinct lowercase form instead of once per token.

Every component asks the same kind of question of each token: its lemma, whether it ends a
sentence, heads a treatment name, can start a phrase pattern, is a claim signal. Asked per
token (``numpy.isin`` and ``numpy.unique`` on each doc) those questions cost a fifth of the
lint; a page uses a few hundred distinct words, and a run sees the same ones again and again.
So the pipeline keeps one ``WordTable``: a row per lowercase form with its lemma, its strings
and one bit per registered question, and ``DocWords`` maps each token of a doc to its row.

A word's row is stored in its lexeme's ``rank`` (spaCy's slot for "sequential ID used to index
into tables", otherwise only used for word vectors, which a blank pipeline has none of), so a
doc's rows come from one ``Doc.to_array(ID)`` in C; only lexemes new to the vocab are looked
up in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy
from spacy.attrs import ID
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.util import OOV_RANK

WORDS = "cl_words"  # doc.user_data key: the doc's DocWords

Predicate = Callable[[str, str], bool]  # (lowercase form, lemma) -> answer


class WordTable:
    """Rows of per-word facts: lowercase form, lemma (string and hash) and question bits.

    The columns are numpy arrays grown by doubling, so a doc's rows index them in one step.
    """

    def __init__(self, strings: StringStore, lemma: Callable[[str], str],
                 flags: Mapping[int, Callable[[str], bool]]) -> None:
        """``flags``: spaCy's lexical attribute getters (``IS_SPACE``...) to keep a bit for;
        a lowercase form answers them as its other spellings do."""
        self.strings = strings
        self.lemma = lemma
        self.row_of: dict[int, int] = {}  # lowercase hash -> row
        self.lowers = numpy.empty(1024, dtype=object)
        self.lemmas = numpy.empty(1024, dtype=object)
        self.lower_hashes = numpy.zeros(1024, dtype="uint64")
        self.lemma_hashes = numpy.zeros(1024, dtype="uint64")
        self.bits = numpy.zeros(1024, dtype="int64")
        self._questions: list[tuple[int, Predicate]] = []
        self.flag = {attr: self.question(lambda lower, _, test=test: bool(test(lower)))
                     for attr, test in flags.items()}  # attribute ID -> bit

    def question(self, predicate: Predicate) -> int:
        """Register a question about words; returns the bit that marks the words it holds for."""
        bit = 1 << len(self._questions)
        self._questions.append((bit, predicate))
        for row in range(len(self.row_of)):
            if predicate(self.lowers[row], self.lemmas[row]):
                self.bits[row] |= bit
        return bit

    def rows(self, doc: Doc) -> numpy.ndarray:
        """The row of each token of ``doc``, adding words not seen before."""
        ranks = doc.to_array(ID) if len(doc) else numpy.zeros(0, "uint64")
        for i in numpy.flatnonzero(ranks == OOV_RANK).tolist():
            lexeme = doc[i].lex
            if lexeme.rank == OOV_RANK:
                row = self.row_of.get(lexeme.lower)
                lexeme.rank = self._add(lexeme.lower) if row is None else row
            ranks[i] = lexeme.rank
        return ranks.astype("int64")

    def _add(self, key: int) -> int:
        lower = self.strings[key]
        lemma = self.lemma(lower)
        row = self.row_of[key] = len(self.row_of)
        if row == len(self.bits):
            for name in ("lowers", "lemmas", "lower_hashes", "lemma_hashes", "bits"):
                column = getattr(self, name)
                setattr(self, name, numpy.concatenate([column, numpy.zeros_like(column)]))
        self.lowers[row] = lower
        self.lower_hashes[row] = key
        self.lemmas[row] = lemma
        self.lemma_hashes[row] = self.strings.add(lemma)
        self.bits[row] = sum(bit for bit, predicate in self._questions
                             if predicate(lower, lemma))
        return row


class DocWords:
    """Each token's row in the word table, its lemma hash and its question bits."""

    def __init__(self, doc: Doc, table: WordTable) -> None:
        rows = table.rows(doc)
        self.table = table
        self.rows = rows
        self.lemma_hashes = table.lemma_hashes[rows]
        self.bits = table.bits[rows]

    @classmethod
    def of(cls, doc: Doc, table: WordTable) -> DocWords:
        words = doc.user_data.get(WORDS)
        if words is None or len(words.rows) != len(doc):
            words = doc.user_data[WORDS] = cls(doc, table)
        return words

    def lower_hashes(self) -> numpy.ndarray:
        return self.table.lower_hashes[self.rows]

    def where(self, bit: int) -> numpy.ndarray:
        """Which tokens the question behind ``bit`` holds for (a boolean column)."""
        return (self.bits & bit) != 0

    def lemma_strings(self) -> list[str]:
        return self.table.lemmas[self.rows].tolist()

    def lower_strings(self) -> list[str]:
        return self.table.lowers[self.rows].tolist()
