"""Lint a list of paths: find each file's config, read it, and lint it with a shared Linter."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from checker import datacache
from checker.config import (
    TRUST_VARIABLE,
    Config,
    find_config,
    ignored_keys,
    load_config,
    load_user_config,
    network_settings,
    trusted,
)
from checker.discovery import STDIN, discover, excluded
from checker.errors import ClaimlintError
from checker.lint import Analysis, FileResult, Linter
from checker.readers import InputProblem, decode_file, format_for, read_text
from checker.readers.plain import read_plain
from checker.source import digest

if TYPE_CHECKING:
    from checker.pubmed import PubMedClient

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Options:
    config: Path | None = None  # an explicit --config wins over discovery
    select: list[str] | None = None
    ignore: list[str] | None = None
    format_in: str | None = None
    bib: tuple[Path, ...] = ()  # BibTeX files given on the command line
    verify: bool | None = None  # look references up (None: as configured)
    offline: bool = False  # answer lookups from the cache only
    jobs: int = 1  # worker processes for the language side (0: chosen by ``workers``)
    keep_text: bool = True  # keep each document's text in its FileResult (for reports showing it)
    follow_links: bool = False  # lint links under a folder that lead out of it
    trust_config: bool = False  # let projects' configs choose endpoints and the cache folder
    cache_dir: Path | None = None  # the answer cache (None: environment, user config, default)
    no_ignore: bool = False  # folder walks also lint what .gitignore and the defaults skip
    stdin_filename: str | None = None  # the path standard input stands for (config, format,
    # the path reported); it is never read nor written


class Session:
    """Configs, linters and the one PubMed client of a run; use as a context manager so the
    client (its cache, rate limit and time budget) is closed at the end."""

    def __init__(self, options: Options, lookups: bool = True) -> None:
        """``lookups=False`` in worker processes: only the main process asks PubMed, so one
        rate limit holds for the run."""
        self.options = options
        self.lookups = lookups
        self._configs: dict[Path | None, Config] = {}
        self._linters: dict[str, Linter] = {}
        self._client: _LazyClient | None = None
        self._roots: dict[str, Path] = {}
        self.trusts_projects = trusted(options.trust_config)
        self._user = load_user_config() if lookups else {}  # read now: errors before output
        if lookups:  # start-up data is kept in the user's cache folder, never a project's
            from checker.pubmed.config import resolve_cache_dir

            datacache.use_folder(resolve_cache_dir(options.cache_dir, None, self._user))
        if options.config is not None and not options.config.is_file():
            raise ClaimlintError(f"{options.config}: config file not found")

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_: object) -> None:
        if self._client is not None:
            self._client.close()

    def fail_on(self) -> str:
        """The first config's ``fail-on`` (the one found for the first path)."""
        return next(iter(self._configs.values())).fail_on if self._configs else "warning"

    def client_for(self, config: Config) -> PubMedClient | None:
        """The run's client (built from the first config that needs one), or None when
        verification is switched off."""
        if not (self.lookups and self.verifies(config)):
            return None
        if self._client is None:
            offline = self.options.offline or config.offline
            self._client = _LazyClient(lambda: self._new_client(config, offline), offline)
        return self._client  # type: ignore[return-value]

    def _new_client(self, config: Config, offline: bool) -> PubMedClient:
        """The client, set up by the user (command line, environment, user config) and by
        ``config`` only where a project may decide (email, time budget) or is trusted to
        (endpoints)."""
        from checker.pubmed import ClientConfig, PubMedClient

        settings, endpoints = network_settings(config, self.trusts_projects)
        return PubMedClient(ClientConfig.from_env(
            user=self._user, project=endpoints, cache_dir=self.options.cache_dir, **settings,
            offline=offline))

    def verifies(self, config: Config) -> bool:
        """Whether the run looks references up for files under ``config``."""
        return config.verify_references if self.options.verify is None else self.options.verify

    def config_for(self, path: str) -> Config:
        """The settings for the file at ``path``: its config with the overrides for it."""
        named = self.name_of(path)
        where = self.options.config or find_config(Path.cwd() if named == STDIN else Path(named))
        if where not in self._configs:
            config = self._configs[where] = load_config(where)
            ignored = ignored_keys(config, self.trusts_projects)
            if ignored and self.lookups:
                logger.warning("%s: ignoring %s: a project's config never chooses the cache "
                               "folder, nor where requests go unless you trust it "
                               "(--trust-config or %s=1)", where, ", ".join(ignored),
                               TRUST_VARIABLE)
        return self._configs[where].for_file(named)

    def name_of(self, path: str) -> str:
        """The path a file is known by: standard input's ``--stdin-filename``, if given."""
        return (self.options.stdin_filename or STDIN) if path == STDIN else path

    def linter_for(self, config: Config) -> Linter:
        key = config.cache_key()
        if key not in self._linters and config.applied:  # share the config's pipeline
            base = self._configs.get(config.path) or load_config(config.path)
            self._linters[key] = self.linter_for(base).with_rules_of(
                config, self.options.select, self.options.ignore)
        if key not in self._linters:
            from checker.references.bibtex import load_bibliographies

            bibliography = load_bibliographies([*config.references, *self.options.bib])
            self._linters[key] = Linter(config, self.options.select, self.options.ignore,
                                        client=self.client_for(config), bibliography=bibliography)
            tune_gc()
        return self._linters[key]

    def files(self, arguments: list[str]) -> list[str]:
        """The files the arguments name, less those their config excludes."""
        paths = []
        for path, root in discover(arguments, self.options.follow_links,
                                   skip=not self.options.no_ignore):
            config = self.config_for(path)
            if not excluded(self.name_of(path), config.exclude, config.root):
                paths.append(path)
                self._roots[path] = root
        return paths

    def root_of(self, path: str) -> Path:
        """The folder ``path`` was found under (see ``discovery.Found``)."""
        return self._roots.get(path, Path(path).parent)

    def lint_paths(self, arguments: list[str]) -> Iterator[FileResult]:
        return self.lint_files(self.files(arguments))

    def lint_files(self, paths: list[str]) -> Iterator[FileResult]:
        """Each file's result, in order, as it is ready. With several workers, files go to
        them in chunks (``chunks``) and at most ``WINDOW`` chunks per worker are in flight,
        so memory does not grow with the archive."""
        jobs = workers(paths, self.options.jobs)
        if jobs == 1:
            yield from (self.lint_file(path, self.config_for(path)) for path in paths)
            return
        with ProcessPoolExecutor(jobs, initializer=_start_worker,
                                 initargs=(replace(self.options, jobs=1),)) as pool:
            pending: deque[tuple[list[str], Future[list[Linted]]]] = deque()
            for chunk in chunks(paths):
                pending.append((chunk, pool.submit(_lint_chunk, chunk)))
                if len(pending) >= WINDOW * jobs:
                    yield from self._finished(*pending.popleft())
            while pending:
                yield from self._finished(*pending.popleft())

    def lint_file(self, path: str, config: Config) -> FileResult:
        analysis, problems = self.analyse_file(path, config)
        return self.finish(analysis, problems, config)

    def finish(self, analysis: Analysis, problems: list[InputProblem],
               config: Config) -> FileResult:
        """The file's result, without its text (and layout) unless the run keeps it."""
        result = self.linter_for(config).finish(analysis, problems)
        return result if self.options.keep_text else replace(result, text="", prose="",
                                                             blocks=[])

    def needs_lookups(self, analysis: Analysis, config: Config) -> bool:
        """Whether finishing the file needs the run's PubMed client: it cites something
        and the run verifies references, or (online only) it claims a pair the evidence map
        lacks and a rule searches PubMed for reviews of it."""
        scan = analysis.scan
        linter = self.linter_for(config)
        online = not (self.options.offline or config.offline)
        return self.verifies(config) and (
            (bool(scan.identifiers or scan.markers or scan.reference_list)
             and bool(linter.reference_rules))
            or (online and bool(linter.unmapped_pairs(analysis.claims))))

    def _finished(self, chunk: list[str], future: Future[list[Linted]]
                  ) -> Iterator[FileResult]:
        for path, done in zip(chunk, future.result(), strict=True):
            yield done if isinstance(done, FileResult) else self.finish(
                *done, self.config_for(path))

    def analyse_file(self, path: str, config: Config) -> tuple[Analysis, list[InputProblem]]:
        linter = self.linter_for(config)
        limit = int(config.max_file_size_mb * 1_000_000)
        data, problems = _read_bytes(path, limit)
        named = self.name_of(path)
        fmt = format_for(named, self.options.format_in) or "text"
        decoded = decode_file(path, data, limit, fmt) if data is not None else None
        if decoded is None or decoded.text is None:
            return linter.analyse(read_plain(path, "")), problems + (
                decoded.problems if decoded else [])
        source = read_text(named, decoded.text, fmt)
        if path != STDIN and decoded.exact:
            source.digest, source.encoding = digest(data), decoded.encoding.codec
        return linter.analyse(source), problems + decoded.problems


WINDOW = 4  # chunks in flight per worker: enough to keep each busy, few enough to hold
CHUNK_BYTES = 256_000  # a chunk's files (by size): one task pays its pickling and hand-over
CHUNK_FILES = 16  # ... and at most this many files, so a chunk of tiny files stays small
# Text a default run needs per worker: each worker builds its own pipeline (~0.5 s) and the
# main process still builds one to finish citing files. Measured (benchmarks/cli_bench.py's
# site, -j 1 against -j 2, docs/performance.md): 0.6 MB was slower with two workers, 1.1 MB
# faster, so two workers start from 1 MB.
BYTES_PER_WORKER = 500_000
Linted = FileResult | tuple[Analysis, list[InputProblem]]
_WORKER: Session | None = None


def _start_worker(options: Options) -> None:
    global _WORKER
    _WORKER = Session(options, lookups=False)


def workers(paths: list[str], requested: int) -> int:
    """How many worker processes lint ``paths`` (1: the main process alone). ``requested``
    (``--jobs``) is obeyed when set; the default (0) uses a worker per free core but never
    more than the text can pay for, so it is never slower than one process: small runs and
    a machine whose other cores are busy get no pool. Standard input is read in-process."""
    if len(paths) < 2 or STDIN in paths:
        return 1
    if requested:
        return min(requested, len(paths))
    size = sum(_size(path) for path in paths)
    return max(1, min(free_cores(), size // BYTES_PER_WORKER, len(paths)))


def free_cores() -> int:
    """Cores this process may use that nothing else is busy on: those it is allowed
    (affinity) less the load. The load is the smaller of the 1-minute average and the
    processes running right now (Linux), so a run just finished is not counted as busy."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cores
    others = _running_others()
    return max(1, cores - round(busy if others is None else min(busy, others)))


def _running_others() -> int | None:
    """Processes running right now besides this one (Linux), else None."""
    try:  # "0.52 0.58 0.59 2/467 12345": 2 runnable now, this process included
        return int(Path("/proc/loadavg").read_text().split()[3].split("/")[0]) - 1
    except (OSError, IndexError, ValueError):
        return None


def chunks(paths: list[str]) -> Iterator[list[str]]:
    """Consecutive files in groups of about ``CHUNK_BYTES`` (at most ``CHUNK_FILES``)."""
    chunk: list[str] = []
    size = 0
    for path in paths:
        chunk.append(path)
        size += _size(path)
        if size >= CHUNK_BYTES or len(chunk) >= CHUNK_FILES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # reported when it is read


def _lint_chunk(paths: list[str]) -> list[Linted]:
    return [_lint_in_worker(path) for path in paths]


def _lint_in_worker(path: str) -> Linted:
    """The file's result; or, when its citations need the main process's PubMed client, its
    analysis for the main process to finish (the only case that sends the text back)."""
    assert _WORKER is not None
    config = _WORKER.config_for(path)
    analysis, problems = _WORKER.analyse_file(path, config)
    if _WORKER.needs_lookups(analysis, config):
        return analysis, problems
    return _WORKER.finish(analysis, problems, config)


def tune_gc() -> None:
    """Keep the garbage collector off the long-lived objects (spaCy pipeline, lexicons,
    compiled patterns) and make its passes rarer. A lint allocates many small acyclic
    objects; with the default thresholds the collector re-scanned everything over and over
    and took a fifth of the time on large files."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


class _LazyClient:
    """Stands in for the run's PubMedClient and builds it on first use, so a run whose
    documents cite nothing never loads the HTTP stack."""

    def __init__(self, build: Callable[[], PubMedClient], offline: bool) -> None:
        self._build = build
        self._client: PubMedClient | None = None
        self.offline = offline  # known without building the client

    def __getattr__(self, name: str):
        if self._client is None:
            self._client = self._build()
        return getattr(self._client, name)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _read_bytes(path: str, limit: int) -> tuple[bytes | None, list[InputProblem]]:
    """The file's bytes, or None and the reason: unreadable (IN001) or too large (IN003).

    Size is checked before reading, so a huge file costs nothing.
    """
    if path == STDIN:
        return sys.stdin.buffer.read(limit + 1), []
    try:
        size = Path(path).stat().st_size
        if size > limit:
            return None, [InputProblem(path, "IN003", f"file is {size / 1e6:.1f} MB, over the "
                                       f"max-file-size of {limit / 1e6:.1f} MB; skipped", True)]
        return Path(path).read_bytes(), []
    except OSError as error:
        return None, [InputProblem(path, "IN001", f"cannot read the file ({error.strerror}); "
                                   "skipped", True)]
