"""A doc's token attributes, read once with ``Doc.to_array`` and shared by the components.

Claim extraction and phrase matching look at every token several times; creating spaCy
``Token`` objects for that cost more than tokenizing. ``Columns`` reads the attributes once
per doc (the tagger stores it on the doc) and turns each column into a list on first use;
``TokenTable`` adds the strings claim extraction needs. Positions stay token indexes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cached_property

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LIKE_NUM, SENT_START
from spacy.tokens import Doc

from checker.nlp.words import DocWords

ATTRS = [IDX, LENGTH, SENT_START]
FLAGS = (IS_SPACE, IS_PUNCT, LIKE_NUM)  # lexical flags the word table keeps a bit for
COLUMNS = "cl_columns"  # doc.user_data key
OFFSETS = "cl_offsets"  # doc.user_data key: the doc's OffsetMap, if its text was compacted
_WHITESPACE_RUN = re.compile(r"\s(?:\s+|(?<! ))")  # 2+ whitespace characters, or 1 but " "
MAX_RUN = 64  # characters without whitespace that reach spaCy's tokenizer in one piece
_LONG_RUN = re.compile(rf"[^ ]{{{MAX_RUN + 1}}}")
_LONG_RUN_AFTER_SPACE = re.compile(rf" [^ ]{{{MAX_RUN + 1}}}")  # a literal first: fast search


def break_long_runs(text: str) -> str:
    """Compacted ``text`` (its only whitespace single spaces) with every ``MAX_RUN``-th
    character of a long run without spaces turned into a space (same length, so positions
    hold). No word is that long, and spaCy's tokenizer strips affixes off such a run one
    character at a time, searching the whole run again each time: 8,000 semicolons after a
    word took 11 seconds."""
    starts = [match.start() + 1 for match in _LONG_RUN_AFTER_SPACE.finditer(text)]
    if _LONG_RUN.match(text):
        starts.insert(0, 0)
    pieces, cursor = [], 0
    for start in starts:
        end = text.find(" ", start)
        end = len(text) if end == -1 else end
        pieces += [text[cursor:start], _broken(text[start:end])]
        cursor = end
    return "".join([*pieces, text[cursor:]]) if starts else text


def _broken(run: str) -> str:
    chars = list(run)
    chars[MAX_RUN - 1::MAX_RUN] = " " * len(chars[MAX_RUN - 1::MAX_RUN])
    return "".join(chars)


class OffsetMap:
    """Positions in a compacted text (whitespace runs shrunk to one space) and in the text it
    came from. Segment ``k`` starts at ``doc_starts[k]`` and is shifted by ``shifts[k]``."""

    def __init__(self, doc_starts: numpy.ndarray, shifts: numpy.ndarray) -> None:
        self.doc_starts = doc_starts
        self.shifts = shifts
        self.source_starts = self.doc_starts + self.shifts

    @classmethod
    def compact(cls, text: str) -> tuple[str, OffsetMap]:
        spans = [run.span() for run in _WHITESPACE_RUN.finditer(text)]
        cuts = [0, *itertools.chain.from_iterable(spans), len(text)]  # kept pieces' bounds
        compacted = " ".join([text[cuts[k]:cuts[k + 1]] for k in range(0, len(cuts), 2)])
        runs = numpy.array(spans, dtype="int64").reshape(-1, 2)
        removed = numpy.cumsum(runs[:, 1] - runs[:, 0] - 1)  # characters dropped so far
        ends = runs[:, 1] - removed  # where the text after each run starts in the compact text
        return compacted, cls(numpy.concatenate([[0], ends]), numpy.concatenate([[0], removed]))

    def to_source(self, positions: numpy.ndarray) -> numpy.ndarray:
        segments = numpy.searchsorted(self.doc_starts, positions, side="right") - 1
        return positions + self.shifts[segments]

    def to_doc(self, positions: numpy.ndarray) -> numpy.ndarray:
        """The doc positions of source positions; one inside a whitespace run maps to the
        first character after the run (a block whose first characters are masked markup
        starts where its words do)."""
        segments = numpy.searchsorted(self.source_starts, positions, side="right") - 1
        mapped = positions - self.shifts[segments]
        following = numpy.append(self.doc_starts, numpy.iinfo("int64").max)[segments + 1]
        return numpy.where(mapped >= following - 1, following, mapped)


class Columns:
    """Token attributes of one doc as numpy columns and, on demand, Python lists. Offsets and
    sentence starts come from the doc; everything that depends only on the word, from the
    word table (``Doc.to_array`` costs as much per lexical flag as per offset)."""

    def __init__(self, doc: Doc, words: DocWords) -> None:
        self.array = doc.to_array(ATTRS) if len(doc) else numpy.zeros((0, len(ATTRS)), "uint64")
        self.size = len(doc)
        self.words = words
        self.offsets: OffsetMap | None = doc.user_data.get(OFFSETS)

    @classmethod
    def of(cls, doc: Doc, words: DocWords) -> Columns:
        columns = doc.user_data.get(COLUMNS)
        if columns is None or columns.size != len(doc):
            columns = doc.user_data[COLUMNS] = cls(doc, words)
        return columns

    @cached_property
    def lemma(self) -> list[int]:
        return self.words.lemma_hashes.tolist()

    @cached_property
    def lower(self) -> list[int]:
        return self.words.lower_hashes().tolist()

    @cached_property
    def idx(self) -> list[int]:
        """Where each token starts in the source text (through the doc's offset map)."""
        return self._source(self.array[:, 0].astype("int64")).tolist()

    @cached_property
    def end(self) -> list[int]:
        """Where each token ends in the source text: one past its last character."""
        last = self.array[:, 0].astype("int64") + self.array[:, 1].astype("int64") - 1
        return (self._source(last) + 1).tolist()

    def _source(self, positions: numpy.ndarray) -> numpy.ndarray:
        return self.offsets.to_source(positions) if self.offsets is not None else positions

    def flag(self, attr: int) -> numpy.ndarray:
        """Which tokens have a lexical flag (``IS_SPACE``, ``IS_PUNCT``, ``LIKE_NUM``)."""
        return self.words.where(self.words.table.flag[attr])

    @cached_property
    def space(self) -> list[bool]:
        return self.flag(IS_SPACE).tolist()

    @cached_property
    def punct(self) -> list[bool]:
        return self.flag(IS_PUNCT).tolist()

    @cached_property
    def number(self) -> list[bool]:
        return self.flag(LIKE_NUM).tolist()


@dataclass
class TokenTable:
    """What claim extraction reads: strings, offsets, flags and sentences."""

    lemma: list[str]
    lower: list[str]
    idx: list[int]  # character offset in the doc text
    end: list[int]  # idx + length
    space: list[int]
    spaced: bool  # whether any token is whitespace
    number: list[int]
    sentences: list[tuple[int, int]]  # token ranges [start, end)
    signal: list[bool]  # per sentence: holds a word some claim kind needs
    numbered: list[bool]  # per sentence: holds a number
    numbers: list[int]  # positions of number tokens, ascending

    @classmethod
    def of(cls, doc: Doc, words: DocWords, signal: int) -> TokenTable:
        """``signal`` is the word-table bit of words without which no claim kind can apply
        (effects, safety, evidence, numbers...)."""
        if not len(doc):
            return cls([], [], [], [], [], False, [], [], [], [], [])
        columns = Columns.of(doc, words)
        starts = numpy.flatnonzero(columns.array[:, 2] == 1)
        if not len(starts) or starts[0] != 0:
            starts = numpy.concatenate([[0], starts])
        bounds = [*starts.tolist(), len(doc)]
        numbers = columns.flag(LIKE_NUM).astype("int64")
        wanted = words.where(signal) | (numbers == 1)
        return cls(
            lemma=words.lemma_strings(), lower=words.lower_strings(),
            idx=columns.idx, end=columns.end, space=columns.space,
            spaced=bool(columns.flag(IS_SPACE).any()), number=columns.number,
            sentences=list(itertools.pairwise(bounds)),
            signal=(numpy.add.reduceat(wanted.astype("int64"), starts) > 0).tolist(),
            numbered=(numpy.add.reduceat(numbers, starts) > 0).tolist(),
            numbers=numpy.flatnonzero(numbers).tolist(),
        )
