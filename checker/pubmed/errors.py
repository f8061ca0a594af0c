"""Why a lookup produced no answer; the client turns these into ``Unverified`` results."""

from __future__ import annotations


class LookupFailed(Exception):
    """Base of every failure the client absorbs instead of raising to the linter."""


class ApiError(LookupFailed):
    """The service answered, but not with usable data (error body, bad status, bad format)."""


class Unreachable(LookupFailed):
    """No answer: the request failed on the network or was never sent (offline, budget spent)."""
