"""What a run may leak or contact: the NCBI API key and the user's email appear in no output,
log or cache file, even when the services echo them back; only the configured endpoints are
ever contacted, whatever URLs the copy contains or the services redirect to."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
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
