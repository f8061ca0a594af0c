"""How many worker processes a run uses: ``-j N`` is obeyed; the default never starts a pool
that would be slower than one process (little text, or no free core)."""

from __future__ import annotations

import pytest

from checker import run as runner
from checker.discovery import STDIN


def pages(folder, count: int, size: int) -> list[str]:
    paths = []
    for index in range(count):
        path = folder / f"p{index}.md"
        path.write_text("Cupping cures pain. " * (size // 20))
        paths.append(str(path))
    return paths


@pytest.fixture
def idle(monkeypatch):
    monkeypatch.setattr(runner, "free_cores", lambda: 2)


def test_explicit_jobs_are_obeyed_whatever_the_size(tmp_path, idle):
    small = pages(tmp_path, 3, 100)
    assert runner.workers(small, 2) == 2
    assert runner.workers(small, 1) == 1
    assert runner.workers(small, 8) == 3  # never more workers than files
    assert runner.workers(small[:1], 4) == 1
    assert runner.workers([*small, STDIN], 2) == 1


def test_default_starts_no_pool_for_little_text(tmp_path, idle):
    assert runner.workers(pages(tmp_path, 30, 1000), 0) == 1


def test_default_uses_free_cores_when_the_text_pays_for_them(tmp_path, monkeypatch, idle):
    paths = pages(tmp_path, 4, runner.BYTES_PER_WORKER)
    assert runner.workers(paths, 0) == 2
    monkeypatch.setattr(runner, "free_cores", lambda: 1)  # the other core is busy
    assert runner.workers(paths, 0) == 1


@pytest.mark.parametrize(("load", "running", "free"), [
    (0.1, 0, 2),  # idle
    (1.9, 1, 1),  # another process has kept a core busy and still runs
    (1.0, 0, 2),  # the average remembers a run that has just finished: nothing runs now
    (0.2, 3, 2),  # a burst of short processes right now, on an idle minute
    (4.0, 5, 1),  # overloaded: still one (this process)
])
def test_free_cores_counts_the_load(monkeypatch, load, running, free):
    monkeypatch.setattr(runner.os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    monkeypatch.setattr(runner.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(runner, "_running_others", lambda: running)
    assert runner.free_cores() == free


def test_chunks_keep_order_and_bound_size(tmp_path, monkeypatch):
    paths = pages(tmp_path, 10, 1000)
    monkeypatch.setattr(runner, "CHUNK_BYTES", 2500)
    found = list(runner.chunks(paths))
    assert [p for chunk in found for p in chunk] == paths
    assert [len(chunk) for chunk in found] == [3, 3, 3, 1]
