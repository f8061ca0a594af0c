"""What files a repository holds: folder walks (.gitignore, default skips, --no-ignore),
per-glob overrides, --stdin-filename, --output-file, --show-settings and ``claimlint init``,
driven through the command line as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from fakes import cli as fake_cli
from fakes.cli import Claimlint, Run
from fakes.network import fake, loopback_only  # noqa: F401  (fixtures)

from checker.config import load_config
from checker.errors import ConfigError
from checker.starter import STARTER

claimlint = fake_cli.claimlint  # the fixture: claimlint(*args) runs the command in-process
OVERSTATED = "Dry needling eliminates back pain for good.\n"
HTML_HIDDEN = "<script>// Dry needling eliminates back pain for good.\n</script>\n"


def write(root: Path, *names: str, text: str = OVERSTATED) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def linted(run: Run) -> set[str]:
    """The files a ``--format json`` run reported a claim in (each test file holds one)."""
    assert run.code in (0, 1), run.stderr
    return {claim["path"] for claim in json.loads(run.stdout)["claims"]}


def piped(*args: str, cwd: Path, stdin: str) -> Run:
    """``claimlint ARGS < stdin`` in a child process, whose standard input is a real pipe."""
    done = subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, input=stdin,
                          env=os.environ, capture_output=True, text=True, timeout=120)
    return Run(done.returncode, done.stdout, done.stderr, done.stderr, 0.0)


def codes(run: Run, path: str) -> dict[str, str]:
    """Rule code -> severity of the findings in ``path``."""
    return {f["code"]: f["severity"] for f in run.findings() if f["path"] == path}


LINT = ("lint", "--format", "json", "--offline", "--fail-on", "never")


# -- folder walks -----------------------------------------------------------------------------

@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git work tree with pages, ignore files and what no one publishes."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("out/\n*.html\n!keep.html\n")
    (tmp_path / ".git" / "info" / "exclude").write_text("private/\n")
    write(tmp_path / "docs", ".gitignore", text="!page.html\ndraft.md\n")
    write(tmp_path, "a.md", "keep.html", "x.html", "out/b.md", "docs/c.md", "docs/page.html",
          "docs/draft.md", "private/p.md", "node_modules/pkg/readme.md", ".venv/v.md",
          "env/e.md", "build/z.md", "dist/d.md", "_site/s.md", "docs/.drafts/h.md",
          ".hidden.md")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    return tmp_path


PUBLISHED = {"a.md", "keep.html", "docs/c.md", "docs/page.html"}
EVERYTHING = PUBLISHED | {"x.html", "out/b.md", "docs/draft.md", "private/p.md",
                          "node_modules/pkg/readme.md", ".venv/v.md", "env/e.md", "build/z.md",
                          "dist/d.md", "_site/s.md", "docs/.drafts/h.md", ".hidden.md"}


def test_a_folder_walk_skips_ignored_dependency_build_and_hidden_files(
        claimlint: Claimlint, repository: Path) -> None:
    # negation in the root file, a nested file re-including and ignoring, info/exclude
    assert linted(claimlint(*LINT, ".")) == PUBLISHED
    assert linted(claimlint(*LINT, "docs")) == {"docs/c.md", "docs/page.html"}
    assert linted(claimlint(*LINT, "**/*.md")) == {"a.md", "docs/c.md"}  # globs too


def test_no_ignore_lints_everything(claimlint: Claimlint, repository: Path) -> None:
    assert linted(claimlint(*LINT, "--no-ignore", ".")) == EVERYTHING


def test_files_and_folders_named_on_the_command_line_are_linted(
        claimlint: Claimlint, repository: Path) -> None:
    named = ("node_modules/pkg/readme.md", "out/b.md", ".venv/v.md", "x.html")
    assert linted(claimlint(*LINT, *named)) == set(named)
    assert linted(claimlint(*LINT, "out")) == {"out/b.md"}  # an ignored folder, named


def test_a_gitignore_counts_outside_a_git_work_tree(claimlint: Claimlint,
                                                     tmp_path: Path) -> None:
    write(tmp_path, "site/a.md", "site/drafts/b.md", "site/c.md")
    (tmp_path / "site" / ".gitignore").write_text("drafts/\n/c.md\n")
    assert linted(claimlint(*LINT, "site")) == {"site/a.md"}


def test_a_folder_of_only_skipped_files_is_an_error(claimlint: Claimlint,
                                                     tmp_path: Path) -> None:
    write(tmp_path, "site/node_modules/x.md")
    run = claimlint(*LINT, "site")
    assert run.code == 2 and "site: no Markdown, HTML or text files" in run.stderr


# -- overrides --------------------------------------------------------------------------------

OVERRIDES = """\
select = ["OS101"]
[severity]
OS101 = "warning"
[[overrides]]
files = ["blog/**"]
ignore = ["OS101"]
[[overrides]]
files = ["legal/*.md", "!legal/old.md"]
severity = { OS101 = "info" }
[[overrides]]
files = ["legal/**", "faq.md"]
select = ["UN103"]
[[overrides]]
files = ["blog/keep/**"]
select = ["OS101"]
"""


def test_overrides_select_ignore_and_severity_by_glob(claimlint: Claimlint,
                                                      tmp_path: Path) -> None:
    (tmp_path / ".claimlint.toml").write_text(OVERRIDES)
    write(tmp_path, "page.md", "blog/post.md", "blog/keep/post.md", "legal/terms.md",
          "legal/old.md", "faq.md")
    run = claimlint(*LINT, ".")
    assert codes(run, "page.md") == {"OS101": "warning"}
    assert codes(run, "blog/post.md") == {}
    assert codes(run, "blog/keep/post.md") == {"OS101": "warning"}  # a later override wins
    assert codes(run, "legal/terms.md") == {"OS101": "info", "UN103": "warning"}
    assert codes(run, "legal/old.md") == {"OS101": "warning", "UN103": "warning"}
    assert codes(run, "faq.md") == {"OS101": "warning", "UN103": "warning"}


def test_overrides_in_pyproject(claimlint: Claimlint, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.claimlint]\nselect = ["OS101"]\n'
        '[[tool.claimlint.overrides]]\nfiles = ["*.txt"]\nseverity = { OS101 = "info" }\n')
    write(tmp_path, "a.md", "b.txt")
    run = claimlint(*LINT, ".")
    assert codes(run, "a.md") == {"OS101": "error"} and codes(run, "b.txt") == {"OS101": "info"}


@pytest.mark.parametrize(("table", "message"), [
    ("overrides = 3", "'overrides' is an array of tables"),
    ("[[overrides]]\nselect = ['OS']", "'overrides[0].files' lists the globs"),
    ("[[overrides]]\nfiles = 'blog/**'", "'overrides[0].files' must be a list of strings"),
    ("[[overrides]]\nfiles = ['a']\n[[overrides]]\nfiles = ['b']\nignore = [1]",
     "'overrides[1].ignore' must be a list of strings"),
    ("[[overrides]]\nfiles = ['a']\nseverity = { OS101 = 'fatal' }",
     "'overrides[0].severity' maps rule codes to error, warning or info"),
    ("[[overrides]]\nfiles = ['a']\nexclude = ['b']", "unknown key(s) exclude in overrides[0]"),
    ("[[overrides]]\nfiles = ['a']\nselect = 'OS'", "'overrides[0].select' must be a list"),
])
def test_a_bad_override_is_a_config_error(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / ".claimlint.toml").write_text(table + "\n")
    with pytest.raises(ConfigError, match=f"^{tmp_path / '.claimlint.toml'}: .*") as error:
        load_config(tmp_path / ".claimlint.toml")
    assert message in str(error.value)


def test_a_bad_override_exits_2_with_one_line(claimlint: Claimlint, tmp_path: Path) -> None:
    (tmp_path / ".claimlint.toml").write_text("[[overrides]]\nfiles = ['a']\nignore = 'OS'\n")
    write(tmp_path, "a.md")
    run = claimlint(*LINT, "a.md")
    assert run.code == 2 and run.stdout == ""
    assert run.stderr == (f"claimlint: error: {tmp_path / '.claimlint.toml'}: "
                          "'overrides[0].ignore' must be a list of strings\n")


# -- standard input ---------------------------------------------------------------------------

def test_stdin_filename_gives_config_format_and_path(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / ".claimlint.toml").write_text(
        'select = ["OS"]\n[severity]\nOS101 = "info"\n')
    as_html = piped(*LINT, "-", "--stdin-filename", "site/page.html", cwd=tmp_path,
                    stdin=OVERSTATED + HTML_HIDDEN)
    assert {(f["path"], f["line"]) for f in as_html.findings()} == {("site/page.html", 1)}
    assert codes(as_html, "site/page.html")["OS101"] == "info"  # the config in site/
    assert {f["code"][:2] for f in as_html.findings()} == {"OS"}
    as_text = piped(*LINT, "-", "--stdin-filename", "site/page.txt", cwd=tmp_path,
                    stdin=OVERSTATED + HTML_HIDDEN)  # in text, the script is copy
    assert {f["line"] for f in as_text.findings()} == {1, 2}


def test_stdin_filename_never_fixes_the_file_it_names(tmp_path: Path) -> None:
    write(tmp_path, "page.md", text="Our revolutionary cupping relieves back pain.\n")
    run = piped("lint", "-", "--stdin-filename", "page.md", "--fix", "--offline",
                cwd=tmp_path, stdin="Our revolutionary cupping relieves pain.\n")
    assert "page.md:1:5:" in run.stdout
    assert (tmp_path / "page.md").read_text() == "Our revolutionary cupping relieves back pain.\n"


# -- --output-file ----------------------------------------------------------------------------

@pytest.mark.parametrize("output", ["json", "text", "sarif"])
def test_output_file_holds_what_stdout_would(claimlint: Claimlint, tmp_path: Path,
                                             output: str) -> None:
    write(tmp_path, "a.md")
    to_stdout = claimlint("lint", "--format", output, "--offline", "a.md")
    to_file = claimlint("lint", "--format", output, "--offline", "a.md", "--output-file",
                        "report.out")
    assert to_file.stdout == "" and to_stdout.code == to_file.code == 1
    assert (tmp_path / "report.out").read_text() == to_stdout.stdout != ""


def test_output_file_in_a_missing_folder_fails_before_linting(claimlint: Claimlint,
                                                               tmp_path: Path) -> None:
    write(tmp_path, "a.md")
    run = claimlint(*LINT, "a.md", "--output-file", "nowhere/report.json")
    assert run.code == 2 and "--output-file nowhere/report.json: no such folder" in run.stderr


# -- --show-settings --------------------------------------------------------------------------

def test_show_settings_prints_what_a_file_is_linted_with(claimlint: Claimlint,
                                                         tmp_path: Path) -> None:
    (tmp_path / ".claimlint.toml").write_text('exclude = ["skip/**"]\n' + OVERRIDES)
    run = claimlint("lint", "--show-settings", "--select", "OS", "legal/terms.md")
    assert run.code == 0, run.stderr
    shown = tomllib.loads(run.stdout)
    assert shown["config"] == str(tmp_path / ".claimlint.toml")
    assert [o["index"] for o in shown["overrides-applied"]] == [1, 2]
    assert shown["settings"]["severity"] == {"OS101": "info"}
    assert shown["settings"]["select"] == ["OS101", "UN103"]
    assert shown["format"] == "markdown" and shown["excluded"] is False
    assert shown["command-line"] == {"select": ["OS"]}
    as_json = json.loads(claimlint("lint", "--show-settings", "--format", "json",
                                   "skip/x.md").stdout)
    assert as_json["excluded"] is True and as_json["overrides-applied"] == []


def test_show_settings_without_a_config(claimlint: Claimlint, tmp_path: Path) -> None:
    run = claimlint("lint", "--show-settings", "-", "--stdin-filename", "page.html")
    shown = tomllib.loads(run.stdout)
    assert run.code == 0 and shown["config"] == "none (defaults)"
    assert shown["file"] == "page.html" and shown["format"] == "html"


# -- claimlint init ---------------------------------------------------------------------------

def test_init_writes_a_starter_that_loads(claimlint: Claimlint, tmp_path: Path) -> None:
    run = claimlint("init")
    written = tmp_path / ".claimlint.toml"
    assert run.code == 0 and written.read_text() == STARTER
    config = load_config(written)
    assert config.select == ("OS", "UN", "EV", "RF", "IN") and config.fail_on == "warning"
    write(tmp_path, "a.md")
    assert claimlint(*LINT, "a.md").code == 0  # a lint under it runs


def test_init_refuses_to_overwrite_unless_forced(claimlint: Claimlint, tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    existing = tmp_path / "site" / ".claimlint.toml"
    existing.write_text('select = ["OS"]\n')
    run = claimlint("init", "--path", "site")
    assert run.code == 2 and "already exists; --force replaces it" in run.stderr
    assert existing.read_text() == 'select = ["OS"]\n'
    assert claimlint("init", "--path", "site", "--force").code == 0
    assert existing.read_text() == STARTER
    assert claimlint("init", "--path", "missing").code == 2


def test_the_configuration_docs_examples_load(tmp_path: Path) -> None:
    """Every TOML example in docs/configuration.md is a config claimlint accepts."""
    text = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text()
    examples = [block.split("```", 1)[0] for block in text.split("```toml\n")[1:]]
    assert len(examples) >= 4
    for number, example in enumerate(examples):
        folder = tmp_path / str(number)
        folder.mkdir()
        name = "pyproject.toml" if example.startswith("[tool.claimlint]") else ".claimlint.toml"
        (folder / name).write_text(example)
        load_config(folder / name)
