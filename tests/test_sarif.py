"""SARIF results carry the safe rewordings as ``fixes`` and fingerprints that tell copies
apart and survive moved lines; the document still validates against the official schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
PAGE = ("# Cupping\n\n🌿 Our **revolutionary** cupping relieves back pain for good.\n\n"
        "Our revolutionary cupping relieves back pain for good.\n")


def sarif(*args: str, cwd: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "checker", "lint", *args, "--select", "OS",
                             "--offline", "--format", "sarif"], cwd=cwd, capture_output=True,
                            text=True, timeout=120)
    return json.loads(result.stdout)["runs"][0]


def applied(text: str, replacements: list[dict]) -> str:
    """``text`` with SARIF replacements applied, reading regions as a SARIF consumer does
    (1-based lines and code-point columns, end column exclusive)."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    spans = sorted(((offset(r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]),
                     offset(r["deletedRegion"]["endLine"], r["deletedRegion"]["endColumn"]),
                     r["insertedContent"]["text"]) for r in replacements), reverse=True)
    for start, end, inserted in spans:
        text = text[:start] + inserted + text[end:]
    return text


def test_fixes_validate_and_do_what_fix_does(tmp_path):
    folder = tmp_path / "my site"
    folder.mkdir()
    page = folder / "page one.md"
    page.write_text(PAGE)
    run = sarif("my site", cwd=tmp_path)
    jsonschema.validate({"version": "2.1.0", "runs": [run]}, json.loads(SCHEMA.read_text()))
    assert run["columnKind"] == "unicodeCodePoints"
    fixes = [fix for result in run["results"] for fix in result.get("fixes", [])]
    assert len(fixes) == 4  # 'revolutionary' and 'for good', twice
    changes = [change for fix in fixes for change in fix["artifactChanges"]]
    assert {c["artifactLocation"]["uri"] for c in changes} == {"my%20site/page%20one.md"}
    replacements = [r for change in changes for r in change["replacements"]]
    expected = applied(PAGE, replacements)
    subprocess.run([sys.executable, "-m", "checker", "lint", "my site", "--select", "OS",
                    "--offline", "--fix"], cwd=tmp_path, capture_output=True, timeout=120)
    assert page.read_text() == expected
    assert "🌿 Our cupping relieves back pain.\n\nOur cupping relieves back pain.\n" in expected


def test_fingerprints_tell_copies_apart_and_survive_moved_lines(tmp_path):
    def fingerprints(text: str) -> list[str]:
        (tmp_path / "p.md").write_text(text)
        return [r["partialFingerprints"]["claimlint/v1"]
                for r in sarif("p.md", cwd=tmp_path)["results"]]

    claim = "Dry needling eliminates back pain.\n"
    twice = fingerprints(claim + "\n" + claim)
    assert len(twice) == len(set(twice)) == 2
    assert fingerprints("# New intro\n\nSome words.\n\n" + claim + "\n" + claim) == twice
    assert fingerprints(claim)[0] == twice[0]  # the first copy keeps its fingerprint
