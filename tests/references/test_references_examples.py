"""Every RF rule's documented examples run against the fake services: fail ones are flagged,
pass ones are not. The services hold a record for every identifier the examples use.

Examples are linted as Markdown; an example is one docstring line, so ``\n`` written in it
stands for a line break (a reference list needs them)."""

from __future__ import annotations

import pytest
from fakes.eutils import MakeClient

from checker.rules.base import from_module

from .harness import CheckText, reference_rules

RULES = [from_module(module) for module in reference_rules()]
CASES = [(rule.code, verdict, text)
         for rule in RULES for verdict, text in rule.examples]


def test_every_rule_documents_both_verdicts_and_its_scope():
    assert len(RULES) >= 12
    for module, rule in zip(reference_rules(), RULES, strict=True):
        assert {verdict for verdict, _ in rule.examples} == {"pass", "fail"}, rule.code
        assert module.SCOPE == "references" and rule.category == "reference", rule.code
        assert rule.regulations and rule.severity in ("error", "warning", "info"), rule.code


@pytest.mark.parametrize(("code", "verdict", "text"), CASES,
                         ids=[f"{c}-{v}-{i}" for i, (c, v, _) in enumerate(CASES)])
def test_documented_example(check_text: CheckText, make_client: MakeClient, code: str,
                            verdict: str, text: str):
    problems = check_text(text, make_client()).problems[code]
    if verdict == "fail":
        assert problems, f"{code} should flag: {text!r}"
    else:
        assert not problems, f"{code} should not flag: {text!r}: {problems}"
