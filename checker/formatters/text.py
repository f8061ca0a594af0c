"""``--format text``: ``path:line:col: CODE [severity] message``, one finding per line.

Colour only when writing to a terminal (and never with ``--no-color`` or ``NO_COLOR``).
Whatever comes from the linted files or their config (paths, quoted words, suggestions,
claims, messages) is shown with its control characters escaped (``checker.terminal``).
``--statistics`` shows only rule codes (checked against a pattern) and built-in names.
"""

from __future__ import annotations

from typing import TextIO

from checker.formatters import Formatter
from checker.lint import FileResult
from checker.terminal import printable

COLOURS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1"}


class Text(Formatter):
    def __init__(self, out: TextIO, colour: bool = False, list_claims: bool = False,
                 quiet: bool = False) -> None:
        super().__init__(out)
        self.colour, self.list_claims, self.quiet = colour, list_claims, quiet

    def paint(self, text: str, style: str) -> str:
        return f"\033[{COLOURS[style]}m{text}\033[0m" if self.colour else text

    def file(self, result: FileResult) -> None:
        entries = [(f.start, 1, f) for f in result.findings]
        if self.list_claims:
            entries += [(c.start, 0, c) for c in result.claims]
        for _, order, item in sorted(entries, key=lambda e: (e[0], e[1])):
            if order == 0:
                citations = f" cites {', '.join(item.citations)}" if item.citations else ""
                self.out.write(self.paint(printable(
                    f"{item.path}:{item.line}:{item.column}: claim [{item.kind}, "
                    f"{item.certainty}]{citations}: {item.text}"), "dim") + "\n")
                continue
            where = self.paint(printable(f"{item.path}:{item.line}:{item.column}:"), "bold")
            self.out.write(f"{where} {item.code} "
                           f"{self.paint(f'[{item.severity}]', item.severity)} "
                           f"{printable(item.message)}\n")
            if item.suggestion:
                self.out.write(f"    suggestion: {printable(item.suggestion)}\n")

    def finish(self) -> None:
        if not self.quiet:
            summary = self.summary
            counts = ", ".join(f"{n} {s}" for s, n in summary.by_severity.items() if n)
            self.out.write(f"{summary.files} file(s), {summary.claims} claim(s): "
                           f"{counts or 'no findings'}\n")


FORMAT = Text


class Statistics(Formatter):
    """``--statistics``: how often each rule fired, most frequent first."""

    def finish(self) -> None:
        from checker.rules import INPUT_RULES, builtin_rules

        names = {code: rule.name for code, rule in builtin_rules().items()}
        names.update({code: name for code, (name, _, _) in INPUT_RULES.items()})
        counts = self.summary.by_code
        self.out.write("\n".join(f"{count:>6}  {code:<6} {names.get(code, '')}"
                                 for code, count in sorted(counts.items(),
                                                           key=lambda item: (-item[1], item[0])))
                       + "\n")
