"""``--format gitlab``: GitLab Code Quality report (a JSON array of issues).

Severities map to GitLab's scale (error: major, warning: minor, info: info); each issue's
fingerprint is the same rule-file-words hash the SARIF output uses, so it survives moved lines.
"""

from __future__ import annotations

from checker.formatters import Formatter, JsonArray, fingerprint, relative_path
from checker.lint import FileResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitLab(Formatter):
    def start(self) -> None:
        self.issues = JsonArray(self.out, 0)

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self.issues.add({
                "type": "issue",
                "check_name": f.code,
                "description": f"{f.code}: {f.message}",
                "categories": ["Style"] if f.category == "input" else ["Bug Risk"],
                "severity": SEVERITIES[f.severity],
                "fingerprint": fingerprint(f),
                "location": {"path": relative_path(f.path),
                             "positions": {"begin": {"line": f.line, "column": f.column},
                                           "end": {"line": f.end_line,
                                                   "column": f.end_column}}},
            })

    def finish(self) -> None:
        self.issues.close()
        self.out.write("\n")


FORMAT = GitLab
