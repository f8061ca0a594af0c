"""Every pattern stays linear on adversarial input (a generous bound catches backtracking,
which takes minutes), and a 1 MB document scans completely."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Callable, Iterator

import pytest

import checker.citations as package
from checker.citations import scan_citations

from .sources import plain

SIZE = 100_000
BOUND_SECONDS = 2.0  # generous: linear patterns take milliseconds, a backtracking one minutes

# (head, repeated body): near-matches that make a careless pattern rescan or backtrack.
NEAR_MISSES = [
    ("", " "), ("", "a"), ("", "A"), ("", "1"), ("", "0"), ("", "."), ("", "\n"), ("", "é"),
    ("", "10."), ("", "10.1234"), ("10.1234", ".5"), ("10.1234/", ")"), ("doi:", "a"),
    ("", "doi:"), ("", "doi "), ("", "DOI: 10."), ("", "https://doi.org/"), ("pmid", " "),
    ("", "PMID: 1a"), ("", "pmc"), ("", "PMCID: "), ("", "pubmed.ncbi.nlm.nih.gov/x"),
    ("", "[1, "), ("[", "1, "), ("", "(1, "), ("(", "1-"), ("", "(Smith, "), ("(", "2020, "),
    ("", "(Smith et al., 20"), ("", "Smith et al. "), ("", "Smith and "), ("", "de "),
    ("Smith", " et al."), ("", "van der "), ("", ".1,"), ("", "pain.1"), ("", "¹,"),
    ("", "¹⁻"), ("", "@a "), ("", "[@a; "), ("", "Smith J, "), ("", "Smith, J., "),
    ("", "Smith J. "), ("", "A.B. "), ("", "2020;"), ("", "2020 Jun;"), ("", "12, "),
    ("", "12("), ("", "(2020)"), ("", ", 12(1), "), ("", "References\n"), ("", "1. "),
    ("", "- "), ("", "  \n"), ("", "Aa-"), ("", "O'"), ("", "Fig.1 a"), ("", "p. 3; "),
]  # fmt: skip


def _adversarial() -> Iterator[tuple[str, str]]:
    for head, body in NEAR_MISSES:
        yield f"{head}{body!r}", (head + body * (SIZE // len(body) + 1))[:SIZE]


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern in the package, found by looking, so new ones are covered too."""
    seen: set[int] = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and id(value) not in seen:
                seen.add(id(value))
                yield f"{info.name}.{name}", value


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


PATTERNS = dict(_patterns())


def test_patterns_are_found() -> None:
    assert {"identifiers._IDENTIFIER", "markers._PAREN", "entry._NATURE_SOURCE"} <= set(PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_near_misses(name: str) -> None:
    pattern = PATTERNS[name]
    slowest = max(
        (_seconds(lambda text=text: sum(1 for _ in pattern.finditer(text))), label)
        for label, text in _adversarial()
    )
    assert slowest[0] < BOUND_SECONDS, f"{name} took {slowest[0]:.2f} s on {slowest[1]}"


def test_scan_is_linear_on_near_misses() -> None:
    slowest = max(
        (_seconds(lambda text=text: scan_citations(plain(text))), label)
        for label, text in _adversarial()
    )
    assert slowest[0] < BOUND_SECONDS, f"scan took {slowest[0]:.2f} s on {slowest[1]}"


def _one_megabyte() -> str:
    """Marketing-like copy with markers and identifiers, then a 40-entry reference list."""
    paragraph = (
        "Our therapists use thin needles to ease tight muscles in the lower back [1, 2]. "
        "Patients in one trial reported less stiffness after four sessions (3) and the "
        "effect lasted 12 weeks.4 Costs start at $90 (about 1.5 hours) and 70% of clients "
        "book again; see Koppenhaver et al. (2022) and (Rajfur, 2022) or PMID: 34525901 "
        "for details, or doi:10.5555/synthetic.2024.1 (synthetic).\n\n"
    )
    entry = "{n}. Quill T, Ostrander QV. Pretend trial {n}. Fict Pain Med. 2021;3:{n}-9.\n"
    references = "References\n" + "".join(entry.format(n=n) for n in range(1, 41))
    body = paragraph * ((1_000_000 - len(references)) // len(paragraph))
    return body + references


def test_one_megabyte_scan_finds_every_marker_and_entry() -> None:
    """(Its speed is a benchmark's business: benchmarks/bench.py times whole lints.)"""
    scan = scan_citations(plain(_one_megabyte()))
    assert scan.reference_list is not None and len(scan.reference_list.entries) == 40
    assert len(scan.markers) > 10_000
