"""Faults a user meets, seen through ``claimlint lint``: broken networks and services, damaged
caches, and ``--fix`` killed while it writes. Whatever breaks, the lint finishes, says which
references it could not check (RF120, "unverified"), accuses no citation of not existing,
sets the exit code from what was verified only, and keeps to the network time budget.

The client-level behaviour behind each case is tested in ``tests/pubmed``; here the whole
command runs (in-process, see ``fakes.cli``) against the fake services of ``fakes.eutils``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from fakes.cli import (  # noqa: F401  (claimlint: fixture)
    Claimlint,
    Run,
    claimlint,
    endpoint_env,
    point_at,
    run_process,
)
from fakes.eutils import FakeServices, Reply
from fakes.network import fake, loopback_only  # noqa: F401  (fixtures)

from checker.pubmed.cache import CACHE_FILE

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
    # A stall meets the socket timeout (clamped to the budget) and the request's deadline (the
    # budget) at the same moment; either reports it, so the reason is the budget's.
    pytest.param(Reply(delay=30), OUT_OF_TIME, id="stall-before-headers"),
    pytest.param(Reply(body=b'{"esearchresult": {"idlist": []}}' * 50, cut=60, stall=30),
                 OUT_OF_TIME, id="stall-mid-body"),
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
    assert budget_spent == (reason == OUT_OF_TIME), run.log


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


def test_the_report_calls_unchecked_references_unverified(
    claimlint: Claimlint, page: Path, fake: FakeServices  # noqa: F811
) -> None:
    fake.serve_always(Reply(drop=True))
    report = claimlint("lint", "page.md", "--online", "--format", "html").stdout
    statuses = re.findall(r"<td class=status>([^<]*)</td>", report)
    assert len(statuses) == CITED and all(s.startswith("unverified: ") for s in statuses)


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


def _truncated(cache_file: Path) -> None:
    data = cache_file.read_bytes()
    cache_file.write_bytes(data[: len(data) // 2])


def _garbage(cache_file: Path) -> None:
    cache_file.write_bytes(bytes(range(256)) * 64)


@pytest.mark.parametrize("damage", [_truncated, _garbage], ids=["truncated", "garbage"])
def test_a_damaged_cache_is_rebuilt_with_a_warning(
    claimlint: Claimlint, page: Path, fake: FakeServices, damage  # noqa: F811
) -> None:
    claimlint(*LINT)
    cache_file = page / "cache" / CACHE_FILE
    damage(cache_file)
    asked = len(fake.requests())
    run = claimlint(*LINT)
    assert "damaged; starting a new, empty cache" in run.log
    assert "Traceback" not in run.stderr + run.log
    assert run.code == 1 and "RF120" not in {f["code"] for f in run.findings()}
    assert len(fake.requests()) > asked  # asked again, and remembered it this time:
    asked = len(fake.requests())
    assert claimlint(*LINT).findings() == run.findings() and len(fake.requests()) == asked


def _without_root_override() -> list[str]:
    """A command prefix under which permission bits bind: as root, drop the capability
    (CAP_DAC_OVERRIDE) that lets root write into a read-only folder."""
    return ["setpriv", "--bounding-set=-dac_override"] if os.geteuid() == 0 else []


def test_a_read_only_cache_folder_falls_back_to_memory(
    claimlint: Claimlint, page: Path, fake: FakeServices  # noqa: F811
) -> None:
    claimlint(*LINT)  # an existing cache, then the folder turns read-only
    cache = page / "cache"
    before = {path.name: path.read_bytes() for path in cache.iterdir()}
    cache.chmod(0o500)
    try:
        run = run_process(*LINT, cwd=page, env=endpoint_env(fake.base_url, cache),
                          prefix=_without_root_override())
    finally:
        cache.chmod(0o700)
    assert "cannot use the cache" in run.stderr and "caching in memory only" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.code == 1 and "RF120" not in {f["code"] for f in run.findings()}
    assert {path.name: path.read_bytes() for path in cache.iterdir()} == before


HYPE = "Our revolutionary cupping relieves back pain for good, and it works immediately.\n\n"
CODE = "```\nrevolutionary code that stays for good\n```\n\n"  # never fixed: it is code


def _large_fixable_page() -> str:
    """About 3 MB: 300 fixable paragraphs (900 fixes) among large code blocks, which make the
    file big to write while costing the linter little."""
    block = "```\n" + "revolutionary code that stays for good\n" * 13_000 + "```\n\n"
    return "# Cupping\n\n" + (HYPE * 50 + block) * 6 + CODE


def _kill_each_when(runs: list[tuple[subprocess.Popen[bytes], Callable[[], bool]]]) -> None:
    """SIGKILL each process as soon as its condition holds (or let it finish), polling every
    0.2 ms: a write phase lasts a few milliseconds."""
    waiting = list(runs)
    while waiting:
        for process, ready in list(waiting):
            if process.poll() is not None or ready():
                process.kill()
                process.wait(timeout=30)
                waiting.remove((process, ready))
        time.sleep(0.0002)


def test_fix_killed_at_any_point_leaves_the_old_or_the_new_file(
    claimlint: Claimlint, tmp_path: Path  # noqa: F811
) -> None:
    """SIGKILL lands while linting, as the temporary file appears, and just after the rename;
    the file is always byte-identical to the original or to the fixed version. A kill during
    the write may leave the temporary file: hidden, next to the file, named
    ``.<name>.<random>.claimlint``."""
    original = _large_fixable_page().encode()
    (tmp_path / "reference.md").write_bytes(original)
    claimlint("lint", "reference.md", "--fix", "--offline", "--select", "OS")
    fixed = (tmp_path / "reference.md").read_bytes()
    assert len(fixed) < len(original) and b"for good\n```" in fixed  # fixed outside code only

    def temporary_files(folder: Path) -> list[str]:
        return [name for name in os.listdir(folder) if name != "page.md"]

    started = time.monotonic()
    kill_points: dict[str, Callable[[Path], bool]] = {
        "linting": lambda _: time.monotonic() - started > 0.5,
        "writing": lambda folder: bool(temporary_files(folder)),
        "renamed": lambda folder: (folder / "page.md").stat().st_size != len(original),
    }
    runs = []
    for name, ready in kill_points.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "page.md").write_bytes(original)
        process = subprocess.Popen(
            [sys.executable, "-m", "checker", "lint", "page.md", "--fix", "--offline",
             "--select", "OS"], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append((process, partial(ready, folder)))
    _kill_each_when(runs)
    for name in kill_points:
        after = (tmp_path / name / "page.md").read_bytes()
        assert after in (original, fixed), f"{name}: {len(after)} bytes, neither old nor new"
        assert all(re.fullmatch(r"\.page\.md\.\w+\.claimlint", leftover)
                   for leftover in temporary_files(tmp_path / name))
    assert (tmp_path / "linting" / "page.md").read_bytes() == original
    assert (tmp_path / "renamed" / "page.md").read_bytes() == fixed


def test_a_slow_drip_server_cannot_hold_the_run_past_its_budget(
    claimlint: Claimlint, page: Path, fake: FakeServices  # noqa: F811
) -> None:
    """Every answer trickles in a byte at a time, each socket read well inside its timeout
    (the attack that held runs for as long as the server liked): the run still ends when its
    network budget does."""
    fake.drip = 0.02
    run = claimlint(*LINT)
    _assert_nothing_verified(run, OUT_OF_TIME)
    assert OUT_OF_TIME in run.log


def test_cache_info_and_clear_tell_the_truth_about_a_read_only_cache(
    claimlint: Claimlint, page: Path, fake: FakeServices  # noqa: F811
) -> None:
    """A read-only cache was counted as empty, and "cleared" while its entries stayed."""
    claimlint(*LINT)
    cache = page / "cache"
    entries = claimlint("cache", "info", "--cache-dir", "cache").stdout.splitlines()[1]
    assert entries.startswith("entries: ") and entries != "entries: 0"
    cache.chmod(0o500)
    try:
        info, clear = (run_process("cache", command, "--cache-dir", "cache", cwd=page,
                                   env=endpoint_env(fake.base_url, cache),
                                   prefix=_without_root_override())
                       for command in ("info", "clear"))
    finally:
        cache.chmod(0o700)
    assert info.code == 0 and info.stdout.splitlines()[1] == entries
    assert clear.code == 2 and clear.stdout == ""
    assert clear.stderr == (f"claimlint: error: cache/{CACHE_FILE}: cannot delete (Permission "
                            "denied); the cache is not cleared\n")
    assert claimlint("cache", "info", "--cache-dir", "cache").stdout.splitlines()[1] == entries
    assert claimlint("cache", "clear", "--cache-dir", "cache").code == 0
    assert claimlint("cache", "info", "--cache-dir", "cache").stdout.splitlines()[1] == (
        "entries: 0")
