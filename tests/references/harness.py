"""Run the RF rules on a text: lint it for claims, verify its citations, check each rule."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import checker.rules
from checker.references import ReferenceContext
from checker.rules.base import Problem


@dataclass(frozen=True)
class Checked:
    """One text after verification: its context and each rule's problems."""

    context: ReferenceContext
    problems: dict[str, list[Problem]]

    def codes(self) -> set[str]:
        return {code for code, found in self.problems.items() if found}


CheckText = Callable[..., Checked]


def reference_rules() -> list[ModuleType]:
    """The rf rule modules, found the way the registry finds the others."""
    names = [info.name for info in pkgutil.iter_modules(checker.rules.__path__)
             if info.name.startswith("rf") and info.name[2:5].isdigit()]
    return [importlib.import_module(f"checker.rules.{name}") for name in sorted(names)]


def run_rules(context: ReferenceContext) -> Checked:
    return Checked(context, {rule.ID: list(rule.check(context)) for rule in reference_rules()})
