"""``claimlint eval``: precision, recall and F1 against the corpus' gold annotations.

Gold files live in ``<corpus>/gold/<document file name>.toml`` (format in docs/evaluation.md).
A gold claim is the whole sentence quoted from the raw file; a predicted claim or
overstatement matches it when their spans overlap. Each gold claim matches at most one prediction.
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
        starts = _occurrences(original, quote) if quote else []
        occurrence = entry.get("occurrence", 1 if len(starts) == 1 else None)
        if not (isinstance(occurrence, int) and 1 <= occurrence <= len(starts)):
            raise ClaimlintError(f"{path}: quote must occur exactly once in {document.name} "
                                 f"(or give its 'occurrence'): {quote[:60]!r}")
        start = starts[occurrence - 1]
        claims.append(GoldClaim(start, start + len(quote), quote, bool(entry.get("overstated"))))
    return claims


def _occurrences(text: str, quote: str) -> list[int]:
    found, start = [], text.find(quote)
    while start >= 0:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def score(results: Iterable[tuple[FileResult, str, list[GoldClaim]]]
          ) -> tuple[Score, Score, Score]:
    """Claims, overstated claims, and the share of overstated claims any finding touches
    (a recall: what a reviewer reading every finding would be pointed to)."""
    claims, overstated = Score("claim detection"), Score("overstatement detection")
    caught = Score("overstated, any finding")
    for result, original, gold in results:
        predicted = [(c.start, c.end) for c in result.claims]
        flagged = _overstated_spans(result)
        wanted = [(g.start, g.end) for g in gold if g.overstated]
        _compare(claims, result.path, original, predicted, [(g.start, g.end) for g in gold])
        _compare(overstated, result.path, original, flagged, wanted)
        touched = [(f.start, max(f.end, f.start + 1)) for f in result.findings]
        _compare(caught, result.path, original, touched, wanted)
        caught.false_alarms.clear()  # findings outside overstated claims are not errors here
    return claims, overstated, caught


OVERSTATED = frozenset({"overstated", "evidence"})  # wording, and content against the evidence


def _overstated_spans(result: FileResult) -> list[Span]:
    """Predicted overstated units: claims holding an overstated-wording or evidence finding
    of severity warning or error."""
    hits = [(f.start, f.end) for f in result.findings
            if f.category in OVERSTATED and f.severity != "info"]
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
        if s.name == "overstated, any finding":  # a recall only
            lines.append(f"{s.name:<26}{'-':>10}{s.recall:>10.3f}{'-':>8}"
                         f"{s.true_positives:>6}{'-':>6}{len(s.misses):>6}")
            continue
        lines.append(f"{s.name:<26}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}"
                     f"{s.true_positives:>6}{len(s.false_alarms):>6}{len(s.misses):>6}")
    if details:
        for s in scores:
            for title, items in (("misses", s.misses), ("false alarms", s.false_alarms)):
                if items:
                    lines.append(f"\n{s.name}: {title} ({len(items)})")
                    lines += [f"  {where}: {text[:150]}" for where, text in items]
    return "\n".join(lines)


# -- claim strength ------------------------------------------------------------------------
# Sentence files (``sentences-*.toml``: text, style, strength, negated) and claim/source pair
# files (``pairs-*.toml``: claim, source, label) in ``corpus/strength``; see its GUIDE.md.


@dataclass
class StrengthScore:
    """Per-class counts for sentence strength and the exaggeration task on pairs."""

    confusion: dict[tuple[str, str], int] = field(default_factory=dict)  # (gold, predicted)
    found: int = 0  # gold relationships (not "none") in which a claim was found
    stated: int = 0  # gold relationships
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)  # (gold, predicted) labels

    def accuracy(self, classes: tuple[str, ...] | None = None) -> float:
        cells = {k: v for k, v in self.confusion.items()
                 if classes is None or (k[0] in classes)}
        total = sum(cells.values())
        return sum(v for (g, p), v in cells.items() if g == p) / total if total else 1.0

    def recall(self, label: str) -> tuple[float, int]:
        total = sum(v for (g, _), v in self.confusion.items() if g == label)
        right = self.confusion.get((label, label), 0)
        return (right / total if total else 1.0), total

    def exaggeration(self) -> tuple[float, float, float]:
        tp = self.pairs.get(("exaggerates", "exaggerates"), 0)
        predicted = sum(v for (_, p), v in self.pairs.items() if p == "exaggerates")
        wanted = sum(v for (g, _), v in self.pairs.items() if g == "exaggerates")
        precision = tp / predicted if predicted else 1.0
        recall = tp / wanted if wanted else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def strength_files(folder: Path) -> tuple[list[Path], list[Path]]:
    return sorted(folder.glob("sentences-*.toml")), sorted(folder.glob("pairs-*.toml"))


def score_strength(sentences: list[dict], pairs: list[dict], strength_of) -> StrengthScore:
    """``strength_of(text)``: the strength claimlint gives the strongest claim in a text
    ("none" when it finds no claim). A negated relationship counts as "none", as in the
    published schemes (Wright & Augenstein 2021)."""
    from checker.models import STRENGTHS

    score = StrengthScore()
    for entry in sentences:
        gold = "none" if entry.get("negated") else entry["strength"]
        predicted = strength_of(entry["text"])
        score.confusion[gold, predicted] = score.confusion.get((gold, predicted), 0) + 1
        if gold != "none":
            score.stated += 1
            score.found += predicted != "none"
    rank = {name: index for index, name in enumerate(STRENGTHS)}
    for entry in pairs:
        claim, source = rank[strength_of(entry["claim"])], rank[strength_of(entry["source"])]
        predicted = "exaggerates" if claim > source else "downplays" if claim < source else "same"
        score.pairs[entry["label"], predicted] = score.pairs.get((entry["label"], predicted), 0) + 1
    return score


def render_strength(score: StrengthScore) -> str:
    from checker.models import STRENGTHS

    lines = [f"{'strength':<16}{'recall':>8}{'n':>6}"]
    for label in STRENGTHS:
        recall, total = score.recall(label)
        lines.append(f"{label:<16}{recall:>8.3f}{total:>6}")
    lines.append(f"{'accuracy':<16}{score.accuracy():>8.3f}")
    lines.append(f"{'causal vs cond.':<16}{score.accuracy(('causal', 'conditional')):>8.3f}")
    rate = score.found / score.stated if score.stated else 1.0
    lines.append(f"claims found in {score.found}/{score.stated} stated relationships ({rate:.3f})")
    if score.pairs:
        p, r, f = score.exaggeration()
        lines.append(f"exaggeration (pairs): precision {p:.3f} recall {r:.3f} F1 {f:.3f} "
                     f"({sum(score.pairs.values())} pairs)")
    return "\n".join(lines)


def load_entries(path: Path, table: str) -> list[dict]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get(table, [])
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ClaimlintError(f"{path}: cannot read annotations: {error}") from None


def report(corpus: Path, details: bool) -> str:
    """``claimlint eval``: every annotated folder under ``corpus`` scored, and every strength
    set graded."""
    from checker.discovery import discover
    from checker.run import Options, Session

    session = Session(Options(verify=False))  # scoring claims needs no lookups
    folders: dict[Path, list] = {}
    documents = [path for path in corpus.rglob("*") if path.is_file()
                 and gold_path(path).is_file() and "gold" not in path.parts]
    for path, _ in discover([str(p) for p in sorted(documents)]) if documents else ():
        document = Path(path)
        result = session.lint_file(path, session.config_for(path))
        original = document.read_text(encoding="utf-8-sig")
        folders.setdefault(document.parent, []).append(
            (result, original, load_gold(document, original)))
    strength_sets = [(folder, *strength_files(folder))
                     for folder in [corpus, *sorted(p for p in corpus.rglob("*") if p.is_dir())]]
    strength_sets = [s for s in strength_sets if s[1] or s[2]]
    if not folders and not strength_sets:
        raise ClaimlintError(f"{corpus}: no documents with gold annotations in {corpus}/gold/")
    out = []
    for folder, triples in sorted(folders.items()):
        out.append(f"{folder}: {len(triples)} annotated documents")
        out.append(render(score(triples), details) + "\n")
    linter = session.linter_for(session.config_for(str(corpus)))
    for folder, sentence_files, pair_files in strength_sets:
        for split in sorted({p.stem.split("-", 1)[1] for p in sentence_files + pair_files}):
            sentences = [e for p in sentence_files if p.stem.endswith(split)
                         for e in load_entries(p, "sentence")]
            pairs = [e for p in pair_files if p.stem.endswith(split)
                     for e in load_entries(p, "pair")]
            out.append(f"{folder} ({split}): {len(sentences)} sentences, {len(pairs)} pairs")
            out.append(render_strength(score_strength(sentences, pairs, linter.strength_of))
                       + "\n")
    return "\n".join(out)
