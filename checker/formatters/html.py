"""``--format html``: one self-contained page a compliance team can read and share.

Summary tables per file and per rule come first; then each document (folded, so an archive
of hundreds of pages stays navigable) with its claims highlighted by certainty and its
findings underlined by severity; hovering or clicking a finding shows its message and the
suggested rewording. Every piece of document text and every message is HTML-escaped, and
the page loads nothing from anywhere.
"""

from __future__ import annotations

import itertools
import shutil
from html import escape

from checker.formatters import Formatter, Summary, spool
from checker.lint import FileResult
from checker.models import SEVERITY_RANK

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;
padding:.2rem .6rem;text-align:left}th{background:#f3f3f3}
.doc{white-space:pre-wrap;font:14px/1.6 ui-monospace,monospace;background:#fafafa;
padding:1rem;border:1px solid #ddd}
.claim-hedged{background:#e8f4ea}.claim-plain{background:#fff7d6}.claim-absolute{background:#fde2e1}
.finding{cursor:pointer;text-decoration:underline wavy;text-underline-offset:3px}
.f-error{text-decoration-color:#c62828}.f-warning{text-decoration-color:#ef6c00}
.f-info{text-decoration-color:#1565c0}
.legend span{padding:0 .4rem;margin-right:.6rem}
#detail{position:sticky;bottom:0;background:#fff;border-top:2px solid #444;padding:.5rem;
min-height:2rem}
summary{cursor:pointer;font-weight:600}
"""
SCRIPT = """
document.addEventListener('click', function (event) {
  var target = event.target.closest('.finding');
  if (!target) { return; }
  document.getElementById('detail').textContent = target.getAttribute('title');
});
"""


class Html(Formatter):
    """The summary tables come first but need every file: documents are rendered as they
    come into a temporary file (the first one held back: it opens when it is the only one)
    and copied in after the tables."""

    needs_text = True

    def start(self) -> None:
        self.rows: list[str] = []
        self.documents = spool()
        self.first: FileResult | None = None

    def file(self, result: FileResult) -> None:
        self.rows.append(_row(result))
        if len(self.rows) == 1:
            self.first = result
            return
        if self.first is not None:
            self.documents.write("\n" + _document(self.first, False))
            self.first = None
        self.documents.write("\n" + _document(result, False))

    def finish(self) -> None:
        if self.first is not None:
            self.documents.write("\n" + _document(self.first, True))
        self.out.write("\n".join([
            "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
            "<title>claimlint report</title>", f"<style>{STYLE}</style></head><body>",
            "<h1>claimlint report</h1>", _summary(self.rows), _by_rule(self.summary),
            '<p class=legend>Claims: <span class=claim-hedged>hedged</span>'
            '<span class=claim-plain>plain</span><span class=claim-absolute>absolute</span>'
            ' Findings are underlined (red error, orange warning, blue info); hover or click'
            ' one for its message.</p>']))
        self.documents.seek(0)
        shutil.copyfileobj(self.documents, self.out)
        self.documents.close()
        self.out.write("\n<div id=detail>Click a finding to read it here.</div>\n"
                       f"<script>{SCRIPT}</script></body></html>\n")


FORMAT = Html


def _row(result: FileResult) -> str:
    counts = {severity: 0 for severity in SEVERITY_RANK}
    for finding in result.findings:
        counts[finding.severity] += 1
    return (f"<tr><td><a href='#{_anchor(result.path)}'>{escape(result.path)}</a></td>"
            f"<td>{len(result.claims)}</td><td>{counts['error']}</td>"
            f"<td>{counts['warning']}</td><td>{counts['info']}</td></tr>")


def _summary(rows: list[str]) -> str:
    return ("<h2>Files</h2><table><tr><th>file</th><th>claims</th><th>errors</th>"
            "<th>warnings</th><th>info</th></tr>" + "".join(rows) + "</table>")


def _by_rule(summary: Summary) -> str:
    rows = "".join(f"<tr><td>{escape(code)}</td><td>{count}</td></tr>"
                   for code, count in sorted(summary.by_code.items(),
                                              key=lambda item: (-item[1], item[0])))
    return f"<h2>Rules</h2><table><tr><th>rule</th><th>findings</th></tr>{rows}</table>"


def _document(result, opened: bool) -> str:
    return (f"<details id='{_anchor(result.path)}'{' open' if opened else ''}>"
            f"<summary>{escape(result.path)} ({len(result.findings)} findings)</summary>"
            f"<div class=doc>{_marked_text(result)}</div>{_references(result)}</details>")


def _references(result) -> str:
    """What verification found for each cited work."""
    if not result.references:
        return "<p>This document cites no study.</p>"
    rows = "".join(
        f"<tr><td>{escape(ref.name)}</td><td class=status>{escape(ref.status)}</td><td>"
        + (f"<a href='{escape(ref.url, quote=True)}'>record</a>" if ref.url else "")
        + "</td></tr>" for ref in result.references)
    return ("<h3>References</h3><table><tr><th>cited</th><th>verification</th><th></th></tr>"
            f"{rows}</table>")


def _marked_text(result) -> str:
    """The document's text cut at every claim and finding boundary; each piece wrapped in the
    claim and finding classes that cover it."""
    text = result.text
    findings = [f for f in result.findings if f.end > f.start]
    cuts = sorted({0, len(text), *(c.start for c in result.claims), *(c.end for c in result.claims),
                   *(f.start for f in findings), *(f.end for f in findings)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        claim = next((c for c in result.claims if c.start <= start and end <= c.end), None)
        covering = [f for f in findings if f.start <= start and end <= f.end]
        piece = escape(text[start:end])
        if covering:
            worst = max(covering, key=lambda f: SEVERITY_RANK[f.severity]).severity
            note = "\n".join(f"{f.code} [{f.severity}] {f.message}"
                             + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
                             for f in covering)
            piece = (f"<span class='finding f-{worst}' title='{escape(note, quote=True)}'>"
                     f"{piece}</span>")
        if claim is not None:
            piece = f"<span class=claim-{claim.certainty}>{piece}</span>"
        pieces.append(piece)
    return "".join(pieces)


def _anchor(path: str) -> str:
    return "doc-" + "".join(ch if ch.isalnum() else "-" for ch in path)
