"""Baselines: adopt claimlint on an archive without fixing it all at once.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only
findings that are not in it. An entry is a rule, a file and the flagged words (not a line
number), counted, so findings keep matching when unrelated lines move and a new copy of the
same words elsewhere in the file is still reported.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from checker.errors import ClaimlintError
from checker.formatters import relative_path

VERSION = 1


def _key(finding) -> tuple[str, str, str]:
    return finding.code, relative_path(finding.path), " ".join(finding.text.casefold().split())


def write(path: Path, results) -> int:
    counts = Counter(_key(f) for result in results for f in result.findings)
    entries = [{"code": code, "path": file, "text": text, "count": count}
               for (code, file, text), count in sorted(counts.items())]
    path.write_text(json.dumps({"version": VERSION, "findings": entries}, indent=2,
                               ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(counts.values())


def load(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["findings"]
        return Counter({(e["code"], e["path"], e["text"]): int(e["count"]) for e in entries})
    except OSError as error:
        raise ClaimlintError(f"{path}: cannot read baseline: {error.strerror}") from None
    except (ValueError, KeyError, TypeError) as error:
        raise ClaimlintError(f"{path}: not a claimlint baseline ({error})") from None


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
