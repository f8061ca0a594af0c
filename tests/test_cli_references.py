"""``claimlint lint`` and ``claimlint refs`` verifying citations, end to end, against the local
fake PubMed/Crossref services (real recorded Wakefield 1998 record; synthetic records are
PMIDs >= 99000000 and DOIs under the reserved test prefix 10.5555)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakes.eutils import FakeServices
from fakes.network import fake  # noqa: F401  (fixture)

PAGE = """# MMR and autism

Our clinic explains what the research shows.

Vaccines cause regressive autism in children [1].

Dry needling may reduce neck pain in some patients [2].

## References

1. Wakefield AJ, Murch SH, Anthony A, et al. Ileal-lymphoid-nodular hyperplasia, non-specific
   colitis, and pervasive developmental disorder in children. Lancet. 1998;351(9103):637-41.
   PMID: 9500320
2. A synthetic reference. doi:10.5555/claimlint.99000404
"""


def run(fake_services: FakeServices, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    endpoints = fake_services.endpoints
    env = {**os.environ, "CLAIMLINT_EUTILS_URL": endpoints.eutils,
           "CLAIMLINT_IDCONV_URL": endpoints.idconv, "CLAIMLINT_CROSSREF_URL": endpoints.crossref,
           "CLAIMLINT_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    (tmp_path / "page.md").write_text(PAGE)
    return tmp_path


def test_lint_flags_a_retracted_study_then_answers_from_the_cache(fake, page):  # noqa: F811
    first = run(fake, "lint", "page.md", "--format", "json", "--select", "RF", cwd=page)
    codes = {f["code"] for f in json.loads(first.stdout)["findings"]}
    assert "RF105" in codes, first.stdout + first.stderr
    retracted = next(f for f in json.loads(first.stdout)["findings"] if f["code"] == "RF105")
    assert "pubmed.ncbi.nlm.nih.gov/9500320" in retracted["message"]
    assert first.returncode == 1
    asked = len(fake.requests())
    assert 0 < asked <= 6
    second = run(fake, "lint", "page.md", "--format", "json", "--select", "RF", cwd=page)
    assert len(fake.requests()) == asked  # every answer came from the cache
    assert json.loads(second.stdout)["findings"] == json.loads(first.stdout)["findings"]


def test_offline_and_no_verification_make_no_request(fake, page):  # noqa: F811
    offline = run(fake, "lint", "page.md", "--offline", "--select", "RF", cwd=page)
    assert fake.requests() == []
    assert "RF120" in offline.stdout and "Traceback" not in offline.stderr
    run(fake, "lint", "page.md", "--no-verify-references", "--select", "RF", cwd=page)
    assert fake.requests() == []


def test_refs_verifies_a_bibliography(fake, tmp_path):  # noqa: F811
    (tmp_path / "refs.bib").write_text(
        "@article{wakefield1998,\n  author = {Wakefield, A. J.},\n"
        "  title = {Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive "
        "developmental disorder in children},\n  journal = {Lancet},\n  year = {1998},\n"
        "  pmid = {9500320}\n}\n")
    result = run(fake, "refs", "refs.bib", cwd=tmp_path)
    assert "refs.bib:1:1: RF105 [error]" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 1


def test_broken_bibtex_is_a_clear_error(tmp_path):
    (tmp_path / "bad.bib").write_text("@article{broken,\n  title = {unclosed\n")
    (tmp_path / "page.md").write_text("Cupping may ease neck pain [@broken].\n")
    result = subprocess.run([sys.executable, "-m", "checker", "lint", "page.md", "--bib",
                             "bad.bib"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and "bad.bib" in result.stderr
    assert "Traceback" not in result.stderr


def test_html_report_shows_each_reference_verification_status(fake, page):  # noqa: F811
    html = run(fake, "lint", "page.md", "--format", "html", "--fail-on", "never", cwd=page).stdout
    assert "<td>reference 1</td><td class=status>retracted: PMID 9500320" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/9500320/" in html
    assert "<td>reference 2</td><td class=status>verified: PMID 99000404" in html
