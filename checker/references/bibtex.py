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
from checker.readers.plain import read_plain

if TYPE_CHECKING:
    from bibtexparser import model
    from bibtexparser.library import Library
    from pylatexenc.latex2text import LatexNodes2Text

MAX_BIB_BYTES = 5_000_000
# bibtexparser logs each failed block before we raise a clearer error of our own; without a
# handler of its own, Python would print those records to stderr as well.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

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
    where = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BIB_BYTES:
            raise ClaimlintError(f"{where}: BibTeX file is {size / 1e6:.1f} MB, over the "
                                 f"{MAX_BIB_BYTES / 1e6:.0f} MB limit")
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ClaimlintError(f"{where}: cannot read BibTeX file: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise ClaimlintError(f"{where}: BibTeX file is not valid UTF-8 (byte {error.start})"
                             ) from None
    return parse_bibliography(text, where)


def parse_bibliography(text: str, path: str) -> Bibliography:
    """Entries of a BibTeX text; a malformed block or a duplicate key raises ``ClaimlintError``."""
    import bibtexparser  # loaded on first use: most runs read no BibTeX at all
    from bibtexparser.exceptions import ParsingException

    try:
        library = bibtexparser.parse_string(text)
    except ParsingException as error:
        raise ClaimlintError(f"{path}: cannot parse BibTeX: {error}") from None
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ClaimlintError(f"{path}:{block.start_line + 1}: {_failure(block, library)}")
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    entries: dict[str, BibEntry] = {}
    for entry in library.entries:
        start = text.index("@", line_starts[entry.start_line])
        head = _HEAD.match(text, start)
        end = head.end() + len(entry.key) if head else start + 1
        entries[entry.key] = _entry(entry, path, start, end)
    return Bibliography(path, text, entries)


def _failure(block: model.Block, library: Library) -> str:
    """One line on why the parser gave up on a block."""
    from bibtexparser import model

    if isinstance(block, model.DuplicateBlockKeyBlock):
        first = library.entries_dict[block.key].start_line + 1
        return f"duplicate BibTeX key '{block.key}' (first used on line {first})"
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    first_line = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
    return f"malformed BibTeX entry '{first_line}': {' '.join(reason.split()) or 'syntax error'}"


def _entry(entry: model.Entry, path: str, start: int, end: int) -> BibEntry:
    fields = {name.lower(): str(field.value) for name, field in entry.fields_dict.items()}

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
