"""One document of the report: a header that is always on the page, and the rendered copy
(metadata and prose with marks, notes, references) inside a ``<template>`` that the page's
script moves into place when the reader opens the document or scrolls near it, so an archive
of hundreds of pages loads as fast as its headers.
"""

from __future__ import annotations

from html import escape

from checker.formatters.html.layout import PLURAL, flagged, lay_out
from checker.formatters.html.notes import note
from checker.lint import FileResult
from checker.readers.plain import read_plain


def document(result: FileResult, index: int, counts: dict[str, int]) -> str:
    """The document's section: ``counts`` are its findings by severity."""
    prefix = f"d{index}-"
    total = sum(counts.values())
    badges = "".join(f"<span class='sev s-{severity}'>{count} {PLURAL[severity]}</span> "
                     for severity, count in counts.items() if count)
    head = (f"<section class=doc id=doc-{index} data-path='{escape(result.path)}' "
            f"aria-labelledby={prefix}h><h3 id={prefix}h>{escape(result.path)}</h3>"
            f"<p class=doc-counts>{total} finding{'' if total == 1 else 's'} "
            f"{badges}· {len(result.claims)} claim{'' if len(result.claims) == 1 else 's'}"
            "</p><div class=body></div>")
    return f"{head}<template>{_body(result, prefix)}</template></section>"


def _body(result: FileResult, prefix: str) -> str:
    text, prose, blocks = result.text, result.prose, result.blocks
    if text and not blocks:  # a result built without its reader's layout: read it as text
        source = read_plain(result.path, text)
        prose, blocks = source.prose, source.blocks
    layout = lay_out(text, prose, blocks, result.claims, result.findings, prefix)

    def notes(indices: list[int]) -> str:
        if not indices:
            return "<div class=notes></div>"
        found = [(i, result.findings[i]) for i in indices]
        return "<ol class=notes>" + "".join(
            note(f, i + 1, prefix, flagged(text, prose, f.start, f.end)) for i, f in found
        ) + "</ol>"

    parts = []
    if layout.loose:
        parts.append("<div class=row><div class=copy><p class=aside>Findings about the "
                     "file as a whole, or in text the report does not show:</p></div>"
                     f"{notes(layout.loose)}</div>")
    for unit in layout.units:
        if unit.html or unit.notes:
            parts.append(f"<div class=row><div class=copy>{unit.html}</div>"
                         f"{notes(unit.notes)}</div>")
    if not layout.units and not text:
        parts.append("<p class=aside>The text of this file is not part of the report.</p>")
    parts.append(_references(result))
    return "".join(parts)


def _references(result: FileResult) -> str:
    """What verification found for each cited work."""
    if not result.references:
        return "<p class=aside>This document cites no study.</p>"
    rows = "".join(
        f"<tr><td>{escape(ref.name)}</td><td class=status>{escape(ref.status)}</td><td>"
        + (f"<span class='strength {escape(ref.strength)}'>{escape(ref.strength)}</span>: "
           f"&ldquo;{escape(ref.conclusion or '')}&rdquo;" if ref.strength else "")
        + "</td><td>"
        + (f"<a href='{escape(ref.url)}'>record</a>" if _web(ref.url) else "")
        + "</td></tr>" for ref in result.references)
    return ("<div class=refs><h4>References</h4><table><thead><tr><th scope=col>cited</th>"
            "<th scope=col>verification</th><th scope=col>strongest conclusion</th>"
            "<th scope=col>link</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


def _web(url: str | None) -> bool:
    return bool(url) and url.startswith(("https://", "http://"))
