"""Build ``SourceText`` inputs by hand, the way the readers would hand them over."""

from __future__ import annotations

from checker.source import Block, BlockKind, Link, SourceText


def plain(text: str) -> SourceText:
    """Plain text: every character is prose."""
    return SourceText("test.txt", text, text)


def marked_up(
    original: str,
    markup: tuple[tuple[int, int], ...] = (),
    blocks: tuple[Block, ...] = (),
    links: tuple[Link, ...] = (),
    superscripts: tuple[tuple[int, int], ...] = (),
) -> SourceText:
    """A Markdown/HTML-like source: the ``markup`` spans are masked with spaces in the prose."""
    prose = list(original)
    for start, end in markup:
        prose[start:end] = " " * (end - start)
    return SourceText(
        "test.md", original, "".join(prose), list(blocks), list(links), list(superscripts)
    )


def span(text: str, fragment: str, occurrence: int = 0) -> tuple[int, int]:
    """Start and end of the ``occurrence``-th ``fragment`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return start, start + len(fragment)


def block(text: str, fragment: str, kind: BlockKind, level: int = 0) -> Block:
    """The block holding exactly ``fragment`` (its first occurrence)."""
    return Block(*span(text, fragment), kind, level)


def link(text: str, url: str, visible: str) -> Link:
    """A link whose target ``url`` and visible text both appear in ``text``."""
    url_start, url_end = span(text, url)
    text_start, text_end = span(text, visible)
    return Link(url_start, url_end, url, text_start, text_end)
