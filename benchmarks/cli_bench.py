"""Benchmark what users run: the ``claimlint`` command, as whole processes, on a generated site.

    python benchmarks/cli_bench.py [--files 40 --words 400000 --runs 3] [--keep SITE]

Generates a site of Markdown and HTML pages (deterministic seed) by recombining the corpus'
documents: each page keeps one document's title, reference list and footer around paragraphs,
lists and headings drawn from documents of its format, so the copy, its citations and its
reference lists are real marketing pages'. Then it times, as fresh processes (median of
``--runs``): ``claimlint lint --offline`` in text, JSON and SARIF with ``-j 1`` and with the
default jobs; the same text linted inside one process (``bench.throughput``); a one-file lint
against ``python -c "import spacy"``; ``claimlint --version`` and ``claimlint rules``; and
proselint on the same files when it is installed (``pip install proselint``).

Each measure runs once unmeasured first (disk cache, bytecode: see ``with_bytecode``, the
start-up data cache). Absolute times drift 2-3x between machines and with load (the
project's VM is shared), so the report gives ratios measured in the same run, the CPU time
of each child process next to its wall time, and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, Document, throughput

CLAIMLINT = [sys.executable, "-m", "checker"]
MD_REFERENCES = re.compile(r"^#{1,4} *(references|sources|studies|further reading)\b",
                           re.IGNORECASE)
HTML_BLOCK = re.compile(r"<(p|h[2-4]|ul|ol|blockquote)\b[^>]*>.*?</\1>", re.DOTALL)
HTML_REFERENCES = re.compile(r"<h[2-4][^>]*>\s*(references|sources|studies|further reading)"
                             r"\s*</h[2-4]>\s*<(ol|ul)\b.*?</\2>", re.DOTALL | re.IGNORECASE)
HTML_TITLE = re.compile(r"<h1\b[^>]*>.*?</h1>", re.DOTALL)
SKIPPED = {"gold", "heldout2", "heldout3"}  # gold annotations; locked test sets (never read)


# ---------------------------------------------------------------------------------- the site

@dataclass
class Page:
    """A corpus document cut into what a generated page reuses."""

    title: str
    blocks: list[str]  # paragraphs, lists, headings: the copy
    references: str  # the reference list with its heading ("" when the page cites nothing)


def markdown_page(text: str) -> Page:
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    title = next((p for p in parts if p.startswith("# ")), "# Untitled")
    blocks, references, in_references = [], [], False
    for part in parts:
        if MD_REFERENCES.match(part):
            in_references = True
        elif part.startswith("#") or part.startswith("---"):
            in_references = False
        (references if in_references else blocks).append(part)
    return Page(title, [b for b in blocks if b is not title and not b.startswith("---")],
                "\n\n".join(references))


def html_page(text: str) -> Page:
    found = HTML_REFERENCES.search(text)
    references = found.group(0) if found else ""
    body = text.replace(references, "") if references else text
    title = HTML_TITLE.search(text)
    return Page(title.group(0) if title else "<h1>Untitled</h1>",
                [m.group(0) for m in HTML_BLOCK.finditer(body)], references)


def corpus_pages() -> dict[str, list[Page]]:
    """The corpus' Markdown and HTML documents (not the gold annotations nor the locked
    test sets, which no tool reads), cut up."""
    pages: dict[str, list[Page]] = {"md": [], "html": []}
    for path in sorted((ROOT / "corpus").rglob("*")):
        if SKIPPED.intersection(path.parts) or path.suffix not in (".md", ".html") or \
                path.name == "ANNOTATION.md":
            continue
        text = path.read_text(encoding="utf-8")
        pages[path.suffix[1:]].append(markdown_page(text) if path.suffix == ".md"
                                      else html_page(text))
    return pages


def generate_site(folder: Path, files: int, words: int, seed: int = 13) -> list[Document]:
    """``files`` pages of about ``words`` words in all (page lengths vary 4x), 60 % Markdown;
    each with a reference list. Returns them as (path, text, format) for the in-process run."""
    rng = random.Random(seed)
    pages = corpus_pages()
    pools = {fmt: [b for page in found for b in page.blocks] for fmt, found in pages.items()}
    cited = {fmt: [p for p in found if p.references] for fmt, found in pages.items()}
    documents = []
    for index in range(files):
        fmt = "md" if rng.random() < 0.6 else "html"
        page = rng.choice(pages[fmt])
        target = words / files * rng.uniform(0.4, 1.6)
        blocks, count = [], 0
        while count < target:
            block = rng.choice(pools[fmt])
            blocks.append(block)
            count += len(block.split())
        references = page.references or rng.choice(cited[fmt]).references
        if fmt == "md":
            text = "\n\n".join([page.title, *blocks, references]) + "\n"
        else:
            body = "\n".join([page.title, *blocks, f"<section>{references}</section>"])
            text = (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                    f"<title>Page {index}</title></head>\n<body>\n<main>\n{body}\n</main>\n"
                    "</body>\n</html>\n")
        path = folder / f"page-{index:03d}.{fmt}"
        path.write_text(text, encoding="utf-8")
        documents.append((str(path), text, "markdown" if fmt == "md" else "html"))
    return documents


# ---------------------------------------------------------------------------------- timings

@dataclass
class Timing:
    wall: float  # median seconds
    cpu: float  # median CPU seconds of the process and its children (user + system)


def timed(command: list[str], runs: int, env: dict[str, str], cwd: Path) -> Timing:
    """Median wall and CPU time of ``runs`` fresh processes (output discarded), after one
    unmeasured run that may write bytecode (see ``with_bytecode``)."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd,
                   env={k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"},
                   check=False)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=env, cwd=cwd, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n"
                     f"{done.stderr.decode(errors='replace')[-2000:]}")
    return Timing(statistics.median(walls), statistics.median(cpus))


def with_bytecode(env: dict[str, str], work: Path) -> dict[str, str]:
    """With ``PYTHONDONTWRITEBYTECODE`` set (as in the project's sessions), an editable
    install compiles every claimlint module from source in every process, ~0.1-0.25 s of a
    one-file lint that no installed copy pays (pip compiles on install). The runs then read
    bytecode from a temporary ``PYTHONPYCACHEPREFIX`` that each measure's unmeasured first
    run fills (for every module, spaCy's too: the prefix replaces ``__pycache__``)."""
    if not env.get("PYTHONDONTWRITEBYTECODE") or env.get("PYTHONPYCACHEPREFIX"):
        return env
    print("PYTHONDONTWRITEBYTECODE is set: reading bytecode from a temporary "
          "PYTHONPYCACHEPREFIX (--source: compile from source in every run)")
    return {**env, "PYTHONPYCACHEPREFIX": str(work / "bytecode")}


def free_cores() -> str:
    load = os.getloadavg()
    cores = len(os.sched_getaffinity(0))
    return f"{cores} cores, load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--words", type=int, default=400_000)
    parser.add_argument("--runs", type=int, default=3, help="processes per measure (median)")
    parser.add_argument("--formats", nargs="+", default=["text", "json", "sarif"])
    parser.add_argument("--keep", type=Path, help="write the site here and keep it")
    parser.add_argument("--source", action="store_true",
                        help="with PYTHONDONTWRITEBYTECODE set, time compiling claimlint from "
                        "source in every process (the numbers before 2026-12-04 13:30)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="claimlint-bench-"))
    site = args.keep or work / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    # an empty answer cache and no user config: --offline reports every reference unverified.
    # The start-up data cache (checker.datacache) in the same folder is filled by the first
    # run, so the timed runs are a user's second and later runs.
    env = {**os.environ, "CLAIMLINT_CACHE_DIR": str(work / "cache"),
           "XDG_CONFIG_HOME": str(work / "config"), "NO_COLOR": "1"}
    env.pop("CLAIMLINT_TRUST_REPO_CONFIG", None)
    if not args.source:
        env = with_bytecode(env, work)
    try:
        documents = generate_site(site, args.files, args.words)
        words = sum(len(text.split()) for _, text, _ in documents)
        one = work / "one.md"
        one.write_text("# Dry needling\n\nDry needling eliminates back pain for good.\n")
        print(f"site: {len(documents)} files, {words:,} words, "
              f"{sum(len(t) for _, t, _ in documents) / 1e6:.1f} MB; runs: {args.runs}")
        print(f"machine before: {free_cores()}\n")
        rows = run_all(args, documents, words, site, one, env, work)
        print(f"\nmachine after: {free_cores()}")
        print_table(rows, words)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_all(args, documents: list[Document], words: int, site: Path, one: Path,
            env: dict[str, str], work: Path) -> dict[str, Timing]:
    """Every measure, by name; printed as it is taken."""
    rows: dict[str, Timing] = {}

    def measure(name: str, command: list[str]) -> Timing:
        rows[name] = timed(command, args.runs, env, work)
        print(f"  {name}: {rows[name].wall:.2f} s (CPU {rows[name].cpu:.2f} s)", flush=True)
        return rows[name]

    count, best, cpu = throughput(documents, args.runs)
    assert count == words
    rows["in-process lint, same text"] = Timing(best, cpu)
    print(f"  in-process: {best:.2f} s (CPU {cpu:.2f} s)", flush=True)
    for fmt in args.formats:
        lint = [*CLAIMLINT, "lint", "--offline", "--format", fmt, "--no-color", str(site)]
        measure(f"`lint --format {fmt} -j 1`", [*lint, "-j", "1"])
        measure(f"`lint --format {fmt}` (default jobs)", lint)
    if shutil.which("proselint"):
        measure("proselint, same files", ["proselint", "check", *[p for p, _, _ in documents]])
    measure("`python -c \"import spacy\"`", [sys.executable, "-c", "import spacy"])
    measure("one-file lint", [*CLAIMLINT, "lint", "--offline", str(one)])
    measure("one-file lint, JSON", [*CLAIMLINT, "lint", "--offline", "--format", "json",
                                    str(one)])
    measure("`claimlint --version`", [*CLAIMLINT, "--version"])
    measure("`claimlint rules`", [*CLAIMLINT, "rules"])
    return rows


def print_table(rows: dict[str, Timing], words: int) -> None:
    site_runs = {"in-process lint, same text", "proselint, same files"}
    print("\n| run | wall (median) | CPU | words/s (wall) |\n|---|---|---|---|")
    for name, timing in rows.items():
        speed = f"{words / timing.wall:,.0f}" if name in site_runs or "`lint" in name else ""
        print(f"| {name} | {timing.wall:.2f} s | {timing.cpu:.2f} s | {speed} |")

    def ratio(a: str, b: str, cpu: bool = False) -> str:
        if a not in rows or b not in rows:
            return "n/a"
        pick = (lambda t: t.cpu) if cpu else (lambda t: t.wall)
        return f"{pick(rows[b]) / pick(rows[a]):.2f}"

    serial, default = "`lint --format json -j 1`", "`lint --format json` (default jobs)"
    spacy, rules = "`python -c \"import spacy\"`", "`claimlint rules`"
    targets = [
        ("CLI -j 1 JSON, share of in-process words/s", serial, "in-process lint, same text",
         ">= 0.80"),
        ("default jobs vs proselint (speed)", default, "proselint, same files", ">= 3"),
        ("default jobs vs -j 1 (speed)", default, serial,
         ">= 1.7 on 2 idle cores, >= 1 always"),
        ("one-file lint / import spacy (time)", spacy, "one-file lint", "<= 1.15"),
        ("one-file lint, JSON / import spacy (time)", spacy, "one-file lint, JSON", "<= 1.15"),
    ]
    print("\n| target | wall | CPU | goal |\n|---|---|---|---|")
    for name, a, b, goal in targets:
        cpu = "" if "jobs" in name else ratio(a, b, cpu=True)  # CPU is no measure of parallelism
        print(f"| {name} | {ratio(a, b)} | {cpu} | {goal} |")
    if rules in rows:
        print(f"| `claimlint rules` | {rows[rules].wall:.2f} s | {rows[rules].cpu:.2f} s "
              "| <= 0.3 s |")


if __name__ == "__main__":
    main()
