"""Output formats, one module each, all written file by file as the results arrive.

A ``Formatter`` keeps only a running ``Summary`` of the files it has written, so linting an
archive of any size takes bounded memory. What a document places after something still to
come (JSON claims after all findings, the HTML report's documents after its tables) waits in
a temporary file.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import io
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json import JSONEncoder  # not "import json": the json submodule would shadow it
from json.encoder import encode_basestring
from pathlib import Path
from typing import ClassVar, TextIO

from checker.lint import FileResult
from checker.models import SEVERITY_RANK


@dataclass
class Summary:
    """Counts over the files written so far (the ``summary`` of the JSON output)."""

    files: int = 0
    claims: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(
        default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    by_code: dict[str, int] = field(default_factory=dict)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.claims += len(result.claims)
        self.findings += len(result.findings)
        for finding in result.findings:
            self.by_severity[finding.severity] += 1
            self.by_code[finding.code] = self.by_code.get(finding.code, 0) + 1

    def add_counts(self, counts: dict) -> None:
        """Add another run's summary, as ``as_dict`` wrote it (merging partitions)."""
        self.files += counts["files"]
        self.claims += counts["claims"]
        self.findings += counts["findings"]
        for severity, count in counts["by_severity"].items():
            self.by_severity[severity] += count
        for code, count in counts["by_code"].items():
            self.by_code[code] = self.by_code.get(code, 0) + count

    def reaches(self, threshold: str) -> bool:
        """Whether a finding is at or above ``threshold`` (a severity, or ``never``)."""
        return threshold != "never" and any(
            count for severity, count in self.by_severity.items()
            if SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold])

    def as_dict(self) -> dict:
        return {"files": self.files, "claims": self.claims, "findings": self.findings,
                "by_severity": dict(self.by_severity),
                "by_code": dict(sorted(self.by_code.items()))}


class Formatter:
    """Writes one output format to ``out``: ``file`` for each result, in order, then
    ``finish``. Formats that show the documents set ``needs_text``; the others are handed
    results without their text, so worker processes need not send it back."""

    needs_text: ClassVar[bool] = False

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.summary = Summary()

    def write(self, results: Iterable[FileResult]) -> Summary:
        """Write the whole output. Nothing is written before the first result is in, so an
        error while linting the first file leaves the output empty."""
        started = False
        for result in results:
            if not started:
                self.start()
                started = True
            self.summary.add(result)
            self.file(result)
        if not started:
            self.start()
        self.finish()
        return self.summary

    def start(self) -> None:
        """Write what comes before the first file."""

    def file(self, result: FileResult) -> None:
        """Write one file's part (or spool it until ``finish``)."""

    def finish(self) -> None:
        """Write what comes after the last file."""

    @classmethod
    def render(cls, results: Iterable[FileResult], **options) -> str:
        """The whole output as one string, without its final newline."""
        out = io.StringIO()
        cls(out, **options).write(results)
        return out.getvalue().removesuffix("\n")


class JsonArray:
    """A JSON array written an item at a time, laid out byte for byte as
    ``json.dumps(indent=2)`` lays out an array nested ``depth`` levels deep."""

    def __init__(self, out: TextIO, depth: int) -> None:
        self.out, self.indent, self.count = out, "  " * depth, 0
        out.write("[")

    def add(self, item: object) -> None:
        inner = self.indent + "  "
        self.out.write(("," if self.count else "") + "\n" + inner + indented(item, inner))
        self.count += 1

    def close(self) -> None:
        self.out.write("\n" + self.indent + "]" if self.count else "]")


_encode = JSONEncoder(ensure_ascii=False).encode


def indented(value: object, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` with its lines after the first
    indented by ``indent``, faster: ``indent=2`` turns the C encoder off, and the pure-Python
    one took a fifth of the main process's time in a parallel run. Strings, integers and
    None (nearly every value in a report) are encoded here directly; keys must be strings."""
    if isinstance(value, str):
        return encode_basestring(value)
    if type(value) is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    inner = indent + "  "
    if isinstance(value, dict) and value:
        members = ",".join(f"\n{inner}{encode_basestring(key)}: {indented(item, inner)}"
                           for key, item in value.items())
        return f"{{{members}\n{indent}}}"
    if isinstance(value, list | tuple) and value:
        items = ",".join(f"\n{inner}{indented(item, inner)}" for item in value)
        return f"[{items}\n{indent}]"
    return _encode(value)


def spool() -> TextIO:
    """A temporary file for what a format writes after something still to come; closed by
    the formatter's ``finish`` (and already unlinked, so an interrupted run leaves none)."""
    return tempfile.TemporaryFile("w+", encoding="utf-8")


def load(name: str) -> type[Formatter]:
    """The formatter of ``--format name`` (each module names its class ``FORMAT``)."""
    return importlib.import_module(f"checker.formatters.{name}").FORMAT


def fingerprint(finding) -> str:
    """Rule, file and flagged words: stable when unrelated lines move."""
    key = f"{finding.code}\0{relative_path(finding.path)}\0{finding.text.casefold()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def fingerprinted(findings: Iterable) -> Iterator[tuple]:
    """Each of one file's findings with its fingerprint: rule, file and words, and which copy
    of them in the file it is, so two copies of the same words are two alerts. The first copy
    keeps the plain fingerprint, so alerts recorded before copies were counted still match."""
    copies: Counter[str] = Counter()
    for finding in findings:
        base = fingerprint(finding)
        copy = copies[base]
        copies[base] += 1
        yield finding, (base if copy == 0 else
                        hashlib.sha256(f"{base}\0{copy}".encode()).hexdigest()[:32])


def relative_path(path: str) -> str:
    """A repository-relative POSIX URI for the file (stdin is reported as ``stdin``)."""
    return _relative_path(path, os.getcwd())


@functools.lru_cache(maxsize=1024)
def _relative_path(path: str, cwd: str) -> str:
    """Cached: every finding of a file asks, and resolving a path costs system calls."""
    if path == "-":
        return "stdin"
    try:
        return Path(path).resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
