"""Shared fixtures: one Linter for the whole run (building the pipeline takes a moment)."""

from __future__ import annotations

import pytest

from checker.config import Config
from checker.lint import Linter
from checker.readers import read_text


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Config())


@pytest.fixture(scope="session")
def lint_text(linter):
    def run(text: str, fmt: str = "text", path: str = "doc.txt"):
        return linter.lint(read_text(path, text, fmt))

    return run
