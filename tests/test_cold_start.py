"""Start-up cost: commands that lint nothing never import spaCy, and a lint imports only what
it needs (not spaCy's own command line, nor the HTTP stack when no lookup is made).

Each command runs in a fresh interpreter, which then prints the modules it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the CLI as `claimlint ARGS` does, then writes sorted(sys.modules) as JSON to stderr.
WRAPPER = """
import atexit, json, sys
sys.argv = ["claimlint", *sys.argv[1:]]
atexit.register(lambda: sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules))))
from checker.cli import main
main()
"""


def imported(*args: str, cwd: Path, env: dict[str, str]) -> set[str]:
    done = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr
    return set(json.loads(done.stderr.rsplit("MODULES ", 1)[1]))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """No user config and a private cache, so nothing outside the test is read."""
    return {**os.environ, "CLAIMLINT_CACHE_DIR": str(tmp_path / "cache"),
            "XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.mark.parametrize("args", [
    ["--version"], ["rules"], ["rule", "OS101"], ["rule", "IN001"], ["cache", "info"],
    ["evidence"], ["evidence", "chiropractic", "asthma"],
])
def test_commands_that_lint_nothing_never_import_spacy(args, tmp_path, env):
    modules = imported(*args, cwd=tmp_path, env=env)
    assert "checker.cli" in modules  # the wrapper did run the command
    assert not {"spacy", "numpy", "checker.lint", "checker.nlp.pipeline"} & modules


def test_listing_rules_loads_no_reader_or_network_stack(tmp_path, env):
    modules = imported("rules", cwd=tmp_path, env=env)
    assert "checker.rules.rf102_not_found" in modules  # the metadata came from the modules
    assert not {"markdown_it", "requests", "requests_cache", "bibtexparser", "rich",
                "checker.readers"} & modules


def test_offline_lint_loads_spacy_but_not_its_command_line_nor_http(tmp_path, env):
    page = tmp_path / "page.md"
    page.write_text("# Dry needling\n\nDry needling eliminates back pain for good.\n")
    modules = imported("lint", "--offline", "--format", "json", str(page), cwd=tmp_path,
                       env=env)
    assert {"spacy", "checker.lint"} <= modules
    assert not {"spacy.cli", "weasel", "requests", "requests_cache", "urllib3", "rich",
                "bibtexparser", "pygls", "lsprotocol"} & modules


def test_spacy_command_line_still_loads_after_a_lint_imported_spacy():
    """The stand-in for spacy.cli is gone once spaCy is imported: the real one loads."""
    code = ("import checker.nlp.pipeline, spacy, spacy.cli; "
            "print(callable(spacy.cli.download), spacy.info.__name__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.split() == ["True", "info"]
