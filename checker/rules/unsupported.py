"""The check the unsupported-claim rules share: a claim of given kinds with no citation."""

from __future__ import annotations

from collections.abc import Iterator

from checker.models import Claim
from checker.rules.base import Check, Context, Problem


def uncited(kinds: frozenset[str], message: str,
            certainties: frozenset[str] = frozenset({"hedged", "plain", "absolute"})) -> Check:
    """Flag claims of ``kinds`` and ``certainties`` that have no citation in reach."""

    def check(claim: Claim, context: Context) -> Iterator[Problem]:
        if claim.kind in kinds and claim.certainty in certainties and not claim.citations:
            yield Problem(claim.start, claim.end, message)

    return check
