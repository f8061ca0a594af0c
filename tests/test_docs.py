"""The documentation pages that are generated or linked stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

from checker.rules.catalogue import markdown

ROOT = Path(__file__).resolve().parent.parent


def test_the_rules_page_is_the_catalogue_the_code_generates():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == markdown(), (
        "docs/rules.md is stale: run 'claimlint rules --markdown > docs/rules.md'")


def test_every_rule_and_input_code_has_a_section():
    page = markdown()
    codes = re.findall(r"^\| \[(\w+)\]", page, flags=re.MULTILINE)
    assert len(codes) == len(set(codes)) > 30
    assert all(f"\n### {code}\n" in page for code in codes)


def test_relative_links_in_the_readme_and_docs_lead_to_files_that_exist():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = [(page.name, target) for page in pages
               for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)",
                                        page.read_text(encoding="utf-8"))
               if not (page.parent / target).exists()]
    assert missing == []


def test_the_readme_first_command_prints_the_summary_it_promises_and_exits_1(tmp_path):
    import os
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    promised = re.search(r"\(`(\d+ file\(s\), \d+ claim\(s\): [^`]+)`\)", readme).group(1)
    assert "pip install -e . && claimlint lint --offline corpus/" in readme
    done = subprocess.run([sys.executable, "-m", "checker", "lint", "--offline", "corpus/"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "CLAIMLINT_CACHE_DIR": str(tmp_path / "cache"),
                               "XDG_CONFIG_HOME": str(tmp_path / "config")})  # a new user
    assert done.returncode == 1
    assert done.stdout.rstrip().splitlines()[-1] == promised
