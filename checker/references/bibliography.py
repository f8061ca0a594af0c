"""Verify a ``.bib`` file on its own (``claimlint refs FILE.bib``), before any copy cites it.

Every entry is a work placed at its ``@type{key`` head, so findings point into the file; the
rules that judge a work by itself apply (identifiers, existence, agreement, metadata,
retractions, notices, unverified lookups), those that need a claim or a marker do not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from checker.references.bibtex import load_bibliography
from checker.references.context import ReferenceContext
from checker.references.verify import look_up
from checker.references.works import bib_work
from checker.rules import (
    rf101_malformed_identifier,
    rf102_not_found,
    rf103_conflicting_identifiers,
    rf104_metadata_mismatch,
    rf105_retracted,
    rf106_concern_or_erratum,
    rf120_unverified,
)
from checker.rules.base import Problem

if TYPE_CHECKING:
    from checker.pubmed import PubMedClient

BIBLIOGRAPHY_RULES = (rf101_malformed_identifier, rf102_not_found, rf103_conflicting_identifiers,
                      rf104_metadata_mismatch, rf105_retracted, rf106_concern_or_erratum,
                      rf120_unverified)


def check_bibliography(path: str | Path, client: PubMedClient | None
                       ) -> list[tuple[str, Problem]]:
    """(rule code, problem) for every entry of the file, offsets into its text, in file order.

    ``client=None`` checks identifiers' shape only. Raises ``ClaimlintError`` for a file that
    cannot be read or parsed.
    """
    bibliography = load_bibliography(path)
    works = tuple(bib_work(entry, entry.start, entry.end)
                  for entry in bibliography.entries.values())
    context = ReferenceContext(text=bibliography.text, works=works,
                               results=look_up(works, client) if client else {})
    found = [(rule.ID, problem) for rule in BIBLIOGRAPHY_RULES for problem in rule.check(context)]
    return sorted(found, key=lambda pair: (pair[1].start, pair[0]))
