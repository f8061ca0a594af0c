"""``claimlint eval`` against a tiny annotated corpus written here (synthetic text)."""

from __future__ import annotations

import subprocess
import sys

from checker.evaluation import Score


def test_scores():
    score = Score("x", true_positives=8, misses=[("a", "b")] * 2, false_alarms=[("a", "b")])
    assert round(score.precision, 3) == 0.889 and score.recall == 0.8
    assert round(score.f1, 3) == 0.842


def test_eval_command(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "doc.txt").write_text(
        "Cupping eliminates back pain. Cupping may help ease neck pain in some people. "
        "Book online today.\n")
    (tmp_path / "gold" / "doc.txt.toml").write_text(
        'document = "doc.txt"\n[[claim]]\nquote = "Cupping eliminates back pain."\n'
        'overstated = true\n[[claim]]\n'
        'quote = "Cupping may help ease neck pain in some people."\noverstated = false\n')
    result = subprocess.run([sys.executable, "-m", "checker", "eval", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[1:]
            if line.startswith(("claim", "overstatement"))}
    assert rows["claim"][2:5] == ["1.000", "1.000", "1.000"]
    assert rows["overstatement"][2:5] == ["1.000", "1.000", "1.000"]
