"""Every rule's documented examples are its test data: fail ones must be flagged, pass not."""

from __future__ import annotations

import functools

import pytest

from checker.config import Config
from checker.lint import Linter
from checker.readers import read_text
from checker.rules import builtin_rules, selected

# Reference rules need the fake PubMed server: tests/references runs their examples.
CASES = [(rule.code, verdict, text) for rule in builtin_rules().values()
         if rule.scope == "claims" for verdict, text in rule.examples]


@functools.cache
def opt_in_linter(code: str) -> Linter:
    """A linter that also runs a rule that is off by default."""
    return Linter(Config(select=(*Config.select, code)))


def test_opt_in_rules_run_only_when_selected_by_full_code():
    text = "Acupuncture improves eyesight."
    assert not any(f.code == "EV105" for f in Linter(Config(select=("EV",))).lint(
        read_text("doc.txt", text, "text")).findings)
    assert any(f.code == "EV105" for f in opt_in_linter("EV105").lint(
        read_text("doc.txt", text, "text")).findings)


def test_every_rule_documents_passing_and_failing_examples():
    for rule in builtin_rules().values():
        verdicts = {verdict for verdict, _ in rule.examples}
        assert verdicts == {"pass", "fail"}, rule.code
        assert rule.regulations, rule.code


@pytest.mark.parametrize(("code", "verdict", "text"), CASES,
                         ids=[f"{c}-{v}-{i}" for i, (c, v, _) in enumerate(CASES)])
def test_documented_example(lint_text, code, verdict, text):
    rule = builtin_rules()[code]
    found = lint_text(text) if rule.default else opt_in_linter(code).lint(
        read_text("doc.txt", text, "text"))
    codes = {finding.code for finding in found.findings}
    if verdict == "fail":
        assert code in codes, f"{code} should flag: {text!r} (got {sorted(codes)})"
    else:
        assert code not in codes, f"{code} should not flag: {text!r}"


def test_overstated_findings_carry_a_rewording(lint_text):
    finding = next(f for f in lint_text("Dry needling eliminates back pain.").findings
                   if f.code == "OS101")
    assert finding.suggestion == "Dry needling may help relieve back pain."
    assert finding.text == "eliminates"
    assert "http" in finding.message or "CAP" in finding.message or "cure" in finding.message


def test_select_and_ignore_use_longest_prefix():
    codes = ["OS101", "OS131", "UN101"]
    assert selected(codes, ["OS"], ["OS1"]) == []
    assert selected(codes, ["OS", "UN"], ["OS131"]) == ["OS101", "UN101"]
    assert selected(codes, ["OS131"], ["OS"]) == ["OS131"]


def test_rewording_keeps_markup_and_drops_what_it_emptied(lint_text):
    found = lint_text("Our **revolutionary** formula boosts immunity.").findings
    suggestions = {f.code: f.suggestion for f in found}
    # one rewording for the sentence, fixing both flagged phrases together
    assert suggestions["OS131"] == suggestions["OS171"] == "Our formula may support immunity."


def test_rules_without_a_safe_rewording_offer_none(lint_text):
    (finding,) = [f for f in lint_text("Dry needling works better than pain pills.").findings
                  if f.code == "OS161"]
    assert finding.suggestion is None
