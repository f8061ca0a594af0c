"""MDX: the parts of a ``.mdx`` file that are code, and the copy inside them.

MDX mixes Markdown with ESM (``import``/``export`` lines) and JSX components that span many
lines (``<BenefitGrid items={[{ text: "Lowers cholesterol" }]} />``). CommonMark reads a
multi-line component as a paragraph, so its code would be linted as prose and its copy
mangled. Here each ESM block and each top-level JSX element is found with a small scanner
that knows strings, ``{...}`` expressions and tag nesting; the element is masked as a whole
and what customers see is kept: string literals that read as copy (``subtitle="..."``,
``text: "..."``, the strings of an ``items`` array; not ``href``, ``icon`` or ``className``)
and the text children between tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.readers.html import PROP_NAMES

_ESM = re.compile(r"(?:import|export)\b")
_TAG_START = re.compile(r"<(/?)([A-Za-z][\w.:-]{0,80})?")
# a string literal, with the prop or key it is the value of, if any: title="...", 'text'
_STRING = re.compile(r"""(?:\b([A-Za-z_][\w-]{0,40})\s*[=:]\s*)?(?:"((?:[^"\\\n]|\\.){0,2000})"|"""
                     r"""'((?:[^'\\\n]|\\.){0,2000})')""")
# props and keys whose strings are code, not copy
_CODE_KEYS = frozenset({"href", "src", "icon", "classname", "class", "id", "key", "type",
                        "variant", "color", "colour", "size", "to", "as", "slot", "lang",
                        "target", "rel", "style", "theme", "layout", "image", "img", "url",
                        "link", "path", "slug", "value", "width", "height", "align", "name"})
_LETTERS = re.compile(r"[A-Za-z]{2,}")


@dataclass
class Region:
    """A code region of the file, and the copy inside it (character spans)."""

    start: int
    end: int
    props: list[tuple[int, int]] = field(default_factory=list)
    texts: list[tuple[int, int]] = field(default_factory=list)


def code_regions(text: str, lines: list[int]) -> list[Region]:
    """ESM blocks and top-level JSX elements, in order. A JSX element starts at a line
    whose first character is ``<``; fenced code is left to the Markdown parser."""
    regions: list[Region] = []
    fence: str | None = None
    number = 0
    while number < len(lines):
        start = lines[number]
        line = text[start:_line_end(text, lines, number)]
        stripped = line.lstrip()
        if fence is not None:
            fence = None if stripped.startswith(fence) else fence
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif not line[:1].isspace() and _ESM.match(line):
            end = _paragraph_end(text, lines, number)
            regions.append(Region(start, end))
        elif line.startswith("<") and (line[1:2].isalpha() or line[1:2] == ">"):
            end = _element_end(text, start)
            region = Region(start, end)
            _copy(text, region)
            regions.append(region)
        else:
            number += 1
            continue
        number = _line_at(lines, regions[-1].end, number)
    return regions


def _line_end(text: str, lines: list[int], number: int) -> int:
    end = lines[number + 1] if number + 1 < len(lines) else len(text)
    return len(text[:end].rstrip("\r\n")) if end > lines[number] else end


def _paragraph_end(text: str, lines: list[int], number: int) -> int:
    """ESM runs to the first blank line."""
    for k in range(number + 1, len(lines)):
        if not text[lines[k]:_line_end(text, lines, k)].strip():
            return lines[k]
    return len(text)


def _line_at(lines: list[int], offset: int, current: int) -> int:
    """The first line starting at or after ``offset`` (always past ``current``)."""
    number = current + 1
    while number < len(lines) and lines[number] < offset:
        number += 1
    return number


def _element_end(text: str, start: int) -> int:
    """Where the JSX element opening at ``start`` ends: its tags balanced, strings and
    ``{...}`` expressions skipped. A blank line followed by something other than markup
    ends an element left open."""
    depth, i, size = 0, start, len(text)
    while i < size:
        char = text[i]
        if char == "{":
            i = _expression_end(text, i)
        elif char == "<" and (match := _TAG_START.match(text, i)):
            closing, name = match.group(1), match.group(2)
            i = _tag_end(text, match.end())
            if closing:
                depth -= 1
            elif text[i - 2:i] != "/>" and (name is not None or text[i - 2:i] == "<>"):
                depth += 1
            if depth <= 0:
                return i
        elif text.startswith("\n\n", i) and not text[i:i + 200].lstrip().startswith(("<", "{")):
            return i
        else:
            i += 1
    return size


def _tag_end(text: str, i: int) -> int:
    """Past the ``>`` that ends a tag begun before ``i`` (strings and expressions skipped)."""
    size = len(text)
    while i < size:
        char = text[i]
        if char in "\"'":
            close = text.find(char, i + 1)
            i = size if close < 0 else close + 1
        elif char == "{":
            i = _expression_end(text, i)
        elif char == ">":
            return i + 1
        else:
            i += 1
    return size


def _expression_end(text: str, i: int) -> int:
    """Past the ``}`` matching the ``{`` at ``i`` (strings and template literals skipped)."""
    depth, size = 0, len(text)
    while i < size:
        char = text[i]
        if char in "\"'`":
            close = i + 1
            while close < size and text[close] != char:
                close += 2 if text[close] == "\\" else 1
            i = close + 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return size


def _copy(text: str, region: Region) -> None:
    """The copy inside a JSX element: copy-like string props and keys, and text children
    (what lies between a tag's ``>`` and the next ``<``, outside expressions)."""
    for match in _STRING.finditer(text, region.start, region.end):
        key = (match.group(1) or "").lower()
        group = 2 if match.group(2) is not None else 3
        value = match.group(group)
        prose = len(_LETTERS.findall(value, 0, 400)) >= 2 and " " in value  # two words or more
        if key in _CODE_KEYS or not (key in PROP_NAMES or prose) or (
                value.startswith(("http", "/", "#", "./", "@"))):
            continue
        if value.strip():
            region.props.append((match.start(group), match.end(group)))
    i = region.start
    while i < region.end:
        char = text[i]
        if char == "<":
            i = _tag_end(text, i + 1)
            child_start = i
            while i < region.end and text[i] not in "<{":
                i += 1
            body = text[child_start:i]
            if body.strip():
                lead = len(body) - len(body.lstrip())
                region.texts.append((child_start + lead, child_start + len(body.rstrip())))
        elif char == "{":
            i = _expression_end(text, i)
        else:
            i += 1
