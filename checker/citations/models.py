"""What a citation scan finds, and how its markers resolve to reference entries.

Offsets are character offsets into ``SourceText.original`` (equal to ``prose`` offsets).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from checker.citations.names import author_year_key, strip_year_suffix

IdentifierKind = Literal["doi", "pmid", "pmcid"]
MarkerStyle = Literal["bracket", "paren", "trailing", "superscript", "author-year", "citekey"]

_NUMBERED_STYLES: frozenset[MarkerStyle] = frozenset(
    {"bracket", "paren", "trailing", "superscript"}
)


@dataclass(frozen=True)
class Identifier:
    """A DOI, PMID or PMCID as written; ``valid`` is False with a ``problem`` when malformed."""

    kind: IdentifierKind
    value: str  # normalised form, used to look the work up
    raw: str  # the text as written, prefix or URL included
    start: int
    end: int
    valid: bool
    problem: str | None


@dataclass(frozen=True)
class Marker:
    """An in-text citation marker; numbered styles carry entry numbers as labels."""

    labels: tuple[str, ...]
    style: MarkerStyle
    start: int
    end: int


@dataclass(frozen=True)
class ReferenceEntry:
    """One entry of a reference list, with the fields its citation style made recoverable."""

    label: str
    text: str
    start: int
    end: int
    authors: tuple[str, ...]
    title: str | None
    journal: str | None
    year: int | None
    volume: str | None
    issue: str | None
    pages: str | None
    identifiers: tuple[Identifier, ...]

    @property
    def author_year_key(self) -> str | None:
        """The key an author-year marker such as ``(Smith et al., 2020)`` resolves by."""
        if not self.authors or self.year is None:
            return None
        surname = self.authors[0].rpartition(" ")[0] or self.authors[0]
        return author_year_key(surname, self.year)


@dataclass(frozen=True)
class ReferenceList:
    """The document's reference section; ``heading`` is empty when it had none."""

    heading: str
    start: int
    end: int
    entries: tuple[ReferenceEntry, ...]


@dataclass(frozen=True)
class CitationScan:
    """Identifiers outside the reference list, in-text markers and the reference list."""

    identifiers: tuple[Identifier, ...]
    markers: tuple[Marker, ...]
    reference_list: ReferenceList | None

    def entries_for(self, marker: Marker) -> tuple[ReferenceEntry, ...]:
        """Entries a marker cites; citekeys are left to the BibTeX stage and resolve to none."""
        cited = (e for label in marker.labels for e in self._resolve(label, marker.style))
        return tuple(dict.fromkeys(cited))

    def unresolved_markers(self) -> tuple[Marker, ...]:
        """Markers with at least one label that names no entry (citekeys excluded)."""
        return tuple(
            m
            for m in self.markers
            if m.style != "citekey" and not all(self._resolve(lb, m.style) for lb in m.labels)
        )

    def uncited_entries(self) -> tuple[ReferenceEntry, ...]:
        """Entries no marker cites."""
        cited = {e for m in self.markers for e in self.entries_for(m)}
        return tuple(e for e in self._entries if e not in cited)

    @property
    def _entries(self) -> tuple[ReferenceEntry, ...]:
        return self.reference_list.entries if self.reference_list else ()

    def _resolve(self, label: str, style: MarkerStyle) -> tuple[ReferenceEntry, ...]:
        if style in _NUMBERED_STYLES:
            return self._by_label.get(label, ())
        if style == "author-year":
            return self._by_author_year.get(strip_year_suffix(label), ())
        return ()

    @cached_property
    def _by_label(self) -> dict[str, tuple[ReferenceEntry, ...]]:
        return _group((e.label, e) for e in self._entries)

    @cached_property
    def _by_author_year(self) -> dict[str, tuple[ReferenceEntry, ...]]:
        return _group((key, e) for e in self._entries if (key := e.author_year_key))


def _group(pairs: Iterable[tuple[str, ReferenceEntry]]) -> dict[str, tuple[ReferenceEntry, ...]]:
    groups: dict[str, list[ReferenceEntry]] = {}
    for key, entry in pairs:
        groups.setdefault(key, []).append(entry)
    return {key: tuple(entries) for key, entries in groups.items()}
