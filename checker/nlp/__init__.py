"""The spaCy side of claimlint: lexicons, pipeline components and claim extraction.

spaCy is imported here without its command line. ``import spacy`` loads ``spacy.cli`` (for
``spacy.info``), and with it weasel, typer, requests and rich: about a third of spaCy's import
time, which every lint paid at start-up and none uses. So the first ``import spacy`` after
this package is loaded runs with a stand-in ``spacy.cli``, removed as soon as spaCy is in:
a later ``import spacy.cli`` loads the real one, and ``spacy.info`` loads it on first call.
Importing this package alone imports nothing of spaCy (the rules' metadata needs none).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types


def info(*args: object, **kwargs: object) -> object:
    """``spacy.info``, loading spaCy's command line when called."""
    from spacy.cli.info import info as real

    return real(*args, **kwargs)


class _SpacyWithoutCli(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``spacy`` as usual, and runs its ``__init__`` with ``spacy.cli`` stood in for."""

    def find_spec(self, name, path, target=None):
        if name != "spacy":
            return None
        sys.meta_path.remove(self)  # once: find the real spec with the other finders
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        self.real = spec.loader
        spec.loader = self
        return spec

    def create_module(self, spec):
        return self.real.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        stand_ins = {"spacy.cli": types.ModuleType("spacy.cli"),
                     "spacy.cli.info": types.ModuleType("spacy.cli.info")}
        stand_ins["spacy.cli"].__path__ = []
        stand_ins["spacy.cli.info"].info = info  # type: ignore[attr-defined]
        sys.modules.update(stand_ins)
        try:
            self.real.exec_module(module)
        finally:
            for name, stand_in in stand_ins.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]


if "spacy" not in sys.modules:
    sys.meta_path.insert(0, _SpacyWithoutCli())
