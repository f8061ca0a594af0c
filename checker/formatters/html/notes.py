"""What the report says about each finding: its numbered note, with the rule's name and the
regulations it enforces, and the names of rule families."""

from __future__ import annotations

from functools import cache
from html import escape

from checker.formatters.html.layout import family
from checker.models import Finding
from checker.rules import INPUT_RULES, builtin_rules
from checker.rules.base import regulations

FAMILIES = {"OS": "overstated", "UN": "unsupported", "RF": "references", "EV": "evidence",
            "IN": "input"}


@cache
def catalogue() -> dict[str, tuple[str, tuple[tuple[str, str], ...]]]:
    """Each known rule's name and the (name, url) of the regulations it enforces."""
    table = regulations()
    known = {code: (rule.name, tuple((table[key]["name"], table[key]["url"])
                                     for key in rule.regulations if key in table))
             for code, rule in builtin_rules().items()}
    known.update({code: (name, ()) for code, (name, _, _) in INPUT_RULES.items()})
    return known


def rule_name(code: str) -> str:
    return catalogue().get(code, ("custom rule", ()))[0]


def family_name(letters: str, category: str) -> str:
    """The family's name: the known ones by their letters, a new one by its category."""
    return FAMILIES.get(letters, category)


def note(finding: Finding, k: int, prefix: str, flagged: str) -> str:
    """Finding ``k``'s note: number (back to its mark), severity, code and rule name,
    the words ``flagged`` (as the reader sees them), message, suggested rewording,
    regulations and position."""
    name, laws = catalogue().get(finding.code, ("custom rule", ()))
    severity, letters = finding.severity, family(finding.code)
    back = (f"<a class=num href='#{prefix}r{k}' aria-label='finding {k}: back to the text'>{k}</a>"
            if finding.end > finding.start else f"<span class=num>{k}</span>")
    parts = [f"<li class='note s-{severity}' id='{prefix}n{k}' data-n={k} data-s={severity} "
             f"data-f='{escape(letters)}'>{back}",
             f"<p class=rule><span class='sev s-{severity}'>{severity}</span> "
             f"<b class=code>{escape(finding.code)}</b> <span class=name>{escape(name)}</span></p>"]
    if flagged.strip():
        parts.append(f"<p class=flagged><q>{escape(flagged, quote=False)}</q></p>")
    parts.append(f"<p class=msg>{escape(finding.message, quote=False)}</p>")
    if finding.suggestion:
        parts.append("<p class=sug><span class=label>Suggested rewording:</span> "
                     f"{escape(finding.suggestion, quote=False)}</p>")
    if laws:
        links = "; ".join(f"<a href='{escape(url)}' title='{escape(title)}'>{escape(_short(title))}"
                          "</a>" for title, url in laws)
        parts.append(f"<p class=law><span class=label>Regulation:</span> {links}</p>")
    if finding.line:
        parts.append(f"<p class=pos>line {finding.line}, column {finding.column}</p>")
    return "".join(parts) + "</li>"


def _short(title: str) -> str:
    """A regulation's name without its gloss: "UK CAP Code section 3" for the margin."""
    return title.split(":")[0].split(",")[0].strip()
