"""Configuration: arguments beat environment beats defaults; the API key never shows."""

from __future__ import annotations

from checker.pubmed import ClientConfig, Endpoints
from checker.pubmed.config import DEFAULT_EUTILS_URL


def test_defaults() -> None:
    config = ClientConfig.from_env(environ={})
    assert config.endpoints.eutils == DEFAULT_EUTILS_URL
    assert config.endpoints.idconv == "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
    assert config.endpoints.crossref == "https://api.crossref.org/"
    assert (config.email, config.api_key, config.rate_limit) == (None, None, 3.0)
    assert config.cache_dir.name == "claimlint"


def test_environment_then_arguments() -> None:
    environ = {
        "CLAIMLINT_EUTILS_URL": "http://127.0.0.1:1/eutils",
        "CLAIMLINT_IDCONV_URL": "http://127.0.0.1:1/idconv/",
        "CLAIMLINT_CROSSREF_URL": "http://127.0.0.1:1/crossref",
        "CLAIMLINT_EMAIL": "env@example.org",
        "NCBI_API_KEY": "env-key",
    }
    from_env = ClientConfig.from_env(environ=environ)
    assert from_env.endpoints == Endpoints(
        "http://127.0.0.1:1/eutils/", "http://127.0.0.1:1/idconv/", "http://127.0.0.1:1/crossref/"
    )
    assert (from_env.email, from_env.api_key, from_env.rate_limit) == (
        "env@example.org",
        "env-key",
        10.0,
    )
    explicit = ClientConfig.from_env(
        environ=environ, eutils_url="http://127.0.0.1:2/e/", email="arg@example.org"
    )
    assert explicit.endpoints.eutils == "http://127.0.0.1:2/e/"
    assert explicit.endpoints.crossref == "http://127.0.0.1:1/crossref/"
    assert explicit.email == "arg@example.org"


def test_secrets_are_not_in_repr() -> None:
    config = ClientConfig.from_env(environ={"NCBI_API_KEY": "k-123", "CLAIMLINT_EMAIL": "a@b.c"})
    assert "k-123" not in repr(config) and "a@b.c" not in repr(config)
