"""Usage errors, through the installed console script as a user types them: click's own message
and usage line on standard error, exit 2, never 'internal error'."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("claimlint")


@pytest.mark.parametrize(("args", "says"), [
    (["lint", "--format", "nonsense", "x.md"], "Invalid value for '--format'"),
    (["lint", "--frmat", "json", "x.md"], "No such option: --frmat"),
    (["lint"], "Missing argument"),
    (["lnt", "x.md"], "No such command 'lnt'"),
    (["lint", "--fail-on", "bogus", "x.md"], "Invalid value for '--fail-on'"),
    (["lint", "-j", "-1", "x.md"], "Invalid value for '--jobs'"),
    (["rule"], "Missing argument"),
    ([], "Usage: claimlint"),
])
def test_usage_errors_exit_2_with_clicks_message(args, says, tmp_path):
    (tmp_path / "x.md").write_text("Acupuncture cures migraines.\n", encoding="utf-8")
    done = subprocess.run([str(SCRIPT), *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    output = done.stdout + done.stderr
    assert says in output
    assert "internal error" not in output and "Traceback" not in output
