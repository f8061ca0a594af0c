"""``--format json``: one stable, versioned object (documented in the README)."""

from __future__ import annotations

import json

from checker.formatters import Report

VERSION = 1


def render(report: Report) -> str:
    findings = [{
        "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "code": f.code, "category": f.category,
        "severity": f.severity, "message": f.message, "suggestion": f.suggestion,
        "text": f.text,
    } for f in report.findings]
    claims = [{
        "path": c.path, "line": c.line, "column": c.column, "end_line": c.end_line,
        "end_column": c.end_column, "text": c.text, "kind": c.kind,
        "certainty": c.certainty, "intervention": c.intervention, "effect": c.effect,
        "condition": c.condition, "citations": c.citations,
    } for c in report.claims]
    document = {"version": VERSION, "findings": findings, "claims": claims,
                "summary": report.summary()}
    return json.dumps(document, indent=2, ensure_ascii=False)
