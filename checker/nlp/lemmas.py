"""English lookup lemmas, without importing spaCy.

The pipeline, the phrase patterns and the evidence map all compare words by lemma. The
table is spaCy's English lookup table (from ``spacy-lookups-data``) with our corrections;
reading it needs only ``json`` and ``gzip``, so commands that lint nothing (``rules``,
``evidence``) never pay for importing spaCy.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

import spacy_lookups_data

from checker import datacache
from checker.nlp.lexicon import packaged, read_table


@cache
def lemma_table() -> dict[str, str]:
    """spaCy's English lookup lemmas with our corrections, keyed by lowercase form (kept
    built in the start-up cache: ``datacache``)."""
    path = Path(spacy_lookups_data.en["lemma_lookup"])
    if not path.exists():
        path = path.with_suffix(path.suffix + ".gz")
    lookups = path.read_bytes()
    overrides = packaged("lemma_overrides")
    code = [Path(__file__).read_bytes(), Path(__file__).with_name("lexicon.py").read_bytes()]
    return datacache.cached("lemmas", (*code, path.name.encode(), lookups, overrides.encode()),
                            lambda: _built(path, lookups, overrides), dict, _checked)


def _built(path: Path, lookups: bytes, overrides: str) -> dict[str, str]:
    table = json.loads(gzip.decompress(lookups) if path.suffix == ".gz" else lookups)
    lemmas = {key.lower(): value.lower() for key, value in table.items() if key.islower()}
    lemmas.update({row[0]: row[1] for row in read_table(overrides)})
    return lemmas


def _checked(plain: object) -> dict[str, str]:
    table = datacache.table(plain)
    if not all(type(key) is str and type(value) is str for key, value in table.items()):
        raise datacache.Invalid("a lemma that is not a string")
    return table


@cache
def verb_lemmas() -> frozenset[str]:
    """Lemmas with an -ed or -ing form in the lookup table: verbs, as far as a table of
    forms can tell ("clean" has "cleaned"; "calcium" has none)."""
    return frozenset(lemma for form, lemma in lemma_table().items()
                     if form != lemma and form.endswith(("ed", "ing")))


def lemma_of(word: str) -> str:
    return lemma_table().get(word.lower(), word.lower())
