"""``--format json``: one stable, versioned object (documented in docs/output.md).

Findings are written as each file's result arrives; claims, which follow all the findings
in the document, wait in a temporary file, so memory stays flat however large the archive.
``merge`` joins the documents of runs over parts of an archive into the document of one run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from typing import TextIO

from checker.errors import ClaimlintError
from checker.formatters import Formatter, JsonArray, Summary, indented, spool
from checker.lint import FileResult
from checker.models import Claim, Finding

VERSION = 2  # 2 adds claims' "strength", "conditions" and "denied"; version 1's fields are kept


class Json(Formatter):
    def start(self) -> None:
        self.out.write(f'{{\n  "version": {VERSION},\n  "findings": ')
        self.findings = JsonArray(self.out, 1)
        self.spool = spool()
        self.claims = JsonArray(self.spool, 1)

    def file(self, result: FileResult) -> None:
        self.add(map(finding_entry, result.findings), map(claim_entry, result.claims))

    def add(self, findings: Iterable[dict], claims: Iterable[dict]) -> None:
        """Append entries to both arrays (one file's, or a whole partition's)."""
        for entry in findings:
            self.findings.add(entry)
        for entry in claims:
            self.claims.add(entry)

    def finish(self) -> None:
        self.findings.close()
        self.claims.close()
        self.out.write(',\n  "claims": ')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out)
        self.spool.close()
        self.out.write(f',\n  "summary": {indented(self.summary.as_dict(), "  ")}\n}}\n')


FORMAT = Json


def finding_entry(f: Finding) -> dict:
    return {"path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
            "end_column": f.end_column, "code": f.code, "category": f.category,
            "severity": f.severity, "message": f.message, "suggestion": f.suggestion,
            "text": f.text}


def claim_entry(c: Claim) -> dict:
    return {"path": c.path, "line": c.line, "column": c.column, "end_line": c.end_line,
            "end_column": c.end_column, "text": c.text, "kind": c.kind,
            "certainty": c.certainty, "strength": c.strength, "intervention": c.intervention,
            "effect": c.effect, "condition": c.condition, "conditions": c.conditions,
            "citations": c.citations, "denied": c.denied}


def merge(documents: Iterable[dict], out: TextIO) -> Summary:
    """Write the JSON documents of runs over consecutive parts of an archive (in order) as
    the one document a single run over the whole archive writes; one part in memory at a
    time."""
    writer = Json(out)
    writer.start()
    for document in documents:
        if document.get("version") != VERSION:
            raise ClaimlintError(f"cannot merge a version {document.get('version')!r} "
                                 f"document into version {VERSION}")
        writer.add(document["findings"], document["claims"])
        writer.summary.add_counts(document["summary"])
    writer.finish()
    return writer.summary
