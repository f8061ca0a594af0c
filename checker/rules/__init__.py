"""The rule registry: built-in rule modules plus the rules a team defines in config.

Codes are grouped by family like ruff's: ``OS1xx`` overstated claims, ``UN1xx`` unsupported
claims, ``EV1xx`` claims the evidence map contradicts, ``RF1xx`` cited references, ``IN0xx``
input problems; ``select``/``ignore`` take codes or prefixes. A rule that is off by default
(``DEFAULT = False``) runs only when selected by its full code.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from checker.rules.base import Rule, from_module

INPUT_RULES = {  # code: (name, default severity, summary)
    "IN001": ("unreadable-file", "error", "The file is binary or cannot be read; it was skipped."),
    "IN002": ("invalid-utf8", "warning",
              "The file is not valid UTF-8; it was linted with replacement characters."),
    "IN003": ("file-too-large", "error", "The file is over max-file-size; it was skipped."),
    "IN004": ("unknown-charset", "warning",
              "An HTML file declares a charset claimlint does not know; it was read as UTF-8."),
    "IN010": ("unused-suppression", "warning",
              "A suppression comment names no rule, or switched no finding off in this run "
              "(judged only for rules the run checked, like ruff's RUF100): remove it or fix "
              "its codes."),
}


@cache
def builtin_rules() -> dict[str, Rule]:
    rules = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name[:2] in ("os", "un", "rf", "ev") and info.name[2:5].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            rules[module.ID] = from_module(module)
    return dict(sorted(rules.items()))


def selected(codes: list[str], select: list[str], ignore: list[str]) -> list[str]:
    """Codes kept by ``select`` and not dropped by ``ignore`` (both match by prefix).

    The longer matching prefix wins, as in ruff: ``select=["OS"], ignore=["OS1"]`` drops OS1xx.
    """
    def match(code: str, prefixes: list[str]) -> int:
        return max((len(p) for p in prefixes if code.startswith(p)), default=-1)

    return [code for code in codes if match(code, select) > match(code, ignore)]
