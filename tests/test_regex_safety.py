"""Every regular expression outside the citation scanner (which tests its own) stays linear on
adversarial input, and a whole lint of an adversarial file finishes in bounded time."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Iterator

import pytest

import checker
from checker.nlp.tokens import MAX_RUN, break_long_runs
from checker.readers import read_text

SIZE = 100_000
BOUND_SECONDS = 2.0  # linear patterns take milliseconds; a backtracking one takes minutes
BODIES = [" ", "a", "*", "**a", "_a_", "`", "``a", "[", "[a](", "![a](", "<", "<a ", "</",
          "<!--", "&", "&#1", "\\", "# ", "> ", "- ", "|", "1", "10%", "100 percent ", "9 out ",
          "claimlint: disable=", "<!-- claimlint: ", "\r\n", "\n", "é", "Wow!! ", "a, ", ";"]


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    seen: set[int] = set()
    for info in pkgutil.walk_packages(checker.__path__, prefix="checker."):
        if info.name.startswith("checker.citations") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and id(value) not in seen:
                seen.add(id(value))
                yield f"{info.name}.{name}", value


PATTERNS = dict(_patterns())


def test_patterns_were_found():
    assert len(PATTERNS) >= 20


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_near_misses(name):
    pattern = PATTERNS[name]
    for body in BODIES:
        text = (body * (SIZE // len(body) + 1))[:SIZE]
        start = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        assert time.perf_counter() - start < BOUND_SECONDS, (name, body)


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_lint_of_an_adversarial_megabyte_is_bounded(linter, fmt):
    text = "".join(body * 1000 for body in BODIES) * 3  # about 1 MB of near-misses
    start = time.perf_counter()
    linter.lint(read_text("adversarial", text, fmt))
    assert time.perf_counter() - start < 60


def test_the_tokenizer_gets_whitespace_free_runs_in_short_pieces(lint_text):
    """spaCy's tokenizer strips suffix punctuation off a run one character at a time and
    searches the whole run again each time (quadratic: minutes for a long run of ';'). Runs
    longer than any word are cut into short pieces first, keeping every position."""
    text = "Cupping cures back pain" + ";" * 20_000 + " every time."
    broken = break_long_runs(text)
    assert max(map(len, break_long_runs(";" * 200).split())) <= MAX_RUN  # a run at the start
    assert len(broken) == len(text)
    assert max(map(len, broken.split())) <= MAX_RUN
    assert broken.startswith("Cupping cures back pain;") and broken.endswith(" every time.")
    assert break_long_runs("Dry needling eliminates back pain.") == (
        "Dry needling eliminates back pain.")
    (claim,) = lint_text(text).claims
    assert claim.text.startswith("Cupping cures back pain")
