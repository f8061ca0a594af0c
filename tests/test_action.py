"""The GitHub action: inputs reach the script through the environment, current action
versions, pip cache, fork-safe upload; and its entry point lints once for both outputs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker import github_action

ACTION = Path(__file__).resolve().parent.parent / "action.yml"
# current major versions (checked against the actions' releases when this was written)
CURRENT = {"actions/setup-python": "v7", "actions/cache": "v6",
           "github/codeql-action/upload-sarif": "v4"}
CLAIM = "Dry needling eliminates back pain for good.\n"


@pytest.fixture(scope="module")
def steps() -> list[dict]:
    action = yaml.safe_load(ACTION.read_text())
    assert action["runs"]["using"] == "composite"
    return action["runs"]["steps"]


def step(steps: list[dict], name: str) -> dict:
    return next(s for s in steps if s.get("name") == name)


def test_no_expression_is_pasted_into_a_shell_command(steps):
    scripts = [s["run"] for s in steps if "run" in s]
    assert scripts and not any("${{" in script for script in scripts)
    lint = step(steps, "Lint")
    assert "python -m checker.github_action" in lint["run"]
    assert lint["env"] == {"CLAIMLINT_PATHS": "${{ inputs.paths }}",
                           "CLAIMLINT_ARGS": "${{ inputs.args }}",
                           "CLAIMLINT_SARIF": "${{ inputs.sarif }}"}


def test_actions_are_at_their_current_major_versions(steps):
    used = dict(s["uses"].split("@") for s in steps if "uses" in s)
    assert used == CURRENT


def test_pip_downloads_are_cached(steps):
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "${{ steps.pip-cache.outputs.dir }}"
    assert "pip cache dir" in step(steps, "Locate pip's cache")["run"]
    assert "pyproject.toml" in step(steps, "Locate pip's cache")["run"]  # new deps, new key
    names = [s.get("name") for s in steps]
    assert names.index("Cache pip downloads") < names.index("Install claimlint")


def test_the_upload_is_skipped_on_forks_and_never_fails_the_job(steps):
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/"))
    assert upload["continue-on-error"] is True
    condition = " ".join(upload["if"].split())
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    assert "inputs.sarif != ''" in condition
    names = [s.get("name") for s in steps]  # annotations come first, the failing exit last
    assert names.index("Lint") < names.index(upload["name"]) < names.index(
        "Exit with claimlint's code")
    final = step(steps, "Exit with claimlint's code")
    assert final["env"]["EXIT_CODE"] == "${{ steps.lint.outputs.exit-code }}"
    assert final["if"] == "steps.lint.outputs.exit-code != '0'"


def test_one_lint_run_writes_the_sarif_file_and_the_annotations(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "my docs"
    folder.mkdir()
    (folder / "page one.md").write_text(CLAIM)
    (folder / "other page.html").write_text(f"<p>{CLAIM}</p>")
    (folder / "notes.txt").write_text(CLAIM)  # not named: neither by path nor by glob
    (tmp_path / "$(touch pwned).md").write_text("Plain words.\n")  # a name, never a command
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMLINT_PATHS", "my docs/page one.md\n  my docs/*.html  \n\n"
                                          "$(touch pwned).md")
    monkeypatch.setenv("CLAIMLINT_ARGS", "--select 'OS101,OS102' --offline")
    monkeypatch.setenv("CLAIMLINT_SARIF", "reports/claim lint.sarif")
    runs = []
    real_run = subprocess.run

    def counted(command, **kwargs):
        runs.append(command)
        return real_run(command, **kwargs)

    monkeypatch.setattr(github_action.subprocess, "run", counted)
    assert github_action.main() == 1
    assert len(runs) == 1 and runs[0][-4:] == ["--", "my docs/page one.md", "my docs/*.html",
                                                "$(touch pwned).md"]
    assert not (tmp_path / "pwned").exists()
    annotations = capsys.readouterr().out.splitlines()
    document = json.loads((tmp_path / "reports" / "claim lint.sarif").read_text())
    results = document["runs"][0]["results"]
    assert len(annotations) == len(results) == 4  # OS101 and OS102 in two files
    assert {r["ruleId"] for r in results} == {"OS101", "OS102"}
    assert any(re.match(r"::error file=my docs/page one\.md,line=1,col=14,", line)
               for line in annotations)
    assert all("notes.txt" not in line for line in annotations)


def test_a_usage_error_is_exit_2_and_writes_nothing(tmp_path):
    env = {**os.environ, "CLAIMLINT_PATHS": "missing.md", "CLAIMLINT_ARGS": "--fail-on 'bad",
           "CLAIMLINT_SARIF": "out.sarif"}
    result = subprocess.run([sys.executable, "-m", "checker.github_action"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "claimlint: error: the 'args' input" in result.stderr
    assert not (tmp_path / "out.sarif").exists()
