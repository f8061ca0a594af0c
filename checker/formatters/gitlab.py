"""``--format gitlab``: GitLab Code Quality report (a JSON array of issues).

Severities map to GitLab's scale (error: major, warning: minor, info: info); each issue's
fingerprint is the one the SARIF output uses (rule, file, words and which copy of them), so it
survives moved lines and two copies of the same words are two issues.
"""

from __future__ import annotations

from checker.formatters import Formatter, JsonArray, fingerprinted, relative_path
from checker.lint import FileResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitLab(Formatter):
    def start(self) -> None:
        self.issues = JsonArray(self.out, 0)

    def file(self, result: FileResult) -> None:
        for f, print_ in fingerprinted(result.findings):
            self.issues.add({
                "type": "issue",
                "check_name": f.code,
                "description": f"{f.code}: {f.message}",
                "categories": ["Style"] if f.category == "input" else ["Bug Risk"],
                "severity": SEVERITIES[f.severity],
                "fingerprint": print_,
                "location": {"path": relative_path(f.path),
                             "positions": {"begin": {"line": f.line, "column": f.column},
                                           "end": {"line": f.end_line,
                                                   "column": f.end_column}}},
            })

    def finish(self) -> None:
        self.issues.close()
        self.out.write("\n")


FORMAT = GitLab
