"""The on-disk cache: secrets never stored, two processes at once, corruption, info/clear."""

from __future__ import annotations

import logging
import multiprocessing
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from fakes.eutils import FakeServices, MakeClient, Reply, synthetic_pmids

from checker.pubmed import (
    Citation,
    ClientConfig,
    Endpoints,
    PubMedClient,
    Record,
    Unverified,
    cache,
)

API_KEY = "SECRET-api-key-0123456789abcdef"
EMAIL = "private.person+claimlint@example.org"


def _forms(secret: str) -> list[bytes]:
    return [form.encode() for form in {secret, quote(secret, safe=""), quote_plus(secret)}]


def test_api_key_and_email_stay_out_of_cache_logs_and_messages(
    fake: FakeServices, make_client: MakeClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client(api_key=API_KEY, email=EMAIL)
    client.lookup_pmids(["9500320"])
    client.lookup_pmids(["99000001"], full=False)
    client.lookup_dois(["10.5555/claimlint.99000002", "10.1371/journal.pone.0033693"])
    client.lookup_pmcids(["PMC99000003"])  # the ID Converter echoes tool and email back
    client.match_citations([Citation("k", "Lancet", 1998, "351", "637", "Wakefield AJ")])
    echo = f'{{"error":"API rate limit exceeded","api-key":"{API_KEY}","email":"{EMAIL}"}}'
    fake.queue("efetch", *[Reply(429, echo.encode())] * 4)
    failed = client.lookup_pmids(["99000004"])["99000004"]
    down = Endpoints(*["http://127.0.0.1:9/"] * 3)
    offline_ids = make_client(endpoints=down, api_key=API_KEY, email=EMAIL).lookup_pmcids(["PMC5"])
    client.close()

    eutils = [seen for seen in fake.requests() if seen.route not in ("idconv", "crossref")]
    assert eutils and all(seen.params["api_key"] == API_KEY for seen in eutils)
    assert all(seen.params["email"] == EMAIL for seen in eutils)
    stored = b"".join(path.read_bytes() for path in (tmp_path / "cache").iterdir())
    assert b"REDACTED" in stored
    messages = [repr(client), repr(client._config), str(failed), str(offline_ids["PMC5"])]
    assert isinstance(failed, Unverified) and isinstance(offline_ids["PMC5"], Unverified)
    for secret in _forms(API_KEY) + _forms(EMAIL):
        assert secret not in stored
        assert [text for text in messages if secret.decode() in text] == []
    # urllib3's DEBUG lines show GET URLs, where the email is an idconv/Crossref parameter:
    # the transport blanks its secrets in what the HTTP libraries log.
    assert all(secret.decode() not in caplog.text for secret in _forms(API_KEY) + _forms(EMAIL))


def _worker(
    config: ClientConfig, pmids: list[str], start: multiprocessing.synchronize.Barrier
) -> None:  # type: ignore[name-defined]
    start.wait()
    with PubMedClient(config) as client:
        for pmid in pmids:
            assert isinstance(client.lookup_pmids([pmid])[pmid], Record)


def test_two_processes_write_the_cache_at_once(
    fake: FakeServices, make_client: MakeClient, tmp_path: Path
) -> None:
    config = ClientConfig.from_env(
        environ={},
        eutils_url=fake.endpoints.eutils,
        cache_dir=tmp_path / "shared",
        requests_per_second=1000.0,
    )
    context = multiprocessing.get_context("fork")  # inherits the loopback-only guard
    start = context.Barrier(2)
    halves = [synthetic_pmids(40, start=1), synthetic_pmids(40, start=101)]
    workers = [context.Process(target=_worker, args=(config, half, start)) for half in halves]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert len(fake.requests()) == 80

    offline = make_client(cache_dir=tmp_path / "shared", offline=True)
    for pmid in halves[0] + halves[1]:
        assert isinstance(offline.lookup_pmids([pmid])[pmid], Record), pmid
    assert cache.info(tmp_path / "shared").entries == 80


def _open_and_write(
    cache_dir: Path, first: int, start: multiprocessing.synchronize.Barrier
) -> None:  # type: ignore[name-defined]
    start.wait()
    backend = cache.open_backend(cache_dir)
    for key in range(first, first + 20):
        backend.redirects[str(key)] = "synthetic"
    backend.close()


def test_processes_creating_the_cache_together_all_keep_it_on_disk(tmp_path: Path) -> None:
    """A new file's switch to WAL is not covered by SQLite's busy timeout: without waiting
    it out, one of two processes starting together fell back to an in-memory cache (in
    about four trials out of ten)."""
    context = multiprocessing.get_context("fork")
    for trial in range(12):
        cache_dir = tmp_path / str(trial)
        start = context.Barrier(2)
        workers = [
            context.Process(target=_open_and_write, args=(cache_dir, first, start))
            for first in (0, 100)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        assert [worker.exitcode for worker in workers] == [0, 0]
        backend = cache.open_backend(cache_dir)
        assert len(backend.redirects) == 40, f"trial {trial}"
        backend.close()


def test_corrupt_cache_is_rebuilt_with_a_warning(
    fake: FakeServices, make_client: MakeClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / cache.CACHE_FILE).write_bytes(b"this is not a database\n" * 500)
    with caplog.at_level(logging.WARNING):
        first = make_client().lookup_pmids(["99000001"])
    assert isinstance(first["99000001"], Record)
    assert "damaged" in caplog.text
    make_client().lookup_pmids(["99000001"])
    assert len(fake.requests()) == 1


def test_info_and_clear(make_client: MakeClient, tmp_path: Path) -> None:
    missing = cache.info(tmp_path / "nowhere")
    assert (missing.entries, missing.size_bytes) == (0, 0)
    assert not (tmp_path / "nowhere").exists()

    client = make_client()
    client.lookup_pmids(["99000001"])
    client.lookup_pmids(["99000002"])
    client.close()
    full = cache.info(tmp_path / "cache")
    assert full.path == tmp_path / "cache" / cache.CACHE_FILE
    assert full.entries == 2 and full.size_bytes > 0
    cache.clear(tmp_path / "cache")
    assert cache.info(tmp_path / "cache").entries == 0


def test_cache_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "env-cache"))
    assert cache.info().path == tmp_path / "env-cache" / cache.CACHE_FILE
    assert ClientConfig.from_env().cache_dir == tmp_path / "env-cache"


def test_unusable_cache_folder_falls_back_to_memory(
    fake: FakeServices,
    make_client: MakeClient,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    client = make_client(cache_dir=blocker / "cache")
    assert isinstance(client.lookup_pmids(["99000001"])["99000001"], Record)
    assert isinstance(client.lookup_pmids(["99000001"])["99000001"], Record)
    assert "caching in memory only" in caplog.text
    assert len(fake.requests()) == 1
