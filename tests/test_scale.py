"""Linting an archive in bounded memory: formatters keep no finished file, ``--jobs`` keeps
a bounded window of files in flight, and workers send no document text back."""

from __future__ import annotations

import gc
import io
import json
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import run as runner
from checker.formatters import load, text
from checker.formatters.json import Json, merge
from checker.lint import FileResult
from checker.run import Options, Session

CLAIMS = ("Dry needling eliminates back pain for good. Our CBD oil is completely safe. "
          "Cupping may ease neck pain. 9 out of 10 clients feel younger.\n\n")
CITING = ("# Turmeric\n\nA trial found that turmeric reduces joint pain [1].\n\n"
          "## References\n\n1. Example A. A trial. J Example. 2020;1:1-9. "
          "doi:10.5555/scale.1\n")


def write_pages(folder: Path, count: int) -> list[str]:
    """``count`` pages, every fourth one citing a study in a reference list."""
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(count):
        page = folder / f"p{i:02d}.md"
        page.write_text(CITING if i % 4 == 0 else f"# Page {i} ünïcode\n\n{CLAIMS * (i % 3 + 1)}")
        paths.append(str(page))
    return paths


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list[FileResult]:
    paths = write_pages(tmp_path_factory.mktemp("pages"), 6)
    with Session(Options(offline=True)) as session:
        return list(session.lint_files(paths))


def test_json_is_laid_out_as_one_json_dumps_of_the_whole_document(results):
    """The streamed document is byte for byte what ``json.dumps(indent=2)`` makes of it."""
    streamed = Json.render(results)
    document = json.loads(streamed)
    assert streamed == json.dumps(document, indent=2, ensure_ascii=False)
    assert document["summary"]["files"] == 6 and document["claims"] and document["findings"]
    assert [f["path"] for f in document["findings"]] == sorted(f["path"]
                                                               for f in document["findings"])
    empty = Json.render([FileResult("clean.md")])
    assert empty == json.dumps(json.loads(empty), indent=2, ensure_ascii=False)
    assert '"findings": [],' in empty


def test_merging_the_documents_of_parts_gives_the_document_of_the_whole(results):
    parts = [json.loads(Json.render(results[:2])), json.loads(Json.render(results[2:]))]
    out = io.StringIO()
    summary = merge(parts, out)
    assert out.getvalue() == Json.render(results) + "\n"
    assert summary.files == 6
    with pytest.raises(Exception, match="version 1"):  # an older document's claims lack fields
        merge([{**parts[0], "version": 1}], io.StringIO())


@pytest.mark.parametrize("name", ["json", "sarif", "gitlab", "github", "html", "text"])
def test_a_formatter_lets_go_of_each_file_once_written(results, name):
    """Every result but the one being written (and the HTML report's first, held back until
    a second arrives) is garbage by the time the next one comes."""
    alive: list[weakref.ref] = []

    def one_at_a_time() -> Iterator[FileResult]:
        for result in results:
            copy = FileResult(result.path, list(result.claims), list(result.findings),
                              result.text, list(result.references))
            gc.collect()
            assert [ref() for ref in alive[:-2]] == [None] * len(alive[:-2])
            alive.append(weakref.ref(copy))
            yield copy

    formatter = text.Text if name == "text" else load(name)
    formatter(io.StringIO()).write(one_at_a_time())
    assert len(alive) == len(results)


def test_a_worker_sends_back_a_finished_result_without_text_unless_lookups_are_needed(
        tmp_path, monkeypatch):
    citing, plain = write_pages(tmp_path, 2)
    monkeypatch.setattr(runner, "_WORKER", None)
    runner._start_worker(Options(offline=True, keep_text=False))
    done = runner._lint_in_worker(plain)
    assert isinstance(done, FileResult) and done.text == "" and done.findings
    analysis, _ = runner._lint_in_worker(citing)  # the main process's client looks it up
    assert "turmeric" in analysis.source.original
    runner._start_worker(Options(verify=False, keep_text=False))
    assert isinstance(runner._lint_in_worker(citing), FileResult)
    runner._start_worker(Options(verify=False, keep_text=True))
    assert "Dry needling" in runner._lint_in_worker(plain).text


def test_parallel_runs_keep_a_bounded_window_and_match_a_serial_run(tmp_path, monkeypatch):
    paths = write_pages(tmp_path / "pages", 40)
    submitted: list[str] = []  # files, as they are handed to the pool in chunks

    class Counting(runner.ProcessPoolExecutor):
        def submit(self, function, chunk, *args, **kwargs):
            submitted.extend(chunk)
            return super().submit(function, chunk, *args, **kwargs)

    monkeypatch.setattr(runner, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(runner, "CHUNK_FILES", 2)
    in_flight = []
    with Session(Options(offline=True, jobs=2, keep_text=False)) as session:
        parallel = []
        for result in session.lint_files(paths):
            parallel.append(result)
            in_flight.append(len(submitted) - len(parallel))
    with Session(Options(offline=True, jobs=1)) as session:
        serial = list(session.lint_files(paths))
    assert submitted == paths and max(in_flight) <= runner.WINDOW * 2 * 2 < 40
    assert [r.path for r in parallel] == paths
    assert all(r.text == "" for r in parallel) and all(r.text for r in serial)
    assert [(r.claims, r.findings, r.references) for r in parallel] == \
        [(r.claims, r.findings, r.references) for r in serial]
    assert any(f.code.startswith("RF") for r in parallel for f in r.findings)
