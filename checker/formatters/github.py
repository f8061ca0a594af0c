"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Escaping follows the runner's rules: in the message ``%``, CR and LF are percent-encoded; in
property values ``:`` and ``,`` are too.
"""

from __future__ import annotations

from checker.formatters import Formatter
from checker.lint import FileResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GitHub(Formatter):
    def file(self, result: FileResult) -> None:
        for f in result.findings:
            properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in (
                ("file", f.path), ("line", f.line), ("col", f.column),
                ("endLine", f.end_line), ("endColumn", f.end_column),
                ("title", f"{f.code} ({f.category})")))
            message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
            self.out.write(f"::{COMMANDS[f.severity]} {properties}::{escape_data(message)}\n")

    def finish(self) -> None:
        if not self.summary.findings:
            self.out.write("\n")  # one empty line, as claimlint has always printed


FORMAT = GitHub
