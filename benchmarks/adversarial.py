"""Benchmark: lint a 10 MB adversarial Markdown file and a 10 MB adversarial HTML file.

    python benchmarks/adversarial.py [--megabytes 10] [--timeout 600]

Each file repeats the near-misses the regex-safety tests feed single patterns (imported from
those tests, so benchmark and tests attack the same weaknesses) next to markup nested
thousands of levels deep and never closed. Each is linted by the CLI in a fresh process
(``--offline --format json``, one job, ``max-file-size`` raised so the file is really read);
the script prints wall time, peak RSS of that process (``ru_maxrss`` from ``wait4``, the
per-child form of ``getrusage(RUSAGE_CHILDREN)``), exit code and how many findings and claims
the lint reported (claims show how much of the file was read as prose). A lint still running
after ``--timeout`` seconds is killed and reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.citations.test_citation_performance import NEAR_MISSES  # noqa: E402
from tests.test_regex_safety import BODIES  # noqa: E402

DEPTH = 10_000  # levels of nesting per construct
CLAIM = "Cupping cures back pain for good, as 9 out of 10 patients say [1]."
HTML_CLOSER = "\n-->'\">]]></a></sup></b></li></td></h1>\n<p>"

# Constructs opened DEPTH times (and closed, where a closing exists), per format.
NESTING = {
    "md": [("> ", ""), ("- ", ""), ("1. ", ""), ("*", "*"), ("**", "__"), ("[", "]("),
           ("![", "]("), ("`", ""), ("~~", ""), ("^", "^"), ("[@", "; "),
           ("(Smith et al., ", ")"), ("[1, ", "]"), ("<b>", "</i>"), ("\\", "")],
    "html": [("<div>", "</div>"), ("<b><i>", ""), ("<a href=x>", ""), ("<sup>", "</sub>"),
             ("<li>", "</ol>"), ("<h1>", "</h2>"), ("<p ", ""), ("<![", ""), ("&#", ";"),
             ("<svg>", ""), ("<table><tr><td>", "</td>")],
}


def closer(fmt: str, run: str) -> str:
    """What closes everything a run left open (comment, quote, tag, section, code fence), so
    the claim after it is text again: one "<!--" would otherwise hide the rest of the file."""
    if fmt == "html":
        return HTML_CLOSER
    fence = len(run) - len(run.lstrip("`"))
    return "\n\n" + ("`" * fence + "\n\n" if fence >= 3 else "") + "-->\n\n"


def adversarial(fmt: str, size: int) -> str:
    """``size`` characters: every near-miss body of both regex-safety suites a thousand times,
    then every construct of ``NESTING[fmt]`` DEPTH levels deep, each followed by a claim."""
    bodies = [*BODIES, *(head + body for head, body in NEAR_MISSES)]
    runs = [body * 1000 for body in bodies]
    runs += [f"{opening * DEPTH}{CLAIM}{closing * DEPTH}" for opening, closing in NESTING[fmt]]
    unit = "".join(f"{run}{closer(fmt, run)}{CLAIM}\n\n" for run in runs)
    return (unit * (size // len(unit) + 1))[:size]


def lint(path: Path, timeout: float) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit code, counts) of one CLI run on ``path``."""
    output = path.with_suffix(".json")
    command = [sys.executable, "-m", "checker", "lint", "--offline", "--format", "json",
               "--jobs", "1", path.name]
    start = time.perf_counter()
    with output.open("wb") as handle:
        process = subprocess.Popen(command, cwd=path.parent, stdout=handle)
        deadline = threading.Timer(timeout, process.kill)
        deadline.start()
        _, status, usage = os.wait4(process.pid, 0)
        deadline.cancel()
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code  # reaped by wait4: Popen must not wait for it again
    rss = usage.ru_maxrss / 1024  # kilobytes on Linux
    if code not in (0, 1):
        return seconds, rss, code, f"killed or failed (timeout {timeout:.0f} s)"
    summary = json.loads(output.read_text())["summary"]
    return seconds, rss, code, f"{summary['findings']} findings, {summary['claims']} claims"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per file")
    options = parser.parse_args()
    size = int(options.megabytes * 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".claimlint.toml").write_text(f"max-file-size = {options.megabytes * 2}\n")
        for fmt in ("md", "html"):
            path = root / f"adversarial.{fmt}"
            path.write_text(adversarial(fmt, size), encoding="utf-8")
            seconds, rss, code, counts = lint(path, options.timeout)
            print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {seconds:.1f} s wall, "
                  f"peak RSS {rss:.0f} MB, exit {code}, {counts}", flush=True)


if __name__ == "__main__":
    main()
