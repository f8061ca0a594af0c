"""What the evidence rules share: which treatment a claim is about, what the evidence map
says of each condition it claims to act on, and how to say so with the sources.

A claim is judged by what it says, not only by how it says it: "chiropractic may help boost
immunity" is as unsupported as "chiropractic boosts immunity", because no good evidence
links the pair. The treatment is the claim's own when the map knows it ("our chiro
adjustments" -> chiropractic), else the one the document is about (a product page's bullets
speak of its product).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.evidence import EvidenceMap, Finding
from checker.evidence.model import Intervention, Pair
from checker.models import Claim
from checker.rules.base import Context

# Kinds that say what a treatment does; safety notes and statistics are judged elsewhere.
EFFECT_KINDS = frozenset({"efficacy", "mechanism", "conditions-treated", "comparison", "speed",
                          "evidence", "endorsement"})
# Words in the name of a thing sold that say what kind of product it is.
_SUPPLEMENT = re.compile(r"\b(supplement|capsule|tablet|pill|gumm(?:y|ies)|softgel|tincture|"
                         r"powder|formula|drops|extract|vitamin|tea|shot|chews?|lozenge|syrup|"
                         r"multivitamin|probiotic|elixir|tonic|blend|complex)s?\b", re.IGNORECASE)
_DEVICE = re.compile(r"\b(device|patch|mat|brace|band|bracelet|machine|gun|lamp|panel|insoles?|"
                     r"wrap|belt|corrector|stimulator|massager|unit|collar|sleeve)s?\b",
                     re.IGNORECASE)
# Words that make a condition a disease when the map does not say ("Lyme disease").
_DISEASE_WORDS = re.compile(r"\b(disease|cancer|tumou?r|diabetes|infection|virus|viral|"
                            r"covid|coronavirus|alzheimer|dementia|autism|epilepsy|sclerosis|"
                            r"parkinson|arthritis|asthma|hypertension|syndrome|disorder)",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Judged:
    """One condition of a claim, with the map's answer for the claim's treatment."""

    claim: Claim
    finding: Finding
    start: int  # the condition's words in the file
    end: int


def topic(claims: Iterable[Claim], evidence: EvidenceMap) -> Intervention | None:
    """The mapped treatment a document's claims name most often (ties: the first named)."""
    named = [found for claim in claims
             if (found := evidence.intervention(claim.intervention)) is not None]
    if not named:
        return None
    counts = Counter(found.name for found in named)
    best = max(counts.values())
    return next(found for found in named if counts[found.name] == best)


_GENERIC = re.compile(r"^(?:(?:our|your|my|this|these|that|the|a|an|its|their|each|every|new|"
                      r"gentle|regular|daily|unique|special|own)\s+)*(?:[a-z-]+\s+)?"
                      r"(?:it|they|them|this|these|product|products|formula|blend|treatment|"
                      r"treatments|therapy|therapies|session|sessions|supplement|supplements|"
                      r"capsules?|tablets?|gumm(?:y|ies)|drops|oil|cream|device|patch|method|"
                      r"technique|protocol|programme|program|approach|remedy|kit|system)$",
                      re.IGNORECASE)


def treatment(claim: Claim, context: Context) -> Intervention | None:
    """The mapped treatment a claim is about: its own words' when the map knows them; the
    document's topic when its words are generic ("this formula", "it") or a brand name
    ("FlexiCore Patch"); none when they name another treatment the map lacks ("ear
    candling")."""
    evidence: EvidenceMap = context.evidence  # type: ignore[assignment]
    found = evidence.intervention(claim.intervention)
    if found is not None:
        return found
    if not claim.intervention:
        return None if subject(claim) else context.topic  # type: ignore[return-value]
    words = claim.intervention.strip()
    if _GENERIC.match(words) or _brand(words):
        return context.topic  # type: ignore[return-value]
    return None


_FUNCTION_WORDS = frozenset({
    "it", "this", "these", "they", "that", "we", "you", "i", "our", "your", "my", "the", "a",
    "an", "and", "or", "also", "can", "may", "might", "could", "will", "does", "do", "is", "are",
    "was", "were", "be", "been", "has", "have", "just", "only", "even", "now", "still", "often",
    "usually", "gently", "naturally", "quickly", "really", "helps", "help", "to", "in", "of",
    "for", "with", "on", "at", "by", "not", "no", "so", "which", "who", "what", "how", "why",
    "regular", "daily", "every", "each", "one", "two", "three", "some", "many", "most", "all",
    "both", "their", "its", "his", "her", "he", "she", "them", "us", "me"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def subject(claim: Claim) -> str | None:
    """The words before a claim's effect when they name something other than a pronoun or a
    generic word ("Ear candling" in "Ear candling clears sinus congestion"); None for a
    bullet or a sentence about "it"."""
    if not claim.effect:
        return None
    head = claim.text[:claim.text.find(claim.effect)] if claim.effect in claim.text else ""
    if "," in head or ":" in head:
        head = head.rsplit(",", 1)[-1].rsplit(":", 1)[-1]
    words = [w for w in _WORD.findall(head) if w.lower() not in _FUNCTION_WORDS]
    return " ".join(words).lower() if words and not _GENERIC.match(" ".join(words)) else None


def _brand(words: str) -> bool:
    """A product name: a capital after the first word or inside one ("FlexiCore", "Myco
    Six"), or a trade mark sign."""
    parts = words.split()
    return "™" in words or "®" in words or any(
        part[:1].isupper() for part in parts[1:]) or any(
        any(c.isupper() for c in part[1:]) for part in parts)


def judged(claim: Claim, context: Context) -> list[Judged]:
    """Each condition the claim says its treatment acts on (once per condition the map
    tells apart), with the map's answer; the answer's pair is None when the map has no
    entry, and its intervention None when the map does not know the treatment. Worked out
    once per claim for all the evidence rules."""
    key = ("judged", id(claim))
    if key not in context.memo:
        context.memo[key] = list(_judged(claim, context))
    return context.memo[key]


def _judged(claim: Claim, context: Context) -> Iterator[Judged]:
    if context.evidence is None or claim.kind not in EFFECT_KINDS or not claim.targets:
        return
    found = treatment(claim, context)
    evidence: EvidenceMap = context.evidence  # type: ignore[assignment]
    seen: set[str] = set()
    for start, end in claim.targets:
        named = claim.text[start - claim.start:end - claim.start]
        answer = (evidence.lookup(found, named, context.profile.jurisdiction) if found else
                  Finding(None, evidence.condition(named), named, None))  # type: ignore[arg-type]
        key = answer.condition.name if answer.condition else named.lower()
        if key not in seen:
            seen.add(key)
            yield Judged(claim, answer, start, end)


_ATTRIBUTION = re.compile(r"\b(research|stud(?:y|ies)|trials?|evidence|reviews?|meta-analys[ie]s)"
                          r"\b[^.]{0,60}\b(suggests?|indicates?|hints?|found|finds|reported|"
                          r"concluded|showed)\b", re.IGNORECASE)


_STUDY = re.compile(r"\b(trials?|stud(?:y|ies)|meta-analys[ie]s|reviews?|cohort|participants|"
                    r"randomi[sz]ed|placebo)\b", re.IGNORECASE)
# a result set in the lab or in animals: "In laboratory experiments, extract stopped ..."
_LABORATORY = re.compile(r"\b(?:in|from) (?:laboratory|lab|test-tube|test tube|animal|cell) "
                         r"(?:experiments?|studies|tests?|research)|\bin (?:mice|rats|vitro)\b",
                         re.IGNORECASE)


def reports_evidence(claim: Claim) -> bool:
    """The claim reports what research found rather than promising an effect: a study
    described with its numbers or a citation ("In a 24-week trial ... had less pain [1]"), or
    a hedged claim attributed to research ("early research suggests CBD may help"). Such a
    sentence is judged against its sources (RF111), not against the map's summary."""
    return _reports(claim.text, bool(claim.citations or claim.numbered), claim.kind,
                    claim.strength)


@lru_cache(maxsize=1024)  # several rules ask of each claim; the searches cost 3% of a lint
def _reports(text: str, cited: bool, kind: str, strength: str) -> bool:
    if (cited and (kind == "evidence" or _STUDY.search(text))) or _LABORATORY.search(text):
        return True
    return strength in ("conditional", "correlational") and bool(_ATTRIBUTION.search(text))


def product(claim: Claim, context: Context) -> str:
    """What is sold: the configured product, else what the map says of the treatment, else
    what the name says ("capsules", "patch"), else a service."""
    if context.profile.product != "auto":
        return context.profile.product
    name = claim.intervention or ""
    if _SUPPLEMENT.search(name):
        return "supplement"
    if _DEVICE.search(name):
        return "device"
    found = treatment(claim, context)
    return found.product if found else context.sold or "service"


def sold(text: str) -> str | None:
    """What a page sells, by the words it uses most: a supplement ("capsules", "syrup",
    "gummies"), a device ("patch", "bracelet"), or None when it names neither often."""
    lowered = text[:200_000].lower()  # a case-sensitive scan of lowercase text is 2.5x faster
    supplements = len(_SUPPLEMENT_WORDS.findall(lowered))
    devices = len(_DEVICE_WORDS.findall(lowered))
    if max(supplements, devices) < SOLD_MENTIONS:
        return None
    return "supplement" if supplements >= devices else "device"


_SUPPLEMENT_WORDS = re.compile(_SUPPLEMENT.pattern)
_DEVICE_WORDS = re.compile(_DEVICE.pattern)
SOLD_MENTIONS = 3  # a page that names a product kind this often is selling one


def is_disease(judgement: Judged) -> bool:
    condition = judgement.finding.condition
    if condition is not None and condition.disease:
        return True
    return condition is None and bool(_DISEASE_WORDS.search(judgement.finding.named))


def sources(pair: Pair, limit: int = 2) -> str:
    """"title (publisher): link; ..." for the first sources of a pair."""
    return "; ".join(f"{s.title} ({s.publisher}): {s.link}" for s in pair.sources[:limit])


def supported(intervention: Intervention, jurisdiction: str, limit: int = 4) -> str:
    """The conditions the map supports the treatment for, best first: what the copy may
    claim instead."""
    good = [p for p in intervention.pairs if p.status in ("accepted", "some")
            and p.applies_in(jurisdiction)]
    good.sort(key=lambda p: p.status != "accepted")
    names = list(dict.fromkeys(p.condition for p in good))[:limit]
    return ", ".join(names)


def profile_note(context: Context) -> str:
    """Says which profile judged the claim, so a reader knows what to configure."""
    return (f"[profile: product={context.profile.product}, jurisdiction="
            f"{context.profile.jurisdiction}; set 'product' and 'jurisdiction' in config]")
