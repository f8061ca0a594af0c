"""Baselines: adopt claimlint on an archive without fixing it all at once.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only
findings that are not in it. An entry is a rule, a file, the flagged words and a fingerprint
of the sentence they stand in (not a line number), counted, so findings keep matching when
unrelated lines move. A finding first matches an entry of its own sentence, and only then
any entry of the same words: so when a new copy of old words appears, even above the old
one, it is the new copy that is reported, at its own line. Version-1 baselines (no sentence)
are still read; their entries match by words alone.

A baseline is read like any input: at most ``MAX_BYTES`` (a device or a runaway file costs
nothing), and anything but the exact shape ``write`` produces is a one-line error.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

from checker.atomic import replace_file
from checker.errors import ClaimlintError
from checker.formatters import relative_path
from checker.readers import read_limited

VERSION = 2
READS = (1, 2)
MAX_BYTES = 32 * 1024 * 1024  # some 300,000 entries, each a rule, a file and words, counted
_FIELDS = ("code", "path", "text")
Words = tuple[str, str]  # rule and flagged words, within one file
Entry = tuple[str, str, str]  # rule, flagged words, sentence fingerprint ("": none)


def _words(finding) -> Words:
    return finding.code, " ".join(finding.text.casefold().split())


def _contexts(result) -> list[str]:
    """For each finding, a fingerprint of the claim sentence it lies in ("" outside one):
    what tells two copies of the same words apart. Sentences, not lines, so re-wrapping a
    paragraph or moving it keeps it."""
    claims = sorted(result.claims, key=lambda claim: claim.start)
    starts = [claim.start for claim in claims]
    contexts = []
    for finding in result.findings:
        index = bisect.bisect_right(starts, finding.start) - 1
        claim = claims[index] if index >= 0 else None
        inside = claim is not None and claim.start <= finding.start < claim.end
        contexts.append(_fingerprint(claim.text) if inside else "")
    return contexts


def _fingerprint(sentence: str) -> str:
    normal = " ".join(sentence.casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


class Baseline:
    """The recorded findings of each file. Each file's entries are used afresh for it, so a
    file linted again (after ``--fix``) is filtered again the same way."""

    def __init__(self) -> None:
        self.files: dict[str, Counter[Entry]] = defaultdict(Counter)

    def add(self, path: str, entry: Entry, count: int) -> None:
        self.files[path][entry] += count

    def filter(self, result) -> int:
        """Drop from ``result`` the findings the baseline knows; returns how many."""
        recorded = self.files.get(relative_path(result.path))
        if not recorded:
            return 0
        exact = Counter(recorded)
        loose = Counter[Words]()
        for (code, words, _), count in recorded.items():
            loose[code, words] += count
        keys = [(*_words(f), context) for f, context in zip(result.findings, _contexts(result),
                                                             strict=True)]
        known = [False] * len(keys)
        for index, key in enumerate(keys):  # first each finding's own sentence ...
            if key[2] and exact[key] > 0:
                exact[key] -= 1
                loose[key[:2]] -= 1
                known[index] = True
        for index, key in enumerate(keys):  # ... then the same words anywhere in the file
            if not known[index] and loose[key[:2]] > 0:
                loose[key[:2]] -= 1
                known[index] = True
        result.findings = [f for f, old in zip(result.findings, known, strict=True) if not old]
        return sum(known)


def check_writable(path: Path) -> None:
    """Fail before linting, not after, when the baseline could not be written."""
    if path.is_dir():
        raise ClaimlintError(f"{path}: is a folder; --write-baseline needs a file name")
    if not path.parent.is_dir():
        raise ClaimlintError(f"{path}: cannot write the baseline: no folder "
                             f"{path.parent}")


def write(path: Path, results) -> int:
    """Record the findings in ``path`` (replaced atomically); returns how many."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for result in results:
        file = relative_path(result.path)
        for finding, context in zip(result.findings, _contexts(result), strict=True):
            code, words = _words(finding)
            counts[code, file, words, context] += 1
    entries = [{"code": code, "path": file, "text": text, "context": context, "count": count}
               for (code, file, text, context), count in sorted(counts.items())]
    document = json.dumps({"version": VERSION, "findings": entries}, indent=2,
                          ensure_ascii=False) + "\n"
    replace_file(path, document.encode("utf-8"))
    return sum(counts.values())


def load(path: Path) -> Baseline:
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
    baseline = Baseline()
    for entry in _entries(document, path):
        baseline.add(entry["path"], (entry["code"], entry["text"], entry.get("context", "")),
                     entry["count"])
    return baseline


def _entries(document: object, path: Path) -> list[dict]:
    """The entries of a baseline document, each checked for the shape ``write`` gives it."""
    if not isinstance(document, dict) or document.get("version") not in READS or not (
            isinstance(document.get("findings"), list)):
        raise ClaimlintError(f"{path}: not a claimlint baseline (version "
                             f"{' or '.join(map(str, READS))} with a 'findings' list)")
    fields = _FIELDS if document["version"] == 1 else (*_FIELDS, "context")
    for index, entry in enumerate(document["findings"]):
        if not (isinstance(entry, dict) and all(isinstance(entry.get(n), str) for n in fields)
                and type(entry.get("count")) is int and entry["count"] > 0):
            raise ClaimlintError(f"{path}: not a claimlint baseline (findings[{index}] needs "
                                 f"{', '.join(fields[:-1])} and {fields[-1]} strings and a "
                                 "count above 0)")
    return document["findings"]


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a count")


def filter_new(results, baseline: Baseline) -> int:
    """Drop the findings the baseline knows from each result; returns how many."""
    return sum(baseline.filter(result) for result in results)
