"""Baselines tell copies of the same words apart by their sentence; ``--fix`` reports the
fixed file's positions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

OLD = "Dry needling eliminates back pain.\n"
NEW = "Cupping eliminates neck pain.\n"  # the same flagged word, another sentence


def lint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", "lint", *args, "--select", "OS",
                           "--offline", "--format", "json"], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def positions(result: subprocess.CompletedProcess) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def test_a_new_copy_above_the_old_one_is_reported_at_its_own_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(OLD)
    assert lint("page.md", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    [entry] = json.loads((tmp_path / "b.json").read_text())["findings"]
    assert entry["text"] == "eliminates" and len(entry["context"]) == 16
    page.write_text(NEW + "\n" + OLD)
    assert positions(lint("page.md", "--baseline", "b.json", cwd=tmp_path)) == [
        ("OS101", 1, 9)]
    page.write_text("Intro.\n\n" + OLD + "\n" + NEW)  # moved, and the new copy below
    assert positions(lint("page.md", "--baseline", "b.json", cwd=tmp_path)) == [
        ("OS101", 5, 9)]


def test_an_edited_old_sentence_still_matches_by_its_words(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(OLD)
    lint("page.md", "--write-baseline", "b.json", cwd=tmp_path)
    page.write_text("Dry needling eliminates lower back pain.\n")
    assert positions(lint("page.md", "--baseline", "b.json", cwd=tmp_path)) == []


def test_a_version_1_baseline_is_still_read(tmp_path):
    (tmp_path / "page.md").write_text(OLD + "\n" + OLD)
    (tmp_path / "b.json").write_text(json.dumps({"version": 1, "findings": [
        {"code": "OS101", "path": "page.md", "text": "eliminates", "count": 1}]}))
    assert positions(lint("page.md", "--baseline", "b.json", cwd=tmp_path)) == [
        ("OS101", 3, 14)]


def test_after_fix_findings_are_positions_in_the_fixed_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Our revolutionary cupping relieves back pain for good. "
                    "Dry needling eliminates back pain.\n")
    result = lint("page.md", "--fix", cwd=tmp_path)
    fixed = page.read_text()
    assert fixed == "Our cupping relieves back pain. Dry needling eliminates back pain.\n"
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"]) == (1, fixed.index("eliminates") + 1)
    assert finding["text"] == "eliminates"


def test_after_fix_the_baseline_still_applies_to_the_relinted_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(OLD)
    lint("page.md", "--write-baseline", "b.json", cwd=tmp_path)
    page.write_text("Our revolutionary cupping relieves back pain.\n\n" + OLD)
    result = lint("page.md", "--fix", "--baseline", "b.json", cwd=tmp_path)
    assert page.read_text() == "Our cupping relieves back pain.\n\n" + OLD
    assert positions(result) == [] and result.returncode == 0
