"""Facts about words, worked out once per distinct lowercase form instead of once per token.

Every component asks the same kind of question of each token: its lemma, whether it ends a
sentence, heads a treatment name, can start a phrase pattern, is a claim signal. Asked per
token (``numpy.isin`` and ``numpy.unique`` on each doc) those questions cost a fifth of the
lint; a page uses a few hundred distinct words, and a run sees the same ones again and again.
So the pipeline keeps one ``WordTable``: a row per lowercase form with its lemma, its strings
and one bit per registered question, and ``DocWords`` maps each token of a doc to its row.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc

WORDS = "cl_words"  # doc.user_data key: the doc's DocWords

Predicate = Callable[[str, str], bool]  # (lowercase form, lemma) -> answer


class WordTable:
    """Rows of per-word facts: lowercase form, lemma (string and hash) and question bits."""

    def __init__(self, strings: StringStore, lemma: Callable[[str], str]) -> None:
        self.strings = strings
        self.lemma = lemma
        self.row_of: dict[int, int] = {}  # lowercase hash -> row
        self.lowers: list[str] = []
        self.lemmas: list[str] = []
        self._lemma_hashes = numpy.zeros(1024, dtype="uint64")  # by row, grown by doubling
        self._bits = numpy.zeros(1024, dtype="int64")
        self._questions: list[tuple[int, Predicate]] = []

    def question(self, predicate: Predicate) -> int:
        """Register a question about words; returns the bit that marks the words it holds for."""
        bit = 1 << len(self._questions)
        self._questions.append((bit, predicate))
        for row, (lower, lemma) in enumerate(zip(self.lowers, self.lemmas, strict=True)):
            if predicate(lower, lemma):
                self._bits[row] |= bit
        return bit

    def rows(self, lowers: list[int]) -> list[int]:
        """The rows of these lowercase hashes, adding words not seen before."""
        row_of = self.row_of
        missing = [key for key in lowers if key not in row_of]
        for key in dict.fromkeys(missing):
            self._add(key)
        return [row_of[key] for key in lowers]

    def _add(self, key: int) -> None:
        lower = self.strings[key]
        lemma = self.lemma(lower)
        row = self.row_of[key] = len(self.lowers)
        self.lowers.append(lower)
        self.lemmas.append(lemma)
        if row == len(self._bits):
            self._lemma_hashes = numpy.concatenate([self._lemma_hashes, self._lemma_hashes * 0])
            self._bits = numpy.concatenate([self._bits, self._bits * 0])
        self._lemma_hashes[row] = self.strings.add(lemma)
        self._bits[row] = sum(bit for bit, predicate in self._questions
                              if predicate(lower, lemma))

    def arrays(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Lemma hashes and question bits, indexed by row."""
        return self._lemma_hashes, self._bits


class DocWords:
    """Each token's row in the word table, its lemma hash and its question bits."""

    def __init__(self, doc: Doc, table: WordTable) -> None:
        lowers = doc.to_array(LOWER) if len(doc) else numpy.zeros(0, "uint64")
        uniques, inverse = numpy.unique(lowers, return_inverse=True)
        rows = numpy.array(table.rows(uniques.tolist()), dtype="int64")[inverse]
        lemma_hashes, bits = table.arrays()
        self.table = table
        self.rows = rows
        self.lemma_hashes = lemma_hashes[rows]
        self.bits = bits[rows]

    @classmethod
    def of(cls, doc: Doc, table: WordTable) -> DocWords:
        words = doc.user_data.get(WORDS)
        if words is None or len(words.rows) != len(doc):
            words = doc.user_data[WORDS] = cls(doc, table)
        return words

    def where(self, bit: int) -> numpy.ndarray:
        """Which tokens the question behind ``bit`` holds for (a boolean column)."""
        return (self.bits & bit) != 0

    def lemma_strings(self) -> list[str]:
        lemmas = self.table.lemmas
        return [lemmas[row] for row in self.rows.tolist()]

    def lower_strings(self) -> list[str]:
        lowers = self.table.lowers
        return [lowers[row] for row in self.rows.tolist()]
