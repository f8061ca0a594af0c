"""Fixtures for tests that look studies up: the fake services, a client factory, a network guard.

No test may reach a real host: every client is pointed at the fake services explicitly, the
environment's CLAIMLINT_*/NCBI_API_KEY settings are removed, and ``loopback_only`` fails any
connection to an address other than the loopback one (and refuses DNS for other names).
A test folder's ``conftest.py`` imports these fixtures to use them.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.pubmed import ClientConfig, PubMedClient
from fakes.eutils import FakeServices, MakeClient

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_ENV = (
    "CLAIMLINT_EUTILS_URL",
    "CLAIMLINT_IDCONV_URL",
    "CLAIMLINT_CROSSREF_URL",
    "CLAIMLINT_EMAIL",
    "CLAIMLINT_CACHE_DIR",
    "NCBI_API_KEY",
    "CLAIMLINT_TRUST_REPO_CONFIG",
)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every address a test connects to; connecting off the machine fails the test."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    attempts: list[Any] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock: socket.socket, address: Any) -> None:
        attempts.append(address)
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOOPBACK:
            pytest.fail(f"test tried to connect to {address!r}")
        real_connect(sock, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in _LOOPBACK:
            raise socket.gaierror(socket.EAI_NONAME, f"DNS blocked in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


@pytest.fixture
def fake() -> Iterator[FakeServices]:
    with FakeServices() as services:
        yield services


@pytest.fixture
def make_client(fake: FakeServices, tmp_path: Path) -> Iterator[MakeClient]:
    """Clients on the fake services with a per-test cache; keyword arguments override."""
    clients: list[PubMedClient] = []

    def make(**settings: Any) -> PubMedClient:
        endpoints = settings.pop("endpoints", fake.endpoints)
        settings.setdefault("cache_dir", tmp_path / "cache")
        settings.setdefault("requests_per_second", 1000.0)
        settings.setdefault("read_timeout", 2.0)
        settings.setdefault("backoff_factor", 0.0)
        config = ClientConfig.from_env(
            environ={},
            eutils_url=endpoints.eutils,
            idconv_url=endpoints.idconv,
            crossref_url=endpoints.crossref,
            **settings,
        )
        client = PubMedClient(config)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
