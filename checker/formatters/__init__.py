"""Output formats, one module each; every one renders the same ``Report``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from checker.lint import FileResult


@dataclass
class Report:
    results: list[FileResult] = field(default_factory=list)

    @property
    def findings(self):
        return [f for result in self.results for f in result.findings]

    @property
    def claims(self):
        return [c for result in self.results for c in result.claims]

    def summary(self) -> dict:
        by_severity = {"error": 0, "warning": 0, "info": 0}
        by_code: dict[str, int] = {}
        for finding in self.findings:
            by_severity[finding.severity] += 1
            by_code[finding.code] = by_code.get(finding.code, 0) + 1
        return {"files": len(self.results), "claims": len(self.claims),
                "findings": len(self.findings), "by_severity": by_severity,
                "by_code": dict(sorted(by_code.items()))}


def fingerprint(finding) -> str:
    """Rule, file and flagged words: stable when unrelated lines move."""
    key = f"{finding.code}\0{relative_path(finding.path)}\0{finding.text.casefold()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def relative_path(path: str) -> str:
    """A repository-relative POSIX URI for the file (stdin is reported as ``stdin``)."""
    if path == "-":
        return "stdin"
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
