"""The rule catalogue as Markdown: ``docs/rules.md`` is this text (``claimlint rules
--markdown``), so the page cannot drift from the rules' own docstrings; a test compares them.
"""

from __future__ import annotations

from checker.rules import INPUT_RULES, builtin_rules
from checker.rules.base import Rule, regulations

FAMILIES = {
    "OS": "Overstated claims: the wording claims more than any evidence could support",
    "UN": "Unsupported claims: a claim that needs evidence and has none in reach",
    "EV": "Evidence: what the claim says, against the evidence map and PubMed's reviews",
    "RF": "References: the studies a page cites, checked against PubMed and Crossref",
    "IN": "Input: files that could not be linted as they are",
}
HEADER = """\
# Rules

Generated from the rule modules by `claimlint rules --markdown` (a test keeps this page and
the code in step). Each rule's `fail:` and `pass:` examples are run by the tests. Codes group
by family, like ruff's: `select = ["OS"]` turns on a family, `ignore = ["OS131"]` one rule,
and the longest matching prefix wins. Rules marked *opt-in* run only when selected by their
full code. Your own rules, without Python: [configuration](configuration.md#your-own-rules).
"""


def markdown() -> str:
    """The whole catalogue: a table of every rule, then each rule's documentation."""
    rules = list(builtin_rules().values())
    lines = [HEADER, "| code | name | category | severity | summary |", "|---|---|---|---|---|"]
    lines += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.category} | "
              f"{r.severity}{'' if r.default else ', opt-in'} | {_cell(r.summary)} |"
              for r in rules]
    lines += [f"| [{code}](#{code.lower()}) | {name} | input | {severity} | {_cell(summary)} |"
              for code, (name, severity, summary) in INPUT_RULES.items()]
    for prefix, title in FAMILIES.items():
        lines += ["", f"## {prefix}: {title}"]
        if prefix == "IN":
            lines += [part for code, (name, severity, summary) in INPUT_RULES.items()
                      for part in ("", f"### {code}", "", f"`{name}` ({severity}). {summary}")]
            continue
        lines += [part for rule in rules if rule.code.startswith(prefix)
                  for part in _section(rule)]
    return "\n".join(lines) + "\n"


def _section(rule: Rule) -> list[str]:
    table = regulations()
    enforces = [f"- [{table[key]['name']}]({table[key]['url']})" for key in rule.regulations]
    return ["", f"### {rule.code}", "",
            f"`{rule.name}` ({rule.category}, {rule.severity}"
            f"{'' if rule.default else ', opt-in'}{', fixable' if rule.fixable else ''})", "",
            _body(rule.doc), *(["", "Enforces:", "", *enforces] if enforces else [])]


def _body(doc: str) -> str:
    """The docstring with its indented examples as a code block (Markdown needs the blank
    line an indented block opens with)."""
    out: list[str] = []
    for line in doc.splitlines():
        example = line.startswith("    ")
        if example and out and out[-1].strip() and not out[-1].startswith("    "):
            out.append("")
        out.append(line.rstrip())
    return "\n".join(out)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
