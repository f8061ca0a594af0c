"""Findings as LSP diagnostics, hovers and code actions (pure functions of one lint)."""

from __future__ import annotations

import re
import textwrap

from lsprotocol import types

from checker.fixes import apply, safe_edits
from checker.lsp.linting import Linted
from checker.lsp.positions import Positions
from checker.models import Finding
from checker.rules.base import Edit, Rule, regulations

SOURCE = "claimlint"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.claimlint"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
# The inline suppression comment for a finding's line (docs/configuration.md, suppression).
# Markdown and HTML take it at the end of the line: a comment on a line of its own would end
# the paragraph. MDX has no HTML comments; a JSX comment holds the same directive. Plain text
# needs the directive on a line of its own, so it goes on the line before.
_DISABLE_LINE = {"markdown": " <!-- claimlint: disable-line={code} -->",
                 "mdx": " {{/* claimlint: disable-line={code} -- */}}",
                 "html": " <!-- claimlint: disable-line={code} -->"}
_DISABLE_NEXT_LINE = "claimlint: disable-next-line={code}"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_INDENTED_AFTER_TEXT = re.compile(r"^([ \t]{0,3}\S.*)\n(?=    \S)", re.MULTILINE)


def diagnostics(linted: Linted, positions: Positions) -> list[types.Diagnostic]:
    return [diagnostic(finding, linted.rules.get(finding.code), positions)
            for finding in linted.result.findings]


def diagnostic(finding: Finding, rule: Rule | None, positions: Positions) -> types.Diagnostic:
    link = rule_link(rule)
    return types.Diagnostic(
        range=positions.range(finding.start, finding.end), message=finding.message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code, source=SOURCE,
        code_description=types.CodeDescription(href=link) if link else None)


def rule_link(rule: Rule | None) -> str | None:
    """Where the rule's reasoning is published: the first regulation it enforces."""
    return regulations()[rule.regulations[0]]["url"] if rule and rule.regulations else None


def findings_at(linted: Linted, offset: int) -> list[Finding]:
    """The findings whose flagged words hold ``offset`` (an empty span: at it)."""
    return [f for f in linted.result.findings
            if f.start <= offset < f.end or f.start == f.end == offset]


def hover(linted: Linted, positions: Positions, offset: int) -> types.Hover | None:
    found = sorted(findings_at(linted, offset), key=lambda f: f.end - f.start)  # narrowest first
    if not found:
        return None
    text = "\n\n---\n\n".join(hover_text(f, linted.rules.get(f.code)) for f in found)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                       range=positions.range(found[0].start, found[0].end))


def hover_text(finding: Finding, rule: Rule | None) -> str:
    """Markdown: the rule's code and name, the finding, the rewording, and the rule's
    documentation as ``claimlint rule CODE`` prints it, with links to what it enforces."""
    name = rule.name if rule else finding.category
    parts = [f"**{finding.code} {_escape(name)}** ({finding.category}, {finding.severity})",
             _escape(finding.message)]
    if finding.suggestion:
        parts.append(f"**Suggested rewording:** {_escape(finding.suggestion)}")
    if rule:
        # its indented examples become a code block: in Markdown they need a blank line first
        parts.append(_INDENTED_AFTER_TEXT.sub("\\1\n\n", rule.doc))
    if rule and rule.regulations:
        parts.append("Enforces:\n" + "\n".join(
            f"- [{regulations()[key]['name']}]({regulations()[key]['url']})"
            for key in rule.regulations))
    return "\n\n".join(parts)


def code_actions(uri: str, linted: Linted, positions: Positions, style: str, start: int,
                 end: int) -> list[types.CodeAction]:
    """Quick fixes for the findings that touch ``start``..``end``: the suggested rewording,
    the safe edit, and a suppression comment for the line (in the document's comment
    ``style``: markdown, mdx, html or text); then fix-all of the safe edits."""
    actions, disables = [], []
    disabled: set[tuple[str, int]] = set()
    for finding in linted.result.findings:
        if finding.start > end or finding.end < start:
            continue
        diagnostic_ = [diagnostic(finding, linted.rules.get(finding.code), positions)]
        if finding.suggestion and finding.reworded:
            title = f"Reword: {textwrap.shorten(finding.suggestion, 80, placeholder=' …')}"
            actions.append(_action(title, uri, [_edit(positions, *finding.reworded,
                                                      finding.suggestion)], diagnostic_))
        fix = finding.fix
        if isinstance(fix, Edit):
            old = linted.text[fix.start:fix.end].strip()
            title = f"Replace '{old}' with '{fix.replacement}'" if fix.replacement.strip() \
                else f"Remove '{old}'"
            actions.append(_action(title, uri, [_edit(positions, fix.start, fix.end,
                                                      fix.replacement)], diagnostic_,
                                   preferred=True))
        line = positions.position(finding.start).line
        if (finding.code, line) not in disabled:
            disabled.add((finding.code, line))
            disables.append(_action(f"Disable {finding.code} for this line", uri,
                                    [_suppression(positions, style, finding.code, line)],
                                    diagnostic_))
    actions += disables
    _, applied = apply(linted.text, safe_edits(linted.result.findings))
    if applied:
        actions.append(_action("Apply all safe claimlint fixes", uri,
                               [_edit(positions, e.start, e.end, e.replacement)
                                for e in applied], kind=FIX_ALL))
    return actions


def _suppression(positions: Positions, style: str, code: str, line: int) -> types.TextEdit:
    """The edit that adds a suppression comment for ``code`` on ``line``."""
    start, content = positions.line(line)
    if style in _DISABLE_LINE:
        at = start + len(content.rstrip())  # before trailing spaces: a Markdown hard break stays
        return _edit(positions, at, at, _DISABLE_LINE[style].format(code=code))
    indent = content[:len(content) - len(content.lstrip(" \t"))]
    directive = f"{indent}{_DISABLE_NEXT_LINE.format(code=code)}{_newline(positions.text)}"
    return _edit(positions, start, start, directive)


def _newline(text: str) -> str:
    """The text's own line break (the first one it uses), LF for a one-line text."""
    found = re.search(r"\r\n?|\n", text)
    return found.group() if found else "\n"


def _edit(positions: Positions, start: int, end: int, text: str) -> types.TextEdit:
    return types.TextEdit(range=positions.range(start, end), new_text=text)


def _action(title: str, uri: str, edits: list[types.TextEdit],
            diagnostics_: list[types.Diagnostic] | None = None, preferred: bool = False,
            kind: str = types.CodeActionKind.QuickFix) -> types.CodeAction:
    return types.CodeAction(title=title, kind=kind, diagnostics=diagnostics_,
                            is_preferred=preferred or None,
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def _escape(text: str) -> str:
    """Copy from the document shown as text, not as Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
