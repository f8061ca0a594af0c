"""Benchmark: lint throughput inside one process (words/s, one core).

    python benchmarks/bench.py [--megabytes 4]

Generates a multi-megabyte corpus by recombining the bundled corpus' Markdown paragraphs (so
the text is as dense in claims as marketing copy gets) and lints it in-process as Markdown and
as plain text. This isolates the lint itself; ``benchmarks/cli_bench.py`` times what users
run (whole processes on a generated site, cold start, side by side with proselint) and uses
``throughput`` below for its in-process reference figure.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Document = tuple[str, str, str]  # (path, text, input format)


def generated_corpus(megabytes: float) -> str:
    paragraphs = [p.strip() for path in sorted((ROOT / "corpus").glob("*.md"))
                  for p in path.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    rng = random.Random(7)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)


def throughput(documents: list[Document], repeat: int = 3) -> tuple[int, float, float]:
    """Words and the best of ``repeat`` timings, wall and CPU (the VM's speed drifts: the
    best run is the one least disturbed, as ``timeit`` reports). Each run reads and lints
    every document with one Linter, as the command line's ``-j 1`` does, without its file
    and output handling."""
    from checker.config import Config
    from checker.lint import Linter
    from checker.readers import read_text
    from checker.run import tune_gc

    linter = Linter(Config())
    tune_gc()  # as the command line does once its linter is built
    linter.lint(read_text("warm", "Cupping eliminates pain.", "markdown"))
    best = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        for path, text, fmt in documents:
            linter.lint(read_text(path, text, fmt))
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return sum(len(text.split()) for _, text, _ in documents), best, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=4.0)
    args = parser.parse_args()
    text = generated_corpus(args.megabytes)
    for fmt in ("markdown", "text"):
        words, seconds, _ = throughput([("bench", text, fmt)])
        print(f"lint throughput ({fmt}): {words:,} words in {seconds:.2f} s = "
              f"{words / seconds:,.0f} words/s (one process, one core, best of 3)")


if __name__ == "__main__":
    main()
