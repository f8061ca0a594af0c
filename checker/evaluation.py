"""``claimlint eval``: precision, recall and F1 against the corpus' gold annotations.

Gold files live in ``<corpus>/gold/<document file name>.toml`` (format in the README). A gold
claim is the whole sentence quoted from the raw file; a predicted claim or overstatement
matches it when their spans overlap. Each gold claim matches at most one prediction.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import ClaimlintError
from checker.lint import FileResult

Span = tuple[int, int]


@dataclass
class GoldClaim:
    start: int
    end: int
    quote: str
    overstated: bool


@dataclass
class Score:
    """Counts for one task, with the spans behind each miss and false alarm."""

    name: str
    true_positives: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (path:line, text)
    false_alarms: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_alarms)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + len(self.misses)
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_path(document: Path) -> Path:
    return document.parent / "gold" / f"{document.name}.toml"


def load_gold(document: Path, original: str) -> list[GoldClaim]:
    path = gold_path(document)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ClaimlintError(f"{path}: cannot read gold annotations: {error}") from None
    claims = []
    for entry in data.get("claim", []):
        quote = entry.get("quote", "")
        start = original.find(quote)
        if not quote or start < 0 or original.find(quote, start + 1) >= 0:
            raise ClaimlintError(f"{path}: quote must occur exactly once in {document.name}: "
                                 f"{quote[:60]!r}")
        claims.append(GoldClaim(start, start + len(quote), quote, bool(entry.get("overstated"))))
    return claims


def score(results: Iterable[tuple[FileResult, str, list[GoldClaim]]]) -> tuple[Score, Score]:
    claims, overstated = Score("claim detection"), Score("overstatement detection")
    for result, original, gold in results:
        predicted = [(c.start, c.end) for c in result.claims]
        flagged = _overstated_spans(result)
        _compare(claims, result.path, original, predicted, [(g.start, g.end) for g in gold])
        _compare(overstated, result.path, original, flagged,
                 [(g.start, g.end) for g in gold if g.overstated])
    return claims, overstated


def _overstated_spans(result: FileResult) -> list[Span]:
    """Predicted overstated units: claims holding an overstated finding."""
    hits = [(f.start, f.end) for f in result.findings if f.category == "overstated"]
    return [(c.start, c.end) for c in result.claims
            if any(c.start <= start < c.end for start, _ in hits)]


def _compare(score: Score, path: str, original: str, predicted: list[Span],
             gold: list[Span]) -> None:
    used: set[int] = set()
    for g_start, g_end in gold:
        match = next((i for i, (p_start, p_end) in enumerate(predicted)
                      if i not in used and p_start < g_end and g_start < p_end), None)
        if match is None:
            score.misses.append(_where(path, original, g_start, g_end))
        else:
            used.add(match)
            score.true_positives += 1
    for i, (start, end) in enumerate(predicted):
        if i not in used and not any(start < g_end and g_start < end for g_start, g_end in gold):
            score.false_alarms.append(_where(path, original, start, end))


def _where(path: str, original: str, start: int, end: int) -> tuple[str, str]:
    line = original.count("\n", 0, start) + 1
    return f"{path}:{line}", " ".join(original[start:end].split())


def render(scores: Iterable[Score], details: bool) -> str:
    lines = [f"{'task':<26}{'precision':>10}{'recall':>10}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
    scores = list(scores)
    for s in scores:
        lines.append(f"{s.name:<26}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}"
                     f"{s.true_positives:>6}{len(s.false_alarms):>6}{len(s.misses):>6}")
    if details:
        for s in scores:
            for title, items in (("misses", s.misses), ("false alarms", s.false_alarms)):
                if items:
                    lines.append(f"\n{s.name}: {title} ({len(items)})")
                    lines += [f"  {where}: {text[:150]}" for where, text in items]
    return "\n".join(lines)
