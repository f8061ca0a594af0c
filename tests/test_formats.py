"""SARIF validated against the official schema; GitHub annotations escaped as the runner
expects."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from checker.formatters.github import GitHub, escape_data, escape_property
from checker.lint import FileResult
from checker.models import Finding

SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"


def test_sarif_validates_against_the_official_schema(tmp_path):
    page = tmp_path / "site" / "page.md"
    page.parent.mkdir()
    page.write_text("Dry needling eliminates back pain.\n\nIt is completely safe.\n")
    result = subprocess.run([sys.executable, "-m", "checker", "lint", "site", "--format",
                             "sarif"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    run = document["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    first = next(r for r in run["results"] if r["ruleId"] == "OS101")
    assert ids[first["ruleIndex"]] == "OS101"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "site/page.md"
    assert location["region"] == {"startLine": 1, "startColumn": 14, "endLine": 1,
                                  "endColumn": 24, "snippet": {"text": "eliminates"}}
    assert first["level"] == "error" and first["partialFingerprints"]["claimlint/v1"]


def test_sarif_fingerprints_survive_moved_lines(tmp_path):
    def fingerprints(text: str) -> set[str]:
        (tmp_path / "p.md").write_text(text)
        out = subprocess.run([sys.executable, "-m", "checker", "lint", "p.md", "--format",
                              "sarif"], cwd=tmp_path, capture_output=True, text=True,
                             timeout=120).stdout
        return {r["partialFingerprints"]["claimlint/v1"] for r in json.loads(out)["runs"][0]
                ["results"]}

    claim = "Dry needling eliminates back pain.\n"
    assert fingerprints(claim) == fingerprints("# New intro\n\nSome words.\n\n" + claim)


def test_github_escaping():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    finding = Finding(path="dir/a,b.md", start=0, end=3, code="OS101", category="overstated",
                      severity="info", message="50% off:\nnow", suggestion=None, text="x",
                      line=2, column=3, end_line=2, end_column=6)
    line = GitHub.render([FileResult("dir/a,b.md", findings=[finding])])
    assert line == ("::notice file=dir/a%2Cb.md,line=2,col=3,endLine=2,endColumn=6,"
                    "title=OS101 (overstated)::50%25 off:%0Anow")


def _lint(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "page.md").write_text("Dry needling eliminates back pain for good.\n"
                                      "Our CBD oil is completely safe.\n")
    return subprocess.run([sys.executable, "-m", "checker", "lint", "page.md", "--select", "OS",
                           *args], cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_gitlab_code_quality_report(tmp_path):
    issues = json.loads(_lint(tmp_path, "--format", "gitlab").stdout)
    assert [issue["check_name"] for issue in issues] == ["OS101", "OS102", "OS121"]
    first = issues[0]
    assert first["severity"] == "major" and first["location"]["path"] == "page.md"
    assert first["location"]["positions"]["begin"] == {"line": 1, "column": 14}
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_gitlab_tells_two_copies_of_the_same_words_apart_as_sarif_does(tmp_path):
    (tmp_path / "twice.md").write_text("Our CBD oil is completely safe.\n\n"
                                       "Our CBD balm is completely safe.\n")
    command = [sys.executable, "-m", "checker", "lint", "twice.md", "--select", "OS121"]
    issues = json.loads(subprocess.run([*command, "--format", "gitlab"], cwd=tmp_path,
                                       capture_output=True, text=True, timeout=120).stdout)
    sarif = json.loads(subprocess.run([*command, "--format", "sarif"], cwd=tmp_path,
                                      capture_output=True, text=True, timeout=120).stdout)
    prints = [issue["fingerprint"] for issue in issues]
    assert len(prints) == len(set(prints)) == 2
    assert prints == [r["partialFingerprints"]["claimlint/v1"]
                      for r in sarif["runs"][0]["results"]]


def test_statistics_and_quiet(tmp_path):
    statistics = _lint(tmp_path, "--statistics").stdout.splitlines()
    assert [line.split() for line in statistics] == [
        ["1", "OS101", "cure-claim"], ["1", "OS102", "permanent-or-guaranteed"],
        ["1", "OS121", "absolute-safety"]]
    quiet = _lint(tmp_path, "--quiet")
    assert "file(s)" not in quiet.stdout and "OS101" in quiet.stdout and quiet.returncode == 1
