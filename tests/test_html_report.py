"""The HTML report in a real headless browser (Debian's Chromium through chromedriver): it
loads without console errors, counts and shows every finding as a note, its filters, search
and links work, a keyboard reaches every control, axe-core finds no serious accessibility
problem, an archive of 300 documents renders lazily, printing shows everything, and no
script from the linted copy or the services' metadata ever runs. Screenshots and a printed
PDF go to ``artifacts/`` for CI. Skipped, saying why, only where no browser is installed;
``.ci/run`` installs one."""

from __future__ import annotations

import base64
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fakes.cli import claimlint  # noqa: F401  (fixture)
from fakes.network import fake  # noqa: F401  (fixture)

from checker.formatters.html import Html
from checker.lint import FileResult
from checker.models import Finding
from checker.readers import read_text

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PAGE = """---
title: Cupping <script>window.pwned = 'front matter'</script>
---
# Cupping

Our **revolutionary** cupping eliminates back pain for good.

It is completely safe <script>window.pwned = 1</script> and painless.

<img src=x onerror="window.pwned = 2"> Cupping may ease neck pain in some people.

- Works for everyone.
- Studies show it boosts immunity.

Read more at example.org/""" + "long-path-" * 40 + """
"""
OTHER = """<html><head><title>Tea &lt;script&gt;window.pwned = 'title'&lt;/script&gt;</title>
<meta name=description content="&lt;img src=x onerror=window.pwned=3&gt;"></head><body>
<h1>Detox tea</h1><p>Our tea cures migraines <a href="javascript:window.pwned=4">instantly</a>.</p>
<table><tr><th>Claim</th></tr><tr><td>100% safe</td></tr></table></body></html>
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
        driver.set_window_size(1280, 1400)
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def linted(linter) -> list[FileResult]:
    return [linter.lint(read_text("page.md", PAGE, "markdown")),
            linter.lint(read_text("other.html", OTHER, "html"))]


def _open(browser: WebDriver, report: str, folder: Path) -> None:
    """Load the report from a file, as a user opens it, and check the console stayed clean."""
    (folder / "report.html").write_text(report)
    browser.get((folder / "report.html").as_uri())
    _console_is_clean(browser)


def _console_is_clean(browser: WebDriver) -> None:
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def _render_all(browser: WebDriver) -> None:
    """What printing does first: every document's body into the page."""
    browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")


def _shown(browser: WebDriver, selector: str = ".note") -> list:
    from selenium.webdriver.common.by import By

    return [e for e in browser.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def _status(browser: WebDriver) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.ID, "status").text


def test_the_report_shows_every_finding_as_a_note(tmp_path, browser, linted):
    from selenium.webdriver.common.by import By

    findings = [f for result in linted for f in result.findings]
    _open(browser, Html.render(linted), tmp_path)
    total = browser.find_element(By.CSS_SELECTOR, ".total-findings .big").text
    assert int(total) == len(findings) > 8
    claims = browser.find_element(By.CSS_SELECTOR, ".total-claims .big").text
    assert int(claims) == sum(len(result.claims) for result in linted)
    families = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "button[data-family]")]
    assert "OS overstated" in families and "UN unsupported" in families
    _render_all(browser)
    notes = _shown(browser)
    assert Counter(n.find_element(By.CSS_SELECTOR, ".code").text for n in notes) == \
        Counter(f.code for f in findings)
    messages = {n.find_element(By.CSS_SELECTOR, ".msg").text for n in notes}
    assert messages == {f.message for f in findings}  # on the page, no hovering needed
    assert all(n.find_element(By.CSS_SELECTOR, ".name").text for n in notes)
    assert any("Suggested rewording" in n.text for n in notes)
    assert len(_shown(browser, "a.ref")) == sum(f.end > f.start for f in findings)
    assert browser.execute_script("return window.pwned") is None  # copy is only text
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    metadata = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".meta dd")]
    assert metadata == ["Cupping <script>window.pwned = 'front matter'</script>",
                        "Tea <script>window.pwned = 'title'</script>",
                        "<img src=x onerror=window.pwned=3>"]  # decoded entities stay text
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "html-report.png"))
    browser.find_element(By.ID, "doc-1").location_once_scrolled_into_view  # noqa: B018
    browser.save_screenshot(str(ARTIFACTS / "html-report-document.png"))
    _console_is_clean(browser)


def test_filters_search_and_the_tables_lead_to_the_findings(tmp_path, browser, linted):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    findings = [f for result in linted for f in result.findings]
    _open(browser, Html.render(linted), tmp_path)
    _render_all(browser)
    assert _status(browser) == f"Showing {len(findings)} of {len(findings)} findings in 2 of " \
        "2 files."
    browser.find_element(By.CSS_SELECTOR, "input[name=severity][value=warning]").click()
    kept = [f for f in findings if f.severity != "warning"]
    assert len(_shown(browser)) == len(kept) < len(findings)
    assert len(_shown(browser, "a.ref")) == sum(f.end > f.start for f in kept)
    browser.find_element(By.ID, "show-all").click()
    WebDriverWait(browser, 5).until(lambda b: len(_shown(b)) == len(findings))

    browser.find_element(By.ID, "search").send_keys("cure-claim")
    cures = [f for f in findings if f.code == "OS101"]
    WebDriverWait(browser, 5).until(lambda b: len(_shown(b)) == len(cures))
    assert {n.find_element(By.CSS_SELECTOR, ".code").text for n in _shown(browser)} == {"OS101"}
    browser.find_element(By.ID, "show-all").click()

    Select(browser.find_element(By.ID, "file-filter")).select_by_visible_text("other.html")
    assert len(_shown(browser)) == len(linted[1].findings)
    assert [e.get_attribute("id") for e in _shown(browser, "section.doc")] == ["doc-2"]
    browser.find_element(By.ID, "show-all").click()

    code = Counter(f.code for f in findings).most_common(1)[0][0]
    browser.find_element(By.CSS_SELECTOR, f"button[data-code='{code}']").click()
    assert browser.find_element(By.ID, "search").get_attribute("value") == code
    shown = _shown(browser)
    assert len(shown) == sum(f.code == code for f in findings)
    assert browser.execute_script(  # scrolled to the first of them
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && "
        "r.top < innerHeight", shown[0])
    browser.find_element(By.CSS_SELECTOR, "button[data-family='UN']").click()
    families = {n.get_attribute("data-f") for n in _shown(browser)}
    assert families == {"UN"} and browser.find_element(By.ID, "search").get_attribute(
        "value") == ""
    browser.find_element(By.ID, "show-all").click()
    browser.find_element(By.CSS_SELECTOR, "table.files a[href='#doc-2']").click()
    assert browser.execute_script("return location.hash") == "#doc-2"
    _console_is_clean(browser)


def test_a_keyboard_reaches_every_control_and_sees_where_it_is(tmp_path, browser, linted):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    _open(browser, Html.render(linted), tmp_path)
    visited = []
    for _ in range(80):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        visited.append(browser.execute_script(
            "var e = document.activeElement, s = getComputedStyle(e); return [e.tagName, "
            "e.id || e.getAttribute('name') || e.getAttribute('data-code') || e.textContent, "
            "s.outlineStyle, parseFloat(s.outlineWidth)]"))
        if visited[-1][1] == "show-all":
            break
    names = [name for _, name, _, _ in visited]
    assert names[0] == "Skip to the findings"
    assert names.index("severity") < names.index("family") < names.index("file-filter") \
        < names.index("search") < names.index("show-all")
    assert all(style != "none" and width >= 2 for _, _, style, width in visited)
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert browser.execute_script("return document.activeElement.id") == "search"
    ActionChains(browser).send_keys("OS1").perform()
    WebDriverWait(browser, 5).until(lambda b: 0 < _count(b, 1) < _count(b, 3))
    _console_is_clean(browser)


def _count(browser: WebDriver, word: int) -> int:
    """A number from the status line ("Showing 3 of 9 findings in 1 of 2 files.")."""
    return int(_status(browser).split()[word])


def test_axe_core_finds_no_serious_accessibility_problem(tmp_path, browser, linted):
    _open(browser, Html.render(linted), tmp_path)
    _render_all(browser)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(60)
    found = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
        "  done(r.violations.map(function (v) { return [v.id, v.impact, v.nodes.length]; }));"
        "}, function (e) { done([['axe failed', String(e), 0]]); });")
    serious = [v for v in found if v[1] in ("serious", "critical") or v[0] == "axe failed"]
    assert serious == []


def test_printing_shows_every_document_and_note(tmp_path, browser, linted):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.print_page_options import PrintOptions

    _open(browser, Html.render(linted), tmp_path)
    browser.find_element(By.CSS_SELECTOR, "input[name=severity][value=error]").click()
    pdf = base64.b64decode(browser.print_page(PrintOptions()))
    assert pdf.startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "html-report.pdf").write_bytes(pdf)
    rendered = browser.execute_script(
        "return document.querySelectorAll('section.doc[data-rendered]').length")
    assert rendered == 2  # printing rendered every document
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    notes = browser.find_elements(By.CSS_SELECTOR, ".note")
    assert len(notes) == sum(len(r.findings) for r in linted)
    assert all(note.is_displayed() for note in notes)  # filtered ones too
    assert not browser.find_element(By.ID, "filters").is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert len(_shown(browser)) < len(notes)  # on screen, the filter still holds


def _synthetic(index: int) -> FileResult:
    """A 30-paragraph page with three findings (synthetic: no lint, for speed)."""
    text = f"# Page {index}\n\n" + "".join(
        f"Paragraph {k} of page {index} says cupping cures pain for good.\n\n"
        for k in range(30))
    source = read_text(f"archive/page{index:03}.md", text, "markdown")
    findings = [Finding(path=source.path, start=(start := text.index("cures", 60 * k)),
                        end=start + 5, code="OS101", category="overstated", severity="error",
                        message=f"cure claim {index}", suggestion=None, text="cures")
                for k in (1, 10, 20)]
    return FileResult(source.path, [], findings, text, prose=source.prose,
                      blocks=source.blocks)


def test_an_archive_of_300_documents_renders_only_what_is_near(tmp_path, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _open(browser, Html.render(_synthetic(i) for i in range(1, 301)), tmp_path)
    rendered = "return document.querySelectorAll('section.doc[data-rendered]').length"
    assert browser.execute_script(rendered) < 30
    assert _status(browser) == "Showing 900 of 900 findings in 300 of 300 files."
    last = browser.find_element(By.ID, "doc-300")
    browser.execute_script("arguments[0].scrollIntoView()", last)
    WebDriverWait(browser, 5).until(lambda b: last.get_attribute("data-rendered") == "1")
    assert browser.execute_script(rendered) < 60
    browser.find_element(By.ID, "search").send_keys("cure claim 277")
    WebDriverWait(browser, 5).until(
        lambda b: _status(b) == "Showing 3 of 900 findings in 1 of 300 files.")
    browser.get(f"{(tmp_path / 'report.html').as_uri()}#d150-n2")  # a finding's own link
    WebDriverWait(browser, 5).until(
        lambda b: b.execute_script("var e = document.getElementById('d150-n2'); return e && "
                                   "e.getBoundingClientRect().top < innerHeight"))
    _console_is_clean(browser)


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
    _render_all(browser)
    assert browser.execute_script("return window.pwned") is None
    assert browser.title == "claimlint report"
    tags = browser.execute_script(
        "return Array.from(document.querySelectorAll('script, img, svg, iframe, textarea, "
        "a[href^=\"javascript\"]'), e => e.tagName)")
    assert tags == ["SCRIPT"]  # the report's own, nothing else
    statuses = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td.status")]
    assert len(statuses) == 2 and all(INJECTED["journal"] in status for status in statuses)
    assert all(INJECTED["author"] in status for status in statuses)
    mismatches = [note.find_element(By.CSS_SELECTOR, ".msg").text
                  for note in browser.find_elements(By.CSS_SELECTOR, ".note")
                  if note.get_attribute("data-f") == "RF"
                  and note.find_element(By.CSS_SELECTOR, ".code").text == "RF104"]
    assert len(mismatches) == 2 and all(INJECTED["author"] in text for text in mismatches)
    assert INJECTED["title"] in mismatches[0] and INJECTED["crossref"] in mismatches[1]
    for note in browser.find_elements(By.CSS_SELECTOR, ".note"):
        note.click()  # nothing in a note is live
    assert browser.execute_script("return window.pwned") is None
