"""Load a ``.bib`` file so ``[@key]`` citations in the copy can be verified like any other.

Parsing is bibtexparser v2's; this module adds what the linter needs on top: the fields that
identify or describe a work, LaTeX accents decoded (``M{\\"u}ller`` is Müller, as PubMed
spells it), and where each entry starts, so findings about it can point into the file. A file
the parser cannot read fully is an error rather than a partial bibliography: silently dropping
an entry would make every citation of it look unresolved.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from checker.citations.identifiers import find_identifiers
from checker.citations.models import Identifier
from checker.errors import ClaimlintError

if TYPE_CHECKING:
    from bibtexparser import model
    from pylatexenc.latex2text import LatexNodes2Text

MAX_BIB_BYTES = 5_000_000
# bibtexparser logs each failed block before we raise a clearer error of our own: its records
# must reach neither Python's last-resort handler nor the CLI's root handler (one-line errors).
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

MAX_FIELD_CHARS = 100_000  # a field expanding past this is a @string bomb, not a title
_MONTHS = {name[:3]: name for name in ("january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november",
                                       "december")}  # BibTeX's predefined macros
_ESCAPE = re.compile(r"\\([_%&#$])")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NEWLINE = re.compile(r"\n")  # bibtexparser counts lines by line feeds alone
_HEAD = re.compile(r"@\s*\w+\s*[{(]\s*")
# The label each identifier field gets, so the citation scanner checks its shape.
_ID_LABELS = {"doi": "doi:", "pmid": "PMID:", "pmcid": "PMCID:"}
_EPRINT_KINDS = {"pubmed": "pmid", "pmid": "pmid", "pmc": "pmcid", "pmcid": "pmcid"}


@dataclass(frozen=True)
class BibEntry:
    """One ``@article``/``@book``/... entry: what identifies and describes the work."""

    key: str
    path: str
    line: int  # 1-based line of the entry's ``@``
    start: int  # offsets of ``@type{key`` in the file's text
    end: int
    title: str | None = None
    authors: tuple[str, ...] = ()  # "Surname Initials", as reference entries and PubMed write
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    identifiers: tuple[Identifier, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Bibliography:
    """The entries of one ``.bib`` file by citekey, with the text their offsets point into."""

    path: str
    text: str
    entries: dict[str, BibEntry]

    def get(self, key: str) -> BibEntry | None:
        return self.entries.get(key)


def load_bibliography(path: str | Path) -> Bibliography:
    """Read and parse a ``.bib`` file; any problem is a ``ClaimlintError`` naming the file."""
    from checker.readers import read_limited  # not at import: the rules' metadata needs no reader

    where = str(path)
    try:
        data = read_limited(Path(path), MAX_BIB_BYTES)
        if data is None:
            raise ClaimlintError(f"{where}: BibTeX file is over the "
                                 f"{MAX_BIB_BYTES / 1e6:.0f} MB limit")
        text = data.decode("utf-8-sig")
    except OSError as error:
        raise ClaimlintError(f"{where}: cannot read BibTeX file: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise ClaimlintError(f"{where}: BibTeX file is not valid UTF-8 (byte {error.start})"
                             ) from None
    except ValueError as error:  # a path from config holding a NUL character
        raise ClaimlintError(f"{where}: cannot read BibTeX file: {error}") from None
    return parse_bibliography(text, where)


def parse_bibliography(text: str, path: str) -> Bibliography:
    """Entries of a BibTeX text; a malformed block or a duplicate key raises ``ClaimlintError``."""
    import bibtexparser  # loaded on first use: most runs read no BibTeX at all
    from bibtexparser.exceptions import ParsingException

    try:
        # Raw values: _Strings expands @string macros and # concatenation itself, bounded.
        library = bibtexparser.parse_string(text, parse_stack=[])
    except ParsingException as error:
        raise ClaimlintError(f"{path}: cannot parse BibTeX: {error}") from None
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ClaimlintError(f"{path}:{block.start_line + 1}: {_failure(block)}")
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    entries: dict[str, BibEntry] = {}
    strings = _Strings(library.strings, path)
    for entry in library.entries:
        start = text.index("@", line_starts[entry.start_line])
        head = _HEAD.match(text, start)
        end = head.end() + len(entry.key) if head else start + 1
        try:
            entries[entry.key] = _entry(entry, path, start, end, strings)
        except RecursionError:  # pylatexenc recurses once per brace or environment level
            raise ClaimlintError(f"{path}:{entry.start_line + 1}: BibTeX entry '{entry.key}' "
                                 "is nested too deeply to read") from None
    return Bibliography(path, text, entries)


def _failure(block: model.Block) -> str:
    """One line on why the parser gave up on a block."""
    from bibtexparser import model

    if isinstance(block, model.DuplicateBlockKeyBlock):
        # The first use may be an entry or a @string: ask the block, not the entry table.
        first = block.previous_block.start_line + 1
        kind = "@string" if isinstance(block.previous_block, model.String) else "BibTeX key"
        return f"duplicate {kind} '{block.key}' (first used on line {first})"
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    first_line = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
    return f"malformed BibTeX entry '{first_line}': {' '.join(reason.split()) or 'syntax error'}"


class _Strings:
    """``@string`` macros, expanded on first use. A macro that refers to itself or a field
    that grows past ``MAX_FIELD_CHARS`` (``@string{b = a # a}``, ``c = b # b``, ...) is an
    error: expanding it would take time and memory exponential in the file's size."""

    def __init__(self, blocks: Iterable[model.String], path: str) -> None:
        self.blocks = {block.key.lower(): block for block in blocks}  # later definitions win
        self.path = path
        self.expanded: dict[str, str] = {}
        self.expanding: set[str] = set()

    def expand(self, raw: str, line: int) -> str:
        """A raw field value (``jn # " (Online)"``) as text; ``line`` is for error messages."""
        parts, size = [], 0
        for piece in _pieces(raw):
            parts.append(self._piece(piece, line))
            size += len(parts[-1])
            if size > MAX_FIELD_CHARS:
                raise ClaimlintError(f"{self.path}:{line}: a value is over {MAX_FIELD_CHARS} "
                                     "characters long (after @string expansion)")
        return "".join(parts)

    def _piece(self, piece: str, line: int) -> str:
        if piece[:1] in ('{', '"'):
            return piece[1:-1]
        name = piece.lower()
        if name in self.expanded:
            return self.expanded[name]
        if name in self.expanding:
            raise ClaimlintError(f"{self.path}:{line}: @string '{piece}' refers to itself")
        block = self.blocks.get(name)
        if block is None:  # a number, a predefined month, or undefined (BibTeX keeps it too)
            return _MONTHS.get(name, piece)
        self.expanding.add(name)
        self.expanded[name] = self.expand(str(block.value), block.start_line + 1)
        self.expanding.discard(name)
        return self.expanded[name]


def _pieces(raw: str) -> list[str]:
    """``a # {b # c} # "d"`` -> ``a``, ``{b # c}``, ``"d"``: split at # outside braces and
    quotes."""
    if "#" not in raw:
        return [raw.strip()]
    pieces, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(raw[start:index].strip())
            start = index + 1
    pieces.append(raw[start:].strip())
    return pieces


def _entry(entry: model.Entry, path: str, start: int, end: int, strings: _Strings) -> BibEntry:
    fields = {name.lower(): strings.expand(str(field.value), entry.start_line + 1)
              for name, field in entry.fields_dict.items()}

    def value(*names: str) -> str | None:
        return next((text for name in names if (text := _decoded(fields.get(name, "")))), None)

    # Identifiers keep their characters: LaTeX would read the % some DOIs hold as a comment.
    ids = {kind: _unescaped(fields.get(kind, "")) or None for kind in _ID_LABELS}
    eprint_kind = _EPRINT_KINDS.get((value("eprinttype") or "").lower())
    if eprint_kind and not ids[eprint_kind]:
        ids[eprint_kind] = _unescaped(fields.get("eprint", "")) or None
    year = _YEAR.search(value("year", "date") or "")
    return BibEntry(
        key=entry.key, path=path, line=entry.start_line + 1, start=start, end=end,
        title=value("title"), authors=tuple(_authors(fields.get("author", ""))),
        journal=value("journal", "journaltitle"), year=int(year.group()) if year else None,
        volume=value("volume"), pages=value("pages"), **ids,
        identifiers=tuple(_identifiers(ids, start, end)),
    )


def _identifiers(ids: dict[str, str | None], start: int, end: int) -> Iterator[Identifier]:
    """The identifier fields, checked for shape by the citation scanner, placed at the entry."""
    from checker.readers.plain import read_plain

    for kind, raw in ids.items():
        if raw:
            labelled = read_plain("", f"{_ID_LABELS[kind]}{raw}")
            for identifier in find_identifiers(labelled):
                yield replace(identifier, raw=raw, start=start, end=end)


def _authors(raw: str) -> Iterator[str]:
    """``Müller, Anna and de la Cruz, José`` -> ``Müller A``, ``de la Cruz J``."""
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    for name in split_multiple_persons_names(raw):
        if name.strip().lower() == "others":
            continue
        try:
            parts = parse_single_name_into_parts(name, strict=False)
        except InvalidNameError:
            continue
        surname = _decoded(" ".join(parts.von + parts.last))
        initials = "".join(word[:1] for word in _decoded(" ".join(parts.first)).split())
        if surname:
            yield f"{surname} {initials}".strip()


def _unescaped(raw: str) -> str:
    """``10.1000/a\\_b`` -> ``10.1000/a_b``: braces and backslash escapes dropped."""
    return _ESCAPE.sub(r"\1", raw).replace("{", "").replace("}", "").strip()


def _decoded(latex: str) -> str:
    """Plain text of a LaTeX field value, whitespace collapsed."""
    return " ".join(_latex().latex_to_text(latex).split())


@cache
def _latex() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text()


def load_bibliographies(paths: Iterable[str | Path]) -> Bibliography | None:
    """Several ``.bib`` files as one; a key defined in two files is an error."""
    loaded = [load_bibliography(path) for path in dict.fromkeys(map(str, paths))]
    if not loaded:
        return None
    if len(loaded) == 1:
        return loaded[0]
    entries: dict[str, BibEntry] = {}
    for bibliography in loaded:
        for key, entry in bibliography.entries.items():
            if key in entries:
                raise ClaimlintError(f"{entry.path}:{entry.line}: BibTeX key '{key}' is also "
                                     f"defined in {entries[key].path}:{entries[key].line}")
            entries[key] = entry
    return Bibliography(", ".join(b.path for b in loaded), "", entries)
