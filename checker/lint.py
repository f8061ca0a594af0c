"""The lint of one file: read -> citations -> spaCy docs -> claims -> findings.

``Linter`` holds what is expensive to build (the spaCy pipeline with every phrase pattern
compiled) and is reused for every file that shares a configuration.
"""

from __future__ import annotations

import bisect
import copy
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy

from checker import suppression
from checker.citations import CitationScan, scan_citations
from checker.config import Config
from checker.errors import ConfigError
from checker.evidence import EvidenceMap, team_map
from checker.models import STRENGTHS, Claim, Finding
from checker.nlp.claims import ClaimQuestions, DocumentState, extract_claims
from checker.nlp.lexicon import Lexicon
from checker.nlp.pipeline import BLOCK_STARTS, HEADINGS, build
from checker.nlp.tokens import OFFSETS, OffsetMap, break_long_runs
from checker.readers import InputProblem
from checker.readers.plain import read_plain
from checker.readers.prose import blank
from checker.references import verify
from checker.references.status import statuses
from checker.rewording import reword
from checker.rules import INPUT_RULES, builtin_rules, selected
from checker.rules.base import Context, Problem, Profile, Rule
from checker.rules.custom import custom_rules
from checker.rules.evidence import sold, topic
from checker.rules.phrases import packaged_families
from checker.source import Block, SourceText

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from checker.pubmed import PubMedClient
    from checker.references.bibtex import Bibliography

MAX_CHUNK = 100_000  # characters of one block piece; longer blocks are cut at whitespace
DOC_CHARS = 30_000  # blocks are batched into docs of about this size (less per-doc overhead)


@dataclass
class FileResult:
    path: str
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""  # the file's text as linted (for reports that show it)
    references: list = field(default_factory=list)  # references.status.ReferenceStatus
    digest: str = ""  # SourceText.digest: whether and while --fix may rewrite the file
    encoding: str = "utf-8"  # SourceText.encoding: the codec --fix writes the file back in
    # the reader's masked prose and blocks, kept with the text: the HTML report lays the
    # document out from them
    prose: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Analysis:
    """What the language side found in one file; the references and suppression come after.

    Worker processes produce these (``--jobs``); the parent finishes them with the run's one
    PubMed client, so NCBI's rate limit holds however many workers there are.
    """

    source: SourceText
    scan: CitationScan
    claims: list[Claim]
    findings: list[Finding]


class Linter:
    def __init__(self, config: Config, select: list[str] | None = None,
                 ignore: list[str] | None = None, client: PubMedClient | None = None,
                 bibliography: Bibliography | None = None) -> None:
        """``client`` looks cited studies up (None: reference rules that need a lookup stay
        silent); ``bibliography`` resolves ``[@key]`` citations."""
        self.config = config
        self.client = client
        self.bibliography = bibliography
        families = dict(packaged_families())
        rules = dict(builtin_rules())
        for rule, family in custom_rules(config.rules, str(config.path), set(rules)):
            rules[rule.code] = rule
            families[family.name] = family
        self._available = rules
        self._choose(select, ignore)
        self.review_memo: dict = {}  # (treatment, condition) -> PubMed's answer, per run
        self.evidence = team_map(tuple(map(str, config.evidence)))
        self.context = Context(families=families, evidence=self.evidence,
                               profile=Profile(config.product, config.jurisdiction))
        try:
            self.nlp = build(lexicon_extra=_with_evidence(config.lexicon, self.evidence),
                             families={name: list(f.patterns) for name, f in families.items()})
        except ConfigError as error:  # a custom rule's pattern: say which file holds it
            raise ConfigError(f"{config.path}: {error}" if config.path else str(error)) from None
        self.lexicon = self.nlp.get_pipe("claimlint_tagger").lexicon
        self.words = self.nlp.get_pipe("claimlint_lemmatizer").words
        self.questions = ClaimQuestions.register(self.lexicon, self.words, excuses={
            (name, phrase): unless for name, family in families.items()
            for phrase, unless in enumerate(family.unless) if unless}, frames=frozenset(
            (name, phrase) for name, family in families.items()
            for phrase, uncited in enumerate(family.uncited) if uncited))

    def _choose(self, select: list[str] | None, ignore: list[str] | None) -> None:
        """The rules to run: the command line's ``select`` (else the config's and every custom
        rule), less ``ignore`` and the config's; a rule off by default only if named."""
        rules = self._available
        custom = [rule.code for rule in rules.values() if rule.code not in builtin_rules()]
        chosen_select = select or [*self.config.select, *custom]
        codes = selected([*rules, *INPUT_RULES], chosen_select,
                         (ignore or []) + list(self.config.ignore))
        chosen = [rules[code] for code in codes if code in rules
                  and (rules[code].default or code in chosen_select)]
        self.rules: list[Rule] = [rule for rule in chosen if rule.scope == "claims"]
        self.reference_rules = [rule for rule in chosen if rule.scope in ("references", "reviews")]
        self.asks_reviews = any(rule.scope == "reviews" for rule in chosen)
        self.input_codes = {code for code in codes if code in INPUT_RULES}
        self.known_codes = frozenset([*rules, *INPUT_RULES])
        # what an IN010 may call unused: the rules that ran, reference rules only when
        # references are looked up online (without a client, or from the cache only, they
        # stay silent for what they could not look up)
        online = self.client is not None and not self.client.offline
        self.checked_codes = frozenset(
            [*(rule.code for rule in self.rules), *self.input_codes,
             *(rule.code for rule in self.reference_rules if online)])

    def with_rules_of(self, config: Config, select: list[str] | None = None,
                      ignore: list[str] | None = None) -> Linter:
        """A linter sharing this one's pipeline, evidence and client, with the rule choice and
        severities of ``config``: this one's config with per-file overrides applied. Building a
        pipeline per override would cost a quarter of a second each."""
        twin = copy.copy(self)
        twin.config = config
        twin._choose(select, ignore)
        return twin

    def lint(self, source: SourceText, problems: list[InputProblem] = ()) -> FileResult:
        return self.finish(self.analyse(source), problems)

    def review_questions(self, claims: list[Claim]) -> list:
        """Unmapped treatment-condition pairs to search PubMed for, when a rule asks and a
        client can (none in worker processes or offline without a client)."""
        return self.unmapped_pairs(claims) if self.client else []

    def unmapped_pairs(self, claims: list[Claim]) -> list:
        """The claims' treatment-condition pairs the evidence map lacks, when a rule asks."""
        if not self.asks_reviews:
            return []
        from checker.references.reviews import questions

        return questions(claims, replace(self.context, topic=topic(claims, self.evidence),
                                         memo={}))

    def strength_of(self, text: str) -> str:
        """The strength of the strongest claim in ``text`` ("none" without a claim): how
        study conclusions and evaluation sentences are graded."""
        claims = list(self._claims(read_plain("<text>", text), CitationScan((), (), None)))
        return max((claim.strength for claim in claims), key=STRENGTHS.index, default="none")

    def analyse(self, source: SourceText) -> Analysis:
        """Citations, claims and the claim rules' findings."""
        scan = scan_citations(source)
        claims = list(self._claims(source, scan))
        context = replace(self.context, topic=topic(claims, self.evidence), memo={},
                          sold=sold(source.prose))
        findings = [self._finding(source, rule, problem) for claim in claims
                    for rule, problem in self._problems(claim, context)]
        return Analysis(source, scan, claims, findings)

    def _problems(self, claim: Claim, context: Context) -> list[tuple[Rule, Problem]]:
        """The claim rules' problems with one claim; the phrase rules' rewrites combined
        into the one rewording every finding of the sentence suggests."""
        found = [(rule, problem) for rule in self._rules_for(claim)
                 for problem in rule.check(claim, context)]
        rewrites = [problem.rewrite for _, problem in found if problem.rewrite is not None]
        if not rewrites:
            return found
        # one rewording fixes every overstated phrase of the sentence, or none is offered
        complete = all(problem.rewrite is not None for rule, problem in found
                       if rule.category == "overstated")
        sentence = reword(claim.text, claim.start, rewrites) if complete else None
        return [(rule, replace(problem, suggestion=sentence,
                               reworded=(claim.start, claim.end) if sentence else None)
                 if problem.rewrite is not None else problem) for rule, problem in found]

    def finish(self, analysis: Analysis, problems: list[InputProblem] = ()) -> FileResult:
        """Reference checks, input problems, suppression comments, order."""
        source, claims, findings = analysis.source, analysis.claims, list(analysis.findings)
        references = []
        if self.reference_rules:
            context = verify(source, analysis.scan, claims, self.client, self.bibliography,
                             self.review_questions(claims), self.review_memo, self.strength_of)
            findings += [self._finding(source, rule, problem) for rule in self.reference_rules
                         for problem in rule.check(context)]
            references = statuses(context)
        findings += [self._input_finding(source, problem) for problem in problems
                     if problem.code in self.input_codes]
        findings = self._suppressed(source, findings)
        findings.sort(key=lambda f: (f.start, f.code))
        return FileResult(source.path, claims, findings, source.original, references,
                          source.digest, source.encoding, source.prose, source.blocks)

    def _suppressed(self, source: SourceText, findings: list[Finding]) -> list[Finding]:
        """The findings the file's suppression comments leave, plus IN010 for comments that
        name no rule or switched nothing off."""
        found = suppression.directives(source.original,
                                       lambda offset: source.position(offset)[0])
        if not found:
            return findings
        kept, judged = suppression.apply(findings, found, self.known_codes, self.checked_codes)
        if suppression.UNUSED not in self.input_codes:
            return kept
        severity = self.config.severity.get(suppression.UNUSED, INPUT_RULES[suppression.UNUSED][1])
        unused = [_finding(source, j.directive.start, j.directive.end, suppression.UNUSED,
                           "input", severity, j.message, None) for j in judged]
        # only a directive naming IN010 hides one: a blanket one must not hide its own
        return kept + suppression.unsuppressed(unused, [d for d in found if d.codes])

    def _claims(self, source: SourceText, scan: CitationScan) -> Iterator[Claim]:
        text = _masked_citations(source.prose, scan)
        batches = list(_batches(list(_pieces(source, scan, frozenset(self.config.metadata)))))
        state = DocumentState(self.words, self.questions)
        reach = _Reach(scan)
        docs = self.nlp.pipe(_doc(self.nlp, text, batch) for batch in batches)
        for batch, doc in zip(batches, docs, strict=True):
            found = list(extract_claims(doc, batch[0][0], source.original, source.path,
                                        self.lexicon, state))
            ends = [end for _, end, _ in batch]
            for index, claim in enumerate(found):
                block_end = ends[bisect.bisect_left(ends, claim.end)] if claim.end <= ends[-1] \
                    else ends[-1]
                following = found[index + 1].start if index + 1 < len(found) else block_end
                claim.citations = reach.citations(claim.start, max(min(following, block_end),
                                                                   claim.end))
                claim.line, claim.column = source.position(claim.start)
                claim.end_line, claim.end_column = source.position(claim.end)
                yield claim

    def _rules_for(self, claim: Claim) -> Iterator[Rule]:
        """The claim rules that can fire: phrase rules only when their family matched; none
        for a claim that denies its effect."""
        if claim.denied:
            return iter(())
        families = {trigger.family for trigger in claim.triggers}
        return (rule for rule in self.rules if rule.family is None or rule.family in families)

    def _finding(self, source: SourceText, rule: Rule, problem: Problem) -> Finding:
        return rule_finding(source, rule, problem, self.config)

    def _input_finding(self, source: SourceText, problem: InputProblem) -> Finding:
        severity = "error" if problem.fatal else "warning"
        return _finding(source, 0, 0, problem.code, "input",
                        self.config.severity.get(problem.code, severity), problem.message, None)


def _with_evidence(lexicon: dict[str, list[str]], evidence: EvidenceMap
                   ) -> dict[str, list[str]]:
    """The config's lexicon additions plus the evidence map's names: every treatment alias
    and condition synonym the map knows is a word the pipeline recognises."""
    interventions, conditions = evidence.terms(Lexicon.load(lexicon).effect_words)
    return {**lexicon, "interventions": [*lexicon.get("interventions", []), *interventions],
            "conditions": [*lexicon.get("conditions", []), *conditions]}


def rule_finding(source: SourceText, rule: Rule, problem: Problem, config: Config) -> Finding:
    """A rule's problem as a finding in ``source``, with the configured severity."""
    return _finding(source, problem.start, problem.end, rule.code, rule.category,
                    config.severity.get(rule.code, rule.severity), problem.message,
                    problem.suggestion, problem.reworded, problem.fix)


def _finding(source: SourceText, start: int, end: int, code: str, category: str,
             severity: str, message: str, suggestion: str | None,
             reworded: tuple[int, int] | None = None, fix: object | None = None) -> Finding:
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    return Finding(path=source.path, start=start, end=end, code=code, category=category,
                   severity=severity, message=message, suggestion=suggestion,
                   text=source.original[start:end], line=line, column=column,
                   end_line=end_line, end_column=end_column, reworded=reworded or None,
                   fix=fix or None)


def _masked_citations(prose: str, scan: CitationScan) -> str:
    """Prose with citation markers and identifiers blanked, so "pain.1 Next" splits cleanly."""
    spans = [(m.start, m.end) for m in scan.markers] + [(i.start, i.end)
                                                         for i in scan.identifiers]
    if not spans:
        return prose
    parts, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        parts.append(prose[cursor:start])
        parts.append(blank(prose[start:end]))
        cursor = end
    parts.append(prose[cursor:])
    return "".join(parts)


def _pieces(source: SourceText, scan: CitationScan,
            metadata: frozenset[str]) -> Iterator[tuple[int, int, bool]]:
    """Blocks outside the reference list (metadata only of the classes the config lints),
    long ones cut at whitespace to MAX_CHUNK; the flag says whether the block reads as a
    headline."""
    reflist = scan.reference_list
    link_starts = [link.text_start for link in source.links]
    for block in source.blocks:
        if (reflist and reflist.start <= block.start < reflist.end) or (
                block.kind == "metadata" and block.meta not in metadata) or (
                _navigation(source, block, link_starts)):
            continue
        start = block.start
        while block.end - start > MAX_CHUNK:
            cut = source.prose.rfind(" ", start, start + MAX_CHUNK)
            cut = cut if cut > start else start + MAX_CHUNK
            yield start, cut, False
            start = cut
        yield start, block.end, block.headline


NAV_LINKS = 3  # a block of at least this many links ...
NAV_SHARE = 0.6  # ... making up this share of its words is navigation, not copy


def _navigation(source: SourceText, block, link_starts: list[int]) -> bool:
    """A menu or breadcrumb trail: a block that is mostly the text of several links."""
    first = bisect.bisect_left(link_starts, block.start)
    last = bisect.bisect_left(link_starts, block.end)
    if last - first < NAV_LINKS:
        return False
    linked = sum(len(source.prose[link.text_start:link.text_end].split())
                 for link in source.links[first:last])
    return linked >= NAV_SHARE * len(source.prose[block.start:block.end].split())


def _batches(pieces: list[tuple[int, int, bool]]) -> Iterator[list[tuple[int, int, bool]]]:
    """Consecutive pieces grouped into docs of about DOC_CHARS characters.

    One spaCy doc per paragraph would spend more time on per-doc overhead than on the words.
    """
    batch: list[tuple[int, int]] = []
    for piece in pieces:
        if batch and piece[1] - batch[0][0] > DOC_CHARS:
            yield batch
            batch = []
        batch.append(piece)
    if batch:
        yield batch


def _doc(nlp, text: str, batch: list[tuple[int, int, bool]]) -> Doc:
    """The batch's text (what lies between its pieces blanked) with each piece starting a
    sentence, so no sentence runs across two blocks, and where its headings are.

    Runs of whitespace (most of them masked markup) reach spaCy as one space, so they cost
    no tokens; the doc's offset map turns its positions back into the file's.
    """
    base = batch[0][0]
    parts, cursor = [], base
    for start, end, _ in batch:
        parts += [blank(text[cursor:start]), text[start:end]]
        cursor = end
    compact, offsets = OffsetMap.compact("".join(parts))
    compact = break_long_runs(compact)
    doc = nlp.make_doc(compact)
    doc.user_data[OFFSETS] = offsets
    starts = numpy.array([offset - base for start, end, _ in batch
                          for offset in (start, *_line_items(text, start, end))], dtype="int64")
    doc.user_data[BLOCK_STARTS] = offsets.to_doc(starts).tolist()
    doc.user_data[HEADINGS] = [(start - base, end - base) for start, end, heading in batch
                               if heading]
    return doc


_LINE_START = re.compile(r"\n[ \t]*(\S)")
_BULLET_GLYPHS = frozenset("•▪◦‣\u2043·→➔➜➤►▶")  # U+2043: hyphen bullet
_LABEL = re.compile(r"[A-Z][\w'-]*(?: [\w'-]+){0,3}:\s")  # "Subject: ", "Side effects: "
_SHORT_LINE = 40  # characters: a line this short is no line of wrapped prose
_CLOSED = tuple(".!?:;,")


def _line_items(text: str, start: int, end: int) -> list[int]:
    """Lines inside one block that are items of their own, though Markdown or HTML joins
    them into one paragraph: a line opening with a bullet glyph or a symbol ("✔️ Clears
    plaque", "★ Lowers blood pressure") or a label ("Subject: ...", "**Preheader:** ..."),
    and a capitalised line after a short open one (a label line over its text). Prose wrapped
    over lines opens lines with none of these and its lines are long."""
    items, line_start = [], text.rfind("\n", 0, start) + 1
    for found in _LINE_START.finditer(text, start, end):
        first, at = found.group(1), found.start(1)
        previous = text[line_start:found.start()].strip()
        line_start = found.start() + 1
        if (first in _BULLET_GLYPHS or unicodedata.category(first) in ("So", "Sk")
                or _LABEL.match(text, at)
                or (first.isupper() and 0 < len(previous) <= _SHORT_LINE
                    and not previous.endswith(_CLOSED))):
            items.append(at)
    return items


class _Reach:
    """Citations in reach of a claim: markers and identifiers from its start up to the next
    claim or the end of its block, found by bisection."""

    def __init__(self, scan: CitationScan) -> None:
        self.scan = scan
        self.markers = sorted(scan.markers, key=lambda m: m.start)
        self.marker_starts = [m.start for m in self.markers]
        self.identifiers = sorted((i for i in scan.identifiers if i.valid),
                                  key=lambda i: i.start)
        self.identifier_starts = [i.start for i in self.identifiers]

    def citations(self, start: int, end: int) -> list[str]:
        found: list[str] = []
        first = bisect.bisect_left(self.marker_starts, start)
        for marker in self.markers[first:bisect.bisect_left(self.marker_starts, end)]:
            if marker.style == "citekey":
                found += [f"cite:{label}" for label in marker.labels]
            found += [f"ref:{entry.label}" for entry in self.scan.entries_for(marker)]
        first = bisect.bisect_left(self.identifier_starts, start)
        for identifier in self.identifiers[first:bisect.bisect_left(self.identifier_starts, end)]:
            found.append(f"{identifier.kind}:{identifier.value}")
        return list(dict.fromkeys(found))
