"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning and other tools read it.

Paths are made relative to the current folder (the repository root in CI), percent-encoded
as URIs and anchored at ``%SRCROOT%``. Columns count Unicode code points, as claimlint's do
(SARIF's default, UTF-16 code units, would drift after an emoji). Each result carries a
fingerprint built from its rule, file, flagged words and which copy of them in the file it is,
so it keeps its identity when unrelated lines move and two copies stay two alerts. A finding
with a safe rewording (what ``--fix`` applies) carries it as a SARIF ``fix``.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from checker import __version__
from checker.formatters import Formatter, JsonArray, fingerprinted, relative_path
from checker.lint import FileResult
from checker.models import Finding
from checker.rules import INPUT_RULES, builtin_rules
from checker.rules.base import Edit, regulations

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
            "columnKind": "unicodeCodePoints",
            "results": [],
        }
        self.index = {rule["id"]: i for i, rule in enumerate(rules)}
        document = json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]},
                              indent=2, ensure_ascii=False)
        head, _, self.tail = document.rpartition('"results": []')
        self.out.write(head + '"results": ')
        self.results = JsonArray(self.out, 3)

    def file(self, result: FileResult) -> None:
        for finding, print_ in fingerprinted(result.findings):
            self.results.add(_result(finding, self.index, print_))

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


def _result(finding: Finding, index: dict[str, int], fingerprint: str) -> dict:
    location = {"uri": quote(relative_path(finding.path)), "uriBaseId": "%SRCROOT%"}
    region = {"startLine": finding.line, "startColumn": finding.column,
              "endLine": finding.end_line, "endColumn": finding.end_column}
    if finding.text:
        region["snippet"] = {"text": finding.text}
    result = {
        "ruleId": finding.code, "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {"claimlint/v1": fingerprint},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if isinstance(finding.fix, Edit) and (deleted := _deleted_region(finding, finding.fix)):
        result["fixes"] = [{
            "description": {"text": f"Remove '{finding.text}'" if not finding.fix.replacement
                            else f"Replace with '{finding.fix.replacement}'"},
            "artifactChanges": [{"artifactLocation": location, "replacements": [{
                "deletedRegion": deleted,
                "insertedContent": {"text": finding.fix.replacement}}]}]}]
    if finding.suggestion:
        result["properties"] = {"suggestion": finding.suggestion}
    return result


def _deleted_region(finding: Finding, edit: Edit) -> dict | None:
    """The edit's span in lines and columns. A safe edit is the flagged words widened by
    emphasis markers and a space on their own lines (``rules.phrases.deletion``), so its
    ends sit on the finding's lines, shifted by as many characters; an edit reaching further
    is left out rather than guessed."""
    widen_start, widen_end = finding.start - edit.start, edit.end - finding.end
    if not (0 <= widen_start <= MAX_WIDENING and 0 <= widen_end <= MAX_WIDENING) or (
            finding.column - widen_start < 1):
        return None
    return {"startLine": finding.line, "startColumn": finding.column - widen_start,
            "endLine": finding.end_line, "endColumn": finding.end_column + widen_end}


MAX_WIDENING = 3  # "**" and a space: what a safe deletion adds round the flagged words
