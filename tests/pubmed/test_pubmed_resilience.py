"""Failure handling: retries, fail-fast, time budget, bad answers, redirects, rate limits."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest
from fakes.eutils import (
    BILLION_LAUGHS_BODY,
    FakeServices,
    MakeClient,
    Reply,
    fixture,
    synthetic_pmids,
)

from checker.pubmed import Citation, Endpoints, Record, Unverified
from checker.pubmed.guard import RateLimiter

RATE_LIMITED = Reply(429, b'{"error":"API rate limit exceeded","count":"4","limit":"3"}')


def _unverified(result: object, text: str) -> None:
    assert isinstance(result, Unverified), result
    assert text in result.reason, result.reason


def test_429_is_retried_after_retry_after(fake: FakeServices, make_client: MakeClient) -> None:
    fake.queue("efetch", Reply(**{**RATE_LIMITED.__dict__, "headers": {"Retry-After": "1"}}))
    assert isinstance(make_client().lookup_pmids(["99000001"])["99000001"], Record)
    first, second = fake.requests("efetch")
    assert 0.9 <= second.at - first.at < 2.0


def test_5xx_is_retried_then_reported(fake: FakeServices, make_client: MakeClient) -> None:
    fake.queue("efetch", Reply(503, b"busy", "text/plain"), Reply(500, b"oops", "text/plain"))
    assert isinstance(make_client().lookup_pmids(["99000001"])["99000001"], Record)
    fake.queue("efetch", *[Reply(502, b"bad gateway", "text/plain")] * 4)
    _unverified(make_client(retries=3).lookup_pmids(["99000002"])["99000002"], "HTTP 502")
    assert len(fake.requests("efetch")) == 3 + 4


def test_read_timeout_switches_to_cache_only(fake: FakeServices, make_client: MakeClient) -> None:
    client = make_client(read_timeout=0.3)
    client.lookup_pmids(["9500320"])  # cached before the network goes bad
    fake.queue("efetch", Reply(delay=1.5))
    started = time.monotonic()
    _unverified(client.lookup_pmids(["99000001"])["99000001"], "Read timed out")
    _unverified(client.lookup_dois(["10.5555/a.b"])["10.5555/a.b"], "no network (")
    _unverified(client.lookup_pmcids(["PMC99000003"])["PMC99000003"], "no network (")
    assert isinstance(client.lookup_pmids(["9500320"])["9500320"], Record)  # still from cache
    assert time.monotonic() - started < 1.0
    assert len(fake.requests()) == 2


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused_costs_one_attempt(
    make_client: MakeClient, loopback_only: list[Any]
) -> None:
    base = f"http://127.0.0.1:{_closed_port()}"
    client = make_client(endpoints=Endpoints(base, base, base), email="x@example.org")
    started = time.monotonic()
    results = {
        **client.lookup_pmids(["99000001", "99000002"]),
        **client.lookup_dois(["10.5555/claimlint.99000003"]),
        **client.lookup_pmcids(["PMC99000004"]),
        **client.match_citations([Citation("k", "Lancet", 1998, "351", "637", title="x y z")]),
    }
    assert len(results) == 5 and all(isinstance(r, Unverified) for r in results.values())
    _unverified(results["99000001"], "Connection refused")
    assert len(loopback_only) == 1
    assert time.monotonic() - started < 1.0


def test_dns_failure_fails_fast(make_client: MakeClient, loopback_only: list[Any]) -> None:
    down = "http://eutils.invalid/"
    client = make_client(endpoints=Endpoints(down, down, down))
    assert all(isinstance(r, Unverified) for r in client.lookup_pmids(["1", "2"]).values())
    _unverified(client.lookup_dois(["10.5555/q"])["10.5555/q"], "no network (")
    assert loopback_only == []


def test_time_budget_reports_the_rest_unverified(
    fake: FakeServices, make_client: MakeClient
) -> None:
    fake.latency = 0.3
    client = make_client(time_budget=1.0)
    started = time.monotonic()
    results = [client.lookup_pmids([pmid])[pmid] for pmid in synthetic_pmids(6)]
    assert isinstance(results[0], Record) and isinstance(results[1], Record)
    _unverified(results[-1], "time budget exhausted")
    assert len(fake.requests()) <= 4
    assert time.monotonic() - started < 1.5


def test_slow_answers_within_timeouts_are_fine(fake: FakeServices, make_client: MakeClient) -> None:
    fake.latency = 0.2
    assert isinstance(make_client().lookup_pmids(["99000001"])["99000001"], Record)


HUGE = b"<a>" + b"x" * 200_000 + b"</a>"


@pytest.mark.parametrize(
    ("route", "reply", "reason"),
    [
        ("efetch", Reply(body=b"<html><h1>Oops</h1></html>", content_type="text/html"), "HTML"),
        ("efetch", Reply(body=BILLION_LAUGHS_BODY, content_type="text/xml"), "unreadable XML"),
        ("esearch", Reply(body=b'{"esearchresult": {"idlist": ['), "unreadable JSON"),
        ("esearch", Reply(body=fixture("esearch_error_body.json")), "Empty term"),
        ("esummary", Reply(body=b'{"result": {"uids": ["1"], "1": {"authors": 7}}}'), "malformed"),
        ("crossref", Reply(body=b'{"status": "ok", "message": {"author": [1]}}'), "malformed"),
        ("efetch", Reply(body=HUGE, content_type="text/xml"), "bytes exceeds the 100000-byte cap"),
        ("efetch", Reply(body=HUGE, declare_length=False), "response exceeds the 100000-byte cap"),
    ],
    ids=[
        "html-200",
        "billion-laughs",
        "bad-json",
        "ncbi-error-200",
        "odd-esummary",
        "odd-crossref",
        "huge",
        "huge-unannounced",
    ],
)
def test_bad_answers_are_unverified(
    fake: FakeServices, make_client: MakeClient, route: str, reply: Reply, reason: str
) -> None:
    fake.queue(route, reply)
    client = make_client(max_body_bytes=100_000)
    lookups = {
        "efetch": lambda: client.lookup_pmids(["99000001"]),
        "esummary": lambda: client.lookup_pmids(["99000001"], full=False),
        "esearch": lambda: client.lookup_dois(["10.5555/claimlint.99000001"]),
        "crossref": lambda: client.lookup_dois(["10.5555/crossref-only.1"]),
    }
    [result] = lookups[route]().values()
    _unverified(result, reason)


def test_redirect_to_another_host_is_refused(
    fake: FakeServices, make_client: MakeClient, loopback_only: list[Any]
) -> None:
    elsewhere = fake.base_url.replace("127.0.0.1", "localhost") + "/entrez/eutils/efetch.fcgi"
    fake.queue("efetch", Reply(302, headers={"Location": elsewhere}))
    _unverified(make_client().lookup_pmids(["99000001"])["99000001"], "refused redirect")
    assert {address[0] for address in loopback_only} == {"127.0.0.1"}


def test_redirect_within_the_host_is_followed(fake: FakeServices, make_client: MakeClient) -> None:
    target = f"{fake.base_url}/entrez/eutils/efetch.fcgi?db=pubmed&id=99000001&retmode=xml"
    fake.queue("efetch", Reply(302, headers={"Location": target}))
    assert isinstance(make_client().lookup_pmids(["99000001"])["99000001"], Record)


def _busiest_second(times: list[float]) -> int:
    return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)


def test_rate_limit_without_key(fake: FakeServices, make_client: MakeClient) -> None:
    client = make_client(requests_per_second=None)
    for pmid in synthetic_pmids(7):
        client.lookup_pmids([pmid])
    times = [seen.at for seen in fake.requests()]
    assert len(times) == 7 and _busiest_second(times) <= 3


def test_rate_limit_with_key(fake: FakeServices, make_client: MakeClient) -> None:
    client = make_client(requests_per_second=None, api_key="test-key")
    started = time.monotonic()
    for pmid in synthetic_pmids(12):
        client.lookup_pmids([pmid])
    times = [seen.at for seen in fake.requests()]
    assert _busiest_second(times) <= 10
    assert time.monotonic() - started < 2.0


def test_rate_limiter_window_and_deadline() -> None:
    now = [0.0]
    limiter = RateLimiter(3, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    starts = []
    for _ in range(9):
        assert limiter.wait(latest=10.0)
        starts.append(round(now[0], 3))
    assert starts == [0.0] * 3 + [1.1] * 3 + [2.2] * 3
    assert not limiter.wait(latest=3.0)  # the next slot (3.3 s) is past the deadline
    assert round(now[0], 3) == 2.2  # ...and it said so without sleeping


@pytest.mark.parametrize("body_only", [False, True], ids=["headers-drip", "body-drip"])
def test_a_slow_drip_answer_is_cut_at_the_request_deadline(
    fake: FakeServices, make_client: MakeClient, body_only: bool
) -> None:
    """A byte every 20 ms keeps every socket read inside its timeout; the wall-clock deadline
    per request still ends it, and the client goes cache-only as after a read timeout."""
    fake.queue("efetch", Reply(body=fixture("efetch_retracted_9500320.xml"), drip=0.02,
                               drip_body_only=body_only, content_type="text/xml"))
    client = make_client(request_timeout=0.5, read_timeout=5.0)
    _unverified(client.lookup_pmids(["9500320"])["9500320"], "no complete answer within 0.5 s")
    _unverified(client.lookup_pmids(["99000001"])["99000001"], "no network (no answer within")
    assert len(fake.requests()) == 1


def test_a_slow_drip_answer_is_cut_when_the_budget_ends(
    fake: FakeServices, make_client: MakeClient
) -> None:
    fake.drip = 0.02
    client = make_client(time_budget=0.5, read_timeout=5.0)
    _unverified(client.lookup_pmids(["9500320"])["9500320"], "time budget exhausted")
    _unverified(client.lookup_dois(["10.5555/a.b"])["10.5555/a.b"], "time budget exhausted")
    assert len(fake.requests()) == 1
