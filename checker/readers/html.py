"""HTML: the visible text of a page, with block elements as sentence boundaries.

Uses the standard library's event-driven ``html.parser``: it tolerates broken markup, needs
no recursion however deep the nesting, and reports where each tag and text run starts, which
keeps every position exact. Entities are decoded in place: ``&amp;`` shows as ``&`` followed
by four masked characters.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser

from checker.readers.prose import ProseBuilder
from checker.source import Block, Link, SourceText

HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "svg", "math",
                    "iframe", "object", "code", "pre", "textarea", "select"})
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                  "source", "track", "wbr"})
BLOCK_KINDS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "li": "list_item", "dt": "list_item", "dd": "list_item",
    "td": "table_cell", "th": "table_cell",
    "blockquote": "blockquote",
    "figcaption": "caption", "caption": "caption",
}
BREAKS = frozenset({"p", "div", "section", "article", "header", "footer", "nav", "aside",
                    "main", "ul", "ol", "dl", "table", "tr", "thead", "tbody", "tfoot",
                    "form", "fieldset", "figure", "address", "details", "summary", "br", "hr",
                    "button", "label", "option", "body", "html", *BLOCK_KINDS})
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]{1,100})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# <meta name|property="..." content="..."> whose content customers see, by metadata class
META_CONTENT = {"description": "description", "og:title": "social",
                "og:description": "social", "twitter:title": "social",
                "twitter:description": "social"}
# String props of MDX/JSX components (<Hero subtitle="..."/>) that hold copy
PROP_NAMES = frozenset({"title", "subtitle", "description", "heading", "subheading",
                        "headline", "tagline", "caption", "summary", "text", "label", "blurb",
                        "quote", "excerpt", "alt"})
# html.parser counts lines by line feeds alone (a lone CR is not a line break to getpos()),
# so the offsets its positions are relative to must be counted the same way.
_LINE_FEED = re.compile(r"\n")


def read_html(path: str, text: str) -> SourceText:
    reader = _VisibleText(text)
    reader.feed(text)
    reader.close()
    reader.flush_block()
    return SourceText(path=path, original=text, prose=reader.prose.build(), blocks=reader.blocks,
                      links=reader.links, superscripts=reader.superscripts)


class _VisibleText(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0, *(m.end() for m in _LINE_FEED.finditer(text))]
        self.prose = ProseBuilder(text)
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.superscripts: list[tuple[int, int]] = []
        self.hidden_depth = 0
        self.stack: list[str] = []  # open block-kind elements, innermost last
        self.open = Counter[str]()  # how often each tag is on the stack: O(1) membership
        self.block_start: int | None = None
        self.block_end = 0
        self.open_link: tuple[int, int, str, int] | None = None
        self.open_sup: int | None = None
        self.open_title: int | None = None

    def _here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- tags ---------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        start = self._here()
        if tag in HIDDEN and tag not in VOID:
            self.hidden_depth += 1
        if tag in BREAKS:
            self.flush_block()
        if tag in BLOCK_KINDS:
            self.stack.append(tag)
            self.open[tag] += 1
        tag_end = start + len(self.get_starttag_text() or "")
        if tag == "a":
            self._open_link(start, tag_end)
        elif tag == "sup":
            self.open_sup = tag_end
        elif tag == "title":
            self.open_title = tag_end
        self._metadata(tag, start)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BREAKS:
            self.flush_block()
        self._metadata(tag, self._here())

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and tag not in VOID and self.hidden_depth:
            self.hidden_depth -= 1
        if tag in BREAKS:
            self.flush_block()
        if self.open[tag]:  # closes it and whatever was left open inside it
            while (inner := self.stack.pop()) != tag:
                self.open[inner] -= 1
            self.open[tag] -= 1
        if tag == "a" and self.open_link:
            url_start, url_end, url, text_start = self.open_link
            self.links.append(Link(url_start, url_end, url, text_start, self._here()))
            self.open_link = None
        elif tag == "sup" and self.open_sup is not None:
            self.superscripts.append((self.open_sup, self._here()))
            self.open_sup = None
        elif tag == "title" and self.open_title is not None:
            self._keep_metadata(self.open_title, self._here(), "title")
            self.open_title = None

    # -- metadata -------------------------------------------------------------------------
    def _metadata(self, tag: str, start: int) -> None:
        """Text customers see outside the body copy: meta descriptions and social cards,
        image alt text, and the string props of MDX/JSX components (``<Hero
        subtitle="..."/>``; a component's name starts with a capital)."""
        raw = self.get_starttag_text() or ""
        if "=" not in raw:
            return
        values = {}
        for match in _ATTRIBUTE.finditer(raw):
            group = next(g for g in (2, 3, 4) if match.group(g) is not None)
            values[match.group(1).lower()] = (start + match.start(group), start + match.end(group))
        if tag == "meta":
            kind = META_CONTENT.get(unescape(self._value(values, "name")
                                             or self._value(values, "property")).lower())
            if kind and "content" in values:
                self._keep_metadata(*values["content"], kind)
        elif tag == "img" and "alt" in values:
            self._keep_metadata(*values["alt"], "alt")
        elif raw[1:2].isupper():
            for name, (value_start, value_end) in values.items():
                if name in PROP_NAMES:
                    self._keep_metadata(value_start, value_end, "props")

    def _value(self, values: dict[str, tuple[int, int]], name: str) -> str:
        start, end = values.get(name, (0, 0))
        return self.text[start:end]

    def _keep_metadata(self, start: int, end: int, kind: str) -> None:
        """Keep a metadata text as its own block (entities decoded in place), ending the
        block in progress so body copy and metadata never share a sentence."""
        value = self.text[start:end]
        start, end = start + len(value) - len(value.lstrip()), start + len(value.rstrip())
        if start >= end or "<" in self.text[start:end]:
            return
        self.flush_block()
        self.prose.keep(start, end)
        for match in _ENTITY.finditer(self.text, start, end):
            self.prose.mask(match.start(), match.end())
            char = unescape(match.group())[:1]
            if char.strip():
                self.prose.put(match.start(), char)
        self.blocks.append(Block(start, end, "metadata", meta=kind))

    def _open_link(self, tag_start: int, tag_end: int) -> None:
        raw = self.get_starttag_text() or ""
        match = _HREF.search(raw)
        if not match:
            return
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        url_start = tag_start + match.start(group)
        url = unescape(match.group(group))
        self.open_link = (url_start, tag_start + match.end(group), url, tag_end)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![`` not followed by a known keyword and its end marker: the standard library
        raises AssertionError (Python < 3.13) or waits for more input; browsers read a bogus
        comment up to the next ``>``, and so do we (it stays masked)."""
        position = self.getpos()
        try:
            end = super().parse_marked_section(i, report)
        except AssertionError:
            end = -1
        if end < 0:
            self.lineno, self.offset = position  # the failed scan may have moved it on
            close = self.rawdata.find(">", i + 3)
            end = close + 1 if close >= 0 else -1
        return end

    def close(self) -> None:
        """Markup cut off by the end of the file. The standard library (before the fix for
        CVE-2025-6069) retries it at every later ``<``, rescanning to the end each time:
        quadratic. Browsers drop a tag and end a comment there; neither is text, so the
        rest stays masked."""
        if self.rawdata.startswith("<"):
            self.rawdata = ""
        super().close()

    # -- text -----------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.hidden_depth or not data.strip():
            return
        start = self._here()
        self.prose.keep(start, start + len(data))
        self._extend_block(start + len(data) - len(data.lstrip()),
                           start + len(data.rstrip()))

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, raw: str) -> None:
        if self.hidden_depth:
            return
        start = self._here()
        char = unescape(raw)[:1]
        if not char.strip():
            return  # &nbsp; and friends are already blank in the prose
        self.prose.put(start, char)
        self._extend_block(start, start + 1)

    def _extend_block(self, start: int, end: int) -> None:
        if start >= end:
            return
        if self.block_start is None:
            self.block_start = start
        self.block_end = end

    def flush_block(self) -> None:
        if self.block_start is None:
            return
        kind = BLOCK_KINDS.get(self.stack[-1], "paragraph") if self.stack else "paragraph"
        level = int(self.stack[-1][1]) if kind == "heading" else 0
        self.blocks.append(Block(self.block_start, self.block_end, kind, level))
        self.block_start = None
