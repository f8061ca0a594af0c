"""Inline suppression comments, and IN010 for those that name nothing or silence nothing.

Markdown and HTML: ``<!-- claimlint: disable=OS101,UN -- reason -->``, ``enable``,
``disable-next-line`` and ``disable-line``. Plain text: the same directive on a line of its
own, written ``claimlint: disable=OS101 -- reason``. Without ``=codes`` a directive covers
every rule; codes match by prefix.

Like ruff's RUF100, a directive is itself reported (IN010) when one of its codes is no rule's
code or prefix, or when it switched off nothing in this run. "Nothing" is only judged for
codes the run checked: a directive for a rule that was not selected may be needed by a run
that selects it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass

from checker.models import Finding

UNUSED = "IN010"
# Lines end at LF, CRLF or a lone CR (as ``SourceText.position`` counts them), so a plain-text
# directive in a CRLF or CR file ends at its CR.
_DIRECTIVE = re.compile(
    r"(?:<!--[ \t]*)?claimlint:[ \t]*(disable-next-line|disable-line|disable|enable)"
    r"(?:[ \t]*=[ \t]*([A-Za-z0-9, \t]{1,200}?))?(?:[ \t]+--[ \t]*[^\r\n>]{0,500}?)?[ \t]*"
    r"(?:-->|(?=[\r\n])|\Z)")


@dataclass(frozen=True)
class Directive:
    action: str
    codes: tuple[str, ...]  # empty: all rules
    line: int
    start: int = 0  # offsets of the whole comment (or plain-text directive)
    end: int = 0


def directives(text: str, line_of: Callable[[int], int]) -> list[Directive]:
    if "claimlint:" not in text:  # the usual case, found by a fast substring scan; the
        return []  # pattern opens with an optional group, so it is tried at every character
    result = []
    for match in _DIRECTIVE.finditer(text):
        codes = tuple(c.strip().upper() for c in (match.group(2) or "").split(",") if c.strip())
        result.append(Directive(match.group(1), codes, line_of(match.start()), match.start(),
                                match.end()))
    return result


def unsuppressed(findings: list[Finding], found: list[Directive]) -> list[Finding]:
    """The findings no directive switches off, in their order."""
    return _sweep(findings, found)[0]


def _sweep(findings: list[Finding], found: list[Directive]
           ) -> tuple[list[Finding], dict[Directive, set[str]]]:
    """The findings no directive switches off, and for each directive the codes it switched
    off. One sweep per rule code over the directives (which come in line order), so a long
    file with many directives stays linear."""
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_code[finding.code].append(finding)
    off: set[int] = set()  # ids of suppressed findings
    used: dict[Directive, set[str]] = defaultdict(set)
    for code, group in by_code.items():
        relevant = [d for d in found if _covers(d.codes, code)]
        next_lines = _by_line(d for d in relevant if d.action == "disable-next-line")
        same_lines = _by_line(d for d in relevant if d.action == "disable-line")
        switches = [d for d in relevant if d.action in ("disable", "enable")]
        active: Directive | None = None
        k = 0
        for finding in sorted(group, key=lambda f: f.line):
            while k < len(switches) and switches[k].line <= finding.line:
                active = switches[k] if switches[k].action == "disable" else None
                k += 1
            hits = [*([active] if active else []), *next_lines.get(finding.line - 1, ()),
                    *same_lines.get(finding.line, ())]
            if hits:
                off.add(id(finding))
                for directive in hits:
                    used[directive].add(code)
    return [f for f in findings if id(f) not in off], used


def _by_line(found) -> dict[int, list[Directive]]:
    lines: dict[int, list[Directive]] = defaultdict(list)
    for directive in found:
        lines[directive.line].append(directive)
    return lines


def _covers(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code.startswith(prefix) for prefix in codes)


@dataclass(frozen=True)
class Judged:
    """What is wrong with one directive: a message, and where the directive stands."""

    directive: Directive
    message: str


def apply(findings: list[Finding], found: list[Directive], known: Collection[str],
          checked: Collection[str]) -> tuple[list[Finding], list[Judged]]:
    """The findings the directives leave, and the directives to report as IN010.

    ``known`` holds every rule code there is, ``checked`` the codes this run checked in full
    (selected, and able to fire). Directives that name IN010 itself are never judged unused,
    or silencing IN010 would be impossible.
    """
    kept, used = _sweep(findings, found)
    judged = []
    for directive in found:
        unknown = [code for code in directive.codes if not any(k.startswith(code) for k in known)]
        if unknown:
            judged.append(Judged(directive, f"suppression names no rule: "
                                            f"{', '.join(unknown)}"))
            continue
        if directive.action == "enable" or any(UNUSED.startswith(c) for c in directive.codes):
            continue
        judged_codes = [code for code in directive.codes
                        if any(c.startswith(code) for c in checked)]
        if not directive.codes and not used[directive]:
            judged.append(Judged(directive, f"unused suppression: '{directive.action}' "
                                            "switched no finding off"))
        elif unused := [code for code in judged_codes if not any(
                hit.startswith(code) for hit in used[directive])]:
            judged.append(Judged(directive, f"unused suppression: no {', '.join(unused)} "
                                            f"finding for '{directive.action}' to switch off"))
    return kept, judged
