"""Which files a command line names: files, folders (recursively), globs and ``-``.

A folder or glob is a root: a symbolic link found under it whose target lies outside it is
skipped with a warning unless links are followed (``--follow-links``), so a repository
cannot make claimlint read, report or rewrite ``../.env`` or ``/etc/passwd``. A file named
on the command line is read even when it is a link: the user asked for it.

Below a root, what a repository does not publish is skipped (``Skips``), as ruff and
markdownlint-cli2 skip it: files its ``.gitignore`` files ignore, dependencies, virtual
environments, build output and hidden files. ``--no-ignore`` lints them too; a file named on
the command line is always linted. Links to folders are not descended into.
"""

from __future__ import annotations

import fnmatch
import glob
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pathspec

from checker.config import relative_to
from checker.errors import ClaimlintError
from checker.readers import EXTENSIONS, read_limited

STDIN = "-"
_GLOB_CHARS = set("*?[")
# Folders no one publishes copy from: dependencies, build output, caches (virtual
# environments are also recognised by their pyvenv.cfg, whatever their name).
SKIPPED_FOLDERS = frozenset({"node_modules", ".venv", "venv", "build", "dist", "_site", ".next",
                             ".nuxt", "site-packages", "__pycache__"})
MAX_IGNORE_FILE_BYTES = 1_000_000

logger = logging.getLogger(__name__)


class Found(NamedTuple):
    path: str
    root: Path  # the folder it was found under (a named file's own folder): --fix writes
    # through a link only to a target inside it


def discover(arguments: list[str], follow_links: bool = False,
             skip: bool = True) -> Iterator[Found]:
    """Paths to lint, in a stable order; a missing path is an error (exit 2). ``skip=False``
    (``--no-ignore``) also lints what ``Skips`` leaves out."""
    for argument in arguments:
        if argument == STDIN:
            yield Found(STDIN, Path.cwd())
        elif Path(argument).is_file():
            yield Found(argument, Path(argument).parent)
        elif Path(argument).is_dir():
            found = sorted(_walk(Path(argument), Skips(Path(argument), skip)))
            if not found:
                raise ClaimlintError(f"{argument}: no Markdown, HTML or text files in this folder")
            yield from _inside(found, Path(argument), follow_links)
        elif _GLOB_CHARS & set(argument):
            root = _glob_root(argument)
            skips = Skips(root, skip)
            matches = sorted(p for p in glob.glob(argument, recursive=True)
                             if Path(p).is_file() and not skips.skips_below(Path(p)))
            if not matches:
                raise ClaimlintError(f"{argument}: the pattern matches no file")
            yield from _inside(matches, root, follow_links)
        else:
            raise ClaimlintError(f"{argument}: no such file or directory")


def _walk(root: Path, skips: Skips) -> Iterator[str]:
    """Lintable files under ``root``, not descending into skipped folders (nor links)."""
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        folders[:] = [name for name in folders if not skips.skips(here / name, folder=True)]
        for name in files:
            path = here / name
            if (path.suffix.lower() in EXTENSIONS and path.is_file()
                    and not skips.skips(path, folder=False)):
                yield str(path)


class Skips:
    """What a walk from ``root`` leaves out: hidden names, ``SKIPPED_FOLDERS``, folders
    holding ``pyvenv.cfg``, and what ``.gitignore`` files ignore. Inside a git work tree
    those are the work tree's ``.gitignore`` files from its top down, under
    ``.git/info/exclude``; outside one (or when ``root`` itself is ignored), the
    ``.gitignore`` files from ``root`` down. As in git, a deeper file's patterns beat a
    shallower one's, and a file in an ignored folder cannot be re-included."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.enabled = enabled
        self.root = _absolute(root)
        tree = _work_tree(self.root) if enabled else None
        self.top = tree or self.root  # where .gitignore files start to count
        self._exclude = _spec(_info_exclude(tree)) if tree else None
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self._below: dict[Path, bool] = {}
        if tree and self.root != tree and self._ignored(self.root, folder=True):
            # a folder named on the command line is linted even if ignored: only the ignore
            # files inside it count
            self.top, self._exclude = self.root, None

    def skips(self, path: Path, folder: bool) -> bool:
        """Whether the walk leaves out ``path`` (a folder or a file under ``root``)."""
        if not self.enabled:
            return False
        name = path.name
        if name.startswith(".") or (folder and (name in SKIPPED_FOLDERS
                                                or (path / "pyvenv.cfg").is_file())):
            return True
        return self._ignored(_absolute(path), folder)

    def skips_below(self, path: Path) -> bool:
        """Whether ``path`` (a file a glob matched) or a folder between it and ``root`` is
        left out."""
        if not self.enabled:
            return False
        absolute = _absolute(path)
        try:
            parts = absolute.relative_to(self.root).parts
        except ValueError:
            parts = ()
        folder = self.root
        for part in parts[:-1]:
            folder = folder / part
            if folder not in self._below:
                self._below[folder] = self.skips(folder, folder=True)
            if self._below[folder]:
                return True
        return self.skips(absolute, folder=False)

    def _ignored(self, path: Path, folder: bool) -> bool:
        """What the last ``.gitignore`` pattern matching ``path`` says (deepest file last)."""
        verdict = None
        if self._exclude is not None:
            verdict = _check(self._exclude, path, self.top, folder)
        try:
            between = path.parent.relative_to(self.top).parts
        except ValueError:  # not under the top (a glob reaching up with ..)
            return False
        bases = [self.top]
        for part in between:
            bases.append(bases[-1] / part)
        for base in bases:
            spec = self._spec_in(base)
            found = _check(spec, path, base, folder) if spec is not None else None
            verdict = verdict if found is None else found
        return bool(verdict)

    def _spec_in(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            self._specs[folder] = _spec(_lines(folder / ".gitignore"))
        return self._specs[folder]


def _check(spec: pathspec.GitIgnoreSpec, path: Path, base: Path, folder: bool) -> bool | None:
    """True: ignored; False: re-included (``!pattern``); None: no pattern matches."""
    try:
        relative = path.relative_to(base).as_posix()
    except ValueError:
        return None
    return spec.check_file(relative + "/" if folder else relative).include


def _spec(lines: list[str] | None) -> pathspec.GitIgnoreSpec | None:
    """The patterns of an ignore file; lines git would not understand are passed over, as
    git passes them over."""
    if not lines:
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except ValueError:
        good = []
        for line in lines:
            try:
                pathspec.GitIgnoreSpec.from_lines([line])
                good.append(line)
            except ValueError:
                logger.debug("ignoring the ignore pattern %r", line)
        return pathspec.GitIgnoreSpec.from_lines(good)


def _lines(path: Path) -> list[str] | None:
    try:
        data = read_limited(path, MAX_IGNORE_FILE_BYTES)
    except OSError:
        return None
    if data is None:
        logger.warning("%s: over %d MB; not read", path, MAX_IGNORE_FILE_BYTES // 1_000_000)
        return None
    return data.decode("utf-8", errors="replace").splitlines()


def _absolute(path: Path) -> Path:
    """``path`` from the file system's root, ``..`` taken away but links kept: ignore files
    judge a link by its own name, as git does."""
    return Path(os.path.abspath(path))


def _work_tree(folder: Path) -> Path | None:
    """The top of the git work tree holding ``folder`` (None outside one)."""
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").exists():
            return candidate
    return None


def _info_exclude(top: Path) -> list[str] | None:
    """The patterns of the work tree's ``info/exclude``. In a linked work tree ``.git`` is
    a file naming the git folder, whose ``commondir`` names the folder that holds it."""
    git = top / ".git"
    if git.is_file():
        text = (_lines(git) or [""])[0]
        if not text.startswith("gitdir:"):
            return None
        git = (top / text.removeprefix("gitdir:").strip()).resolve()
        common = _lines(git / "commondir")
        if common:
            git = (git / common[0].strip()).resolve()
    return _lines(git / "info" / "exclude")


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
    relative = relative_to(path, root)
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)
