"""What ``claimlint evidence`` prints: the map's entries for a treatment, with sources."""

from __future__ import annotations

import difflib
from collections import Counter

from checker.errors import ClaimlintError
from checker.evidence import EvidenceMap
from checker.evidence.model import Pair

STATUS_WORDS = {"accepted": "accepted by a regulator", "some": "some evidence of benefit",
                "insufficient": "insufficient evidence", "against": "evidence against"}


def overview(evidence: EvidenceMap) -> str:
    """Every treatment the map covers, with its pairs by status, and the totals."""
    lines, statuses, kinds = [], Counter(), Counter()
    for intervention in sorted(evidence.data.interventions.values(), key=lambda i: i.name):
        counts = Counter(p.status for p in intervention.pairs)
        statuses.update(counts)
        kinds.update(s.kind for s in {s.key: s for p in intervention.pairs
                                      for s in p.sources}.values())
        shown = ", ".join(f"{counts[s]} {s}" for s in STATUS_WORDS if counts[s])
        lines.append(f"{intervention.name:<28} {intervention.product:<10} "
                     f"{len(intervention.pairs):>3} pairs ({shown})")
    lines.append(f"\n{len(lines)} treatments, {sum(statuses.values())} pairs ("
                 + ", ".join(f"{statuses[s]} {s}" for s in STATUS_WORDS)
                 + "); sources: " + ", ".join(f"{n} {k}" for k, n in kinds.most_common()))
    return "\n".join(lines)


def describe(evidence: EvidenceMap, name: str, condition: str | None = None) -> str:
    intervention = evidence.intervention(name)
    if intervention is None:
        known = [i.name for i in evidence.data.interventions.values()]
        close = difflib.get_close_matches(name.lower(), known, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else (
            "; 'claimlint evidence' lists the treatments it covers")
        raise ClaimlintError(f"the evidence map has no treatment {name!r}{hint}")
    lines = [f"{intervention.name} ({intervention.product}; from {intervention.path})",
             f"aliases: {', '.join(intervention.aliases) or '-'}",
             intervention.summary, ""]
    pairs = list(intervention.pairs)
    if condition is not None:
        found = evidence.lookup(intervention, condition, "any")
        if found.condition is None:
            return "\n".join([*lines, f"{condition}: no condition of that name in the map"])
        wanted = {found.condition.name, *([found.via] if found.via else [])}
        pairs = [p for p in pairs if p.condition in wanted]
        if not pairs:
            return "\n".join([*lines, f"{found.condition.name}: no evidence entry for "
                              f"{intervention.name}; hold evidence before claiming it"])
    for pair in sorted(pairs, key=lambda p: (list(STATUS_WORDS).index(p.status), p.condition)):
        lines += _pair(pair)
    return "\n".join(lines)


def _pair(pair: Pair) -> list[str]:
    where = f" [{', '.join(pair.jurisdictions)} only]" if pair.jurisdictions else ""
    lines = [f"{pair.condition}: {STATUS_WORDS[pair.status]}{where}"]
    if pair.supports:
        lines.append(f"  supports: {pair.supports}")
    if pair.note:
        lines.append(f"  {pair.note}")
    for source in pair.sources:
        year = f", {source.year}" if source.year else ""
        lines.append(f"  - {source.title} ({source.publisher}{year}; {source.kind}; checked "
                     f"{source.checked}) {source.link}")
    return [*lines, ""]
