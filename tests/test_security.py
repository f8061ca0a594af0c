"""What a run may leak or contact: the NCBI API key and the user's email appear in no output,
log or cache file, even when the services echo them back; only the configured endpoints are
ever contacted, whatever URLs the copy contains or the services redirect to."""

from __future__ import annotations

import base64
import logging
import os
import pickle
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from fakes.cli import (  # noqa: F401  (claimlint: fixture)
    Claimlint,
    claimlint,
    endpoint_env,
    run_process,
)
from fakes.eutils import FakeServices, Reply
from fakes.network import fake, loopback_only  # noqa: F401  (fixtures)

from checker.pubmed import ClientConfig, PubMedClient

API_KEY = "SECRETKEY7f3a9c2e41b8d5e6"
ENV_EMAIL = "env.secret+claimlint@example.org"  # CLAIMLINT_EMAIL, overridden by the config
CONFIG_EMAIL = "config.secret+claimlint@example.org"
SECRETS = (API_KEY, ENV_EMAIL, CONFIG_EMAIL)
# SYNTHETIC records of the fake services: PMIDs from 99000001, DOIs under 10.5555 (a prefix
# reserved for tests), PMCIDs PMC995... whose DOI only Crossref knows.
ECHO_PAGE = """# Sleep

Placebo tablets improve sleep quality [1].

Dry needling may reduce neck pain in some patients [2].

Acupuncture may ease migraine in some people [3].

## References

1. Fixture AB. Green tea and memory in older adults. Synth J Test Fixtures. 2020. PMID: 99000001
2. A synthetic reference. doi:10.5555/claimlint.99000002
3. A synthetic PMC work. PMCID: PMC99500004
"""
OUTPUTS = [
    ("--format", "text"), ("--format", "json"), ("--format", "sarif"), ("--format", "github"),
    ("--format", "gitlab"), ("--format", "html"), ("--statistics",), ("--list-claims",),
]


def _base64_forms(secret: bytes) -> set[bytes]:
    """The secret's characters in any base64 text, at each of the three byte alignments."""
    forms = set()
    for shift in range(3):
        padded = b"\0" * shift + secret
        encoded = base64.b64encode(padded)[(8 * shift + 5) // 6: 8 * len(padded) // 6]
        forms |= {encoded, encoded.translate(bytes.maketrans(b"+/", b"-_"))}
    return forms


def _forms(secret: str) -> set[bytes]:
    """Raw, URL-encoded (both ways) and base64-encoded."""
    plain = {secret, quote(secret, safe=""), quote_plus(secret)}
    return {form.encode() for form in plain} | _base64_forms(secret.encode())


def _leaks(data: bytes) -> list[str]:
    return [secret for secret in SECRETS if any(form in data for form in _forms(secret))]


@pytest.fixture
def echoing(fake: FakeServices) -> FakeServices:  # noqa: F811
    """Services that repeat each request (key and email included) in their answers: in the
    metadata of records and in the body of an error."""
    fake.echo_requests = True
    echo = "Echo $request"
    fake.add_article("99000001", title=echo, journal=echo, author=echo)
    fake.add_work("10.5555/crossref-only.99500004", title=echo, journal=echo, author=echo)
    fake.serve_always(Reply(400, b'{"error": "invalid query: $request"}'), route="esearch")
    return fake


def test_secrets_stay_out_of_every_output_log_and_cache_file(
    claimlint: Claimlint, echoing: FakeServices, tmp_path: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "page.md").write_text(ECHO_PAGE)
    (tmp_path / ".claimlint.toml").write_text(f'email = "{CONFIG_EMAIL}"\n')
    monkeypatch.setenv("NCBI_API_KEY", API_KEY)
    monkeypatch.setenv("CLAIMLINT_EMAIL", ENV_EMAIL)
    caplog.set_level(logging.DEBUG)  # every logger of the process, urllib3's included
    shown = b""
    for output in OUTPUTS:
        run = claimlint("lint", "page.md", "--online", "--fail-on", "never", *output)
        assert run.code == 0 and "Traceback" not in run.stderr + run.log, output
        for text in (run.stdout, run.stderr, run.log):
            assert _leaks(text.encode()) == [], (output, text)
        shown += run.stdout.encode()
    debug = run_process("lint", "page.md", "--online", "--format", "json", cwd=tmp_path,
                        env={**endpoint_env(echoing.base_url, tmp_path / "fresh-cache"),
                             "CLAIMLINT_DEBUG": "1"})
    assert '"POST /entrez/eutils/efetch.fcgi HTTP/1.1" 200' in debug.stderr, debug.stderr[-2000:]
    assert _leaks((debug.stdout + debug.stderr).encode()) == []
    for cache in ("cache", "fresh-cache"):
        for path in (tmp_path / cache).iterdir():
            assert _leaks(path.read_bytes()) == [], path

    ncbi = [seen for seen in echoing.requests() if seen.route in ("efetch", "esearch")]
    assert ncbi and all(seen.params.get("api_key") == API_KEY for seen in ncbi)
    assert all(seen.params.get("email") == CONFIG_EMAIL for seen in ncbi)
    assert {seen.params.get("mailto") for seen in echoing.requests("crossref")} == {CONFIG_EMAIL}
    assert b"REDACTED" in shown  # the echoes did reach the reports, blanked


@pytest.fixture
def decoy() -> Iterator[FakeServices]:
    """Another copy of the services, on another port: nothing may ever reach it."""
    with FakeServices() as services:
        yield services


def _links_page(decoy: str) -> str:
    """Copy full of URLs: other hosts, the decoy, resolvers, PubMed and Crossref links."""
    return f"""# Links everywhere

Placebo tablets improve sleep quality (https://pubmed.ncbi.nlm.nih.gov/99000001/).

Dry needling may reduce neck pain (https://doi.org/10.5555/claimlint.99000002).

Cupping may ease back pain ([Crossref]({decoy}/crossref/works/10.5555/claimlint.99000003),
[API](https://api.crossref.org/works/10.5555/claimlint.99000004)).

See [our study]({decoy}/entrez/eutils/efetch.fcgi?db=pubmed&id=99000005),
<a href="http://localhost:{decoy.rsplit(":", 1)[1]}/idconv/?ids=PMC99000006">PMC</a>,
![pixel]({decoy}/pixel.png), <img src="{decoy}/img.gif">, file:///etc/passwd,
https://example.com/redirect?to={decoy}/, and http://dx.doi.org/10.5555/claimlint.99000007.
"""


def test_only_the_configured_endpoints_are_contacted(
    claimlint: Claimlint, fake: FakeServices, decoy: FakeServices,  # noqa: F811
    loopback_only: list[object], tmp_path: Path  # noqa: F811
) -> None:
    (tmp_path / "page.md").write_text(_links_page(decoy.base_url))
    run = claimlint("lint", "page.md", "--online", "--format", "json", "--fail-on", "never")
    assert run.code == 0 and "Traceback" not in run.stderr + run.log
    assert fake.requests() and all(seen.route != "unknown" for seen in fake.requests())
    port = int(fake.base_url.rsplit(":", 1)[1])
    assert loopback_only and set(loopback_only) == {("127.0.0.1", port)}
    assert decoy.requests() == []


def test_a_redirect_to_another_host_is_refused(
    claimlint: Claimlint, fake: FakeServices, decoy: FakeServices, tmp_path: Path  # noqa: F811
) -> None:
    (tmp_path / "page.md").write_text("Placebo tablets improve sleep (PMID: 99000001).\n")
    fake.serve_always(Reply(302, headers={"Location": f"{decoy.base_url}/entrez/eutils/"}))
    run = claimlint("lint", "page.md", "--online", "--format", "json", "--select", "RF")
    assert decoy.requests() == []
    assert [f["code"] for f in run.findings()] == ["RF120"]
    assert "refused redirect" in run.findings()[0]["message"]


# -- a repository's config and cache are untrusted input ------------------------------------

# says what the synthetic record concludes, so it is verified without any finding
CITING_PAGE = "In one trial, placebo tablets did not improve sleep quality (PMID: 99000001).\n"


class _Planted:
    """A pickle that, when loaded, creates the folder ``marker``: code run from a cache."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


def _plant(cache_dir: Path, marker: Path) -> int:
    """Replace every cached answer in every SQLite file of ``cache_dir`` by the pickle;
    returns how many were replaced."""
    replaced = 0
    for file in cache_dir.glob("*.sqlite"):
        with closing(sqlite3.connect(file)) as database, database:
            replaced += database.execute("UPDATE responses SET value = ?",
                                         (pickle.dumps(_Planted(marker)),)).rowcount
    return replaced


def _fill_cache(services: FakeServices, cache_dir: Path) -> None:
    """Cache the page's answer as a client pointed at ``services`` does (the same keys)."""
    with PubMedClient(ClientConfig.from_env(
            environ={}, eutils_url=services.endpoints.eutils, idconv_url=services.endpoints.idconv,
            crossref_url=services.endpoints.crossref, cache_dir=cache_dir)) as client:
        assert "99000001" in client.lookup_pmids(["99000001"])


def test_a_repository_config_chooses_neither_endpoints_nor_cache(
    claimlint: Claimlint, fake: FakeServices, decoy: FakeServices, tmp_path: Path  # noqa: F811
) -> None:
    """The repository names a cache folder it ships, holding a crafted pickle for the very
    request the page makes, and a decoy server: no code runs, nothing reaches the decoy."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "page.md").write_text(CITING_PAGE)
    (repo / ".claimlint.toml").write_text(
        f'eutils-url = "{decoy.base_url}/entrez/eutils/"\nidconv-url = "{decoy.base_url}/idconv/"'
        f'\ncrossref-url = "{decoy.base_url}/crossref/"\ncache-dir = "committed-cache"\n')
    _fill_cache(decoy, repo / "committed-cache")
    marker = tmp_path / "code-ran"
    assert _plant(repo / "committed-cache", marker) >= 1
    decoy.seen.clear()
    run = claimlint("lint", "repo/page.md", "--online", "--format", "json", "--select", "RF")
    assert not marker.exists()
    assert decoy.requests() == []
    assert run.code == 0 and run.findings() == [], run.stdout  # verified at the user's endpoint
    assert [seen.route for seen in fake.requests()] == ["efetch"]
    assert "ignoring eutils-url, idconv-url, crossref-url, cache-dir" in run.log
    assert "CLAIMLINT_TRUST_REPO_CONFIG=1" in run.log


def test_a_pickle_in_the_users_own_cache_never_runs(
    claimlint: Claimlint, fake: FakeServices, tmp_path: Path  # noqa: F811
) -> None:
    """Cached answers are JSON: a pickle slipped into the cache file is unreadable data, so
    the answer is asked for again."""
    (tmp_path / "page.md").write_text(CITING_PAGE)
    lint = ("lint", "page.md", "--online", "--format", "json", "--select", "RF")
    assert claimlint(*lint).findings() == []
    marker = tmp_path / "code-ran"
    assert _plant(tmp_path / "cache", marker) >= 1
    asked = len(fake.requests())
    run = claimlint(*lint)
    assert not marker.exists()
    assert run.code == 0 and run.findings() == []
    assert len(fake.requests()) == asked + 1  # the planted entry was no answer


def test_the_api_key_goes_only_to_servers_the_user_chose(
    claimlint: Claimlint, fake: FakeServices, decoy: FakeServices, tmp_path: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.md").write_text(CITING_PAGE)
    (tmp_path / ".claimlint.toml").write_text(f'eutils-url = "{decoy.base_url}/entrez/eutils/"\n'
                                              'cache-dir = "repo-cache"\n')
    monkeypatch.setenv("NCBI_API_KEY", API_KEY)
    lint = ("lint", "page.md", "--online", "--format", "json", "--select", "RF")
    run = claimlint(*lint)  # CLAIMLINT_EUTILS_URL (the fake) beats the repository
    assert decoy.requests() == [] and run.findings() == []
    assert [seen.params.get("api_key") for seen in fake.requests()] == [API_KEY]

    monkeypatch.delenv("CLAIMLINT_EUTILS_URL")  # trusted, the repository's endpoint is used...
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "another-cache"))
    run = claimlint(*lint, "--trust-config")
    assert [seen.route for seen in decoy.requests()] == ["efetch"]
    assert "api_key" not in decoy.requests()[0].params  # ...but it never gets the key
    assert "not sending NCBI_API_KEY to 127.0.0.1" in run.log
    assert not (tmp_path / "repo-cache").exists()  # the cache folder is never the project's
    assert "ignoring cache-dir: a project's config never chooses the cache folder" in run.log
    assert _leaks(run.stdout.encode() + run.stderr.encode() + run.log.encode()) == []


def test_the_user_config_file_sets_endpoints_and_cache(
    claimlint: Claimlint, fake: FakeServices, decoy: FakeServices, tmp_path: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's config file (platformdirs' user config folder) is the user's word: its
    endpoints get the key; the environment still wins over it, and a project cannot."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    user_config = tmp_path / "xdg" / "claimlint" / "config.toml"
    user_config.parent.mkdir(parents=True)
    user_config.write_text(f'eutils-url = "{fake.base_url}/entrez/eutils/"\n'
                           'cache-dir = "../../user-cache"\n')
    for name in ("CLAIMLINT_EUTILS_URL", "CLAIMLINT_CACHE_DIR"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("NCBI_API_KEY", API_KEY)
    (tmp_path / "page.md").write_text(CITING_PAGE)
    (tmp_path / ".claimlint.toml").write_text(f'eutils-url = "{decoy.base_url}/entrez/eutils/"\n')
    run = claimlint("lint", "page.md", "--online", "--format", "json", "--select", "RF",
                    "--trust-config")
    assert run.code == 0 and run.findings() == [] and decoy.requests() == []
    assert [seen.params.get("api_key") for seen in fake.requests()] == [API_KEY]
    assert list((tmp_path / "user-cache").iterdir())
    user_config.write_text('cache-dir = 42\n')
    run = claimlint("lint", "page.md", "--online")
    assert run.code == 2 and run.stderr.endswith(
        "config.toml: cache-dir, crossref-url, email, eutils-url, idconv-url must be strings\n")


# -- symbolic links: the linted folder is the boundary ----------------------------------------

OUTSIDE_SECRET = "SYNTHETIC_TOKEN=5e1c9a77 revolutionary cupping cures back pain for good."


@pytest.fixture
def linked_site(tmp_path: Path) -> Path:
    """``site/`` with a page, a link to it, and links out of the folder (a .env beside it and
    /etc/passwd), as a hostile repository would commit them."""
    (tmp_path / ".env").write_text(OUTSIDE_SECRET + "\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.md").write_text("Our revolutionary cupping relieves back pain.\n")
    (site / "alias.md").symlink_to("page.md")
    (site / "notes.txt").symlink_to("../.env")
    (site / "passwd.txt").symlink_to("/etc/passwd")
    return site


def test_links_out_of_the_linted_folder_are_skipped(
    claimlint: Claimlint, linked_site: Path  # noqa: F811
) -> None:
    run = claimlint("lint", "site", "--format", "html", "--offline", "--fail-on", "never")
    assert run.code == 0
    assert "SYNTHETIC_TOKEN" not in run.stdout and "root:" not in run.stdout
    assert "alias.md" in run.stdout and "page.md" in run.stdout  # a link inside is linted
    for name in ("notes.txt", "passwd.txt"):
        assert f"site/{name}: a link to a file outside site; skipped (--follow-links" in run.log
    followed = claimlint("lint", "site", "--format", "json", "--offline", "--follow-links")
    assert {f["path"] for f in followed.findings()} >= {"site/notes.txt"}


def test_fix_writes_through_links_only_inside_the_folder(
    claimlint: Claimlint, linked_site: Path, tmp_path: Path  # noqa: F811
) -> None:
    run = claimlint("lint", "site", "--fix", "--offline", "--select", "OS", "--follow-links")
    assert (linked_site / "alias.md").is_symlink() and (linked_site / "notes.txt").is_symlink()
    assert (linked_site / "page.md").read_text() == "Our cupping relieves back pain.\n"
    assert (tmp_path / ".env").read_text() == OUTSIDE_SECRET + "\n"  # outside: left alone
    assert "claimlint: site/notes.txt: a link to a file outside site; not fixed" in run.stderr


# -- terminal escape sequences in the copy ---------------------------------------------------

TITLE, CLEAR, CSI = "\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m"  # OSC retitle, erase, C1 CSI
HOSTILE_NAME = f"page{TITLE}.md"
HOSTILE_COPY = f"Our revolutionary {TITLE}cupping relieves back pain{CLEAR} for good{CSI}.\n"
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize("options", [
    (), ("--list-claims",), ("--statistics",), ("--fix",), ("--diff",),
], ids=["text", "list-claims", "statistics", "fix", "diff-on-a-pipe"])
def test_escape_sequences_in_the_copy_reach_no_terminal_raw(
    claimlint: Claimlint, tmp_path: Path, options: tuple[str, ...]  # noqa: F811
) -> None:
    (tmp_path / HOSTILE_NAME).write_text(HOSTILE_COPY)
    (tmp_path / ".claimlint.toml").write_text(
        '[[rules]]\ncode = "XC001"\nname = "evil\\u001b[2Jname"\npatterns = ["relieve"]\n'
        'kind = "substitution"\nreplace = "eases"\nmessage = "\\u001b[2J{text}"\n')
    run = claimlint("lint", HOSTILE_NAME, "--offline", *options)
    assert run.code in (0, 1), run.stderr
    shown = run.stderr + ("" if options == ("--diff",) else run.stdout)
    assert not _RAW.findall(shown), shown
    if options == ("--diff",):  # a patch for a pipe is the file's bytes, or it would not apply
        assert f"+Our {TITLE}cupping eases back pain{CLEAR} for good{CSI}.\n" in run.stdout
    elif options != ("--statistics",):  # (codes and built-in rule names only)
        assert "\\x1b" in shown
    if options == ():
        assert "XC001 [warning] \\x1b[2Jrelieves" in run.stdout
    if options == ("--list-claims",):
        assert "plain]: Our revolutionary \\x1b]0;pwned\\x07cupping" in (
            run.stdout)


def test_warnings_and_errors_on_stderr_escape_the_names_they_quote(tmp_path: Path) -> None:
    """What the console script's log handler prints (in-process runs see pytest's instead)."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / f"link{CLEAR}.md").symlink_to("/etc/hostname")
    (tmp_path / "site" / "page.md").write_text("Plain words.\n")
    warned = run_process("lint", "site", "--offline", cwd=tmp_path, env={})
    failed = run_process("lint", f"missing{TITLE}.md", cwd=tmp_path, env={})
    assert warned.code == 0 and failed.code == 2
    assert not _RAW.findall(warned.stderr + failed.stderr)
    assert "site/link\\x1b[2J.md: a link to a file outside site" in warned.stderr
    assert failed.stderr == ("claimlint: error: missing\\x1b]0;pwned\\x07.md: no such file or "
                             "directory\n")
