"""PubMed/Crossref client layer: verifies the studies that health-marketing copy cites.

Usage (one client per lint run; it never raises for network or API trouble)::

    from checker.pubmed import Citation, ClientConfig, PubMedClient

    config = ClientConfig.from_env(email=cfg.email, offline=args.offline)
    with PubMedClient(config) as client:
        by_pmid = client.lookup_pmids(["9500320"])        # efetch, 200 ids per request
        by_doi = client.lookup_dois(["10.1016/..."])      # esearch + efetch, then Crossref
        by_pmcid = client.lookup_pmcids(["PMC2883744"])   # PMC ID Converter, then PubMed
        by_key = client.match_citations(
            [Citation("ref3", "Lancet", 1998, "351", "637", author="Wakefield AJ")]
        )

Each value is a ``Record`` (check ``.retracted``, ``.conclusion_sentences``), a ``NotFound``
(the service has no such id: a likely invented citation) or an ``Unverified`` (offline, time
budget spent, service error: say so, do not accuse the copy).

Environment: ``CLAIMLINT_EUTILS_URL``, ``CLAIMLINT_IDCONV_URL``, ``CLAIMLINT_CROSSREF_URL``,
``CLAIMLINT_EMAIL``, ``CLAIMLINT_CACHE_DIR`` and ``NCBI_API_KEY`` (raises the rate limit from
3 to 10 requests/s; never logged nor cached). Explicit arguments win over the environment.
Answers are cached on disk for ``cache_ttl`` (7 days); ``checker.pubmed.cache.info()`` and
``checker.pubmed.cache.clear()`` serve ``claimlint cache info|clear``.
"""

from importlib import import_module
from typing import TYPE_CHECKING

# Exports load on first use: the linter imports the record types on every run, while the
# HTTP stack (requests, requests-cache) is only needed when something is looked up.
_EXPORTS = {
    "Citation": "records", "PubMedClient": "client",
    "ClientConfig": "config", "Endpoints": "config",
    "ApiError": "errors", "LookupFailed": "errors", "Unreachable": "errors",
    "NotFound": "records", "Record": "records", "Result": "records", "Unverified": "records",
}
__all__ = ["ApiError", "Citation", "ClientConfig", "Endpoints", "LookupFailed", "NotFound",
           "PubMedClient", "Record", "Result", "Unreachable", "Unverified"]

if TYPE_CHECKING:
    from .client import PubMedClient
    from .config import ClientConfig, Endpoints
    from .errors import ApiError, LookupFailed, Unreachable
    from .records import Citation, NotFound, Record, Result, Unverified


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
