"""Which files a command line names: files, folders (recursively), globs and ``-``."""

from __future__ import annotations

import fnmatch
import glob
from collections.abc import Iterator
from pathlib import Path

from checker.errors import ClaimlintError
from checker.readers import EXTENSIONS

STDIN = "-"
_GLOB_CHARS = set("*?[")


def discover(arguments: list[str]) -> Iterator[str]:
    """Paths to lint, in a stable order; a missing path is an error (exit 2)."""
    for argument in arguments:
        if argument == STDIN:
            yield STDIN
        elif Path(argument).is_file():
            yield argument
        elif Path(argument).is_dir():
            found = sorted(str(p) for p in Path(argument).rglob("*")
                           if p.suffix.lower() in EXTENSIONS and p.is_file())
            if not found:
                raise ClaimlintError(f"{argument}: no Markdown, HTML or text files in this folder")
            yield from found
        elif _GLOB_CHARS & set(argument):
            matches = sorted(p for p in glob.glob(argument, recursive=True) if Path(p).is_file())
            if not matches:
                raise ClaimlintError(f"{argument}: the pattern matches no file")
            yield from matches
        else:
            raise ClaimlintError(f"{argument}: no such file or directory")


def excluded(path: str, patterns: tuple[str, ...], root: Path) -> bool:
    """Whether ``path`` matches an ``exclude`` glob, taken relative to the config's folder."""
    if path == STDIN or not patterns:
        return False
    try:
        relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)
