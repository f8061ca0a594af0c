"""Benchmark: lint throughput (words/s, one core) and one-file cold start.

    python benchmarks/bench.py [--megabytes 4]

Generates a multi-megabyte corpus by recombining the bundled corpus' Markdown paragraphs (so
the text is as dense in claims as marketing copy gets), lints it in-process as Markdown and
as plain text, and times a fresh ``claimlint lint`` process on one small file. Prints the
numbers the README reports.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


def throughput(text: str, fmt: str, repeat: int = 3) -> tuple[int, float]:
    """Words and the best of ``repeat`` timings (the VM's speed drifts: the best run is the
    one least disturbed, as ``timeit`` reports). Each run reads and lints the whole text."""
    from checker.config import Config
    from checker.lint import Linter
    from checker.readers import read_text
    from checker.run import tune_gc

    linter = Linter(Config())
    tune_gc()  # as the command line does once its linter is built
    linter.lint(read_text("warm", "Cupping eliminates pain.", fmt))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        linter.lint(read_text("bench", text, fmt))
        best = min(best, time.perf_counter() - start)
    return len(text.split()), best


def cold_start() -> float:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.md"
        page.write_text("# Dry needling\n\nDry needling eliminates back pain for good.\n")
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "checker", "lint", str(page)],
                           capture_output=True, check=False)
            best = min(best, time.perf_counter() - start)
        return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=4.0)
    args = parser.parse_args()
    text = generated_corpus(args.megabytes)
    for fmt in ("markdown", "text"):
        words, seconds = throughput(text, fmt)
        print(f"lint throughput ({fmt}): {words:,} words in {seconds:.2f} s = "
              f"{words / seconds:,.0f} words/s (one process, one core, best of 3)")
    print(f"cold start, one small file: {cold_start():.2f} s (best of 3)")


if __name__ == "__main__":
    main()
