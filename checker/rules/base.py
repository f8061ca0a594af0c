"""What a rule is, and the problems it yields before they become positioned findings."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import ModuleType

_EXAMPLE = re.compile(r"^[ \t]*(pass|fail):[ \t]*(.+?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """Where a rule found a problem in a claim (character offsets in the file)."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    reworded: tuple[int, int] | None = None  # the span ``suggestion`` rewrites (its sentence)
    fix: Edit | None = None  # a change safe to apply without review (``--fix``)
    rewrite: Edit | None = None  # the flagged words' replacement; the linter combines a
    # sentence's rewrites into its one suggestion (``checker.rewording``)


@dataclass(frozen=True)
class Edit:
    """Replace ``original[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Profile:
    """What is being sold and where, which decides what a claim may say (a supplement may
    not claim to treat a disease; in the EU only authorised health claims are allowed)."""

    product: str = "auto"  # service | supplement | device | food | auto (from the map)
    jurisdiction: str = "any"  # us | uk | eu | any


@dataclass
class Context:
    """What rules may consult beyond the claim itself: the phrase families in force, the
    evidence map, the product profile and, per document, the treatment it is about."""

    families: dict = field(default_factory=dict)  # name -> phrases.Family
    evidence: object | None = None  # evidence.EvidenceMap
    profile: Profile = field(default_factory=Profile)
    topic: object | None = None  # evidence.model.Intervention most claims are about
    memo: dict = field(default_factory=dict)  # per document: work rules share (by claim id)
    sold: str | None = None  # per document: what its words say is sold (supplement, device)


Check = Callable[..., Iterator[Problem]]  # (claim, Context) or (ReferenceContext,), by scope


@dataclass(frozen=True)
class Rule:
    """A rule: identity, documentation and its check (built-in module or config data)."""

    code: str
    name: str
    category: str
    severity: str
    summary: str
    doc: str
    regulations: tuple[str, ...]
    check: Check
    family: str | None = None  # the phrase family whose matches it judges, if any
    fixable: bool = False
    scope: str = "claims"  # "claims": check(claim, context); "references": check(ReferenceContext)
    default: bool = True  # False: runs only when selected by its full code

    @property
    def examples(self) -> list[tuple[str, str]]:
        """(``pass``/``fail``, text) pairs from the documentation: docs and tests in one."""
        return [(m.group(1), m.group(2).replace("\\n", "\n"))
                for m in _EXAMPLE.finditer(self.doc)]


def from_module(module: ModuleType) -> Rule:
    doc = (module.__doc__ or "").strip()
    return Rule(code=module.ID, name=module.NAME, category=module.CATEGORY,
                severity=module.SEVERITY, summary=" ".join(doc.split("\n\n")[0].split()),
                doc=doc, regulations=tuple(module.REGULATIONS), check=module.check,
                family=getattr(module, "FAMILY", None), scope=getattr(module, "SCOPE", "claims"),
                default=getattr(module, "DEFAULT", True))


@cache
def regulations() -> dict[str, dict[str, str]]:
    text = resources.files("checker.data").joinpath("regulations.toml").read_text("utf-8")
    return tomllib.loads(text)


def cite(keys: tuple[str, ...]) -> str:
    """"(FTC ...: url; CAP ...: url)" for a message's closing reference."""
    table = regulations()
    return "; ".join(f"{table[key]['name']}: {table[key]['url']}" for key in keys)
