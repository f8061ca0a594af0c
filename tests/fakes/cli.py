"""Run the ``claimlint`` command in the test process, against the fake services.

An in-process run skips the second-long start-up of a child process, so a test can afford a
dozen of them, and it inherits ``loopback_only``: other host names do not resolve and a
connection off the machine fails the test. It goes through ``checker.cli.main`` exactly as
the installed command does (argument parsing, exit codes, the internal-error handler).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from fakes.eutils import FakeServices


@dataclass(frozen=True)
class Run:
    """What a user would see: exit code, stdout, stderr (warnings arrive through logging)."""

    code: int
    stdout: str
    stderr: str
    log: str  # in a child process, its stderr
    seconds: float

    def findings(self) -> list[dict[str, Any]]:
        """The findings of a ``--format json`` run."""
        return list(json.loads(self.stdout)["findings"])


Claimlint = Callable[..., Run]


def endpoint_env(base_url: str, cache_dir: Path) -> dict[str, str]:
    """The environment that sends every lookup to ``base_url`` (laid out like
    ``FakeServices``) and caches in ``cache_dir``."""
    return {
        "CLAIMLINT_EUTILS_URL": f"{base_url}/entrez/eutils/",
        "CLAIMLINT_IDCONV_URL": f"{base_url}/idconv/",
        "CLAIMLINT_CROSSREF_URL": f"{base_url}/crossref/",
        "CLAIMLINT_CACHE_DIR": str(cache_dir),
    }


def point_at(monkeypatch: pytest.MonkeyPatch, base_url: str, cache_dir: Path) -> None:
    """Send every lookup of later in-process runs to ``base_url``."""
    for name, value in endpoint_env(base_url, cache_dir).items():
        monkeypatch.setenv(name, value)


def run_process(*args: str, cwd: Path, env: dict[str, str], prefix: Sequence[str] = ()) -> Run:
    """``claimlint ARGS`` in a child process (``prefix`` wraps the command, e.g. setpriv),
    for what needs one: real stderr logging, other privileges, a signal."""
    started = time.monotonic()
    done = subprocess.run([*prefix, sys.executable, "-m", "checker", *args], cwd=cwd,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=120)
    seconds = time.monotonic() - started
    return Run(done.returncode, done.stdout, done.stderr, done.stderr, seconds)


@pytest.fixture
def claimlint(
    fake: FakeServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> Iterator[Claimlint]:
    """``claimlint(*args)`` runs ``claimlint ARGS`` in ``tmp_path``, online against ``fake``
    with a cache in ``tmp_path/cache`` (``point_at`` redirects later runs)."""
    monkeypatch.chdir(tmp_path)
    point_at(monkeypatch, fake.base_url, tmp_path / "cache")

    def run(*args: str) -> Run:
        capsys.readouterr()
        caplog.clear()
        monkeypatch.setattr(sys, "argv", ["claimlint", *args])
        started = time.monotonic()
        with pytest.raises(SystemExit) as done:  # main() always ends with sys.exit
            main()
        seconds = time.monotonic() - started
        out, err = capsys.readouterr()
        code = done.value.code
        return Run(code if isinstance(code, int) else 0, out, err, caplog.text, seconds)

    with caplog.at_level(logging.WARNING):
        yield run
