"""Lint an archive too big for one machine with Dask: partitions of paths, one JSON document.

    python examples/dask_archive.py ARCHIVE... [--partitions 64] [-o report.json]
        [--scheduler tcp://host:8786 | --workers 4] [--offline | --no-verify-references]

Dask splits the archive's file list into partitions (``dask.bag``); each partition is linted
by claimlint's own Python API in whichever worker Dask picks and comes back as a
``--format json`` document; ``checker.formatters.json.merge`` joins them, in order, into the
document one ``claimlint lint --format json ARCHIVE...`` run writes. Dask does all the
distribution: with ``--scheduler`` the work goes to an existing cluster (every worker needs
claimlint installed and the archive at the same paths, e.g. on a shared file system);
without it a ``LocalCluster`` of ``--workers`` processes runs on this machine.

PubMed's rate limit holds per process, so on a cluster verify references from a warmed
cache (``--offline``) or not at all (``--no-verify-references``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import TextIO

import dask.bag
from distributed import Client, Future, LocalCluster

from checker.formatters.json import Json, merge
from checker.run import Options, Session


def lint_partition(paths: list[str], options: Options) -> list[str]:
    """One partition's ``--format json`` document (a one-item list: a bag partition)."""
    with Session(options) as session:
        return [Json.render(session.lint_files(paths))]


def lint_archive(arguments: list[str], options: Options, client: Client, partitions: int,
                 out: TextIO) -> dict:
    """Write the archive's JSON document to ``out``; returns its summary."""
    with Session(options) as session:
        paths = session.files(arguments)  # the same files, in the same order, as the CLI
    bag = dask.bag.from_sequence(paths, npartitions=min(partitions, len(paths)))
    futures = client.compute(bag.map_partitions(lint_partition, options).to_delayed())
    return merge(map(json.loads, _in_order(futures)), out).as_dict()


def _in_order(futures: list[Future]) -> Iterator[str]:
    """Each partition's document in archive order, let go of once read (so the cluster
    frees it)."""
    futures.reverse()
    while futures:
        (document,) = futures.pop().result()
        yield document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="files, folders or globs, as for claimlint")
    parser.add_argument("--partitions", type=int, default=64)
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes")
    parser.add_argument("-o", "--output", type=Path, help="the JSON report (default: stdout)")
    verify = parser.add_mutually_exclusive_group()
    verify.add_argument("--offline", action="store_true", help="look references up in the "
                        "cache only")
    verify.add_argument("--no-verify-references", dest="verify", action="store_false",
                        default=None)
    args = parser.parse_args()
    options = Options(verify=args.verify, offline=args.offline, keep_text=False)
    cluster = nullcontext(args.scheduler) if args.scheduler else LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
    output = args.output.open("w", encoding="utf-8") if args.output else nullcontext(sys.stdout)
    with cluster as address, Client(address) as client, output as out:
        summary = lint_archive(args.paths, options, client, args.partitions, out)
    print(f"{summary['files']} file(s), {summary['findings']} finding(s)", file=sys.stderr)


if __name__ == "__main__":
    main()
