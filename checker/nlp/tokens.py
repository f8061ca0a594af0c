"""A doc's tokens as plain lists, read once with ``Doc.to_array``.

Claim extraction looks at every token several times; creating spaCy ``Token`` objects for
that cost more than tokenizing. These lists hold what it needs, and positions stay token
indexes into the doc.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    punct: list[bool]
    number: list[bool]
    sentences: list[tuple[int, int]]  # token ranges [start, end)

    @classmethod
    def of(cls, doc: Doc, strings: dict[int, str]) -> TokenTable:
        """``strings`` is a memo from hash to string shared across docs."""
        rows = doc.to_array(ATTRS).tolist() if len(doc) else []
        store = doc.vocab.strings

        def text(key: int) -> str:
            value = strings.get(key)
            if value is None:
                value = strings[key] = store[key]
            return value

        starts = [i for i, row in enumerate(rows) if row[7] == 1 or i == 0]
        return cls(
            lemma=[text(row[0]) for row in rows], lower=[text(row[1]) for row in rows],
            idx=[row[2] for row in rows], end=[row[2] + row[3] for row in rows],
            space=[bool(row[4]) for row in rows], punct=[bool(row[5]) for row in rows],
            number=[bool(row[6]) for row in rows],
            sentences=list(zip(starts, [*starts[1:], len(rows)], strict=True)),
        )
