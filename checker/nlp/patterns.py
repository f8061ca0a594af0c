"""A small pattern language for phrase rules, compiled to spaCy ``Matcher`` patterns.

Rules are data, so their patterns must be writable by someone who has never seen spaCy:

- ``word``: any inflection of the word (``prove`` matches proved, proves, proven);
- ``"word"``: exactly this form (case-insensitive);
- ``a|b|c``: one of the alternatives; ``(wipe out|get rid of)`` groups multi-word ones;
- ``<condition>`` (a condition or body function), ``<intervention>``, ``<rival>`` (another
  treatment): a word from that lexicon; ``<number>``: a number;
- ``~``: up to three words in between (never across punctuation);
- ``?`` after an item: the item is optional;
- ``[`` ... ``]``: the words a finding highlights and a suggestion replaces (default: all).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.errors import ConfigError

GAP = {"IS_PUNCT": False, "IS_SPACE": False, "OP": "{0,3}"}
SPACE = {"IS_SPACE": True, "OP": "*"}  # masked markup leaves runs of spaces between words
CLASSES = {"condition", "intervention", "rival"}
_LEXEME = re.compile(r'\s*(\[|\]|~|\?|\(|\)|\||"[^"]*"|<[a-z]+>|[^\s\[\]~?()|"<>]+)')


@dataclass(frozen=True)
class CompiledPattern:
    """Matcher patterns for one phrase, and which pattern tokens are in focus."""

    patterns: list[list[dict]]
    focus: list[tuple[int, int]]  # per pattern: [first, last) pattern-token indexes in focus


def compile_pattern(source: str, lemma: Callable[[str], str]) -> CompiledPattern:
    """Compile ``source``; ``lemma`` normalises plain words the way the pipeline does."""
    items, (focus_start, focus_end) = _parse(source)
    choices = [_choices(item, lemma) for item in items]
    patterns, focus = [], []
    for combination in itertools.product(*choices):
        tokens: list[dict] = []
        first, last = 0, None
        for index, chosen in enumerate(combination):
            if index == focus_start:
                first = len(tokens)
            for token in chosen:
                if tokens:
                    tokens.append(dict(SPACE))
                tokens.append(token)
            if index == focus_end - 1:
                last = len(tokens)
        if all(token.get("OP") in ("?", "*", GAP["OP"]) for token in tokens):
            raise ConfigError(f"pattern {source!r} can match nothing at all")
        patterns.append(tokens)
        focus.append((first, len(tokens) if last is None else last))
    return CompiledPattern(patterns, focus)


def _choices(alternatives: list[tuple[str, ...]], lemma: Callable[[str], str]) -> list[tuple]:
    """The token sequences one item can match; single words of a kind merge into one ``IN``."""
    merged: dict[str, list[str]] = {}
    choices: list[tuple] = []
    for alternative in alternatives:
        tokens = tuple(_token(atom, lemma) for atom in alternative)
        attr = next(iter(tokens[0])) if len(tokens) == 1 else None
        if attr in ("LEMMA", "LOWER"):
            merged.setdefault(attr, []).append(tokens[0][attr])
        else:
            choices.append(tokens)
    choices[:0] = [({attr: {"IN": sorted(set(values))}},) for attr, values in merged.items()]
    if () in choices and len(choices) == 2:
        (only,) = next(choice for choice in choices if choice)
        return [({**only, "OP": "?"},)]
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


def _token(atom: str, lemma: Callable[[str], str]) -> dict:
    if atom == "~":
        return dict(GAP)
    if atom.startswith('"'):
        return {"LOWER": atom.strip('"').lower()}
    if atom.startswith("<"):
        name = atom[1:-1]
        if name == "number":
            return {"LIKE_NUM": True}
        if name not in CLASSES:
            raise ConfigError(f"unknown word class <{name}> (known: {', '.join(sorted(CLASSES))}, "
                              "number)")
        return {"_": {f"cl_{name}": True}}
    return {"LEMMA": lemma(atom.lower())}
