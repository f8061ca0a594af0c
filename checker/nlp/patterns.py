"""A small pattern language for phrase rules, compiled to step sequences (see ``matcher``).

Rules are data, so their patterns must be writable by someone who has never seen spaCy:

- ``word``: any inflection of the word (``prove`` matches proved, proves, proven);
- ``"word"``: exactly this form (case-insensitive);
- ``a|b|c``: one of the alternatives; ``(wipe out|get rid of)`` groups multi-word ones;
- ``<condition>`` (a condition or body function), ``<intervention>``, ``<rival>`` (another
  treatment), ``<medical>`` (medicines, surgery, injections: rivals that are not
  interventions): a word from that lexicon; ``<number>``: a number;
- ``~``: up to three words in between (never across punctuation);
- ``?`` after an item: the item is optional;
- ``[`` ... ``]``: the words a finding highlights and a suggestion replaces (default: all).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.errors import ConfigError

CLASSES = {"condition", "intervention", "rival", "medical"}
MAX_GAP = 3
# Word sequences one pattern may expand to (each alternative multiplies them: "(a b|c d)" twenty
# times is 2**20). The built-in patterns need at most a few dozen.
MAX_SEQUENCES = 1_000
_LEXEME = re.compile(r'(\s+|\[|\]|~|\?|\(|\)|\||"[^"]*"|<[a-z]+>|[^\s\[\]~?()|"<>]+)')


@dataclass(frozen=True)
class Step:
    """One position of a pattern: a word test, a word class, a number, or a gap."""

    kind: str  # "word" | "class" | "number" | "gap"
    lemmas: frozenset[str] = frozenset()  # "word": the token's lemma is one of these ...
    lowers: frozenset[str] = frozenset()  # ... or its lowercase form is one of these
    name: str = ""  # "class": condition, intervention or rival
    optional: bool = False


@dataclass(frozen=True)
class Sequence:
    """One expanded alternative of a pattern, and the steps in focus ``[first, last)``."""

    steps: tuple[Step, ...]
    focus: tuple[int, int]


def compile_pattern(source: str, lemma: Callable[[str], str]) -> list[Sequence]:
    """Compile ``source``; ``lemma`` normalises plain words the way the pipeline does."""
    items, (focus_start, focus_end) = _parse(source)
    choices = [_choices(item, lemma) for item in items]
    count = math.prod(len(choice) for choice in choices)
    if count > MAX_SEQUENCES:
        raise ConfigError(f"pattern {source!r} expands to {count:,} word sequences (at most "
                          f"{MAX_SEQUENCES:,}); split its alternatives into several patterns")
    sequences = []
    for combination in itertools.product(*choices):
        steps: list[Step] = []
        first, last = 0, None
        for index, chosen in enumerate(combination):
            if index == focus_start:
                first = len(steps)
            steps.extend(chosen)
            if index == focus_end - 1:
                last = len(steps)
        if all(step.optional or step.kind == "gap" for step in steps):
            raise ConfigError(f"pattern {source!r} can match nothing at all")
        sequences.append(Sequence(tuple(steps), (first, len(steps) if last is None else last)))
    return sequences


def _choices(alternatives: list[tuple[str, ...]],
             lemma: Callable[[str], str]) -> list[tuple[Step, ...]]:
    """The step sequences one item can match; single words merge into one word step."""
    lemmas: set[str] = set()
    lowers: set[str] = set()
    choices: list[tuple[Step, ...]] = []
    for alternative in alternatives:
        steps = tuple(_step(atom, lemma) for atom in alternative)
        if len(steps) == 1 and steps[0].kind == "word":
            lemmas |= steps[0].lemmas
            lowers |= steps[0].lowers
        else:
            choices.append(steps)
    if lemmas or lowers:
        choices.insert(0, (Step("word", frozenset(lemmas), frozenset(lowers)),))
    if () in choices and len(choices) == 2:
        (only,) = next(choice for choice in choices if choice)
        return [(Step(only.kind, only.lemmas, only.lowers, only.name, optional=True),)]
    return choices


def _parse(source: str) -> tuple[list[list[tuple[str, ...]]], tuple[int, int]]:
    """Items, each a list of alternatives (tuples of atoms; ``()`` marks an optional item)."""
    lexemes = _lex(source)
    items: list[list[tuple[str, ...]]] = []
    focus_start = focus_end = None
    i = 0
    while i < len(lexemes):
        lexeme = lexemes[i]
        if lexeme == "[":
            focus_start = len(items)
        elif lexeme == "]":
            focus_end = len(items)
        elif lexeme == "?":
            if not items:
                raise ConfigError(f"pattern {source!r}: '?' must follow a word")
            items[-1] = [*items[-1], ()]
        elif lexeme == "~":
            items.append([("~",)])
        else:
            alternatives, i = _alternatives(lexemes, i, source)
            items.append(alternatives)
            continue
        i += 1
    if not items:
        raise ConfigError(f"pattern {source!r} is empty")
    if (focus_start is None) != (focus_end is None):
        raise ConfigError(f"pattern {source!r} has an unbalanced '[' or ']'")
    return items, (focus_start or 0, focus_end if focus_end is not None else len(items))


def _lex(source: str) -> list[str]:
    lexemes, position = [], 0
    source = source.strip()
    while position < len(source):
        match = _LEXEME.match(source, position)
        if not match:
            raise ConfigError(f"pattern {source!r}: cannot read {source[position:]!r}")
        if not match.group(1).isspace():
            lexemes.append(match.group(1))
        position = match.end()
    return lexemes


def _alternatives(lexemes: list[str], i: int, source: str):
    """Read ``a|b|(c d|e)`` starting at ``i``; return the alternatives and the next index."""
    alternatives: list[tuple[str, ...]] = []
    while True:
        if lexemes[i] == "(":
            close = _closing(lexemes, i, source)
            phrase: list[str] = []
            for lexeme in lexemes[i + 1 : close]:
                if lexeme == "|":
                    alternatives.append(tuple(phrase))
                    phrase = []
                else:
                    phrase.append(lexeme)
            alternatives.append(tuple(phrase))
            i = close + 1
        elif lexemes[i] in "[]~?|)":
            raise ConfigError(f"pattern {source!r}: unexpected {lexemes[i]!r}")
        else:
            alternatives.append((lexemes[i],))
            i += 1
        if i < len(lexemes) and lexemes[i] == "|":
            i += 1
            continue
        return alternatives, i


def _closing(lexemes: list[str], i: int, source: str) -> int:
    try:
        return lexemes.index(")", i)
    except ValueError:
        raise ConfigError(f"pattern {source!r}: '(' without ')'") from None


def _step(atom: str, lemma: Callable[[str], str]) -> Step:
    if atom == "~":
        return Step("gap")
    if atom.startswith('"'):
        return Step("word", lowers=frozenset({atom.strip('"').lower()}))
    if atom.startswith("<"):
        name = atom[1:-1]
        if name == "number":
            return Step("number")
        if name not in CLASSES:
            raise ConfigError(f"unknown word class <{name}> (known: {', '.join(sorted(CLASSES))}, "
                              "number)")
        return Step("class", name=name)
    return Step("word", lemmas=frozenset({lemma(atom.lower())}))
