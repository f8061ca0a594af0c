"""Which files a command line names: files, folders (recursively), globs and ``-``.

A folder or glob is a root: a symbolic link found under it whose target lies outside it is
skipped with a warning unless links are followed (``--follow-links``), so a repository
cannot make claimlint read, report or rewrite ``../.env`` or ``/etc/passwd``. A file named
on the command line is read even when it is a link: the user asked for it.
"""

from __future__ import annotations

import fnmatch
import glob
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from checker.errors import ClaimlintError
from checker.readers import EXTENSIONS

STDIN = "-"
_GLOB_CHARS = set("*?[")

logger = logging.getLogger(__name__)


class Found(NamedTuple):
    path: str
    root: Path  # the folder it was found under (a named file's own folder): --fix writes
    # through a link only to a target inside it


def discover(arguments: list[str], follow_links: bool = False) -> Iterator[Found]:
    """Paths to lint, in a stable order; a missing path is an error (exit 2)."""
    for argument in arguments:
        if argument == STDIN:
            yield Found(STDIN, Path.cwd())
        elif Path(argument).is_file():
            yield Found(argument, Path(argument).parent)
        elif Path(argument).is_dir():
            found = sorted(str(p) for p in Path(argument).rglob("*")
                           if p.suffix.lower() in EXTENSIONS and p.is_file())
            if not found:
                raise ClaimlintError(f"{argument}: no Markdown, HTML or text files in this folder")
            yield from _inside(found, Path(argument), follow_links)
        elif _GLOB_CHARS & set(argument):
            matches = sorted(p for p in glob.glob(argument, recursive=True) if Path(p).is_file())
            if not matches:
                raise ClaimlintError(f"{argument}: the pattern matches no file")
            yield from _inside(matches, _glob_root(argument), follow_links)
        else:
            raise ClaimlintError(f"{argument}: no such file or directory")


def _inside(paths: list[str], root: Path, follow_links: bool) -> Iterator[Found]:
    """The paths, less links that lead out of ``root`` (unless they are followed)."""
    real_root = root.resolve()
    for path in paths:
        if follow_links or Path(path).resolve().is_relative_to(real_root):
            yield Found(path, root)
        else:
            logger.warning("%s: a link to a file outside %s; skipped (--follow-links lints "
                           "it)", path, root)


def _glob_root(pattern: str) -> Path:
    """The folder a glob searches: its leading components without wildcards."""
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    return Path(*parts[:first]) if first else Path(".")


def excluded(path: str, patterns: tuple[str, ...], root: Path) -> bool:
    """Whether ``path`` matches an ``exclude`` glob, taken relative to the config's folder."""
    if path == STDIN or not patterns:
        return False
    try:
        relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)
