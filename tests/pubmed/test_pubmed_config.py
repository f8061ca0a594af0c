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


def test_environment_beats_user_config_beats_a_trusted_project() -> None:
    project = {"eutils_url": "http://127.0.0.1:3/project/",
               "crossref_url": "http://127.0.0.1:3/crossref/"}
    user = {"eutils_url": "http://127.0.0.1:4/user/", "email": "user@example.org",
            "cache_dir": "/user-cache"}
    config = ClientConfig.from_env(environ={"CLAIMLINT_CACHE_DIR": "/env-cache"}, user=user,
                                   project=project)
    assert config.endpoints.eutils == "http://127.0.0.1:4/user/"
    assert config.endpoints.crossref == "http://127.0.0.1:3/crossref/"
    assert str(config.cache_dir) == "/env-cache" and config.email == "user@example.org"
    assert str(ClientConfig.from_env(environ={}, user=user).cache_dir) == "/user-cache"


def test_the_key_is_withheld_from_a_server_only_a_project_named() -> None:
    environ = {"NCBI_API_KEY": "k-123"}
    elsewhere = ClientConfig.from_env(environ=environ,
                                      project={"eutils_url": "https://example.org/e/"})
    assert elsewhere.api_key is None and elsewhere.rate_limit == 3.0
    plain_http = ClientConfig.from_env(
        environ=environ, project={"eutils_url": "http://eutils.ncbi.nlm.nih.gov/entrez/eutils/"})
    assert plain_http.api_key is None  # NCBI's host, but the key would travel in clear
    ncbi = ClientConfig.from_env(environ=environ, project={"eutils_url": DEFAULT_EUTILS_URL})
    assert ncbi.api_key == "k-123"
    named = ClientConfig.from_env(environ=environ, user={"eutils_url": "https://example.org/e/"},
                                  project={"eutils_url": "https://example.net/e/"})
    assert named.api_key == "k-123" and named.endpoints.eutils == "https://example.org/e/"
