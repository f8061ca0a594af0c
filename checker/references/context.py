"""What the reference rules consult: the cited works, what PubMed/Crossref said about each,
and which claims rest on which works.

``verify`` builds one per document (or per ``.bib`` file); the rules only read it, so they
never touch the network and a whole document costs one batch of lookups whatever rules run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from checker.citations.models import Identifier, Marker, ReferenceEntry
from checker.models import Claim
from checker.pubmed import Record, Result
from checker.references.matching import same_paper
from checker.references.reviews import Question
from checker.references.works import Lookup, Work


@dataclass(frozen=True)
class Outcome:
    """One lookup made for a work: by an identifier, or by its description (``identifier``
    None), and its result."""

    identifier: Identifier | None
    result: Result


@dataclass(frozen=True)
class ReferenceContext:
    """The cited works of one file and their lookups. Without lookups (verification off) the
    rules that need an answer stay silent rather than guess."""

    text: str  # the file's original text: offsets of works, markers and claims point into it
    works: tuple[Work, ...]
    claims: tuple[Claim, ...] = ()
    results: Mapping[Lookup, Result] = field(default_factory=dict)
    unresolved_markers: tuple[Marker, ...] = ()  # numbers with no entry, keys not in the .bib
    uncited_entries: tuple[ReferenceEntry, ...] = ()
    # claims whose treatment-condition pair the evidence map lacks, with PubMed's answer
    # (``pubmed.Reviews`` or ``Unverified``); empty offline and when no rule asks
    reviews: tuple[tuple[Question, object], ...] = ()
    # grades a sentence on the strength scale (none ... absolute); None: not available
    strength_of: Callable[[str], str] | None = None

    def outcomes(self, work: Work) -> list[Outcome]:
        """The work's lookups that were answered (none when verification is off)."""
        return [Outcome(identifier, self.results[lookup])
                for lookup, identifier in work.lookups if lookup in self.results]

    def records(self, work: Work) -> list[Record]:
        """The distinct papers the work's lookups found (more than one: they disagree)."""
        papers: list[Record] = []
        for outcome in self.outcomes(work):
            found = outcome.result
            if isinstance(found, Record) and not any(same_paper(found, p) for p in papers):
                papers.append(found)
        return papers

    def record(self, work: Work) -> Record | None:
        """The paper the work names, when its lookups found exactly one."""
        papers = self.records(work)
        return papers[0] if len(papers) == 1 else None

    def cited(self, claim: Claim) -> list[tuple[Work, Record]]:
        """The works a claim cites whose paper is known, each work once."""
        pairs = []
        for key in claim.citations:
            work = self._by_key.get(key)
            if work and (record := self.record(work)):
                pairs.append((work, record))
        return pairs

    @cached_property
    def _by_key(self) -> dict[str, Work]:
        return {work.key: work for work in reversed(self.works)}  # the first occurrence wins
