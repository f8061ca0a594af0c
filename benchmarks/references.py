"""Benchmark: requests and wall time to verify 200 references, against the local fake
PubMed/Crossref services with 100 ms of latency per answer and NCBI's 3 requests/s limit.

    python benchmarks/references.py

The fake services (tests/fakes/eutils.py) answer in the real wire formats with synthetic
records (PMIDs >= 99000000, DOIs under the reserved test prefix 10.5555). Nothing leaves the
machine. Prints the numbers the README reports.
"""

from __future__ import annotations

import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fakes.eutils import FakeServices, synthetic_pmids

from checker.pubmed import ClientConfig, PubMedClient

COUNT = 200
LATENCY = 0.1


def run(fake: FakeServices, cache: Path, kind: str, ids: list[str]) -> tuple[int, float, int]:
    """(requests, seconds, records found) for one lookup of ``ids`` by a fresh client."""
    config = ClientConfig.from_env(environ={}, eutils_url=fake.endpoints.eutils,
                                   idconv_url=fake.endpoints.idconv,
                                   crossref_url=fake.endpoints.crossref, cache_dir=cache)
    before = len(fake.requests())
    start = time.perf_counter()
    with PubMedClient(config) as client:
        results = getattr(client, f"lookup_{kind}")(ids)
    seconds = time.perf_counter() - start
    found = sum(1 for result in results.values() if type(result).__name__ == "Record")
    return len(fake.requests()) - before, seconds, found


def busiest_second(times: list[float]) -> int:
    """Most requests within any one second."""
    return max((sum(1 for t in times[i:] if t - start < 1.0)
                for i, start in enumerate(times)), default=0)


def main() -> None:
    pmids = synthetic_pmids(COUNT)
    dois = [f"10.5555/claimlint.{pmid}" for pmid in pmids]
    fake = FakeServices()
    fake.latency = LATENCY
    fake.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for kind, ids in (("pmids", pmids), ("dois", dois)):
                cache = Path(folder) / kind
                seen = len(fake.requests())
                requests, seconds, found = run(fake, cache, kind, ids)
                times = sorted(s.at for s in fake.requests()[seen:])
                again, _, _ = run(fake, cache, kind, ids)
                gaps = [b - a for a, b in pairwise(times)]
                print(f"{COUNT} {kind.upper()[:-1]}s: {requests} requests in {seconds:.2f} s "
                      f"({found} records found), busiest second {busiest_second(times)} "
                      f"requests (NCBI limit without a key: 3), shortest gap "
                      f"{min(gaps, default=0):.2f} s; second run: {again} requests")
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
