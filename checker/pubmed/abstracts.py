"""Abstract text and the sentences that state a study's conclusion.

Marketing copy usually paraphrases a study's conclusion, so the linter compares claims with
the CONCLUSION(S)/INTERPRETATION section of a structured abstract, or with the last two
sentences of an unstructured one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_CONCLUSION_LABEL = re.compile(r"^\s*(conclusions?|interpretations?)\b", re.IGNORECASE)
# A sentence ends at . ! or ? (plus closing quotes/brackets) before a capital, digit or opener.
_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
# ...unless the full stop belongs to an abbreviation or an initial ("et al.", "J. Smith").
_ABBREVIATION = re.compile(r"(\b(e\.g|i\.e|et al|vs|approx|cf|fig|figs|ref|no)\.|\b[A-Z]\.)$")


@dataclass(frozen=True)
class Section:
    """One labelled (or unlabelled) part of an abstract."""

    text: str
    label: str | None = None
    category: str | None = None  # PubMed's NlmCategory, e.g. "CONCLUSIONS"


def abstract_text(sections: Sequence[Section]) -> str | None:
    """The abstract as plain text, one section per line, labels kept as PubMed shows them."""
    lines = [f"{s.label}: {s.text}" if s.label else s.text for s in sections if s.text]
    return "\n".join(lines) or None


def conclusion_sentences(sections: Sequence[Section]) -> tuple[str, ...]:
    """Sentences of the conclusion section, else the last two sentences of the abstract."""
    concluding = [s.text for s in sections if _is_conclusion(s)]
    if concluding:
        return tuple(sentence for text in concluding for sentence in split_sentences(text))
    return tuple(split_sentences(" ".join(s.text for s in sections))[-2:])


def split_sentences(text: str) -> list[str]:
    """Split abstract prose into sentences; good enough for scientific English, not general."""
    sentences: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _ABBREVIATION.search(text, start, boundary.start() + 1):
            continue
        sentences.append(text[start : boundary.end()].strip())
        start = boundary.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


def _is_conclusion(section: Section) -> bool:
    return section.category == "CONCLUSIONS" or bool(
        section.label and _CONCLUSION_LABEL.match(section.label)
    )
