"""A doc's tokens as plain lists, read with ``Doc.to_array``.

Claim extraction looks at every token several times; creating spaCy ``Token`` objects for
that cost more than tokenizing. These lists hold what it needs, and positions stay token
indexes into the doc.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LIKE_NUM, LOWER, SENT_START
from spacy.tokens import Doc

ATTRS = [LEMMA, LOWER, IDX, LENGTH, IS_SPACE, IS_PUNCT, LIKE_NUM, SENT_START]


@dataclass
class TokenTable:
    lemma: list[str]
    lower: list[str]
    idx: list[int]  # character offset in the doc text
    end: list[int]  # idx + length
    space: list[bool]
    number: list[bool]
    sentences: list[tuple[int, int]]  # token ranges [start, end)
    signal: list[bool]  # per sentence: holds a word some claim kind needs

    @classmethod
    def of(cls, doc: Doc, strings: dict[int, str], signals: numpy.ndarray) -> TokenTable:
        """``strings`` memoises hash -> string across docs; ``signals`` are lemma hashes of
        words without which no claim kind can apply (effects, safety, evidence, numbers...)."""
        if not len(doc):
            return cls([], [], [], [], [], [], [], [])
        table = doc.to_array(ATTRS)
        store = doc.vocab.strings
        lemma = _strings(table[:, 0], strings, store)
        lower = _strings(table[:, 1], strings, store)
        idx = table[:, 2].astype("int64")
        starts = numpy.flatnonzero(table[:, 7] == 1)
        if not len(starts) or starts[0] != 0:
            starts = numpy.concatenate([[0], starts])
        bounds = [*starts.tolist(), len(doc)]
        wanted = numpy.isin(table[:, 0], signals) | (table[:, 6] == 1)
        per_sentence = numpy.add.reduceat(wanted.astype("int64"), starts) > 0
        return cls(
            lemma=lemma, lower=lower, idx=idx.tolist(),
            end=(idx + table[:, 3].astype("int64")).tolist(),
            space=(table[:, 4] == 1).tolist(), number=(table[:, 6] == 1).tolist(),
            sentences=list(itertools.pairwise(bounds)),
            signal=per_sentence.tolist(),
        )


def _strings(hashes: numpy.ndarray, memo: dict[int, str], store) -> list[str]:
    uniques, inverse = numpy.unique(hashes, return_inverse=True)
    values = []
    for key in uniques.tolist():
        value = memo.get(key)
        if value is None:
            value = memo[key] = store[key]
        values.append(value)
    return [values[k] for k in inverse.tolist()]
