"""``--format text``: ``path:line:col: CODE [severity] message``, one finding per line.

Colour only when writing to a terminal (and never with ``--no-color`` or ``NO_COLOR``).
"""

from __future__ import annotations

from checker.formatters import Report

COLOURS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1"}


def render(report: Report, colour: bool, list_claims: bool) -> str:
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
    summary = report.summary()
    counts = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items() if n) or "no findings"
    lines.append(f"{summary['files']} file(s), {summary['claims']} claim(s): {counts}")
    return "\n".join(lines)
