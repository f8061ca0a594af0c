"""Suppression comments: what they switch off, and IN010 for those that name or silence nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker.config import Config
from checker.lint import Linter
from checker.readers import read_text

CURE = "Dry needling eliminates back pain for good."  # OS101 at 'eliminates', OS102 'for good'


def codes_at(result, code: str) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in result.findings if f.code == code]


@pytest.fixture(scope="module")
def os101_only() -> Linter:
    """A run that checks OS101 and the input rules only."""
    return Linter(Config(), select=["OS101", "IN"])


def test_a_used_suppression_is_silent_and_an_unused_one_is_reported(lint_text):
    text = (f"<!-- claimlint: disable-next-line=OS101 -- reviewed -->\n{CURE}\n\n"
            "Plain words.\n\n  <!-- claimlint: disable-next-line=OS102 -->\nNothing here.\n")
    result = lint_text(text, "markdown", "page.md")
    assert codes_at(result, "OS101") == []
    assert codes_at(result, "IN010") == [(6, 3)]  # the comment's own line and column
    finding = next(f for f in result.findings if f.code == "IN010")
    assert finding.severity == "warning" and "OS102" in finding.message
    assert finding.text == "<!-- claimlint: disable-next-line=OS102 -->"


def test_an_unknown_code_is_reported_even_when_nothing_else_is_wrong(lint_text):
    result = lint_text(f"{CURE}\n<!-- claimlint: disable-line=OS101,ZZ9 -->\n", "markdown",
                       "page.md")
    [finding] = [f for f in result.findings if f.code == "IN010"]
    assert (finding.line, finding.column) == (2, 1) and "ZZ9" in finding.message
    assert "OS101" not in finding.message


def test_a_blanket_disable_that_silences_nothing_is_reported(lint_text):
    result = lint_text("<!-- claimlint: disable -->\nPlain words only.\n", "markdown",
                       "page.md")
    assert codes_at(result, "IN010") == [(1, 1)]
    used = lint_text(f"<!-- claimlint: disable -->\n{CURE}\n", "markdown", "page.md")
    assert used.findings == []


def test_a_directive_for_a_rule_the_run_did_not_check_is_not_unused(os101_only):
    text = f"claimlint: disable-next-line=OS102\nPlain words.\nclaimlint: disable=OS101\n{CURE}\n"
    result = os101_only.lint(read_text("doc.txt", text, "text"))
    assert [f.code for f in result.findings] == []  # OS102 was not selected: not judged
    text = "claimlint: disable-next-line=OS101\nPlain words.\n"
    result = os101_only.lint(read_text("doc.txt", text, "text"))
    assert codes_at(result, "IN010") == [(1, 1)]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_plain_text_directives_work_with_every_line_ending(lint_text, newline):
    text = newline.join(["Intro.", "claimlint: disable-next-line=OS101", CURE,
                         "claimlint: disable-next-line=OS131 -- reviewed", "Plain.", ""])
    result = lint_text(text)
    assert codes_at(result, "OS101") == []  # the directive matched and covered line 3
    assert codes_at(result, "OS102") == [(3, 35)]
    assert codes_at(result, "IN010") == [(4, 1)]


def test_in010_can_itself_be_switched_off(lint_text):
    text = ("<!-- claimlint: disable-next-line=IN010 -->\n"
            "<!-- claimlint: disable-next-line=OS101 -->\nPlain words.\n")
    assert lint_text(text, "markdown", "page.md").findings == []


def test_the_rule_command_explains_in010(tmp_path):
    result = subprocess.run([sys.executable, "-m", "checker", "rule", "IN010"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert "unused-suppression" in result.stdout and "no rule" in result.stdout


@pytest.mark.parametrize(("offline", "reported"), [(True, []), (False, [(1, 1)])])
def test_a_reference_rule_directive_is_judged_unused_only_in_online_runs(offline, reported):
    from checker.pubmed.client import PubMedClient
    from checker.pubmed.config import ClientConfig

    text = "claimlint: disable-next-line=RF105\nPlain words.\n"
    with PubMedClient(ClientConfig.from_env(offline=offline)) as client:
        result = Linter(Config(), client=client).lint(read_text("doc.txt", text, "text"))
    assert codes_at(result, "IN010") == reported  # offline, RF105 stays silent on a miss
