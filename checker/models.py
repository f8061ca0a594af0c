"""The records that flow from the pipeline to the formatters: claims and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Certainty = Literal["hedged", "plain", "absolute"]
# The strength of the relationship a claim states, weakest first (Sumner et al. 2014, BMJ;
# Yu, Li & Wang 2019): none, an association, a hedged cause, a cause, a certain or total cause.
Strength = Literal["none", "correlational", "conditional", "causal", "absolute"]
STRENGTHS: tuple[Strength, ...] = ("none", "correlational", "conditional", "causal", "absolute")
CERTAINTY: dict[str, Certainty] = {"none": "plain", "correlational": "hedged",
                                   "conditional": "hedged", "causal": "plain",
                                   "absolute": "absolute"}  # the older three-step scale
Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Trigger:
    """A phrase-family match inside a claim, with what surrounds it in its clause."""

    family: str
    phrase: int
    start: int  # character offsets of the whole match in the file
    end: int
    focus_start: int  # the words a finding highlights and a suggestion replaces
    focus_end: int
    negated: bool
    hedged: bool  # a strong hedge in the same clause
    distanced: bool  # reported to be rejected: "the myth that ..."
    excused: bool = False  # its clause holds a word the phrase names as an excuse ("unless")
    frames: bool = False  # it frames the claim ("studies show that"): no strength of its own

    @property
    def asserted(self) -> bool:
        return not (self.negated or self.distanced or self.excused)


@dataclass
class Claim:
    """One sentence that asserts something health-related, with its parts."""

    path: str
    start: int
    end: int
    text: str
    kind: str
    certainty: Certainty  # derived from ``strength``; kept for compatibility
    intervention: str | None
    effect: str | None
    condition: str | None
    triggers: list[Trigger] = field(default_factory=list)
    # what the claim says the intervention acts on (character spans of conditions and body
    # functions), for the evidence rules
    targets: list[tuple[int, int]] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    numbered: bool = False  # the sentence holds a number (digits or words)
    strength: Strength = "causal"
    # it denies the effect ("copper bracelets have not been shown to ease arthritis pain"):
    # a claim about health that asserts nothing, so no rule judges it
    denied: bool = False
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    @property
    def conditions(self) -> list[str]:
        """The words of each target, as the copy writes them."""
        return list(dict.fromkeys(self.text[start - self.start:end - self.start]
                                  for start, end in self.targets))


@dataclass(frozen=True)
class Finding:
    """A problem a rule found, positioned in the original file."""

    path: str
    start: int
    end: int
    code: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None
    text: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    reworded: tuple[int, int] | None = None  # the span ``suggestion`` rewrites
    fix: object | None = None  # rules.base.Edit: safe to apply with --fix
