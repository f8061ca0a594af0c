"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning and other tools read it.

Paths are made relative to the current folder (the repository root in CI) and anchored at
``%SRCROOT%``; each result carries a fingerprint built from its rule, file and flagged words,
so it keeps its identity when unrelated lines move.
"""

from __future__ import annotations

import json
from pathlib import Path

from checker import __version__
from checker.formatters import Formatter, JsonArray, fingerprint, relative_path
from checker.lint import FileResult
from checker.rules import INPUT_RULES, builtin_rules
from checker.rules.base import regulations

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


class Sarif(Formatter):
    """One JSON document whose ``results`` (the last member of its one run) are written as
    they come."""

    def start(self) -> None:
        rules = _rules()
        run = {
            "tool": {"driver": {"name": "claimlint", "version": __version__, "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "results": [],
        }
        self.index = {rule["id"]: i for i, rule in enumerate(rules)}
        document = json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]},
                              indent=2, ensure_ascii=False)
        head, _, self.tail = document.rpartition('"results": []')
        self.out.write(head + '"results": ')
        self.results = JsonArray(self.out, 3)

    def file(self, result: FileResult) -> None:
        for finding in result.findings:
            self.results.add(_result(finding, self.index))

    def finish(self) -> None:
        self.results.close()
        self.out.write(self.tail + "\n")


FORMAT = Sarif


def _rules() -> list[dict]:
    described = []
    for rule in builtin_rules().values():
        cited = [regulations()[key] for key in rule.regulations]
        links = "\n".join(f"- [{r['name']}]({r['url']})" for r in cited)
        described.append({
            "id": rule.code, "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc.split("\n\n")[1] if "\n\n" in rule.doc
                                else rule.summary},
            "help": {"text": rule.doc, "markdown": f"{rule.doc}\n\nEnforces:\n{links}"},
            **({"helpUri": cited[0]["url"]} if cited else {}),
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"category": rule.category},
        })
    for code, (name, severity, summary) in INPUT_RULES.items():
        described.append({"id": code, "name": name, "shortDescription": {"text": summary},
                          "defaultConfiguration": {"level": LEVELS[severity]},
                          "properties": {"category": "input"}})
    return described


def _result(finding, index: dict[str, int]) -> dict:
    uri = relative_path(finding.path)
    region = {"startLine": finding.line, "startColumn": finding.column,
              "endLine": finding.end_line, "endColumn": finding.end_column}
    if finding.text:
        region["snippet"] = {"text": finding.text}
    result = {
        "ruleId": finding.code, "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}, "region": region}}],
        "partialFingerprints": {"claimlint/v1": fingerprint(finding)},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.suggestion:
        result["properties"] = {"suggestion": finding.suggestion}
    return result
