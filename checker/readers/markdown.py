"""Markdown: prose of headings, paragraphs, list items, table cells and blockquotes.

markdown-it-py finds the blocks (and so the code blocks, front matter and raw HTML to leave
out); inline syntax inside a block is masked in place, so positions stay exact. Raw HTML
blocks go through the HTML reader.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from checker.readers.html import read_html
from checker.readers.mdx import Region, code_regions
from checker.readers.prose import ProseBuilder
from checker.source import Block, Link, SourceText, line_starts

# Only the block structure is needed: inline syntax is masked in place by _InlineMasker.
_PARSER = (MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
           .disable("inline"))
_BLOCK_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?"
                           r"(?:#{1,6}(?:[ \t]+|$))?")
_SETEXT_RULE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$")
_ATX_CLOSE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$")
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}(\]\([^)\n]{0,2000}\))")
_LINK = re.compile(r"\[([^\]\n\[]{0,500}+)\]\(\s{0,10}+<?([^)\s>]{0,2000}+)>?"
                   r"(?:\s{1,10}+\"[^\"\n]{0,500}+\")?\s{0,10}+\)")  # possessive: no backtracking
_REF_LINK = re.compile(r"\[([^\]\n]{1,500})\]\[[^\]\n]{0,200}\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]{1,2000}|[^>\s@]{1,200}@[^>\s@]{1,200})>")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]{0,30})(?:\s[^<>\n]{0,1000})?/?>")
_EMPHASIS = re.compile(r"\*+|~~|(?<!\w)_+|_+(?!\w)")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PIPE = re.compile(r"(?<!\\)\|")
_SPECIAL = re.compile(r"[*_~`\[<&\\!]")

_LEAVES = {"inline", "fence", "code_block", "html_block", "hr", "front_matter"}  # read lines
_KIND_OF_OPEN = {"blockquote_open": "blockquote", "list_item_open": "list_item",
                 "th_open": "table_cell", "td_open": "table_cell"}


def read_markdown(path: str, text: str) -> SourceText:
    lines = line_starts(text)
    prose = ProseBuilder(text)
    masker = _InlineMasker(text, prose)
    blocks: list[Block] = []
    html_sources: list[tuple[int, SourceText]] = []
    tokens = _PARSER.parse(text)
    code = code_regions(text, lines) if path.lower().endswith(".mdx") else []
    code_starts = [region.start for region in code]
    for region in code:
        for start, end in region.props:
            prose.keep(start, end)
            blocks.append(Block(start, end, "metadata", meta="props"))
        for start, end in region.texts:
            prose.keep(start, end)
            masker.mask(start, end)
            blocks.append(Block(start, end, "paragraph"))
    for token, kind, level in _inline_blocks(tokens):
        if code and _in_code(lines[token.map[0]], code, code_starts):
            continue
        if token.type == "html_block":
            start, end = _span(lines, token.map, len(text))
            html_sources.append((start, read_html(path, text[start:end])))
            continue
        if token.type == "front_matter":
            for start, end, meta in _front_matter(text, lines, token):
                prose.keep(start, end)
                blocks.append(Block(start, end, "metadata", meta=meta))
            continue
        regions = list(_regions(text, lines, token, kind))
        seen = len(masker.alts)
        for start, end in regions:
            prose.keep(start, end)
            masker.mask(start, end)
        if regions:
            blocks += _split_at_images(Block(regions[0][0], regions[-1][1], kind, level),
                                       masker.alts[seen:], prose)
    for start, end in _skipped(text, lines, tokens):
        prose.keep(start, end)
        masker.mask(start, end)
        blocks.append(Block(start, end, "paragraph", 0))
    for offset, html in html_sources:
        _merge_html(offset, html, prose, blocks, masker)
    blocks.sort(key=lambda b: b.start)
    return SourceText(path=path, original=text, prose=prose.build(), blocks=blocks,
                      links=sorted(masker.links, key=lambda link: link.start),
                      superscripts=sorted(masker.superscripts), line_offsets=lines)


def _in_code(offset: int, code: list[Region], starts: list[int]) -> bool:
    """Whether a block starting at ``offset`` lies in an MDX code region."""
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset < code[k].end


def _inline_blocks(tokens: list[Token]) -> Iterator[tuple[Token, str, int]]:
    """Each inline token (and raw HTML block) with the kind of block that holds it."""
    stack: list[tuple[str, int]] = []
    for token in tokens:
        if token.type == "heading_open":
            stack.append(("heading", int(token.tag[1])))
        elif token.type in _KIND_OF_OPEN:
            depth = sum(1 for kind, _ in stack if kind == "list_item")
            stack.append((_KIND_OF_OPEN[token.type], depth))
        elif token.type == "paragraph_open":
            stack.append(stack[-1] if stack else ("paragraph", 0))
        elif token.nesting == -1 and (token.type in ("heading_close", "paragraph_close")
                                      or token.type.replace("_close", "_open") in _KIND_OF_OPEN):
            if stack:
                stack.pop()
        elif token.type == "inline" and token.map is not None:
            kind, level = stack[-1] if stack else ("paragraph", 0)
            yield token, kind, level
        elif token.type in ("html_block", "front_matter") and token.map is not None:
            yield token, "paragraph", 0


# Front matter keys whose values customers see (page titles, descriptions, social cards)
_FRONT_MATTER_KEYS = {"title": "title", "seo_title": "title", "headline": "title",
                      "description": "description", "excerpt": "description",
                      "summary": "description", "subtitle": "description",
                      "meta_description": "description", "tagline": "description",
                      "og_title": "social", "og_description": "social",
                      "twitter_title": "social", "twitter_description": "social"}
_FRONT_MATTER_LINE = re.compile(r"[ \t]{0,20}+([A-Za-z_:-]{1,40})[ \t]*:[ \t]*+(.*)")


def _front_matter(text: str, lines: list[int], token: Token) -> Iterator[tuple[int, int, str]]:
    """The values of front matter keys such as ``title:`` and ``description:`` (plain or
    quoted scalars on the key's line), with their metadata class."""
    first, last = token.map
    for k in range(first + 1, min(last, len(lines))):
        end = lines[k + 1] if k + 1 < len(lines) else len(text)
        line = text[lines[k]:end].rstrip("\r\n")
        match = _FRONT_MATTER_LINE.fullmatch(line)
        meta = match and _FRONT_MATTER_KEYS.get(match.group(1).lower().replace("-", "_")
                                                 .replace(":", "_"))
        value = match.group(2).rstrip() if meta else ""
        if not value or value[0] in "|>[{&*!#":
            continue
        start = lines[k] + match.start(2)
        if value[0] in "'\"" and len(value) > 1 and value[-1] == value[0]:
            yield start + 1, start + len(value) - 1, meta
        else:
            yield start, start + len(value), meta


def _split_at_images(block: Block, alts: list[tuple[int, int]],
                     prose: ProseBuilder) -> list[Block]:
    """A block with images: the alt texts become metadata blocks of their own, and the
    text around them the block's pieces, so no sentence runs into or out of an alt text."""
    if not alts:
        return [block]
    pieces, cursor = [], block.start
    for start, end in alts:
        if prose.original[cursor:start].strip():
            pieces.append(replace(block, start=cursor, end=start))
        pieces.append(Block(start, end, "metadata", meta="alt"))
        cursor = end
    if prose.original[cursor:block.end].strip():
        pieces.append(replace(block, start=cursor, end=block.end))
    return pieces


def _skipped(text: str, lines: list[int], tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """Lines markdown-it left unread: past its nesting limit it skips the rest of the
    container, which can be the rest of the file. Those lines are linted as plain paragraphs
    (rather than lost); on any other file there are none."""
    if max((token.level for token in tokens), default=0) < _PARSER.options["maxNesting"] - 1:
        return
    read = {line for token in tokens if token.map and token.type in _LEAVES
            for line in range(*token.map)}
    for number, line_start in enumerate(lines):
        line_end = lines[number + 1] if number + 1 < len(lines) else len(text)
        body = text[line_start:line_end]
        if number not in read and body.strip():
            start = line_start + len(body) - len(body.lstrip())
            yield start, line_start + len(body.rstrip())


def _span(lines: list[int], line_map: list[int], length: int) -> tuple[int, int]:
    first, last = line_map
    end = lines[last] if last < len(lines) else length
    return lines[first], end


def _regions(text: str, lines: list[int], token: Token, kind: str) -> Iterator[tuple[int, int]]:
    """The source spans of an inline token's content: block prefixes and rules left out."""
    start, end = _span(lines, token.map, len(text))
    if kind == "table_cell":
        yield from _cell(text, start, end, token.content)
        return
    first, last = token.map
    for k in range(first, min(last, len(lines))):
        line_start = lines[k]
        line = text[line_start:lines[k + 1] if k + 1 < len(lines) else len(text)].rstrip("\r\n")
        if k != first and _SETEXT_RULE.match(line):
            continue
        body_start = line_start + _BLOCK_PREFIX.match(line).end()
        closing = _ATX_CLOSE.search(line) if kind == "heading" else None
        body_end = line_start + (closing.start() if closing else len(line.rstrip()))
        if body_start < body_end:
            yield body_start, body_end


def _cell(text: str, row_start: int, row_end: int, content: str) -> Iterator[tuple[int, int]]:
    """The span of one table cell's content within its row (cells are found left to right)."""
    row = text[row_start:row_end]
    cursor = 0
    for pipe in _cell_ends(row):
        cell = row[cursor:pipe]
        if cell.strip() == content.strip() and content.strip():
            offset = row_start + cursor + len(cell) - len(cell.lstrip())
            yield offset, offset + len(cell.strip())
            return
        cursor = pipe + 1


@lru_cache(maxsize=64)
def _cell_ends(row: str) -> list[int]:
    """Where each cell of a table row ends (its pipes, then the row's end); a row's cells are
    looked up one by one, so the row is scanned once."""
    return [*(m.start() for m in _PIPE.finditer(row)), len(row)]


def _merge_html(offset: int, html: SourceText, prose: ProseBuilder, blocks: list[Block],
                masker: _InlineMasker) -> None:
    for block in html.blocks:
        blocks.append(replace(block, start=block.start + offset, end=block.end + offset))
    for index, char in enumerate(html.prose):
        if char.strip():
            prose.keep(offset + index, offset + index + 1)
            if char != html.original[index]:
                prose.put(offset + index, char)
    for link in html.links:
        masker.links.append(Link(link.start + offset, link.end + offset, link.url,
                                 link.text_start + offset, link.text_end + offset))
    masker.superscripts.extend((s + offset, e + offset) for s, e in html.superscripts)


class _InlineMasker:
    """Masks inline syntax inside kept regions; records links and superscripts on the way."""

    def __init__(self, text: str, prose: ProseBuilder) -> None:
        self.text = text
        self.prose = prose
        self.links: list[Link] = []
        self.superscripts: list[tuple[int, int]] = []
        self.alts: list[tuple[int, int]] = []  # image alt texts kept as metadata

    def mask(self, start: int, end: int) -> None:
        if not _SPECIAL.search(self.text, start, end):
            return  # most prose lines hold no inline syntax at all
        region = self.text[start:end]
        covered = self._code_spans(region, start) if "`" in region else []
        if "[" in region:  # each pattern only where its opening character occurs
            self._brackets(region, start, covered)
        if "<" in region:
            for match in _AUTOLINK.finditer(region):
                a, b = start + match.start(1), start + match.end(1)
                self._hide(start + match.start(), start + match.end(), covered)
                self.links.append(Link(a, b, match.group(1), a, a))
            self._tags(region, start, covered)
        for pattern, opener in ((_EMPHASIS, "*_~"), (_ESCAPE, "\\")):
            if any(char in region for char in opener):
                for match in pattern.finditer(region):
                    self._hide(start + match.start(), start + match.end(), covered)
        for match in _ENTITY.finditer(region) if "&" in region else ():
            a = start + match.start()
            self._hide(a, start + match.end(), covered)
            char = unescape(match.group())[:1]
            if char.strip():
                self.prose.put(a, char)

    def _brackets(self, region: str, start: int, covered: list[tuple[int, int]]) -> None:
        """Images, inline links and reference links."""
        for match in _IMAGE.finditer(region):
            alt_start, alt_end = start + match.start() + 2, start + match.start(1)
            alt = self.text[alt_start:alt_end]
            if alt.strip() and not any(a <= start + match.start() < b for a, b in covered):
                self._hide(start + match.start(), alt_start, covered)
                self._hide(alt_end, start + match.end(), covered)
                self.alts.append((alt_start + len(alt) - len(alt.lstrip()),
                                  alt_start + len(alt.rstrip())))
            else:
                self._hide(start + match.start(), start + match.end(), covered)
            covered.append((start + match.start(), start + match.end()))
        for match in _LINK.finditer(region):
            self._link(start, match, covered)
        for match in _REF_LINK.finditer(region):
            self._hide(start + match.end(1), start + match.end(), covered)
            self._hide(start + match.start(), start + match.start(1), covered)

    def _hide(self, start: int, end: int, covered: list[tuple[int, int]]) -> None:
        if not any(a <= start < b for a, b in covered):
            self.prose.mask(start, end)

    def _link(self, base: int, match: re.Match[str], covered: list[tuple[int, int]]) -> None:
        if any(a <= base + match.start() < b for a, b in covered):
            return
        self.prose.mask(base + match.start(), base + match.start(1))
        self.prose.mask(base + match.end(1), base + match.end())
        self.links.append(Link(base + match.start(2), base + match.end(2), match.group(2),
                               base + match.start(1), base + match.end(1)))

    def _tags(self, region: str, base: int, covered: list[tuple[int, int]]) -> None:
        comment = region.find("<!--")
        while comment != -1:
            close = region.find("-->", comment + 4)
            stop = len(region) if close == -1 else close + 3
            self._hide(base + comment, base + stop, covered)
            covered.append((base + comment, base + stop))
            comment = region.find("<!--", stop)
        sup_start = None
        for match in _TAG.finditer(region):
            self._hide(base + match.start(), base + match.end(), covered)
            if match.group(1).lower() == "sup":
                if match.group().startswith("</") and sup_start is not None:
                    self.superscripts.append((sup_start, base + match.start()))
                    sup_start = None
                else:
                    sup_start = base + match.end()

    def _code_spans(self, region: str, base: int) -> list[tuple[int, int]]:
        """Mask `code` spans (linear scan over backtick runs) and return their extents."""
        runs = [(m.start(), m.end()) for m in re.finditer(r"`+", region)]
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(runs):
            width = runs[i][1] - runs[i][0]
            closer = next((j for j in range(i + 1, len(runs))
                           if runs[j][1] - runs[j][0] == width), None)
            if closer is None:
                i += 1
                continue
            spans.append((base + runs[i][0], base + runs[closer][1]))
            self.prose.mask(*spans[-1])
            i = closer + 1
        return spans
