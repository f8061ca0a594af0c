"""Benchmark: lint a 10 MB adversarial Markdown file and a 10 MB adversarial HTML file.

    python benchmarks/adversarial.py [--megabytes 10]

Each file repeats the near-misses the regex-safety tests feed single patterns (imported from
those tests, so benchmark and tests attack the same weaknesses) next to markup nested
thousands of levels deep and never closed. Each is linted by the CLI in a fresh process
(``--offline --format json``, one job, ``max-file-size`` raised so the file is really read);
the script prints wall time, peak RSS of that process (``ru_maxrss`` from ``wait4``, the
per-child form of ``getrusage(RUSAGE_CHILDREN)``), exit code and finding count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.citations.test_citation_performance import NEAR_MISSES  # noqa: E402
from tests.test_regex_safety import BODIES  # noqa: E402

DEPTH = 10_000  # levels of nesting per construct

# Constructs opened DEPTH times (and closed, where a closing exists), per format.
MARKDOWN_NESTING = [("> ", ""), ("- ", ""), ("1. ", ""), ("*", "*"), ("**", "__"), ("[", "]("),
                    ("![", "]("), ("`", ""), ("~~", ""), ("^", "^"), ("[@", "; "),
                    ("(Smith et al., ", ")"), ("[1, ", "]"), ("<b>", "</i>"), ("\\", "")]
HTML_NESTING = [("<div>", "</div>"), ("<b><i>", ""), ("<a href=x>", ""), ("<sup>", "</sub>"),
                ("<li>", "</ol>"), ("<h1>", "</h2>"), ("<p ", ""), ("<![", ""), ("&#", ";"),
                ("<svg>", ""), ("<table><tr><td>", "</td>")]


def near_misses() -> str:
    """Every near-miss body of both regex-safety suites, a thousand times each."""
    bodies = [*BODIES, *(head + body for head, body in NEAR_MISSES)]
    return "".join(body * 1000 for body in bodies)


def nested(constructs: list[tuple[str, str]]) -> str:
    """Each construct opened DEPTH times around a claim, then (mis)closed DEPTH times."""
    return "\n\n".join(f"{opening * DEPTH}Cupping cures pain 100%.{closing * DEPTH}"
                       for opening, closing in constructs)


def adversarial(fmt: str, size: int) -> str:
    unit = near_misses() + "\n\n" + nested(MARKDOWN_NESTING if fmt == "md" else HTML_NESTING)
    if fmt == "html":
        unit = "<html><body>" + unit
    return (unit * (size // len(unit) + 1))[:size]


def lint(path: Path) -> tuple[float, float, int, int]:
    """(wall seconds, peak RSS in MB, exit code, findings) of one CLI run on ``path``."""
    output = path.with_suffix(".json")
    command = [sys.executable, "-m", "checker", "lint", "--offline", "--format", "json",
               "--jobs", "1", path.name]
    start = time.perf_counter()
    with output.open("wb") as handle:
        process = subprocess.Popen(command, cwd=path.parent, stdout=handle)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code  # reaped by wait4: Popen must not wait for it again
    findings = len(json.loads(output.read_text())["findings"]) if code in (0, 1) else -1
    return seconds, usage.ru_maxrss / 1024, code, findings  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    options = parser.parse_args()
    size = int(options.megabytes * 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".claimlint.toml").write_text(f"max-file-size = {options.megabytes * 2}\n")
        for fmt in ("md", "html"):
            path = root / f"adversarial.{fmt}"
            path.write_text(adversarial(fmt, size), encoding="utf-8")
            seconds, rss, code, findings = lint(path)
            print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {seconds:.1f} s wall, "
                  f"peak RSS {rss:.0f} MB, exit {code}, {findings} findings", flush=True)


if __name__ == "__main__":
    main()
