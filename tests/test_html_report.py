"""The HTML report in a real headless browser (Debian's Chromium through chromedriver): it
loads without console errors, shows every finding, runs no script from the linted copy, and
leaves a screenshot in ``artifacts/`` for CI. Skipped, saying why, only where no browser is
installed; ``.ci/run`` installs one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PAGE = """# Cupping

Our **revolutionary** cupping eliminates back pain for good.

It is completely safe <script>window.pwned = 1</script> and painless.

<img src=x onerror="window.pwned = 2"> Cupping may ease neck pain in some people.
"""

pytestmark = pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("chromedriver")),
    reason="no Chromium/chromedriver installed (apt-get install chromium chromium-driver)")


def test_report_in_a_headless_browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    (tmp_path / "page.md").write_text(PAGE)
    lint = [sys.executable, "-m", "checker", "lint", "page.md", "--offline", "--fail-on",
            "never"]
    report = subprocess.run([*lint, "--format", "html"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120).stdout
    findings = json.loads(subprocess.run([*lint, "--format", "json"], cwd=tmp_path,
                                         capture_output=True, text=True,
                                         timeout=120).stdout)["findings"]
    (tmp_path / "report.html").write_text(report)

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
        driver.get((tmp_path / "report.html").as_uri())
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == []
        summary = driver.find_element(By.TAG_NAME, "summary").text
        assert summary == f"page.md ({len(findings)} findings)"
        counted = driver.find_elements(By.CSS_SELECTOR, "table:nth-of-type(2) td:nth-child(2)")
        assert sum(int(cell.text) for cell in counted) == len(findings)
        assert driver.execute_script("return window.pwned") is None  # copy is only text
        marked = driver.find_elements(By.CSS_SELECTOR, ".finding")
        titles = " ".join(element.get_attribute("title") for element in marked)
        shown = [f for f in findings if f["end_line"] > f["line"] or f["end_column"] > f["column"]]
        assert shown and all(f["code"] in titles for f in shown)
        marked[0].click()
        assert driver.find_element(By.ID, "detail").text.startswith(("OS", "UN"))
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "html-report.png"))
    finally:
        driver.quit()
