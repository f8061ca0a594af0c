"""Where the services live and how politely and patiently to use them.

Precedence for every setting: an explicit argument (the command line) wins over the
environment, which wins over the user's config file, which wins over a project's config (its
endpoints, only passed when the user trusts it), which wins over the default. The NCBI API
key comes only from ``NCBI_API_KEY`` or an explicit argument, is kept out of ``repr``, and is
withheld when the E-utilities endpoint came from a project's config and is not NCBI's own:
the key goes only to NCBI or to a server the user named.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
DEFAULT_IDCONV_URL = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
DEFAULT_CROSSREF_URL = "https://api.crossref.org/"
NCBI_HOST = "eutils.ncbi.nlm.nih.gov"
_VARIABLES = {"eutils_url": "CLAIMLINT_EUTILS_URL", "idconv_url": "CLAIMLINT_IDCONV_URL",
              "crossref_url": "CLAIMLINT_CROSSREF_URL", "cache_dir": "CLAIMLINT_CACHE_DIR",
              "email": "CLAIMLINT_EMAIL"}

logger = logging.getLogger(__name__)


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


def resolve_cache_dir(
    cache_dir: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    user: Mapping[str, str] | None = None,
) -> Path:
    """The cache folder: argument, ``CLAIMLINT_CACHE_DIR``, the user's config file, else the
    user cache folder. Never a project's: its config comes with the files being linted."""
    chosen = _setting("cache_dir", cache_dir, environ, user)
    return Path(chosen) if chosen else platformdirs.user_cache_path("claimlint")


def _setting(name: str, explicit: Any, environ: Mapping[str, str] | None,
             *layers: Mapping[str, Any] | None) -> Any:
    """The first value set: explicit, environment, then each layer (config files)."""
    env = os.environ if environ is None else environ
    for value in (explicit, env.get(_VARIABLES[name]), *((layer or {}).get(name)
                                                          for layer in layers)):
        if value:
            return value
    return None


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
    read_timeout: float = 20.0  # per socket read
    request_timeout: float = 30.0  # wall-clock, per request: connect, headers and whole body
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
        user: Mapping[str, str] | None = None,
        project: Mapping[str, str] | None = None,
        eutils_url: str | None = None,
        idconv_url: str | None = None,
        crossref_url: str | None = None,
        email: str | None = None,
        api_key: str | None = None,
        cache_dir: str | Path | None = None,
        **settings: Any,
    ) -> ClientConfig:
        """A config from explicit values, falling back to the environment, then to ``user``
        (the user's config file) and ``project`` (the endpoints of a project config the user
        trusts), then to the defaults; both map argument names to values.

        ``settings`` are the remaining fields (``offline``, ``time_budget``, timeouts...).
        """
        env = os.environ if environ is None else environ
        endpoints = Endpoints(
            eutils=_setting("eutils_url", eutils_url, env, user, project) or DEFAULT_EUTILS_URL,
            idconv=_setting("idconv_url", idconv_url, env, user, project) or DEFAULT_IDCONV_URL,
            crossref=(_setting("crossref_url", crossref_url, env, user, project)
                      or DEFAULT_CROSSREF_URL),
        )
        key = api_key or env.get("NCBI_API_KEY") or None
        if key and not _setting("eutils_url", eutils_url, env, user) and not _is_ncbi(
                endpoints.eutils):
            logger.warning("not sending NCBI_API_KEY to %s: a project's config chose that "
                           "server (set CLAIMLINT_EUTILS_URL to send it there)",
                           urlsplit(endpoints.eutils).netloc)
            key = None
        return cls(
            endpoints=endpoints,
            email=_setting("email", email, env, user) or None,
            api_key=key,
            cache_dir=resolve_cache_dir(cache_dir, env, user),
            **settings,
        )


def _is_ncbi(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.hostname == NCBI_HOST
