"""The start-up data cache (``checker.datacache``): the same data as building it, rebuilt when
broken, tampered with or from another version, written only to the cache folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import datacache
from checker.evidence import load
from checker.nlp import lemmas


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A cache folder in use, and the loaders' in-process memos cleared around the test."""
    saved = datacache.folder()
    datacache.use_folder(tmp_path)
    load.packaged.cache_clear()
    lemmas.lemma_table.cache_clear()
    yield tmp_path
    datacache.use_folder(saved)
    load.packaged.cache_clear()
    lemmas.lemma_table.cache_clear()


def fresh_evidence() -> load.EvidenceData:
    load.packaged.cache_clear()
    return load.packaged()


def fresh_lemmas() -> dict[str, str]:
    lemmas.lemma_table.cache_clear()
    return lemmas.lemma_table()


def built_without_cache() -> tuple[load.EvidenceData, dict[str, str]]:
    saved = datacache.folder()
    datacache.use_folder(None)
    try:
        return fresh_evidence(), fresh_lemmas()
    finally:
        datacache.use_folder(saved)


def test_cached_data_equals_built_data(folder):
    evidence, table = built_without_cache()
    assert not any(folder.iterdir())  # nothing written without a folder
    assert fresh_evidence() == evidence and fresh_lemmas() == table  # built and written
    assert {p.name for p in folder.iterdir()} == {"startup-evidence.json",
                                                  "startup-lemmas.json"}
    written = {p: p.read_bytes() for p in folder.iterdir()}
    cached_evidence, cached_table = fresh_evidence(), fresh_lemmas()  # read back
    assert cached_evidence == evidence and cached_table == table
    assert list(cached_evidence.interventions) == list(evidence.interventions)
    assert list(cached_evidence.conditions) == list(evidence.conditions)
    assert list(cached_table) == list(table)
    assert {p: p.read_bytes() for p in folder.iterdir()} == written  # not rewritten


@pytest.mark.parametrize("damage", [
    b"", b"{", b"\xff\xfe", b"[]", b'{"format": 1}', b"null",
])
def test_a_broken_entry_is_ignored_and_rebuilt(folder, damage):
    evidence, table = built_without_cache()
    fresh_evidence(), fresh_lemmas()
    for path in folder.iterdir():
        path.write_bytes(damage)
    assert fresh_evidence() == evidence and fresh_lemmas() == table
    for path in folder.iterdir():  # written anew
        assert json.loads(path.read_bytes())["key"]


def tamper(path: Path, change) -> None:
    record = json.loads(path.read_bytes())
    change(record["data"])
    path.write_text(json.dumps(record))


@pytest.mark.parametrize("change", [
    lambda data: data["interventions"][0].update(product="potion"),
    lambda data: data["interventions"][0].update(aliases="not a list"),
    lambda data: data["interventions"][0]["pairs"][0].update(status=7),
    lambda data: data["interventions"][0]["pairs"][0]["sources"][0].update(year="1999"),
    lambda data: data["conditions"][0].update(disease="yes"),
    lambda data: data["conditions"][0].pop("name"),
    lambda data: data.update(interventions={}),
])
def test_evidence_that_fails_validation_is_rebuilt(folder, change):
    evidence = built_without_cache()[0]
    fresh_evidence()
    tamper(folder / "startup-evidence.json", change)
    assert fresh_evidence() == evidence
    record = json.loads((folder / "startup-evidence.json").read_bytes())
    assert load.decode(record["data"]) == evidence


def test_lemmas_that_fail_validation_are_rebuilt(folder):
    table = built_without_cache()[1]
    fresh_lemmas()
    tamper(folder / "startup-lemmas.json", lambda data: data.update(studies=["study"]))
    assert fresh_lemmas() == table


def test_another_version_or_changed_data_rebuilds(folder, monkeypatch):
    evidence = built_without_cache()[0]
    fresh_evidence()
    path = folder / "startup-evidence.json"
    record = json.loads(path.read_bytes())
    # an entry of another version, holding other data: never read
    record["version"] = "0.0.1"
    record["data"]["interventions"] = []
    path.write_text(json.dumps(record))
    assert fresh_evidence() == evidence
    assert json.loads(path.read_bytes())["version"] == datacache.__version__
    # a new version: the key changes, so the entry is built again
    monkeypatch.setattr(datacache, "__version__", "99.0")
    before = json.loads(path.read_bytes())["key"]
    assert fresh_evidence() == evidence
    after = json.loads(path.read_bytes())
    assert after["version"] == "99.0" and after["key"] != before
    # changed data files change the key too
    assert datacache.key("evidence", [b"a", b"b"]) != datacache.key("evidence", [b"ab"])


def test_an_unwritable_folder_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    saved = datacache.folder()
    datacache.use_folder(blocker)
    try:
        assert datacache.cached("x", [b"1"], lambda: {"a": 1}, dict, dict) == {"a": 1}
    finally:
        datacache.use_folder(saved)


def test_lint_keeps_its_cache_in_the_cache_folder_not_the_project(tmp_path):
    project, cache = tmp_path / "project", tmp_path / "cache"
    project.mkdir()
    (project / "page.md").write_text("# Knees\n\nOur therapy cures arthritis.\n")
    env = {**os.environ, "CLAIMLINT_CACHE_DIR": str(cache)}
    outputs = []
    for _ in range(2):  # built, then read
        done = subprocess.run([sys.executable, "-m", "checker", "lint", "--offline", "--format",
                               "json", "page.md"], cwd=project, env=env, capture_output=True,
                              check=False)
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert sorted(p.name for p in project.iterdir()) == ["page.md"]
    assert {p.name for p in cache.iterdir()} >= {"startup-evidence.json",
                                                 "startup-lemmas.json"}
