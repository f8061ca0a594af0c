"""Word lists the pipeline reads: packaged data files plus a team's additions from config."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

LEXICON_FILES = ("interventions", "intervention_heads", "conditions", "condition_heads",
                 "body_functions", "body_parts", "condition_suffixes", "rivals",
                 "effects", "effect_nouns", "hedges", "negators", "distancing", "strength_cues")


def read_table(text: str) -> list[list[str]]:
    """Rows of a lexicon file: ``#`` comments and blank lines dropped; columns split on 2+ spaces.

    A single space belongs to the term ("back pain"), two or more separate columns.
    """
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(_COLUMNS.split(line))
    return rows


_COLUMNS = re.compile(r"\s{2,}|\t")


def _generated(name: str) -> tuple[str, ...]:
    """A generated list (one term per line, already tokenized; see ``scripts/``)."""
    return tuple(line for line in packaged(name).splitlines() if line and line[0] != "#")


def packaged(name: str) -> str:
    return resources.files("checker.data.lexicons").joinpath(f"{name}.txt").read_text("utf-8")


@dataclass(frozen=True)
class Lexicon:
    interventions: tuple[str, ...]
    intervention_heads: frozenset[str]
    conditions: tuple[str, ...]
    tokenized_conditions: tuple[str, ...]  # generated, tokens already split by spaces
    condition_heads: frozenset[str]
    body_functions: tuple[str, ...]
    body_parts: frozenset[str]
    rivals: tuple[str, ...]
    condition_suffixes: tuple[str, ...]
    effects: dict[str, str]  # lemma phrase -> strength
    effect_nouns: frozenset[str]
    hedges: dict[str, str]  # lowercase phrase -> strength
    strength_cues: dict[str, str]  # lemma phrase -> correlational | absolute
    negators: frozenset[str]
    distancing: frozenset[str]
    effect_words: frozenset[str]  # lemmas carrying an effect: verbs (first word) and nouns

    @classmethod
    def load(cls, extra: dict[str, list[str]] | None = None) -> Lexicon:
        """The packaged lexicons, each extended by ``extra[name]`` entries from config."""
        extra = extra or {}
        tables = {name: read_table(packaged(name)) + [read_table(item)[0] for item in
                                                      extra.get(name, []) if item.strip()]
                  for name in LEXICON_FILES}

        def words(name: str) -> list[str]:
            return [row[0].lower() for row in tables[name]]

        def pairs(name: str, default: str) -> dict[str, str]:
            return {row[0].lower(): (row[1] if len(row) > 1 else default)
                    for row in tables[name]}

        effects = pairs("effects", "plain")
        effect_nouns = frozenset(words("effect_nouns"))
        return cls(
            interventions=tuple(words("interventions")),
            intervention_heads=frozenset(words("intervention_heads")),
            conditions=tuple(words("conditions")),
            tokenized_conditions=_generated("conditions_hpo"),
            condition_heads=frozenset(words("condition_heads")),
            body_functions=tuple(words("body_functions")),
            body_parts=frozenset(words("body_parts")),
            rivals=tuple(words("rivals")),
            condition_suffixes=tuple(words("condition_suffixes")),
            effects=effects,
            effect_nouns=effect_nouns,
            hedges=pairs("hedges", "strong"),
            strength_cues=pairs("strength_cues", "correlational"),
            negators=frozenset(words("negators")),
            distancing=frozenset(words("distancing")),
            effect_words=frozenset(phrase.split()[0] for phrase in effects) | effect_nouns,
        )
