"""Phrase families (rules as data) and the check every phrase rule shares.

A family file in ``checker/data/phrases`` lists the patterns of one kind of overstatement
and the compliant wording that replaces the words in focus. Teams add their own families in
config with the same fields.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from checker.models import Claim, Trigger
from checker.nlp.lemmas import lemma_of
from checker.rewording import reads_well, tidy
from checker.rules.base import Check, Context, Edit, Problem
from checker.rules.evidence import judged as evidence_judged


@dataclass(frozen=True)
class Family:
    """A phrase family. ``suggest`` replaces the words in focus ("" deletes them; None: no
    rewording is offered); a phrase's own ``suggest`` wins, ``False`` turning it off."""

    name: str
    hedgeable: bool
    suggest: str | None
    patterns: tuple[str, ...]
    suggestions: tuple[str | bool | None, ...]  # per pattern; None: the family's
    unless: tuple[frozenset[str], ...] = ()  # per pattern: words (lemmas) that excuse a match
    fixes: tuple[bool, ...] = ()  # per pattern: its deletion is safe to apply with --fix
    uncited: tuple[bool, ...] = ()  # per pattern: it counts only in a claim that cites nothing


def family_from_data(data: dict, where: str) -> Family:
    phrases = data.get("phrase", [])
    return Family(name=data["family"], hedgeable=bool(data.get("hedgeable", False)),
                  suggest=data.get("suggest"),
                  patterns=tuple(p["pattern"] for p in phrases),
                  suggestions=tuple(p.get("suggest") for p in phrases),
                  unless=tuple(frozenset(lemma_of(w) for w in p.get("unless", ()))
                               for p in phrases),
                  fixes=tuple(bool(p.get("fix", False)) for p in phrases),
                  uncited=tuple(bool(p.get("uncited", False)) for p in phrases))


@cache
def packaged_families() -> dict[str, Family]:
    folder = resources.files("checker.data.phrases")
    families = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            family = family_from_data(tomllib.loads(entry.read_text("utf-8")), entry.name)
            families[family.name] = family
    return families


def judged(claim: Claim, family: Family) -> Iterator[Trigger]:
    """The family's triggers in a claim that count: asserted (not negated, distanced or
    excused by the phrase's ``unless`` words), not hedged where that excuses, and for a
    phrase marked ``uncited`` ("studies show"), only when the claim cites nothing.

    Overlapping matches of one family are reported once, at the first.
    """
    last_end = -1
    for trigger in sorted(claim.triggers, key=lambda t: (t.focus_start, -t.focus_end)):
        if trigger.family != family.name or not trigger.asserted:
            continue
        if family.hedgeable and trigger.hedged:
            continue
        if claim.citations and trigger.frames:
            continue  # "studies show" with a study in reach
        if trigger.focus_start < last_end:
            continue
        last_end = trigger.focus_end
        yield trigger


def phrase_check(family_name: str, message: str) -> Check:
    """A check that flags each judged trigger of ``family_name`` with ``message``.

    ``message`` may use ``{text}``, the flagged words.
    """

    def check(claim: Claim, context: Context) -> Iterator[Problem]:
        family = context.families[family_name]
        for trigger in judged(claim, family):
            if trigger.frames and established(claim, context):
                continue  # "has been shown to" is fair of what the evidence does show
            text = claim_text(claim, trigger.focus_start, trigger.focus_end)
            safe = trigger.phrase < len(family.fixes) and family.fixes[trigger.phrase]
            replacement = wording(trigger, family)
            yield Problem(trigger.focus_start, trigger.focus_end, message.format(text=text),
                          fix=safe_deletion(claim, trigger) if safe else None,
                          rewrite=None if replacement is None else Edit(
                              trigger.focus_start, trigger.focus_end, replacement))

    return check


def established(claim: Claim, context: Context) -> bool:
    """The evidence map finds a benefit for every pair the claim names (accepted, or some
    benefit in systematic reviews): "has been shown to" is then fair, "proven" is not."""
    answers = evidence_judged(claim, context)
    return bool(answers) and all(a.finding.pair is not None and a.finding.pair.status
                                 in ("accepted", "some") for a in answers)


def deletion(claim: Claim, trigger: Trigger) -> Edit:
    """Delete the words in focus, any emphasis wrapped round exactly them, and one space."""
    text, base = claim.text, claim.start
    start, end = trigger.focus_start - base, trigger.focus_end - base
    for marker in ("**", "__", "*", "_"):
        if text[start - len(marker):start] == marker and text[end:end + len(marker)] == marker:
            start, end = start - len(marker), end + len(marker)
            break
    if text[end:end + 1] == " ":
        end += 1
    elif text[start - 1:start] == " ":
        start -= 1
    return Edit(base + start, base + end, "")


def safe_deletion(claim: Claim, trigger: Trigger) -> Edit | None:
    """The deletion, when the sentence still reads well without the words ("Our
    revolutionary formula" -> "Our formula"; not "This has been life-changing for me")."""
    edit = deletion(claim, trigger)
    after = (claim.text[:edit.start - claim.start] + claim.text[edit.end - claim.start:])
    return edit if reads_well(tidy(after), claim.text) else None


def claim_text(claim: Claim, start: int, end: int) -> str:
    return claim.text[start - claim.start : end - claim.start]


def wording(trigger: Trigger, family: Family) -> str | None:
    """What replaces the flagged words: the phrase's own wording, else the family's; None
    when neither offers one ("" deletes the words)."""
    suggestion = family.suggestions[trigger.phrase] if trigger.phrase < len(
        family.suggestions) else None
    replacement = family.suggest if suggestion is None else suggestion
    return None if replacement is None or replacement is False else replacement
