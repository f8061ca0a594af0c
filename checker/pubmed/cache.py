"""The persistent HTTP cache: one SQLite file (requests-cache, WAL mode) per user.

Answers are stored as JSON, never as pickles: a cache file is data that cannot run code, even
one planted in a repository or left by someone else. (Earlier versions pickled them into
``http-cache.sqlite``: that file is never opened, and ``clear`` deletes it.) WAL lets two
claimlint processes read and write it at once. A file that SQLite cannot read is discarded
with a warning and rebuilt, so a damaged cache never stops a lint run. ``info`` and ``clear``
back ``claimlint cache info|clear``.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from requests_cache.backends.base import BaseCache
from requests_cache.backends.sqlite import SQLiteCache

from .config import resolve_cache_dir

CACHE_FILE = "http-cache.json.sqlite"
_PICKLED_CACHE_FILE = "http-cache.sqlite"  # what versions that pickled answers wrote
_SIDE_FILES = ("-wal", "-shm")
_BUSY_SECONDS = 10.0  # how long to wait for another process's write before giving up

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CacheInfo:
    """What ``claimlint cache info`` reports."""

    path: Path
    entries: int
    size_bytes: int


def open_backend(cache_dir: Path) -> BaseCache:
    """The cache in ``cache_dir``, rebuilt if corrupt; in memory if the folder is unusable."""
    path = cache_dir / CACHE_FILE
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        if path.exists() and not _readable(path):
            logger.warning("cache file %s is damaged; starting a new, empty cache", path)
            for file in _files(path):
                file.unlink(missing_ok=True)
        return _open_sqlite(path)
    except (OSError, sqlite3.Error) as exc:
        logger.warning("cannot use the cache in %s (%s); caching in memory only", cache_dir, exc)
        return BaseCache()


def _open_sqlite(path: Path) -> SQLiteCache:
    """Open (creating if needed) the WAL cache, waiting out another process doing the same.

    Switching a new file to WAL takes an exclusive lock that SQLite's busy timeout does not
    wait for, so two processes starting together would see "database is locked" and one of
    them would silently cache in memory only.
    """
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            return SQLiteCache(path, wal=True, timeout=_BUSY_SECONDS, serializer="json")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(random.uniform(0.005, 0.05))


def info(cache_dir: str | Path | None = None) -> CacheInfo:
    """Path, entry count and size on disk of the cache, read without creating or changing
    anything (so a read-only cache is counted, not mistaken for an empty one). Raises
    ``sqlite3.Error`` when the file cannot be read."""
    path = resolve_cache_dir(cache_dir) / CACHE_FILE
    if not path.exists():
        return CacheInfo(path, 0, 0)
    return CacheInfo(path, _count(path), sum(f.stat().st_size for f in _files(path)
                                             if f.exists()))


def _count(path: Path) -> int:
    """Cached answers in ``path``, opened read-only; in a folder we cannot write (where SQLite
    cannot create its WAL index) as an immutable file, which a finished run leaves whole."""
    try:
        return _count_rows(f"{path.absolute().as_uri()}?mode=ro")
    except sqlite3.OperationalError:
        return _count_rows(f"{path.absolute().as_uri()}?immutable=1")


def _count_rows(uri: str) -> int:
    with closing(sqlite3.connect(uri, uri=True, timeout=_BUSY_SECONDS)) as database:
        return int(database.execute("SELECT COUNT(*) FROM responses").fetchone()[0])


def clear(cache_dir: str | Path | None = None) -> None:
    """Delete the cache file (and the pickled one of earlier versions); raises ``OSError``
    when a file cannot be deleted, so a read-only cache is never reported cleared."""
    folder = resolve_cache_dir(cache_dir)
    for file in [*_files(folder / CACHE_FILE), *_files(folder / _PICKLED_CACHE_FILE)]:
        file.unlink(missing_ok=True)


def _readable(path: Path) -> bool:
    """False only when SQLite calls the file damaged; "locked" means another process writes."""
    try:
        with closing(sqlite3.connect(path, timeout=_BUSY_SECONDS)) as connection:
            (verdict,) = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.OperationalError:
        return True
    except sqlite3.DatabaseError:
        return False
    return bool(verdict == "ok")


def _files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in _SIDE_FILES)]
