"""Faults a user meets, seen through ``claimlint lint``: broken networks and services, damaged
caches, and ``--fix`` killed while it writes. Whatever breaks, the lint finishes, says which
references it could not check (RF120, "unverified"), accuses no citation of not existing,
sets the exit code from what was verified only, and keeps to the network time budget.

The client-level behaviour behind each case is tested in ``tests/pubmed``; here the whole
command runs (in-process, see ``fakes.cli``) against the fake services of ``fakes.eutils``.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from fakes.cli import Claimlint, Run, claimlint, point_at  # noqa: F401  (fixture)
from fakes.eutils import FakeServices, Reply
from fakes.network import fake, loopback_only  # noqa: F401  (fixtures)

# PMIDs from 99000001 and DOIs under 10.5555 (a prefix reserved for tests) are SYNTHETIC records
# of the fake services; PMID 9500320 is the real, retracted Wakefield 1998 paper, answered from
# a recorded E-utilities response.
PAGE = """# Sleep, vaccines and pain

Placebo tablets improve sleep quality [1].

Vaccines cause regressive autism in children [2].

Dry needling may reduce neck pain in some patients [3].

Cupping may ease back pain in some people [4].

## References

1. A synthetic trial. PMID: 99000001
2. Wakefield AJ, et al. Lancet. 1998;351(9103):637-41. PMID: 9500320
3. A synthetic reference. doi:10.5555/claimlint.99000002
4. A synthetic Crossref-only work. doi:10.5555/crossref-only.99500001
"""
CITED = 4  # identifiers on the page, each one lookup outcome
BUDGET = 1.0  # seconds of network time per run, from the page's config
OUT_OF_TIME = "time budget exhausted"
MIB = 1024 * 1024
GIGANTIC = 200  # MiB offered by the server, ten times the client's 20 MiB cap
LINT = ("lint", "page.md", "--online", "--select", "RF", "--format", "json")


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The page, its config (a short network budget) and NCBI's keyed rate (10/s), so that
    pacing never eats into the budget."""
    (tmp_path / "page.md").write_text(PAGE)
    (tmp_path / ".claimlint.toml").write_text(f"network-budget = {BUDGET}\n")
    monkeypatch.setenv("NCBI_API_KEY", "SYNTHETIC-test-key")
    return tmp_path


def _assert_nothing_verified(run: Run, reason: str) -> None:
    """Exit 0 (RF120 is info), one RF120 per identifier, no traceback, within the budget."""
    assert "Traceback" not in run.stderr + run.log and "internal error" not in run.stderr
    assert run.code == 0, run.stdout + run.stderr
    messages = [finding["message"] for finding in run.findings()]
    assert [f["code"] for f in run.findings()] == ["RF120"] * CITED, messages
    assert all("could not be checked against PubMed or Crossref" in m for m in messages)
    assert any(reason in message for message in messages), messages
    assert run.seconds < BUDGET + 8  # generous: the point is that it ends, not how fast


def test_the_page_verifies_when_the_services_work(
    claimlint: Claimlint, page: Path  # noqa: F811
) -> None:
    run = claimlint(*LINT)
    assert run.code == 1  # the retracted study is an error...
    assert "RF105" in {f["code"] for f in run.findings()}
    assert "RF120" not in {f["code"] for f in run.findings()}  # ...and everything was checked


BAD_ANSWERS = [
    pytest.param(Reply(429, b'{"error":"API rate limit exceeded"}', headers={"Retry-After": "1"}),
                 OUT_OF_TIME, id="429-storm"),
    pytest.param(Reply(503, b"Service Unavailable", "text/plain"), OUT_OF_TIME, id="5xx"),
    pytest.param(Reply(body=b'{"esearchresult": {"idlist": []}}' * 50, cut=60, stall=30),
                 "Read timed out", id="stall-mid-body"),
    pytest.param(Reply(drop=True), "Remote end closed connection", id="closed-without-answer"),
    pytest.param(Reply(body=b"<html><h1>Maintenance</h1></html>", content_type="text/html"),
                 "sent an HTML page instead of data", id="html-content-type"),
    pytest.param(Reply(body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)), content_type="image/png"),
                 "unreadable", id="binary-content-type"),
    pytest.param(Reply(body=b'{"esearchresult": {"idlist": ["99000001"]}}', cut=25),
                 "IncompleteRead", id="truncated-json-body"),
    pytest.param(Reply(body=b'{"esearchresult": {"idlist": ['), "unreadable",
                 id="truncated-json-document"),
    pytest.param(Reply(body=b" " * MIB, repeat=GIGANTIC, content_type="text/xml"),
                 "bytes exceeds the 20971520-byte cap", id="gigantic-declared"),
]


@pytest.mark.parametrize(("reply", "reason"), BAD_ANSWERS)
def test_bad_services_leave_references_unverified(
    claimlint: Claimlint, page: Path, fake: FakeServices, reply: Reply, reason: str  # noqa: F811
) -> None:
    fake.serve_always(reply)
    run = claimlint(*LINT)
    _assert_nothing_verified(run, reason)
    budget_spent = OUT_OF_TIME in run.log
    assert budget_spent == (reason == OUT_OF_TIME or reply.stall > 0), run.log


@pytest.mark.parametrize(("base_url", "reason"), [
    pytest.param("http://127.0.0.1:9", "Connection refused", id="connection-refused"),
    pytest.param("http://nonexistent.invalid", "Failed to resolve", id="dns-failure"),
])
def test_no_network_costs_one_attempt(
    claimlint: Claimlint, page: Path, fake: FakeServices, loopback_only: list[object],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch, base_url: str, reason: str
) -> None:
    point_at(monkeypatch, base_url, page / "cache")
    run = claimlint(*LINT)
    _assert_nothing_verified(run, reason)
    assert "no network" in run.log and OUT_OF_TIME not in run.stdout + run.log
    assert len(loopback_only) <= 1 and fake.requests() == []


def test_a_gigantic_streamed_answer_is_cut_at_the_cap(
    claimlint: Claimlint, page: Path, fake: FakeServices  # noqa: F811
) -> None:
    """200 MiB with no Content-Length: the client stops reading at its 20 MiB cap, so
    neither the bytes received nor the memory held come near the size of the answer."""
    fake.serve_always(Reply(body=b" " * MIB, repeat=GIGANTIC, declare_length=False,
                            content_type="text/xml"))
    tracemalloc.start()
    try:
        run = claimlint(*LINT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    _assert_nothing_verified(run, "response exceeds the 20971520-byte cap")
    per_request = fake.body_bytes_sent / len(fake.requests())
    assert per_request < 40 * MIB  # the cap plus what socket buffers held
    assert peak < 100 * MIB, f"peak {peak / MIB:.0f} MiB"
