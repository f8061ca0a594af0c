"""Where the services live and how politely and patiently to use them.

Precedence for every setting: an explicit argument (the caller passes config-file or
command-line values) wins over the environment, which wins over the default. The NCBI API key
comes only from ``NCBI_API_KEY`` or an explicit argument and is kept out of ``repr``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import platformdirs

DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
DEFAULT_IDCONV_URL = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
DEFAULT_CROSSREF_URL = "https://api.crossref.org/"


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class Endpoints:
    """Base URLs of E-utilities, the PMC ID Converter and Crossref (each ends with ``/``)."""

    eutils: str = DEFAULT_EUTILS_URL
    idconv: str = DEFAULT_IDCONV_URL
    crossref: str = DEFAULT_CROSSREF_URL

    def __post_init__(self) -> None:
        for name in ("eutils", "idconv", "crossref"):
            object.__setattr__(self, name, _with_slash(getattr(self, name)))

    @classmethod
    def resolve(
        cls,
        eutils: str | None = None,
        idconv: str | None = None,
        crossref: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Endpoints:
        """Endpoints from arguments, then ``CLAIMLINT_*_URL`` variables, then the defaults."""
        env = os.environ if environ is None else environ
        return cls(
            eutils=eutils or env.get("CLAIMLINT_EUTILS_URL") or DEFAULT_EUTILS_URL,
            idconv=idconv or env.get("CLAIMLINT_IDCONV_URL") or DEFAULT_IDCONV_URL,
            crossref=crossref or env.get("CLAIMLINT_CROSSREF_URL") or DEFAULT_CROSSREF_URL,
        )


def resolve_cache_dir(
    cache_dir: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The cache folder: argument, then ``CLAIMLINT_CACHE_DIR``, then the user cache dir."""
    env = os.environ if environ is None else environ
    chosen = cache_dir or env.get("CLAIMLINT_CACHE_DIR")
    return Path(chosen) if chosen else platformdirs.user_cache_path("claimlint")


@dataclass(frozen=True)
class ClientConfig:
    """Everything the client needs; build it with ``ClientConfig.from_env(...)``."""

    endpoints: Endpoints = field(default_factory=Endpoints)
    email: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)
    cache_dir: Path = field(default_factory=resolve_cache_dir)
    offline: bool = False  # answer from the cache only; a miss is Unverified
    time_budget: float = 60.0  # seconds of network work per run, from the first request
    connect_timeout: float = 3.05
    read_timeout: float = 20.0
    retries: int = 3  # for 429 and 5xx answers only; connection failures are not retried
    backoff_factor: float = 0.5
    max_body_bytes: int = 20 * 1024 * 1024
    cache_ttl: timedelta = timedelta(days=7)  # retractions appear later: do not cache forever
    requests_per_second: float | None = None  # None: NCBI's limit, 3 (10 with an API key)

    @property
    def rate_limit(self) -> float:
        """Requests per second this client may send."""
        if self.requests_per_second is not None:
            return self.requests_per_second
        return 10.0 if self.api_key else 3.0

    @classmethod
    def from_env(
        cls,
        *,
        environ: Mapping[str, str] | None = None,
        eutils_url: str | None = None,
        idconv_url: str | None = None,
        crossref_url: str | None = None,
        email: str | None = None,
        api_key: str | None = None,
        cache_dir: str | Path | None = None,
        **settings: Any,
    ) -> ClientConfig:
        """A config from explicit values, falling back to the environment, then defaults.

        ``settings`` are the remaining fields (``offline``, ``time_budget``, timeouts...).
        """
        env = os.environ if environ is None else environ
        return cls(
            endpoints=Endpoints.resolve(eutils_url, idconv_url, crossref_url, env),
            email=email or env.get("CLAIMLINT_EMAIL") or None,
            api_key=api_key or env.get("NCBI_API_KEY") or None,
            cache_dir=resolve_cache_dir(cache_dir, env),
            **settings,
        )
