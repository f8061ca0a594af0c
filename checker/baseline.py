"""Baselines: adopt claimlint on an archive without fixing it all at once.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only
findings that are not in it. An entry is a rule, a file and the flagged words (not a line
number), counted, so findings keep matching when unrelated lines move and a new copy of the
same words elsewhere in the file is still reported.

A baseline is read like any input: at most ``MAX_BYTES`` (a device or a runaway file costs
nothing), and anything but the exact shape ``write`` produces is a one-line error.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from checker.atomic import replace_file
from checker.errors import ClaimlintError
from checker.formatters import relative_path
from checker.readers import read_limited

VERSION = 1
MAX_BYTES = 32 * 1024 * 1024  # some 300,000 entries, each a rule, a file and words, counted
_FIELDS = ("code", "path", "text")


def _key(finding) -> tuple[str, str, str]:
    return finding.code, relative_path(finding.path), " ".join(finding.text.casefold().split())


def check_writable(path: Path) -> None:
    """Fail before linting, not after, when the baseline could not be written."""
    if path.is_dir():
        raise ClaimlintError(f"{path}: is a folder; --write-baseline needs a file name")
    if not path.parent.is_dir():
        raise ClaimlintError(f"{path}: cannot write the baseline: no folder "
                             f"{path.parent}")


def write(path: Path, results) -> int:
    """Record the findings in ``path`` (replaced atomically); returns how many."""
    counts = Counter(_key(f) for result in results for f in result.findings)
    entries = [{"code": code, "path": file, "text": text, "count": count}
               for (code, file, text), count in sorted(counts.items())]
    document = json.dumps({"version": VERSION, "findings": entries}, indent=2,
                          ensure_ascii=False) + "\n"
    replace_file(path, document.encode("utf-8"))
    return sum(counts.values())


def load(path: Path) -> Counter:
    try:
        data = read_limited(path, MAX_BYTES)
    except OSError as error:
        raise ClaimlintError(f"{path}: cannot read baseline: {error.strerror}") from None
    if data is None:
        raise ClaimlintError(f"{path}: baseline is over the {MAX_BYTES // 2**20} MiB limit")
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:
        raise ClaimlintError(f"{path}: not a claimlint baseline (nested too deeply)") from None
    except ValueError as error:  # JSON syntax, UTF-8, an integer too long to read
        raise ClaimlintError(f"{path}: not a claimlint baseline ({error})") from None
    return Counter({tuple(entry[name] for name in _FIELDS): entry["count"]
                    for entry in _entries(document, path)})


def _entries(document: object, path: Path) -> list[dict]:
    """The entries of a baseline document, each checked for the shape ``write`` gives it."""
    if not isinstance(document, dict) or document.get("version") != VERSION or not isinstance(
            document.get("findings"), list):
        raise ClaimlintError(f"{path}: not a claimlint baseline (version {VERSION} with a "
                             "'findings' list)")
    for index, entry in enumerate(document["findings"]):
        if not (isinstance(entry, dict) and all(isinstance(entry.get(n), str) for n in _FIELDS)
                and type(entry.get("count")) is int and entry["count"] > 0):
            raise ClaimlintError(f"{path}: not a claimlint baseline (findings[{index}] needs "
                                 "code, path and text strings and a count above 0)")
    return document["findings"]


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a count")


def filter_new(results, remaining: Counter) -> int:
    """Drop findings the baseline knows (each entry as many times as counted), using up its
    entries, so it can be called file by file; returns how many were dropped."""
    dropped = 0
    for result in results:
        kept = []
        for finding in result.findings:
            key = _key(finding)
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(finding)
        result.findings = kept
    return dropped
