"""The HTML report in a real headless browser (Debian's Chromium through chromedriver): it
loads without console errors, shows every finding, runs no script from the linted copy, and
leaves a screenshot in ``artifacts/`` for CI. Skipped, saying why, only where no browser is
installed; ``.ci/run`` installs one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fakes.cli import claimlint  # noqa: F401  (fixture)
from fakes.network import fake  # noqa: F401  (fixture)

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PAGE = """# Cupping

Our **revolutionary** cupping eliminates back pain for good.

It is completely safe <script>window.pwned = 1</script> and painless.

<img src=x onerror="window.pwned = 2"> Cupping may ease neck pain in some people.
"""

pytestmark = pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("chromedriver")),
    reason="no Chromium/chromedriver installed (apt-get install chromium chromium-driver)")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    """Headless Chromium that logs the page's console, with a throwaway profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.set_window_size(1200, 1400)
        yield driver
    finally:
        driver.quit()


def _open(browser: WebDriver, report: str, folder: Path) -> None:
    """Load the report from a file, as a user opens it, and check the console stayed clean."""
    (folder / "report.html").write_text(report)
    browser.get((folder / "report.html").as_uri())
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_report_in_a_headless_browser(tmp_path, browser):
    from selenium.webdriver.common.by import By

    (tmp_path / "page.md").write_text(PAGE)
    lint = [sys.executable, "-m", "checker", "lint", "page.md", "--offline", "--fail-on",
            "never"]
    report = subprocess.run([*lint, "--format", "html"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120).stdout
    findings = json.loads(subprocess.run([*lint, "--format", "json"], cwd=tmp_path,
                                         capture_output=True, text=True,
                                         timeout=120).stdout)["findings"]
    _open(browser, report, tmp_path)
    summary = browser.find_element(By.TAG_NAME, "summary").text
    assert summary == f"page.md ({len(findings)} findings)"
    counted = browser.find_elements(By.CSS_SELECTOR, "table:nth-of-type(2) td:nth-child(2)")
    assert sum(int(cell.text) for cell in counted) == len(findings)
    assert browser.execute_script("return window.pwned") is None  # copy is only text
    marked = browser.find_elements(By.CSS_SELECTOR, ".finding")
    titles = " ".join(element.get_attribute("title") for element in marked)
    shown = [f for f in findings if f["end_line"] > f["line"] or f["end_column"] > f["column"]]
    assert shown and all(f["code"] in titles for f in shown)
    marked[0].click()
    assert browser.find_element(By.ID, "detail").text.startswith(("OS", "UN"))
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "html-report.png"))


# What a compromised or spoofed service could put in a record: markup, event handlers,
# javascript: links, and breakouts from a textarea, a title and quoted attributes.
INJECTED = {
    "title": "</textarea></title><script>window.pwned = 'title'; document.title = 'x'</script>",
    "journal": "<img src=x onerror=\"window.pwned = 'journal'\">",
    "author": "O'Neil' onmouseover='window.pwned = 1' x='",
    "crossref": "\"><a href=\"javascript:window.pwned = 'link'\"><svg onload=window.pwned=2>",
}
# SYNTHETIC records of the fake services: PMID 99000001 and a DOI under 10.5555 (reserved
# for tests) that only Crossref knows; the services answer with the metadata above.
CITING_PAGE = """# Sleep

Placebo tablets improve sleep quality [1].

Cupping may ease back pain in some people [2].

## References

1. Fixture AB. Green tea and memory in older adults. Synth J Test Fixtures. 2020. PMID: 99000001
2. Fixture AB. Another made-up trial. Synth J Test Fixtures. 2018. doi:10.5555/crossref-only.1
"""


def test_metadata_from_the_services_is_only_text(tmp_path, browser, fake, claimlint):  # noqa: F811
    from selenium.webdriver.common.by import By

    fake.add_article("99000001", title=INJECTED["title"], journal=INJECTED["journal"],
                     author=INJECTED["author"])
    fake.add_work("10.5555/crossref-only.1", title=INJECTED["crossref"],
                  journal=INJECTED["journal"], author=INJECTED["author"])
    (tmp_path / "page.md").write_text(CITING_PAGE)
    run = claimlint("lint", "page.md", "--online", "--format", "html", "--fail-on", "never")
    assert INJECTED["journal"] not in run.stdout  # escaped, not pasted
    _open(browser, run.stdout, tmp_path)
    assert browser.execute_script("return window.pwned") is None
    assert browser.title == "claimlint report"
    tags = browser.execute_script(
        "return Array.from(document.querySelectorAll('script, img, svg, iframe, textarea, "
        "a[href^=\"javascript\"]'), e => e.tagName)")
    assert tags == ["SCRIPT"]  # the report's own click handler, nothing else
    statuses = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td.status")]
    assert len(statuses) == 2 and all(INJECTED["journal"] in status for status in statuses)
    assert all(INJECTED["author"] in status for status in statuses)
    mismatches = [element for element in browser.find_elements(By.CSS_SELECTOR, ".finding")
                  if "RF104" in element.get_attribute("title")]
    details = []
    for element in mismatches:
        element.click()
        details.append(browser.find_element(By.ID, "detail").text)
    assert len(details) == 2 and all(INJECTED["author"] in detail for detail in details)
    assert INJECTED["title"] in details[0] and INJECTED["crossref"] in details[1]
    assert browser.execute_script("return window.pwned") is None
