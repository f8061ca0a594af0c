"""Shared fixtures: one Linter for the whole run, and no test ever reaching a real host."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.lint import Linter
from checker.readers import read_text

UNREACHABLE = "http://127.0.0.1:9/"  # the discard port: connections are refused at once


@pytest.fixture(scope="session", autouse=True)
def no_real_network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point every PubMed/Crossref endpoint at a closed local port, the cache at a temp folder
    and the user config folder at an empty one (no developer's settings apply), for this
    process and every claimlint subprocess a test starts. Tests that verify references start
    the fake services and pass their URLs explicitly."""
    saved = dict(os.environ)
    os.environ.update({
        "CLAIMLINT_EUTILS_URL": UNREACHABLE, "CLAIMLINT_IDCONV_URL": UNREACHABLE,
        "CLAIMLINT_CROSSREF_URL": UNREACHABLE,
        "CLAIMLINT_CACHE_DIR": str(tmp_path_factory.mktemp("claimlint-cache")),
        "XDG_CONFIG_HOME": str(tmp_path_factory.mktemp("user-config")),
    })
    for name in ("NCBI_API_KEY", "CLAIMLINT_TRUST_REPO_CONFIG"):
        os.environ.pop(name, None)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Config())


@pytest.fixture(scope="session")
def lint_text(linter):
    def run(text: str, fmt: str = "text", path: str = "doc.txt"):
        return linter.lint(read_text(path, text, fmt))

    return run
