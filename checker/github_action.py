"""The GitHub action's entry point (``action.yml``): one lint, two outputs.

The action passes its inputs in environment variables, never pasted into a shell command, so
a path or argument cannot run anything:

- ``CLAIMLINT_PATHS``: files, folders or glob patterns, one per line (spaces are kept);
- ``CLAIMLINT_ARGS``: extra ``claimlint lint`` arguments, split as a shell would split them
  (but no shell runs them);
- ``CLAIMLINT_SARIF``: the SARIF file to write (empty: none).

``claimlint lint`` runs once, with ``--format sarif``; the SARIF file is written from its
output and the GitHub annotations (workflow commands on standard output) are made from the
same results, so both always agree. The exit code is the lint's: 0 clean, 1 findings, 2 error.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

SEVERITIES = {"error": "error", "warning": "warning", "note": "info", "none": "info"}


def main() -> int:
    paths = [line.strip() for line in os.environ.get("CLAIMLINT_PATHS", ".").splitlines()
             if line.strip()] or ["."]
    try:
        extra = shlex.split(os.environ.get("CLAIMLINT_ARGS", ""))
    except ValueError as error:
        print(f"claimlint: error: the 'args' input: {error}", file=sys.stderr)
        return 2
    sarif = os.environ.get("CLAIMLINT_SARIF", "").strip()
    # "--" ends the options: a path that starts with "-" is still a path
    lint = subprocess.run([sys.executable, "-m", "checker", "lint", *extra, "--format",
                           "sarif", "--", *paths], stdout=subprocess.PIPE, text=True,
                          encoding="utf-8", check=False)
    if lint.returncode not in (0, 1):  # a usage or input error: claimlint said why
        return lint.returncode
    try:
        document = json.loads(lint.stdout)
    except ValueError:
        print("claimlint: error: the lint printed no SARIF report (do the 'args' ask for "
              "another output, such as --diff or --write-baseline?)", file=sys.stderr)
        return 2
    if sarif:
        target = Path(sarif)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(lint.stdout, encoding="utf-8")
    sys.stdout.write(annotations(document))
    return lint.returncode


def annotations(document: dict) -> str:
    """GitHub workflow commands for the results of a claimlint SARIF document, written by
    the ``github`` formatter so they read exactly as ``--format github`` writes them."""
    from checker.formatters.github import GitHub
    from checker.lint import FileResult
    from checker.models import Finding

    run = document["runs"][0]
    categories = {rule["id"]: rule.get("properties", {}).get("category", "")
                  for rule in run["tool"]["driver"]["rules"]}
    findings = []
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        findings.append(Finding(
            path=unquote(location["artifactLocation"]["uri"]), start=0, end=0,
            code=result["ruleId"], category=categories.get(result["ruleId"], ""),
            severity=SEVERITIES[result.get("level", "warning")],
            message=result["message"]["text"],
            suggestion=result.get("properties", {}).get("suggestion"),
            text=region.get("snippet", {}).get("text", ""), line=region["startLine"],
            column=region.get("startColumn", 1), end_line=region.get("endLine",
                                                                     region["startLine"]),
            end_column=region.get("endColumn", 1)))
    return GitHub.render([FileResult("", findings=findings)]) + "\n"


if __name__ == "__main__":
    sys.exit(main())
