"""``--format gitlab``: GitLab Code Quality report (a JSON array of issues).

Severities map to GitLab's scale (error: major, warning: minor, info: info); each issue's
fingerprint is the same rule-file-words hash the SARIF output uses, so it survives moved lines.
"""

from __future__ import annotations

import json

from checker.formatters import Report, fingerprint, relative_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report: Report) -> str:
    issues = [{
        "type": "issue",
        "check_name": f.code,
        "description": f"{f.code}: {f.message}",
        "categories": ["Style"] if f.category == "input" else ["Bug Risk"],
        "severity": SEVERITIES[f.severity],
        "fingerprint": fingerprint(f),
        "location": {"path": relative_path(f.path),
                     "positions": {"begin": {"line": f.line, "column": f.column},
                                   "end": {"line": f.end_line, "column": f.end_column}}},
    } for f in report.findings]
    return json.dumps(issues, indent=2, ensure_ascii=False)
