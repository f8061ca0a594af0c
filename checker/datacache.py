"""Start-up data precomputed once per claimlint version and data, kept in the user cache.

Building a linter parses the packaged evidence map (61 TOML files, ~60 ms) and spaCy's
English lemma table (~30 ms) in every process. Their results are plain data, so they are
kept as JSON files (``startup-<name>.json``) in the cache folder (``--cache-dir``,
``CLAIMLINT_CACHE_DIR``, the user config, else the user cache folder; never a folder a
project's config names) and read back in a fraction of that.

Safety: the cache holds JSON only, never pickles, so reading it runs no code; what is read is
checked field by field before use. An entry is keyed by this format, claimlint's version and
a SHA-256 over the bytes of the data files it was built from and of the modules that build
it (so a changed loader in a development checkout is never answered from an older entry): a
new version, changed data or code builds it anew, and so does any file that cannot be read,
parsed or validated. Entries are
written atomically (``atomic.replace_file``); a folder that cannot be written only means the
next process builds the data again.

Nothing is cached until ``use_folder`` names the folder: the command line does, for the run's
cache folder; library use and tests that do not ask for it always build.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from checker import __version__

FORMAT = 1  # raise when an entry's layout changes
PREFIX = "startup-"  # of the entries' file names in the cache folder
logger = logging.getLogger(__name__)
T = TypeVar("T")
_folder: Path | None = None


class Invalid(ValueError):
    """A cache entry that does not hold what its reader expects."""


def use_folder(folder: Path | None) -> None:
    """Keep entries under ``folder`` (None: keep nothing, always build)."""
    global _folder
    _folder = folder


def folder() -> Path | None:
    """The cache folder in use (None: nothing is cached)."""
    return _folder


def key(name: str, inputs: Iterable[bytes]) -> str:
    """What an entry was built from: format, version, name, and each input's bytes."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{name}\0".encode())
    for data in inputs:
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def cached(name: str, inputs: Iterable[bytes], build: Callable[[], T],
           encode: Callable[[T], Any], decode: Callable[[Any], T]) -> T:
    """``build()``, or its value as cached for the same ``inputs``. ``encode`` turns the value
    into JSON-able data; ``decode`` turns that back, raising ``Invalid`` (or ``ValueError``,
    ``TypeError``, ``KeyError``, ``IndexError``) on anything unexpected."""
    where = folder()
    if where is None:
        return build()
    wanted = key(name, inputs)
    path = where / f"{PREFIX}{name}.json"
    try:
        record = json.loads(path.read_bytes())
        if (isinstance(record, dict) and record.get("format") == FORMAT
                and record.get("version") == __version__ and record.get("key") == wanted):
            return decode(record["data"])
    except FileNotFoundError:
        pass
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError,
            RecursionError) as error:  # a broken entry: build it again
        logger.debug("%s: ignoring the cached start-up data (%s)", path, error)
    value = build()
    _write(path, {"format": FORMAT, "version": __version__, "key": wanted,
                  "data": encode(value)})
    return value


def _write(path: Path, record: dict) -> None:
    from checker.atomic import replace_file
    from checker.errors import ClaimlintError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, json.dumps(record, ensure_ascii=False,
                                      separators=(",", ":")).encode("utf-8"))
    except (OSError, ClaimlintError) as error:  # only slower next time
        logger.debug("%s: cannot keep the start-up data (%s)", path, error)


# checks for decoders: the value itself, or Invalid

def text(value: Any) -> str:
    if type(value) is not str:
        raise Invalid(f"expected a string, got {type(value).__name__}")
    return value


def optional_text(value: Any) -> str | None:
    return None if value is None else text(value)


def texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise Invalid(f"expected a list, got {type(value).__name__}")
    return tuple(map(text, value))


def listed(value: Any) -> list:
    if type(value) is not list:
        raise Invalid(f"expected a list, got {type(value).__name__}")
    return value


def table(value: Any) -> dict:
    if type(value) is not dict:
        raise Invalid(f"expected an object, got {type(value).__name__}")
    return value
