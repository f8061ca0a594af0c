"""The top of the report: when and what, totals, charts by rule family and by file, the
tables that link to the findings, and the controls that filter them.

``Tally`` is all the report keeps of the files it has written: a row per file and a few
counters, never a file's text or findings.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from checker import __version__
from checker.formatters.html.layout import PLURAL, SEVERITIES, STRENGTHS, family
from checker.formatters.html.notes import family_name, rule_name
from checker.lint import FileResult

TOP_FILES = 12  # bars in the chart by file; the table lists every file
STRENGTH_MEANING = {
    "absolute": "absolute (certain or total)", "causal": "causal (X does Y)",
    "conditional": "conditional (may, can, for some)",
    "correlational": "correlational (linked with)", "none": "no effect stated",
}


@dataclass
class FileRow:
    index: int
    path: str
    claims: int
    counts: dict[str, int]  # findings by severity

    @property
    def findings(self) -> int:
        return sum(self.counts.values())


@dataclass
class Tally:
    files: list[FileRow] = field(default_factory=list)
    families: Counter[tuple[str, str]] = field(default_factory=Counter)  # (family, severity)
    family_names: dict[str, str] = field(default_factory=dict)
    codes: Counter[str] = field(default_factory=Counter)
    code_severity: dict[str, str] = field(default_factory=dict)  # the worst seen
    strengths: set[str] = field(default_factory=set)

    def add(self, result: FileResult) -> FileRow:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in result.findings:
            letters = family(finding.code)
            counts[finding.severity] += 1
            self.families[letters, finding.severity] += 1
            self.family_names.setdefault(letters, family_name(letters, finding.category))
            self.codes[finding.code] += 1
            seen = self.code_severity.get(finding.code, "info")
            if SEVERITIES.index(finding.severity) <= SEVERITIES.index(seen):
                self.code_severity[finding.code] = finding.severity
        self.strengths.update(claim.strength for claim in result.claims)
        row = FileRow(len(self.files) + 1, result.path, len(result.claims), counts)
        self.files.append(row)
        return row


def header(tally: Tally) -> str:
    rows = tally.files
    claims = sum(row.claims for row in rows)
    by_severity = {s: sum(row.counts[s] for row in rows) for s in SEVERITIES}
    findings = sum(by_severity.values())
    totals = [("files", len(rows), "files"), ("claims", claims, "claims"),
              ("findings", findings, "findings"),
              *((s, by_severity[s], PLURAL[s]) for s in SEVERITIES)]
    items = "".join(f"<li class=total-{key}><span class=big>{count}</span> {label}</li>"
                    for key, count, label in totals)
    stamp = _now()
    return (f"<header class=top><h1>claimlint report</h1><p class=stamp>Generated "
            f"<time datetime='{stamp.isoformat()}'>{stamp:%Y-%m-%d %H:%M %Z}</time> by "
            f"claimlint {escape(__version__)}</p><ul class=totals>{items}</ul></header>")


def _now() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` where a build pins it (a reproducible report)."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "")
    if pinned.isdigit():
        return datetime.fromtimestamp(int(pinned), UTC)
    return datetime.now().astimezone()


def charts(tally: Tally) -> str:
    families = sorted(tally.family_names, key=lambda f: (-_family_total(tally, f), f))
    by_family = [(f"<button type=button class=link data-family='{escape(f)}'>{escape(f)} "
                  f"{escape(tally.family_names[f])}</button>",
                  {s: tally.families[f, s] for s in SEVERITIES}) for f in families]
    top = sorted((row for row in tally.files if row.findings),
                 key=lambda row: (-row.findings, row.index))[:TOP_FILES]
    by_file = [(f"<a href='#doc-{row.index}'>{escape(row.path)}</a>", row.counts) for row in top]
    more = sum(1 for row in tally.files if row.findings) - len(top)
    note = f"<p class=aside>{more} more files with findings are in the table below.</p>" \
        if more > 0 else ""
    if not by_family:
        return "<section class=charts><h2>Findings at a glance</h2><p>No findings.</p></section>"
    return ("<section class=charts aria-labelledby=charts-h><h2 id=charts-h>Findings at a "
            "glance</h2><div class=chart-pair>"
            f"{_chart('By rule family', by_family)}{_chart('By file', by_file, note)}</div>"
            f"{_severity_key()}</section>")


def _family_total(tally: Tally, letters: str) -> int:
    return sum(tally.families[letters, s] for s in SEVERITIES)


def _chart(title: str, bars: list[tuple[str, dict[str, int]]], after: str = "") -> str:
    """Horizontal bars stacked by severity, as a table: screen readers read the numbers."""
    longest = max((sum(counts.values()) for _, counts in bars), default=0) or 1
    rows = []
    for label, counts in bars:
        total = sum(counts.values())
        segments = "".join(
            f"<span class='seg s-{s}' style='width:{100 * counts[s] / total:.2f}%'></span>"
            for s in SEVERITIES if counts[s])
        rows.append(f"<tr><th scope=row>{label}</th><td class=track><span class=bar "
                    f"style='width:{100 * total / longest:.2f}%'>{segments}</span></td>"
                    f"<td class=num>{total}</td></tr>")
    return (f"<div class=chart><table><caption>{title}</caption><tbody>{''.join(rows)}"
            f"</tbody></table>{after}</div>")


def _severity_key() -> str:
    return ("<p class=key>Bars: " + " ".join(
        f"<span class=key-item><span class='swatch s-{s}'></span>{s}</span>" for s in SEVERITIES)
        + "</p>")


def tables(tally: Tally) -> str:
    files = "".join(
        f"<tr><td><a href='#doc-{row.index}'>{escape(row.path)}</a></td><td class=num>"
        f"{row.claims}</td>" + "".join(f"<td class=num>{row.counts[s]}</td>" for s in SEVERITIES)
        + f"<td class=num>{row.findings}</td></tr>" for row in tally.files)
    rules = "".join(
        f"<tr><td><button type=button class=link data-code='{escape(code)}'>{escape(code)}"
        f"</button></td><td>{escape(rule_name(code))}</td><td>{escape(family(code))}</td>"
        f"<td><span class='sev s-{tally.code_severity[code]}'>{tally.code_severity[code]}"
        f"</span></td><td class=num>{count}</td></tr>"
        for code, count in sorted(tally.codes.items(), key=lambda item: (-item[1], item[0])))
    heads = "".join(f"<th scope=col class=num>{PLURAL[s]}</th>" for s in SEVERITIES)
    return (
        "<section class=tables aria-labelledby=files-h><h2 id=files-h>Files</h2>"
        "<table class=files><thead><tr><th scope=col>file</th><th scope=col class=num>claims"
        f"</th>{heads}<th scope=col class=num>findings</th></tr></thead><tbody>{files}"
        "</tbody></table><h2>Rules</h2><p class=aside>Choose a rule to show only its "
        "findings.</p><table class=rules><thead><tr><th scope=col>rule</th><th scope=col>"
        "name</th><th scope=col>family</th><th scope=col>severity</th><th scope=col "
        f"class=num>findings</th></tr></thead><tbody>{rules}</tbody></table></section>")


def controls(tally: Tally) -> str:
    """Filters by severity, family and file, and a search box: plain form controls, so a
    keyboard reaches each of them in order."""
    by_severity = Counter()
    for (_, severity), count in tally.families.items():
        by_severity[severity] += count
    severity_boxes = "".join(
        f"<label><input type=checkbox name=severity value={s} checked> {s} "
        f"({by_severity[s]})</label>" for s in SEVERITIES)
    family_boxes = "".join(
        f"<label><input type=checkbox name=family value='{escape(f)}' checked> {escape(f)} "
        f"{escape(name)} ({_family_total(tally, f)})</label>"
        for f, name in sorted(tally.family_names.items()))
    files = "".join(f"<option value=doc-{row.index}>{escape(row.path)}</option>"
                    for row in tally.files)
    return (
        "<form class=toolbar id=filters role=search aria-label='Filter findings'>"
        f"<fieldset><legend>Severity</legend>{severity_boxes}</fieldset>"
        f"<fieldset><legend>Rule family</legend>{family_boxes or 'none'}</fieldset>"
        "<div class=field><label for=file-filter>File</label><select id=file-filter>"
        f"<option value=''>All files</option>{files}</select></div>"
        "<div class=field><label for=search>Search findings</label><input type=search "
        "id=search placeholder='rule, words, message…' autocomplete=off></div>"
        "<button type=reset id=show-all>Show all</button>"
        "<p id=status role=status aria-live=polite></p></form>")


def legend(tally: Tally) -> str:
    """What the highlights mean: the claim strengths that occur, and the underlines."""
    shown = [s for s in STRENGTHS if s in tally.strengths]
    claims = " ".join(f"<span class='k-{s}'>{escape(STRENGTH_MEANING[s])}</span>" for s in shown)
    marks = " ".join(f"<span class='m s-{s}'>{s}</span>" for s in SEVERITIES)
    return (f"<p class=legend>Claims, by strength: {claims or 'none found'}. Findings are "
            f"underlined by severity: {marks}; each has a numbered note beside its "
            "paragraph.</p>")
