"""``--format text``: ``path:line:col: CODE [severity] message``, one finding per line.

Colour only when writing to a terminal (and never with ``--no-color`` or ``NO_COLOR``).
"""

from __future__ import annotations

from checker.formatters import Report

COLOURS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1"}


def statistics(report: Report) -> str:
    """``--statistics``: how often each rule fired, most frequent first."""
    from checker.rules import INPUT_RULES, builtin_rules

    names = {code: rule.name for code, rule in builtin_rules().items()}
    names.update({code: name for code, (name, _, _) in INPUT_RULES.items()})
    counts = report.summary()["by_code"]
    return "\n".join(f"{count:>6}  {code:<6} {names.get(code, '')}" for code, count in
                     sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def render(report: Report, colour: bool, list_claims: bool, quiet: bool = False) -> str:
    def paint(text: str, style: str) -> str:
        return f"\033[{COLOURS[style]}m{text}\033[0m" if colour else text

    lines = []
    for result in report.results:
        entries = [(f.start, 1, f) for f in result.findings]
        if list_claims:
            entries += [(c.start, 0, c) for c in result.claims]
        for _, order, item in sorted(entries, key=lambda e: (e[0], e[1])):
            if order == 0:
                citations = f" cites {', '.join(item.citations)}" if item.citations else ""
                lines.append(paint(f"{item.path}:{item.line}:{item.column}: claim "
                                   f"[{item.kind}, {item.certainty}]{citations}: {item.text}",
                                   "dim"))
                continue
            where = paint(f"{item.path}:{item.line}:{item.column}:", "bold")
            lines.append(f"{where} {item.code} {paint(f'[{item.severity}]', item.severity)} "
                         f"{item.message}")
            if item.suggestion:
                lines.append(f"    suggestion: {item.suggestion}")
    if not quiet:
        summary = report.summary()
        counts = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items() if n)
        lines.append(f"{summary['files']} file(s), {summary['claims']} claim(s): "
                     f"{counts or 'no findings'}")
    return "\n".join(lines)
