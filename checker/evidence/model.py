"""The evidence map's records: what is known about a treatment for a condition, and where
that knowledge comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["accepted", "some", "insufficient", "against"]
STATUSES: tuple[Status, ...] = ("accepted", "some", "insufficient", "against")
PRODUCTS = ("service", "supplement", "device", "food")
JURISDICTIONS = ("us", "uk", "eu", "au")
SOURCE_KINDS = ("regulator", "ruling", "review", "agency", "guideline")


@dataclass(frozen=True)
class Source:
    key: str
    kind: str
    title: str
    publisher: str
    url: str
    checked: str
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None

    @property
    def link(self) -> str:
        """Where a reader checks it: the record's PubMed or DOI page when known."""
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


@dataclass(frozen=True)
class Pair:
    """What the sources say about one treatment for one condition."""

    intervention: str
    condition: str
    status: Status
    supports: str  # wording the evidence supports ("" when none)
    sources: tuple[Source, ...]
    jurisdictions: tuple[str, ...] = ()  # () = everywhere
    note: str = ""

    def applies_in(self, jurisdiction: str) -> bool:
        return not self.jurisdictions or jurisdiction == "any" or (
            jurisdiction in self.jurisdictions)


@dataclass(frozen=True)
class Intervention:
    name: str
    aliases: tuple[str, ...]
    product: str
    summary: str
    pairs: tuple[Pair, ...]
    path: str  # the file it came from, for messages


@dataclass(frozen=True)
class Condition:
    name: str
    synonyms: tuple[str, ...] = ()
    parent: str = ""
    disease: bool = False
    category: str = "general"


@dataclass
class EvidenceData:
    """Interventions and conditions as loaded, before any lookup structure is built."""

    interventions: dict[str, Intervention] = field(default_factory=dict)
    conditions: dict[str, Condition] = field(default_factory=dict)
