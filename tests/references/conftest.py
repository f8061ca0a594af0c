"""Fixtures for the reference-verification tests: the fake services (never a real host) and
a helper that lints a Markdown text and runs the RF rules on it."""

from __future__ import annotations

import pytest
from fakes.network import fake, loopback_only, make_client

from checker.citations import scan_citations
from checker.lint import Linter
from checker.pubmed import PubMedClient
from checker.readers import read_text
from checker.references import Bibliography, verify

from .harness import Checked, CheckText, run_rules

__all__ = ["fake", "loopback_only", "make_client"]


@pytest.fixture
def check_text(linter: Linter) -> CheckText:
    """Lint Markdown ``text`` for claims, verify its citations with ``client``, run the rules."""

    def run(text: str, client: PubMedClient | None,
            bibliography: Bibliography | None = None) -> Checked:
        source = read_text("doc.md", text, "markdown")
        claims = linter.lint(source).claims
        return run_rules(verify(source, scan_citations(source), claims, client, bibliography,
                                strength_of=linter.strength_of))

    return run
