"""One document of the report: a header that is always on the page, and the rendered copy
(metadata, prose with marks, notes, references) inside a ``<template>`` that the page's
script moves into place when the reader opens the document or scrolls near it, so an archive
of hundreds of pages loads as fast as its headers.
"""

from __future__ import annotations

import itertools
import re
from html import escape, unescape

from checker.formatters.html.layout import PLURAL, flagged, lay_out
from checker.formatters.html.notes import note
from checker.lint import FileResult
from checker.readers.plain import read_plain

# Front matter as the Markdown reader's plugin finds it, at the very start of the file.
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$",
                           re.DOTALL | re.MULTILINE)
_FIELD = re.compile(r"([A-Za-z0-9_-]{1,60})[ \t]*:[ \t]*(.*)")
# Bounded, possessive patterns: a page of unclosed tags costs linear time.
_TITLE = re.compile(r"<title\b[^<>]{0,200}+>(.{0,2000}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_META = re.compile(r"""<meta\b((?:[^<>"']|"[^"]{0,2000}+"|'[^']{0,2000}+'){0,4000}+)>""",
                   re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z:-]{1,30})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_HEAD_CHARS = 200_000  # where an HTML page's <title> and <meta> are looked for
_METAS = 50  # <meta> tags looked at, at most


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

    parts = [_metadata(text, prose)]
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
        + (f"<a href='{escape(ref.url)}'>record</a>" if _web(ref.url) else "")
        + "</td></tr>" for ref in result.references)
    return ("<div class=refs><h4>References</h4><table><thead><tr><th scope=col>cited</th>"
            "<th scope=col>verification</th><th scope=col>link</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


def _web(url: str | None) -> bool:
    return bool(url) and url.startswith(("https://", "http://"))


def _metadata(text: str, prose: str) -> str:
    """Front matter and an HTML page's title and description, shown apart from the copy.
    Only what the reader left out of the prose counts (so a plain-text file that starts
    with "---" has no front matter)."""
    fields = _front_matter(text, prose) + _head(text, prose)
    if not fields:
        return ""
    rows = "".join(f"<dt>{escape(key)}</dt><dd>{escape(value)}</dd>" for key, value in fields)
    return f"<div class=meta><h4>Page metadata</h4><dl>{rows}</dl></div>"


def _front_matter(text: str, prose: str) -> list[tuple[str, str]]:
    found = _FRONT_MATTER.match(text)
    if not found or prose[: found.end()].strip():
        return []
    fields: list[tuple[str, str]] = []
    for line in found.group(1).splitlines():
        field = _FIELD.fullmatch(line.rstrip())
        if field and not line[:1].isspace():
            fields.append((field.group(1), field.group(2).strip().strip("\"'")))
        elif fields and line.strip():  # a value continued on the next line
            key, value = fields[-1]
            fields[-1] = (key, f"{value} {line.strip()}".strip())
    return fields


def _head(text: str, prose: str) -> list[tuple[str, str]]:
    head = text[:_HEAD_CHARS]
    fields = []
    start = head.lower().find("<title")
    title = _TITLE.match(head, start) if start >= 0 else None
    if title and not prose[title.start():title.end()].strip():
        fields.append(("title", " ".join(unescape(title.group(1)).split())))
    for meta in itertools.islice(_META.finditer(head), _METAS):
        if prose[meta.start():meta.end()].strip():
            continue
        attributes = {m.group(1).lower(): unescape(next(g for g in m.groups()[1:] if g is not None))
                      for m in _ATTRIBUTE.finditer(meta.group(1))}
        name = (attributes.get("name") or attributes.get("property") or "").lower()
        if name in ("description", "og:description", "keywords") and "content" in attributes:
            fields.append((name, " ".join(attributes["content"].split())))
    return fields
