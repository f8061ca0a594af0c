"""Inline suppression comments.

Markdown and HTML: ``<!-- claimlint: disable=OS101,UN -- reason -->``, ``enable``,
``disable-next-line`` and ``disable-line``. Plain text: the same directive on a line of its
own, written ``claimlint: disable=OS101 -- reason``. Without ``=codes`` a directive covers
every rule; codes match by prefix.
"""

from __future__ import annotations

import re
from collections import defaultdict
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


def unsuppressed(findings: list[Finding], found: list[Directive]) -> list[Finding]:
    """The findings no directive switches off, in their order. One sweep per rule code over
    the directives (which come in line order), so a long file with many directives stays
    linear."""
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_code[finding.code].append(finding)
    off: set[int] = set()  # ids of suppressed findings
    for code, group in by_code.items():
        relevant = [d for d in found if _covers(d.codes, code)]
        next_lines = {d.line + 1 for d in relevant if d.action == "disable-next-line"}
        same_lines = {d.line for d in relevant if d.action == "disable-line"}
        switches = [d for d in relevant if d.action in ("disable", "enable")]
        active, k = False, 0
        for finding in sorted(group, key=lambda f: f.line):
            while k < len(switches) and switches[k].line <= finding.line:
                active = switches[k].action == "disable"
                k += 1
            if active or finding.line in next_lines or finding.line in same_lines:
                off.add(id(finding))
    return [f for f in findings if id(f) not in off]


def _covers(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code.startswith(prefix) for prefix in codes)
