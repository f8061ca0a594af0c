"""Inline suppression comments.

Markdown and HTML: ``<!-- claimlint: disable=OS101,UN -- reason -->``, ``enable``,
``disable-next-line`` and ``disable-line``. Plain text: the same directive on a line of its
own, written ``claimlint: disable=OS101 -- reason``. Without ``=codes`` a directive covers
every rule; codes match by prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.models import Finding

_DIRECTIVE = re.compile(
    r"claimlint:[ \t]*(disable-next-line|disable-line|disable|enable)"
    r"(?:[ \t]*=[ \t]*([A-Za-z0-9, \t]{1,200}?))?(?:[ \t]+--[ \t]*[^\n>]{0,500}?)?[ \t]*(?:-->|$)",
    re.MULTILINE)


@dataclass(frozen=True)
class Directive:
    action: str
    codes: tuple[str, ...]  # empty: all rules
    line: int


def directives(text: str, line_of) -> list[Directive]:
    result = []
    for match in _DIRECTIVE.finditer(text):
        codes = tuple(c.strip().upper() for c in (match.group(2) or "").split(",") if c.strip())
        result.append(Directive(match.group(1), codes, line_of(match.start())))
    return result


def suppressed(finding: Finding, found: list[Directive]) -> bool:
    """Whether the directives before a finding switch its rule off at its line."""
    active = False
    for directive in found:
        if not _covers(directive.codes, finding.code):
            continue
        if directive.action == "disable-next-line" and directive.line + 1 == finding.line:
            return True
        if directive.action == "disable-line" and directive.line == finding.line:
            return True
        if directive.line < finding.line or (directive.line == finding.line and
                                             directive.action in ("disable", "enable")):
            if directive.action == "disable":
                active = True
            elif directive.action == "enable":
                active = False
    return active


def _covers(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code.startswith(prefix) for prefix in codes)
