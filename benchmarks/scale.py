"""Benchmark: lint a whole archive with 1, 2 and all cores; words/s and peak memory.

    python benchmarks/scale.py                      # 10,000 documents, 10 million words
    python benchmarks/scale.py --docs 1000 --words 1000000 --jobs 0
    python benchmarks/scale.py --dir /tmp/archive   # keep (and reuse) the generated archive

Generates an archive of Markdown, HTML and plain-text pages of marketing-like copy from the
templates and word lists below (a tenth of the pages cite studies in a reference list), then
times a fresh ``claimlint lint ARCHIVE --offline --format json --jobs N`` process for each N.
Peak memory is the largest sum of resident set sizes over the whole process tree (the main
process and its workers), sampled with psutil (``pip install -e ".[bench]"``); forked
workers share pages with the main process, so the sum is an upper bound. CPU seconds of the
main process and of the workers show how the work divides, whatever else the machine runs.
Every run's JSON output is hashed: a parallel run must write exactly what the serial one
wrote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

INTERVENTIONS = [
    "our turmeric blend", "the collagen powder", "cold-water immersion", "dry needling",
    "our CBD tincture", "infrared sauna sessions", "the probiotic capsules", "acupuncture",
    "cupping therapy", "chiropractic care", "the magnesium spray", "elderberry syrup",
    "our detox tea", "deep-tissue massage", "the vitamin D drops", "red-light therapy",
    "the ashwagandha gummies", "our omega-3 softgels", "reflexology", "the zinc lozenges",
]
CONDITIONS = [
    "back pain", "anxiety", "migraines", "joint stiffness", "insomnia", "fatigue",
    "bloating", "eczema", "high blood pressure", "seasonal colds", "neck pain", "arthritis",
    "brain fog", "muscle soreness", "acid reflux", "hay fever", "stress", "poor circulation",
]
STRONG = ["cures", "eliminates", "reverses", "permanently fixes", "wipes out"]
PLAIN = ["reduces", "relieves", "improves", "eases", "soothes", "fights"]
HEDGED = ["may help ease", "might reduce", "can support relief from", "may soothe"]
CLAIMS = [
    "{I} {strong} {C}.",
    "{I} {plain} {C} for most people.",
    "Many customers find that {I} {hedged} {C}.",
    "Clinically proven: {I} {plain} {C} in just {n} days.",
    "{p}% of our customers said {I} {plain} their {C}.",
    "Doctors recommend {I} for {C}.",
    "{I} is completely safe and has no side effects.",
    "{I} boosts your immune system and flushes out toxins.",
    "Unlike painkillers, {I} treats the root cause of {C}.",
    "Say goodbye to {C} forever with {I}.",
    "Studies show that {I} {plain} {C}.",
    "Works for everyone: {I} {plain} {C} every single time.",
]
CITING = "A trial found that {I} {plain} {C} [{k}]."
BRANDS = ["Northwind Wellness", "Cedar & Sage", "Blue Harbor Health", "Lumen Botanicals",
          "Oakridge Naturals", "Meadowlight", "Tidewater Remedies", "Silver Fern Studio"]
PLACES = ["Vermont", "the Scottish Highlands", "Oregon", "a small town in Ontario",
          "the Welsh coast", "Colorado", "New Zealand", "the Lake District"]
PEOPLE = ["two sisters", "a retired nurse", "a family of farmers", "a former athlete",
          "a pair of college friends", "a yoga teacher"]
THINGS = ["glass bottles", "compostable pouches", "recycled cardboard", "amber jars",
          "paper tubes", "refillable tins"]
FILLERS = [
    "{B} was founded in {y} by {who} in {where}.",
    "Every order ships in {what} within {n} business days.",
    "Our team answers every message personally, usually the same afternoon.",
    "We source our ingredients from growers in {where} and visit them each spring.",
    "Sign up to our newsletter for recipes, seasonal offers and studio news.",
    "Gift cards are available in any amount and never expire.",
    "The studio is open from nine until six on weekdays and until noon on Saturdays.",
    "Free parking is available behind the building, next to the bakery.",
    "Returns are accepted within {n} days if the seal is unbroken.",
    "Store the jar in a cool, dry place away from direct sunlight.",
    "Stir one spoonful into warm water or your morning smoothie.",
    "Our founder still packs the first order of every week by hand.",
    "Follow {B} for behind-the-scenes photos from the workshop in {where}.",
    "Each batch is labelled with the date it was made and the name of who made it.",
    "We plant a tree for every hundred orders, so far more than {n} thousand of them.",
    "Book a session online, by phone, or at the front desk on your way out.",
    "Sessions last about {n} minutes, and you are welcome to bring a friend.",
    "Prices include tax and there is no charge for rescheduling.",
    "Our packaging is printed with plant-based inks on {what}.",
    "Questions about an order? Write to us and include your order number.",
]
HEADINGS = ["Why customers love it", "How it works", "Our story", "What to expect",
            "Frequently asked questions", "Ingredients", "Shipping and returns",
            "Meet the team", "Getting started", "Results"]
EXTENSIONS = [".md", ".html", ".txt"]


def sentence(rng: random.Random, claim: bool, cite: int | None = None) -> str:
    template = CITING if cite is not None else rng.choice(CLAIMS if claim else FILLERS)
    text = template.format(
        I=rng.choice(INTERVENTIONS), C=rng.choice(CONDITIONS), strong=rng.choice(STRONG),
        plain=rng.choice(PLAIN), hedged=rng.choice(HEDGED), n=rng.randint(2, 90),
        p=rng.randint(60, 99), k=cite, B=rng.choice(BRANDS), y=rng.randint(1978, 2024),
        who=rng.choice(PEOPLE), where=rng.choice(PLACES), what=rng.choice(THINGS))
    return text[0].upper() + text[1:]


def paragraphs(rng: random.Random, words: int, cites: bool) -> list[tuple[str, list[str]]]:
    """Sections (heading, paragraphs) of about ``words`` words; a quarter of the sentences
    are claims."""
    sections: list[tuple[str, list[str]]] = []
    count, cited = 0, 0
    while count < words:
        body = []
        for _ in range(rng.randint(1, 4)):
            parts = []
            for _ in range(rng.randint(2, 7)):
                cite = cited + 1 if cites and cited < 3 and rng.random() < 0.1 else None
                cited += cite is not None
                parts.append(sentence(rng, rng.random() < 0.25, cite))
            body.append(" ".join(parts))
            count += sum(len(p.split()) for p in parts)
        sections.append((rng.choice(HEADINGS), body))
    return sections


def references(count: int) -> list[str]:
    return [f"Example A, Sample B. A trial of remedy {i}. J Example Health. 2020;{i}:1-9. "
            f"doi:10.5555/scale.{i}" for i in range(1, count + 1)]


def render(extension: str, title: str, sections, refs: list[str]) -> str:
    if extension == ".md":
        out = [f"# {title}"]
        for heading, body in sections:
            out += [f"## {heading}", *body]
        if refs:
            out += ["## References", *(f"{i}. {r}" for i, r in enumerate(refs, 1))]
        return "\n\n".join(out) + "\n"
    if extension == ".html":
        out = [f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"]
        for heading, body in sections:
            out += [f"<h2>{heading}</h2>", *(f"<p>{p}</p>" for p in body)]
        if refs:
            out += ["<h2>References</h2><ol>", *(f"<li>{r}</li>" for r in refs), "</ol>"]
        return "\n".join([*out, "</body></html>"]) + "\n"
    out = [title]
    for heading, body in sections:
        out += [heading, *body]
    if refs:
        out += ["References", *(f"{i}. {r}" for i, r in enumerate(refs, 1))]
    return "\n\n".join(out) + "\n"


def generate(folder: Path, docs: int, words: int, seed: int = 11) -> int:
    """Write ``docs`` pages of about ``words`` words in all (lengths vary 20x) under
    ``folder``; returns the number of words of prose written."""
    rng = random.Random(seed)
    weights = [rng.lognormvariate(0, 0.7) for _ in range(docs)]
    scale = words / sum(weights)
    total = 0
    for index, weight in enumerate(weights):
        cites = index % 10 == 0
        sections = paragraphs(rng, max(30, round(weight * scale)), cites)
        extension = EXTENSIONS[index % len(EXTENSIONS)]
        text = render(extension, f"{rng.choice(INTERVENTIONS).capitalize()} for "
                      f"{rng.choice(CONDITIONS)}", sections, references(3) if cites else [])
        total += sum(len(p.split()) for _, body in sections for p in body)
        page = folder / f"{index // 1000:02d}" / f"page-{index:05d}{extension}"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    return total


def archive(root: Path, docs: int, words: int) -> tuple[Path, int]:
    """The archive for these sizes under ``root``, generated unless already there."""
    folder = root / f"archive-{docs}-{words}"
    manifest = folder / "manifest.json"  # not a lintable extension
    if manifest.is_file():
        return folder / "pages", json.loads(manifest.read_text())["words"]
    total = generate(folder / "pages", docs, words)
    manifest.write_text(json.dumps({"docs": docs, "words": total}))
    return folder / "pages", total


@dataclass
class Run:
    jobs: int
    seconds: float
    peak_rss: int  # bytes, whole process tree
    cpu_main: float  # CPU seconds of the main process
    cpu_workers: float  # and of its workers together
    output_sha256: str
    summary: dict


def run(pages: Path, jobs: int, scratch: Path, source: Path | None = None) -> Run:
    """One fresh ``claimlint lint`` process; its tree's memory and CPU time sampled every
    50 ms."""
    output = scratch / f"out-{jobs}.json"
    env = {**os.environ, "CLAIMLINT_CACHE_DIR": str(scratch / "cache")}
    if source is not None:
        env["PYTHONPATH"] = str(source)
    command = [sys.executable, "-m", "checker", "lint", str(pages), "--offline", "--format",
               "json", "--jobs", str(jobs), "--fail-on", "never"]
    start = time.perf_counter()
    with output.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, env=env, cwd=scratch)  # not this tree
        root, peak, cpu = psutil.Process(process.pid), 0, {}
        while process.poll() is None:
            peak = max(peak, _sample(root, cpu))
            time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"claimlint exited {process.returncode}")
    data = output.read_bytes()
    summary = json.loads(data[data.rindex(b'"summary": ') + 11:-2])
    output.unlink()
    main_cpu = cpu.pop(process.pid, 0.0)
    return Run(jobs, seconds, peak, main_cpu, sum(cpu.values()),
               hashlib.sha256(data).hexdigest(), summary)


def _sample(root: psutil.Process, cpu: dict[int, float]) -> int:
    """The tree's resident memory now; records each process's CPU seconds so far."""
    total = 0
    try:
        for process in [root, *root.children(recursive=True)]:
            with process.oneshot():
                total += process.memory_info().rss
                times = process.cpu_times()
            cpu[process.pid] = times.user + times.system
    except psutil.NoSuchProcess:
        pass  # a worker that just exited
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2, 0],
                        help="job counts to run (0: one worker per core)")
    parser.add_argument("--source", type=Path, help="lint with the claimlint source tree in "
                        "this folder instead (to compare versions)")
    parser.add_argument("--dir", type=Path, help="where to keep the archive (default: a "
                        "temporary folder, deleted afterwards)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.dir or Path(scratch)
        began = time.perf_counter()
        pages, words = archive(root.resolve(), args.docs, args.words)
        print(f"archive: {args.docs:,} documents, {words:,} words ({pages}; ready in "
              f"{time.perf_counter() - began:.0f} s); {os.cpu_count()} cores")
        print("| docs | words | jobs | wall time | words/s | peak RSS (tree) | CPU s main + "
              "workers | findings |")
        print("|---|---|---|---|---|---|---|---|")
        hashes = set()
        for jobs in args.jobs:
            done = run(pages, jobs, Path(scratch), args.source)
            hashes.add(done.output_sha256)
            label = f"{jobs} (all: {os.cpu_count()})" if jobs == 0 else str(jobs)
            print(f"| {args.docs:,} | {words:,} | {label} | {done.seconds:.1f} s | "
                  f"{words / done.seconds:,.0f} | {done.peak_rss / 2**20:,.0f} MiB | "
                  f"{done.cpu_main:.1f} + {done.cpu_workers:.1f} | "
                  f"{done.summary['findings']:,} |", flush=True)
        if len(hashes) > 1:
            raise SystemExit("the runs wrote different output")
        print("every run wrote the same output")


if __name__ == "__main__":
    main()
