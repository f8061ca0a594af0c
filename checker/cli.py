"""The ``claimlint`` command line.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 usage, input or config error.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checker.errors import ClaimlintError
from checker.terminal import printable

if TYPE_CHECKING:
    from checker.formatters import Formatter
    from checker.lint import FileResult
    from checker.run import Options

app = typer.Typer(
    name="claimlint", no_args_is_help=True, add_completion=True,
    pretty_exceptions_enable=False,
    help="Lint health-marketing copy for overstated and unsupported health claims.\n\n"
         "Examples:\n\n  claimlint lint corpus/\n\n  claimlint lint --format json page.md\n\n"
         "  claimlint rule OS101",
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    html = "html"


class InputFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    text = "text"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _codes(value: str | None) -> list[str] | None:
    return [c.strip().upper() for c in value.split(",") if c.strip()] if value else None


def _version(value: bool) -> None:
    if value:
        from checker import __version__

        typer.echo(f"claimlint {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Lint health-marketing copy for overstated and unsupported health claims."""


Bib = Annotated[list[Path] | None, typer.Option(
    "--bib", help="BibTeX file that [@key] citations resolve through (repeatable).")]
Offline = Annotated[bool, typer.Option(
    "--offline/--online", help="Look references up in the cache only (no network), or online.")]
Verify = Annotated[bool | None, typer.Option(
    "--verify-references/--no-verify-references",
    help="Look cited studies up in PubMed/Crossref (default: config, else on).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only, no summary.")]
TrustConfig = Annotated[bool, typer.Option(
    "--trust-config", help="Let the projects' config files choose the PubMed/Crossref endpoints "
    "and the cache folder (also CLAIMLINT_TRUST_REPO_CONFIG=1).")]
CacheDirOption = Annotated[Path | None, typer.Option(
    "--cache-dir", help="Cache folder for PubMed/Crossref answers (default: CLAIMLINT_CACHE_DIR, "
    "the user config, else the user cache).")]
OutputOption = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
FailOnOption = Annotated[FailOn | None, typer.Option(
    help="Lowest severity that makes the exit code 1 (default: config, else warning).")]


@app.command()
def lint(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, glob patterns or - for "
                                                    "standard input.")],
    output_format: OutputOption = OutputFormat.text,
    fail_on: FailOnOption = None,
    select: Annotated[str | None, typer.Option(help="Rule codes or prefixes to enable, "
                                               "comma-separated (e.g. OS,UN101).")] = None,
    ignore: Annotated[str | None, typer.Option(help="Rule codes or prefixes to disable.")]
    = None,
    config: Annotated[Path | None, typer.Option(help="Config file to use instead of the one "
                                                "found by walking up from each file.")] = None,
    format_in: Annotated[InputFormat | None, typer.Option(help="Input format for stdin or "
                                                          "files with other extensions.")] = None,
    bib: Bib = None,
    offline: Offline = False,
    verify_references: Verify = None,
    list_claims: Annotated[bool, typer.Option(help="Also print every claim found (text "
                                              "format).")] = False,
    quiet: Quiet = False,
    statistics: Annotated[bool, typer.Option(help="Print how often each rule fired instead "
                                             "of the findings (text format).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes for many "
                                      "files (0: one per free core, none for little text); "
                                      "output is the same.")] = 0,
    diff: Annotated[bool, typer.Option("--diff", help="Print every suggested rewording as a "
                                       "unified diff; change no file.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the rewordings marked safe, in "
                                      "place, and report the rest.")] = False,
    diff_base: Annotated[str | None, typer.Option(help="Report only findings on lines changed "
                                                  "since this git revision.")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Report only findings not recorded in "
                                                  "this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(help="Record today's findings in this "
                                                        "baseline file and exit 0.")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No ANSI colours.")] = False,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Also lint symbolic "
                                               "links in a folder that lead out of it.")]
    = False,
    trust_config: TrustConfig = False,
    cache_dir: CacheDirOption = None,
    no_ignore: Annotated[bool, typer.Option(
        "--no-ignore", help="In folders, also lint what .gitignore files ignore, node_modules, "
        "virtual environments, build output and hidden files.")] = False,
    stdin_filename: Annotated[str | None, typer.Option(
        help="The path standard input (-) stands for: its config, input format and the path "
        "reported.")] = None,
    output_file: Annotated[Path | None, typer.Option(
        help="Write the report to this file instead of standard output.")] = None,
    show_settings: Annotated[bool, typer.Option(
        "--show-settings", help="Print the settings each path would be linted with (--format "
        "json: as JSON) and exit, linting nothing.")] = False,
) -> None:
    """Lint files for overstated and unsupported health claims and check what they cite.

    Example: claimlint lint --select OS --format json corpus/
    """
    from checker.run import Options, Session

    if output_file is not None:
        _check_output_file(output_file)
    formatter = _formatter(output_format, no_color or output_file is not None,
                           TextOptions(list_claims=list_claims, quiet=quiet,
                                       statistics=statistics))
    options = Options(config=config, select=_codes(select), ignore=_codes(ignore),
                      format_in=format_in.value if format_in else None, bib=tuple(bib or ()),
                      verify=verify_references, offline=offline, jobs=jobs,
                      keep_text=formatter.needs_text, follow_links=follow_links,
                      trust_config=trust_config, cache_dir=cache_dir, no_ignore=no_ignore,
                      stdin_filename=stdin_filename)
    if show_settings:
        _show_settings(options, paths, output_format is OutputFormat.json,
                       {"select": options.select, "ignore": options.ignore,
                        "fail-on": fail_on.value if fail_on else None,
                        "verify-references": verify_references, "offline": offline or None})
        raise typer.Exit(0)
    if write_baseline:
        from checker import baseline as baselines

        baselines.check_writable(write_baseline)
    with Session(options) as session:
        files = session.files(paths)
        results = _with_progress(session.lint_files(files), len(files), quiet)
        threshold = fail_on.value if fail_on else session.fail_on()
        if write_baseline:
            from checker import baseline as baselines

            count = baselines.write(write_baseline, results)
            typer.echo(printable(f"claimlint: recorded {count} finding(s) in {write_baseline}"),
                       err=True)
            raise typer.Exit(0)
        if baseline:
            from checker import baseline as baselines

            known = baselines.load(baseline)
            results = _each(results, lambda batch: baselines.filter_new(batch, known))
        if diff_base:
            from checker.changes import keep_changed

            results = _each(results, lambda batch: keep_changed(batch, diff_base))
        if diff:
            from checker.fixes import diff_results

            patch, notes = diff_results(results)
            for note in notes:
                typer.echo(printable(note), err=True)
            if output_file is not None:
                from checker.atomic import replace_file

                replace_file(output_file, patch.encode("utf-8"))
            else:  # not typer.echo: on a pipe it strips escape sequences; the patch would not apply
                sys.stdout.write(printable(patch) if sys.stdout.isatty() else patch)
            raise typer.Exit(1 if patch else 0)
        if fix:
            from checker.fixes import fix_result

            def narrowed(result: FileResult) -> FileResult:
                """The baseline and --diff-base filters again, on a file linted again."""
                if baseline:
                    baselines.filter_new([result], known)
                if diff_base:
                    keep_changed([result], diff_base)
                return result

            def fixed(found: Iterator[FileResult]) -> Iterator[FileResult]:
                """Each result; a file --fix rewrote is linted again, so what is printed
                is positions and text in the fixed file."""
                for result in found:
                    report, changed = fix_result(result, session.root_of)
                    for line in report:
                        typer.echo(printable(line), err=True)
                    yield narrowed(session.lint_file(result.path, session.config_for(
                        result.path))) if changed else result

            results = fixed(results)
        _report(formatter, results, threshold, output_file)


def _check_output_file(path: Path) -> None:
    """Fail before linting when the report could not be written at the end."""
    if path.is_dir():
        raise ClaimlintError(f"--output-file {path}: is a folder")
    if not path.parent.is_dir():
        raise ClaimlintError(f"--output-file {path}: no such folder {path.parent}")


def _show_settings(options: Options, paths: list[str], as_json: bool,
                   command_line: dict[str, object]) -> None:
    """Print the settings each path would be linted with (see checker.settings)."""
    from checker import settings
    from checker.run import Session

    with Session(options, lookups=False) as session:
        for number, path in enumerate(paths):
            named = session.name_of(path)
            table = settings.resolved(named, session.config_for(path), session.trusts_projects,
                                      options.format_in, command_line)
            text = settings.as_json(table) if as_json else settings.as_toml(table)
            typer.echo(("\n" if number else "") + printable(text), nl=False)


@app.command()
def refs(
    paths: Annotated[list[Path], typer.Argument(help="BibTeX files to verify.")],
    output_format: OutputOption = OutputFormat.text,
    fail_on: FailOnOption = None,
    offline: Offline = False,
    config: Annotated[Path | None, typer.Option(help="Config file (endpoints, email, "
                                                "severities).")] = None,
    quiet: Quiet = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No ANSI colours.")] = False,
    trust_config: TrustConfig = False,
    cache_dir: CacheDirOption = None,
) -> None:
    """Verify every entry of BibTeX files against PubMed and Crossref.

    Example: claimlint refs references/corpus.bib
    """
    from checker.lint import FileResult, rule_finding
    from checker.readers.plain import read_plain
    from checker.references.bibliography import check_bibliography
    from checker.rules import builtin_rules
    from checker.run import Options, Session

    results = []
    with Session(Options(config=config, verify=True, offline=offline, trust_config=trust_config,
                         cache_dir=cache_dir)) as session:
        for path in paths:
            settings = session.config_for(str(path))
            problems = check_bibliography(path, session.client_for(settings))
            source = read_plain(str(path), path.read_text(encoding="utf-8-sig"))
            results.append(FileResult(str(path), findings=[
                rule_finding(source, builtin_rules()[code], problem, settings)
                for code, problem in problems]))
        threshold = fail_on.value if fail_on else session.fail_on()
    _report(_formatter(output_format, no_color, TextOptions(quiet=quiet)), results, threshold)


PROGRESS_FROM = 20  # files: shorter runs finish before a bar would help


def _with_progress(results, total: int, quiet: bool):
    """Results as they come, with a progress bar on stderr when a person is watching: a
    terminal, not CI, not --quiet, and enough files to wait for."""
    watching = sys.stderr.isatty() and not os.environ.get("CI") and not quiet
    if not watching or total < PROGRESS_FROM:
        yield from results
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("linting", total=total)
        for result in results:
            progress.advance(task)
            yield result


@dataclass(frozen=True)
class TextOptions:
    list_claims: bool = False
    quiet: bool = False
    statistics: bool = False


REPORT_IN_MEMORY = 8 * 1024 * 1024  # characters of report held in memory; more go to disk


def _formatter(output_format: OutputFormat, no_color: bool, options: TextOptions) -> Formatter:
    """The formatter that writes the report, into a spool that ``_report`` copies to
    standard output once the run has succeeded."""
    import tempfile

    from checker.formatters import load, text

    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (_report closes it)
        REPORT_IN_MEMORY, "w+", encoding="utf-8", newline="")
    if output_format is not OutputFormat.text:
        return load(output_format.value)(spool)
    if options.statistics:
        return text.Statistics(spool)
    colour = sys.stdout.isatty() and not no_color and "NO_COLOR" not in os.environ
    return text.Text(spool, colour=colour, list_claims=options.list_claims, quiet=options.quiet)


def _report(formatter: Formatter, results: Iterable[FileResult], threshold: str,
            output_file: Path | None = None) -> None:
    """Write the report, whole or not at all: an error mid-run (a file that cannot be fixed,
    say) leaves standard output empty rather than holding half a JSON document, and
    ``output_file`` as it was. Exit 1 when a finding reaches ``threshold``."""
    import shutil

    with formatter.out as spool:
        summary = formatter.write(results)
        spool.seek(0)
        if output_file is not None:
            from checker.atomic import replace_file

            replace_file(output_file, spool.read().encode("utf-8"))
        else:
            shutil.copyfileobj(spool, sys.stdout)
    if summary.reaches(threshold):
        raise typer.Exit(1)


def _each(results: Iterator[FileResult], apply: Callable[[list[FileResult]], object]
          ) -> Iterator[FileResult]:
    """The results, each passed through a step that works on a list of them (baseline,
    changed lines, fixes) as it goes by."""
    for result in results:
        apply([result])
        yield result


@app.command()
def init(
    path: Annotated[Path, typer.Option("--path", help="Folder to write .claimlint.toml in.")]
    = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing "
                                        ".claimlint.toml.")] = False,
) -> None:
    """Write a commented starter .claimlint.toml (every setting, explained).

    Example: claimlint init
    """
    from checker.starter import write_starter

    typer.echo(printable(f"wrote {write_starter(path, force)}"))


@app.command("rules")
def list_rules(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the catalogue with each "
                                           "rule's documentation as Markdown (docs/rules.md).")]
    = False,
) -> None:
    """List every rule: code, name, category, default severity and summary."""
    from checker.rules import INPUT_RULES, builtin_rules

    if markdown:
        from checker.rules.catalogue import markdown as catalogue

        typer.echo(catalogue(), nl=False)
        return

    for rule in builtin_rules().values():
        typer.echo(f"{rule.code}  {rule.name:<30} {rule.category:<12} {rule.severity:<8} "
                   f"{rule.summary}")
    for code, (name, severity, summary) in INPUT_RULES.items():
        typer.echo(f"{code}  {name:<30} {'input':<12} {severity:<8} {summary}")


@app.command("rule")
def explain_rule(code: Annotated[str, typer.Argument(help="A rule code, e.g. OS101.")]) -> None:
    """Explain one rule: rationale, the regulation it enforces, and examples."""
    from checker.rules import INPUT_RULES, builtin_rules
    from checker.rules.base import regulations

    if code.upper() in INPUT_RULES:
        name, severity, summary = INPUT_RULES[code.upper()]
        typer.echo(f"{code.upper()} {name} (input, {severity})\n\n{summary}")
        return
    rule = builtin_rules().get(code.upper())
    if rule is None:
        raise ClaimlintError(f"unknown rule {code!r}; 'claimlint rules' lists them")
    typer.echo(f"{rule.code} {rule.name} ({rule.category}, {rule.severity})\n")
    typer.echo(rule.doc)
    typer.echo("\nEnforces:")
    for key in rule.regulations:
        typer.echo(f"  - {regulations()[key]['name']}\n    {regulations()[key]['url']}")


@app.command("evidence")
def show_evidence(
    intervention: Annotated[str | None, typer.Argument(
        help="A treatment or product, e.g. chiropractic (none: list what the map covers).")]
    = None,
    condition: Annotated[str | None, typer.Argument(help="A condition, e.g. asthma.")] = None,
    config: Annotated[Path | None, typer.Option(help="Config whose 'evidence' files extend "
                                                "the map.")] = None,
) -> None:
    """What the evidence map says about a treatment (and one condition), with sources.

    Example: claimlint evidence chiropractic asthma
    """
    from checker import evidence as maps
    from checker.config import find_config, load_config
    from checker.evidence.report import describe, overview

    settings = load_config(config or find_config(Path.cwd()))
    found_map = maps.team_map(tuple(map(str, settings.evidence)))
    if intervention is None:
        typer.echo(overview(found_map))
        return
    typer.echo(describe(found_map, intervention, condition))


@app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Argument(help="A folder of documents with gold/ annotations.")],
    details: Annotated[bool, typer.Option(help="List every miss and false alarm.")] = True,
) -> None:
    """Score claim and overstatement detection against the gold annotations, and claim
    strength against the strength sets (sentences-*.toml, pairs-*.toml)."""
    from checker import evaluation

    typer.echo(evaluation.report(corpus, details))


@app.command()
def server(
    stdio: Annotated[bool, typer.Option("--stdio", help="Speak LSP over standard input and "
                                        "output (the only transport; accepted because editors "
                                        "pass it).")] = True,
) -> None:
    """Run the language server for editors (LSP over stdio): diagnostics as you type, hover
    and quick fixes for Markdown, MDX, HTML and plain text. docs/editor.md sets editors up.

    Example: claimlint server
    """
    from checker.lsp.server import serve

    raise typer.Exit(serve())


cache_app = typer.Typer(help="Inspect or empty the cache of PubMed/Crossref answers.",
                        no_args_is_help=True)
app.add_typer(cache_app, name="cache")
CacheDir = Annotated[Path | None, typer.Option(help="Cache folder (default: "
                                               "CLAIMLINT_CACHE_DIR, else the user cache).")]


@cache_app.command("info")
def cache_info(cache_dir: CacheDir = None) -> None:
    """Where the cache is, how many answers it holds and its size."""
    import sqlite3

    from checker.pubmed import cache

    folder = _cache_dir(cache_dir)
    try:
        found = cache.info(folder)
    except sqlite3.Error as error:
        raise ClaimlintError(f"{folder / cache.CACHE_FILE}: cannot read the cache ({error})"
                             ) from None
    typer.echo(f"path: {found.path}\nentries: {found.entries}\n"
               f"size: {found.size_bytes / 1e6:.2f} MB")


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDir = None) -> None:
    """Delete every cached answer (the next online run asks PubMed/Crossref again)."""
    from checker.pubmed import cache

    folder = _cache_dir(cache_dir)
    try:
        cache.clear(folder)
    except OSError as error:
        raise ClaimlintError(f"{error.filename}: cannot delete ({error.strerror}); the cache "
                             "is not cleared") from None
    typer.echo(f"cleared {folder / cache.CACHE_FILE}")


def _cache_dir(option: Path | None) -> Path:
    """The cache folder: the option, CLAIMLINT_CACHE_DIR, the user config, the default."""
    from checker.config import load_user_config
    from checker.pubmed.config import resolve_cache_dir

    return resolve_cache_dir(option, None, load_user_config())


class _PrintableFormatter(logging.Formatter):
    """Log lines (warnings name files, and may quote them) with control characters escaped."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def _usage_errors() -> tuple[type[Exception], ...]:
    """Exceptions that are the user's usage errors (a misspelt option, a missing path): click
    prints its message and usage line. typer 0.2x bundles its own click, whose exceptions
    derive from ``typer.TyperException``; older typer raises the separate click package's."""
    try:
        from click import ClickException
    except ImportError:
        return (typer.TyperException,)
    return typer.TyperException, ClickException


def main() -> None:
    import gc

    gc.set_threshold(100_000, 50, 100)  # start-up allocates much and frees little

    debug = bool(os.environ.get("CLAIMLINT_DEBUG"))  # tracebacks, and every library's log
    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("claimlint: %(message)s"))
    logging.basicConfig(handlers=[handler], level=logging.DEBUG if debug else logging.WARNING)
    try:
        code = app(standalone_mode=False)
    except ClaimlintError as error:
        typer.echo(f"claimlint: error: {printable(str(error))}", err=True)
        sys.exit(2)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("claimlint: interrupted", err=True)
        sys.exit(130)
    except _usage_errors() as error:
        error.show()
        sys.exit(2)
    except Exception as error:
        if debug:
            raise
        typer.echo(printable(f"claimlint: internal error: {type(error).__name__}: {error} (set "
                             "CLAIMLINT_DEBUG=1 for the traceback, and please report it)"),
                   err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
