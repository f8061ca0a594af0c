"""The Dask recipe (examples/dask_archive.py) on a local two-process cluster writes exactly
the JSON document of one ordinary ``claimlint lint --format json`` run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RECIPE = Path(__file__).resolve().parent.parent / "examples" / "dask_archive.py"
CLAIMS = ["{t} eliminates back pain for good.", "{t} is completely safe.",
          "{t} may ease neck pain.", "Doctors recommend {t} for migraines.",
          "9 out of 10 clients say {t} cured their insomnia."]
TREATMENTS = ["Cupping", "Dry needling", "Our CBD oil", "Acupuncture", "Turmeric"]


def write_archive(folder: Path) -> None:
    """20 pages in three formats and two folders; every fifth cites a study."""
    for i in range(20):
        claims = " ".join(c.format(t=TREATMENTS[(i + k) % 5]) for k, c in enumerate(CLAIMS)
                          if (i + k) % 3)
        if i % 5 == 0:
            claims += (" A trial found that turmeric reduces joint pain [1].\n\n## References"
                       f"\n\n1. Example A. A trial. J Example. 2020;1:1-9. doi:10.5555/d.{i}")
        page = folder / f"part{i % 2}" / f"page{i:02d}"
        page.parent.mkdir(parents=True, exist_ok=True)
        if i % 3 == 0:
            page.with_suffix(".html").write_text(f"<h1>Page {i}</h1><p>{claims}</p>")
        elif i % 3 == 1:
            page.with_suffix(".md").write_text(f"# Page {i}\n\n{claims}\n")
        else:
            page.with_suffix(".txt").write_text(f"Page {i}\n\n{claims}\n")


def test_dask_partitions_merge_into_the_document_of_one_run(tmp_path):
    write_archive(tmp_path / "archive")
    recipe = subprocess.run([sys.executable, str(RECIPE), "archive", "--partitions", "4",
                             "--workers", "2", "--offline", "-o", "merged.json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert recipe.returncode == 0, recipe.stderr
    single = subprocess.run([sys.executable, "-m", "checker", "lint", "archive", "--offline",
                             "--format", "json", "--jobs", "1"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert single.returncode == 1, single.stderr
    merged = (tmp_path / "merged.json").read_text(encoding="utf-8")
    assert merged == single.stdout
    document = json.loads(merged)
    assert document["summary"]["files"] == 20
    assert {Path(f["path"]).suffix for f in document["findings"]} == {".md", ".html", ".txt"}
    assert {f["code"] for f in document["findings"]} >= {"OS101", "OS121", "RF120"}
    assert "20 file(s)" in recipe.stderr
