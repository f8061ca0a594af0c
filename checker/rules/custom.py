"""Rules a team writes in config, without Python (the Vale model).

- ``existence``: flag the patterns wherever they are asserted in a claim;
- ``substitution``: the same, with ``replace`` as the compliant wording;
- ``conditional``: flag a claim matching the patterns only when it cites nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.errors import ConfigError
from checker.models import Claim
from checker.nlp.lemmas import lemma_of
from checker.nlp.patterns import compile_pattern
from checker.rules.base import Context, Problem, Rule
from checker.rules.phrases import Family, judged, phrase_check

KINDS = ("existence", "substitution", "conditional")
CATEGORIES = ("overstated", "unsupported")
SEVERITIES = ("error", "warning", "info")
# Word sequences all of a config's rules may expand to together, so that no config makes the
# matcher hold millions of them (the built-in rules need about 300).
MAX_SEQUENCES = 10_000
_CODE = re.compile(r"^[A-Z]{1,4}[0-9]{2,4}$")
_FIELDS = {"code", "name", "kind", "message", "severity", "category", "patterns", "replace",
           "unless",
           "hedgeable", "description"}


def custom_rules(tables: tuple[dict, ...], where: str, taken: set[str]
                 ) -> list[tuple[Rule, Family]]:
    """Each ``[[rules]]`` table of the config ``where`` as a rule and its phrase family; a
    broken or oversized pattern is an error naming the rule."""
    built: list[tuple[Rule, Family]] = []
    total = 0
    for index, data in enumerate(tables):
        place = f"{where}: rules[{index}]"
        rule, family = custom_rule(data, place, taken | {rule.code for rule, _ in built})
        try:
            total += sum(len(compile_pattern(pattern, lemma_of)) for pattern in family.patterns)
        except ConfigError as error:
            raise ConfigError(f"{place}: rule {rule.code}: {error}") from None
        if total > MAX_SEQUENCES:
            raise ConfigError(f"{place}: rule {rule.code}: the custom rules' patterns expand to "
                              f"more than {MAX_SEQUENCES:,} word sequences together")
        built.append((rule, family))
    return built


def custom_rule(data: dict, where: str, taken: set[str]) -> tuple[Rule, Family]:
    """Validate one ``[[rules]]`` table and build its rule and phrase family."""
    unknown = set(data) - _FIELDS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} in a rule "
                          f"(allowed: {', '.join(sorted(_FIELDS))})")
    code = _field(data, "code", where)
    if not _CODE.match(code):
        raise ConfigError(f"{where}: rule code {code!r} must be 1-4 capital letters and 2-4 "
                          "digits, like 'XC001'")
    if code in taken:
        raise ConfigError(f"{where}: rule code {code} is already used")
    kind = data.get("kind", "existence")
    for value, allowed, name in ((kind, KINDS, "kind"),
                                 (data.get("severity", "warning"), SEVERITIES, "severity"),
                                 (data.get("category", "overstated"), CATEGORIES, "category")):
        if value not in allowed:
            raise ConfigError(f"{where}: rule {code}: {name} must be one of {', '.join(allowed)}")
    patterns = data.get("patterns")
    if not patterns or not isinstance(patterns, list) or not all(
            isinstance(p, str) for p in patterns):
        raise ConfigError(f"{where}: rule {code}: 'patterns' must be a non-empty list of strings")
    if kind == "substitution" and not isinstance(data.get("replace"), str):
        raise ConfigError(f"{where}: rule {code}: a substitution rule needs 'replace'")
    message = _field(data, "message", where)
    unless = data.get("unless", [])
    if not isinstance(unless, list) or not all(isinstance(w, str) for w in unless):
        raise ConfigError(f"{where}: rule {code}: 'unless' must be a list of words")
    family = Family(name=code, hedgeable=bool(data.get("hedgeable", False)),
                    suggest=data.get("replace"), patterns=tuple(patterns),
                    suggestions=(None,) * len(patterns),
                    unless=(frozenset(lemma_of(w) for w in unless),) * len(patterns))
    check = _conditional(code, message) if kind == "conditional" else phrase_check(
        code, message.replace("{", "{{").replace("}", "}}").replace("{{text}}", "{text}"))
    rule = Rule(code=code, name=data.get("name", code.lower()),
                category=data.get("category", "overstated"),
                severity=data.get("severity", "warning"),
                summary=data.get("description", message), doc=data.get("description", message),
                regulations=(), check=check, family=code, fixable=kind == "substitution")
    return rule, family


def _field(data: dict, name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: every rule needs a non-empty string '{name}'")
    return value


def _conditional(family_name: str, message: str):
    def check(claim: Claim, context: Context) -> Iterator[Problem]:
        if claim.citations:
            return
        if next(judged(claim, context.families[family_name]), None):
            yield Problem(claim.start, claim.end, message)

    return check
