"""Coverage-guided fuzzing (atheris + libFuzzer) of the parsers that read untrusted files.

    pip install -e ".[fuzz]"
    python benchmarks/fuzz.py --target markdown --seconds 60
    python benchmarks/fuzz.py --target all --seconds 120     # each target in turn, own process

Targets: citations (``scan_citations`` over the text read by each reader), markdown, html,
text (the readers) and bibtex (``parse_bibliography``). Each asserts what the tests rely on:
no exception (a ``ClaimlintError`` from the BibTeX loader is the intended answer to a broken
file, so it counts as success) and every reported position inside the text. Inputs start from
``benchmarks/fuzz_seeds/<target>/``; what libFuzzer learns goes to a working corpus outside
the repository (``--work``), crashing inputs to ``<work>/<target>/crash-*``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit('fuzz.py needs atheris: pip install -e ".[fuzz]"')

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "fuzz_seeds"
sys.path.insert(0, str(ROOT))

# Everything the targets reach is imported here, inside the hook, so libFuzzer sees coverage
# of our parsers and of the third-party ones they drive (lazy imports would escape it).
with atheris.instrument_imports(include=["checker", "markdown_it", "mdit_py_plugins", "html",
                                         "bibtexparser", "pylatexenc"]):
    import html.parser  # noqa: F401

    import bibtexparser
    import bibtexparser.middlewares.names
    import pylatexenc.latex2text  # noqa: F401

    from checker.citations import scan_citations
    from checker.errors import ClaimlintError
    from checker.readers import READERS
    from checker.references.bibtex import parse_bibliography
    from checker.source import SourceText

assert bibtexparser.middlewares.names  # imported for instrumentation, used lazily by bibtex


def _text(data: bytes) -> str:
    """Bytes as the CLI would read them: UTF-8, BOM dropped, bad bytes replaced."""
    return data.decode("utf-8-sig", errors="replace")


def _inside(spans: Iterable[tuple[int, int]], length: int, what: str) -> None:
    for start, end in spans:
        assert 0 <= start <= end <= length, f"{what} span {start}..{end} outside 0..{length}"


def check_source(source: SourceText, text: str) -> None:
    """What a reader promises: prose maps 1:1 onto the original, structure points into it."""
    assert source.original == text
    assert len(source.prose) == len(text), "prose and original differ in length"
    _inside(((b.start, b.end) for b in source.blocks), len(text), "block")
    _inside(((link.start, link.end) for link in source.links), len(text), "link URL")
    _inside(((link.text_start, link.text_end) for link in source.links), len(text), "link text")
    _inside(source.superscripts, len(text), "superscript")


def _reader_target(fmt: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        text = _text(data)
        check_source(READERS[fmt]("fuzz", text), text)

    return target


def citations_target(data: bytes) -> None:
    """The citation scanner on what each reader makes of the input."""
    text = _text(data)
    for reader in READERS.values():
        scan = scan_citations(reader("fuzz", text))
        found = [*scan.identifiers, *scan.markers]
        if scan.reference_list:
            reflist = scan.reference_list
            _inside([(reflist.start, reflist.end)], len(text), "reference list")
            _inside(((e.start, e.end) for e in reflist.entries), len(text), "reference entry")
            found += [i for e in reflist.entries for i in e.identifiers]
            scan.uncited_entries()
            scan.unresolved_markers()
        _inside(((item.start, item.end) for item in found), len(text), "citation")


def bibtex_target(data: bytes) -> None:
    """A broken file may be refused with a ``ClaimlintError``, never with anything else."""
    text = _text(data)
    try:
        bibliography = parse_bibliography(text, "fuzz.bib")
    except ClaimlintError as error:
        assert "\n" not in str(error).strip(), "error message spans several lines"
        return
    for entry in bibliography.entries.values():
        _inside([(entry.start, entry.end)], len(text), "BibTeX entry")
        assert text[entry.start] == "@" and entry.line >= 1


TARGETS: dict[str, Callable[[bytes], None]] = {
    "citations": citations_target,
    **{name: _reader_target(fmt) for name, fmt in
       (("markdown", "markdown"), ("html", "html"), ("text", "text"))},
    "bibtex": bibtex_target,
}


def fuzz(target: str, seconds: int, work: Path, max_len: int) -> None:
    """Run libFuzzer in this process; it exits the process itself when time is up."""
    corpus = work / target
    corpus.mkdir(parents=True, exist_ok=True)
    # The working corpus comes first: libFuzzer writes new inputs to the first directory
    # only, so the seeds in the repository stay as they are.
    args = [sys.argv[0], str(corpus), str(SEEDS / target), f"-max_total_time={seconds}",
            f"-artifact_prefix={corpus}/", f"-max_len={max_len}", "-timeout=20",
            "-rss_limit_mb=2048", "-print_final_stats=1"]
    atheris.Setup(args, TARGETS[target])
    atheris.Fuzz()


def fuzz_all(seconds: int, work: Path, max_len: int) -> int:
    """Each target in a subprocess of its own, one after another; 1 if any of them failed."""
    failed = []
    for target in TARGETS:
        print(f"== {target} ({seconds} s)", flush=True)
        done = subprocess.run([sys.executable, __file__, "--target", target, "--seconds",
                               str(seconds), "--work", str(work), "--max-len", str(max_len)],
                              check=False)
        if done.returncode:
            failed.append(target)
    print(f"failed: {', '.join(failed)}" if failed else "no target failed", flush=True)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=[*TARGETS, "all"], required=True)
    parser.add_argument("--seconds", type=int, default=60, help="per target")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) /
                        "claimlint-fuzz", help="working corpus and crash artifacts")
    parser.add_argument("--max-len", type=int, default=8192, help="longest input, in bytes")
    options = parser.parse_args()
    if options.target == "all":
        return fuzz_all(options.seconds, options.work, options.max_len)
    fuzz(options.target, options.seconds, options.work, options.max_len)
    return 0


if __name__ == "__main__":
    sys.exit(main())
