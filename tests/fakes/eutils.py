"""A local stand-in for E-utilities, the PMC ID Converter and Crossref.

It answers in the recorded wire formats of ``tests/fixtures/eutils`` (see SOURCES.md there),
records every request it gets, and can be scripted per test: queue replies for a route (429,
500, HTML page, slow or endless answers, redirects, XML bombs...) and they are served before
the normal answers resume; ``serve_always`` answers every request with one reply (an outage, a
429 storm); ``add_article``/``add_work`` add records with chosen metadata. Replies can also
stall or end mid-body, close the connection without a word, stream a gigantic body without
holding it in memory, or trickle in a byte at a time (``drip``: every read well within any
read timeout); ``echo_requests`` makes answers repeat the request, secrets included.
"""

from __future__ import annotations

import json
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, unquote, urlsplit

from checker.pubmed import Endpoints, PubMedClient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eutils"
SYNTHETIC_FIRST = 99_000_000
SYNTHETIC_LAST = 99_099_999
_DOCTYPE = (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    '1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
MakeClient = Callable[..., PubMedClient]  # the conftest ``make_client`` factory
_SYNTHETIC_DOI = re.compile(r"^10\.5555/claimlint\.(\d+)$")
UNAVAILABLE_DOI = "10.5555/claimlint.unavailable"
BILLION_LAUGHS_BODY = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<PubmedArticleSet>&lol9;</PubmedArticleSet>"""


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def synthetic_pmids(count: int, start: int = 1) -> list[str]:
    return [str(SYNTHETIC_FIRST + start + i) for i in range(count)]


@dataclass
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    declare_length: bool = True  # False: no Content-Length, the body ends when the socket closes
    repeat: int = 1  # the body is sent this many times: gigantic answers cost no memory here
    cut: int | None = None  # send only this many bytes of the declared body, then ``stall``
    stall: float = 0.0  # seconds to hang after ``cut`` bytes before closing the connection
    drop: bool = False  # close the connection without sending any response at all
    drip: float = 0.0  # seconds between single bytes of the answer, status line onwards ...
    drip_body_only: bool = False  # ... or from the body on, the headers sent at once


@dataclass(frozen=True)
class Seen:
    """A request the fake services received."""

    route: str
    method: str
    path: str
    params: dict[str, str]
    at: float  # time.monotonic() on arrival


class FakeServices:
    """E-utilities under ``/entrez/eutils/``, ID Converter ``/idconv/``, Crossref ``/crossref/``.

    Synthetic ids: PMIDs 99000001-99099999 exist (DOI ``10.5555/claimlint.<pmid>``, PMCID
    ``PMC<pmid>``); ``PMC995...`` ids are in PMC with a Crossref-only DOI. Crossref is down
    (HTTP 503) for ``UNAVAILABLE_DOI``, which PubMed does not have either.
    """

    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self.latency = 0.0
        self.echo_requests = False  # a careless service: ``$request`` in an answer repeats it
        self.drip = 0.0  # seconds between single bytes of every answer: a slow-drip server
        self.body_bytes_sent = 0  # over all replies, counted as the socket accepts them
        self._queued: dict[str, deque[Reply]] = defaultdict(deque)
        self._always: dict[str | None, Reply] = {}
        self._works: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._articles = _real_articles()
        self._reviews: dict[tuple[str, str], list[str]] = {}  # review searches answered
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._server.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def endpoints(self) -> Endpoints:
        return Endpoints(
            eutils=f"{self.base_url}/entrez/eutils/",
            idconv=f"{self.base_url}/idconv/",
            crossref=f"{self.base_url}/crossref/",
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeServices:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def queue(self, route: str, *replies: Reply) -> None:
        """Serve these replies, in order, to the next requests on ``route``."""
        with self._lock:
            self._queued[route].extend(replies)

    def serve_always(self, reply: Reply, route: str | None = None) -> None:
        """Answer every later request on ``route`` (on every route if None) with ``reply``."""
        with self._lock:
            self._always[route] = reply

    def add_article(self, pmid: str, *, title: str, journal: str, author: str) -> None:
        """Serve a synthetic record for ``pmid`` with this title, journal (full and ISO name)
        and first author's surname, XML-escaped as the wire format requires."""
        node = ET.fromstring(_synthetic_article(pmid))
        for path, value in ((".//ArticleTitle", title), (".//Journal/Title", journal),
                            (".//ISOAbbreviation", journal), (".//Author/LastName", author)):
            found = node.find(path)
            assert found is not None, path
            found.clear()
            found.text = value
        self._articles[pmid] = ET.tostring(node, encoding="unicode")

    def add_reviews(self, treatment: str, condition: str, pmids: list[str]) -> None:
        """Answer a systematic-review search for this treatment and condition with these
        (synthetic) PMIDs, newest first."""
        self._reviews[treatment.lower(), condition.lower()] = list(pmids)

    def add_work(self, doi: str, *, title: str, journal: str, author: str) -> None:
        """Serve a synthetic Crossref work for ``doi`` with this title, journal and first
        author's family name."""
        text = Template(fixture("synthetic_crossref_work.json").decode()).substitute(doi=doi)
        document = json.loads(text)
        work = document["message"]
        work.update({"title": [title], "container-title": [journal],
                     "short-container-title": [journal]})
        work["author"][0]["family"] = author
        self._works[doi.lower()] = json.dumps(document).encode()

    def count_sent(self, size: int) -> None:
        with self._lock:
            self.body_bytes_sent += size

    def requests(self, route: str | None = None) -> list[Seen]:
        with self._lock:
            return [seen for seen in self.seen if route is None or seen.route == route]

    def handle(self, method: str, path: str, params: dict[str, str]) -> Reply:
        route = _route(path)
        with self._lock:
            self.seen.append(Seen(route, method, path, params, time.monotonic()))
            if self._queued[route]:
                return self._queued[route].popleft()
            always = self._always.get(route) or self._always.get(None)
            if always:
                return always
        answer = getattr(self, f"_{route}", None)
        return answer(path, params) if answer else Reply(404, b"unknown path", "text/plain")

    # Normal answers, in the real services' formats.

    def _efetch(self, _: str, params: dict[str, str]) -> Reply:
        found = [self._article(pmid) for pmid in params.get("id", "").split(",")]
        body = _DOCTYPE + "<PubmedArticleSet>" + "".join(a for a in found if a)
        return Reply(
            body=(body + "</PubmedArticleSet>").encode(), content_type="text/xml; charset=UTF-8"
        )

    def _esummary(self, _: str, params: dict[str, str]) -> Reply:
        uids = params.get("id", "").split(",")
        result: dict[str, object] = {"uids": uids}
        real = json.loads(fixture("esummary_28806736.json"))["result"]
        for uid in uids:
            if uid in real:
                result[uid] = real[uid]
            elif _synthetic(uid):
                text = Template(fixture("synthetic_esummary_item.json").decode()).substitute(
                    _fields(uid)
                )
                result[uid] = json.loads(text)
            else:
                result[uid] = {"uid": uid, "error": "cannot get document summary"}
        return _json({"header": {"type": "esummary", "version": "0.3"}, "result": result})

    def _esearch(self, _: str, params: dict[str, str]) -> Reply:
        term = params.get("term", "")
        if "systematic[sb]" in term:
            phrases = tuple(p.lower() for p in re.findall(r'"([^"]+)"\[tiab\]', term))
            hits = list(self._reviews.get(phrases, ()))
        elif "[doi]" in term:
            hits = [
                pmid
                for doi in re.findall(r'"([^"]+)"\[doi\]', term)
                if (pmid := self._pmid_for_doi(doi))
            ]
        else:
            hits = self._title_search(term)
        retmax = int(params.get("retmax", "20"))
        return _json(
            {
                "header": {"type": "esearch", "version": "0.3"},
                "esearchresult": {
                    "count": str(len(hits)),
                    "retmax": str(min(retmax, len(hits))),
                    "retstart": "0",
                    "idlist": hits[:retmax],
                    "translationset": [],
                    "querytranslation": term,
                },
            }
        )

    def _ecitmatch(self, _: str, params: dict[str, str]) -> Reply:
        lines = []
        for line in params.get("bdata", "").split("\r"):
            fields = line.split("|")
            if len(fields) < 6:
                continue
            journal, year, volume, page, author = (f.strip().lower() for f in fields[:5])
            pmid = self._citation_match(journal, year, volume, page)
            lines.append(
                "|".join([journal, year, volume, page, author, fields[5], pmid or "NOT_FOUND"])
            )
        return Reply(
            body=("\n".join(lines) + "\n").encode(), content_type="text/plain; charset=UTF-8"
        )

    def _idconv(self, _: str, params: dict[str, str]) -> Reply:
        records = []
        for requested in params.get("ids", "").split(","):
            number = requested.upper().removeprefix("PMC")
            if _synthetic(number):
                records.append(
                    {"pmcid": requested, "pmid": number, "doi": f"10.5555/claimlint.{number}"}
                )
            elif number.startswith("995"):  # in PMC, with a DOI that PubMed does not index
                records.append({"pmcid": requested, "doi": f"10.5555/crossref-only.{number}"})
            else:
                records.append(
                    {"pmcid": requested, "status": "error", "errmsg": "invalid article id"}
                )
        return _json(
            {
                "status": "ok",
                "responseDate": "2026-01-01 00:00:00",
                "request": _request_text(params),  # the service echoes its request
                "records": records,
            }
        )

    def _crossref(self, path: str, _: dict[str, str]) -> Reply:
        doi = unquote(path.removeprefix("/crossref/works/")).lower()
        if doi in self._works:
            return Reply(body=self._works[doi])
        if doi == "10.1371/journal.pone.0033693":
            return Reply(body=fixture("crossref_work_updated_by_correction.json"))
        if doi == UNAVAILABLE_DOI:
            return Reply(503, b"Service Unavailable", "text/plain")
        if doi == "10.5555/claimlint.crossref-retracted":
            return Reply(body=fixture("synthetic_crossref_retracted.json"))
        if doi.startswith("10.5555/crossref-only."):
            text = Template(fixture("synthetic_crossref_work.json").decode()).substitute(doi=doi)
            return Reply(body=text.encode())
        return Reply(404, fixture("crossref_404.txt"), "text/plain")

    # The article table: real efetch fixtures plus generated synthetic records.

    def _article(self, pmid: str) -> str | None:
        if pmid in self._articles:
            return self._articles[pmid]
        return _synthetic_article(pmid) if _synthetic(pmid) else None

    def _pmid_for_doi(self, doi: str) -> str | None:
        synthetic = _SYNTHETIC_DOI.match(doi.lower())
        if synthetic and _synthetic(synthetic.group(1)):
            return synthetic.group(1)
        for pmid, xml in self._articles.items():
            if f">{doi.lower()}<" in xml.lower():
                return pmid
        return None

    def _title_search(self, term: str) -> list[str]:
        words = [w.lower() for w in re.findall(r"(\S+)\[ti\]", term)]
        year = re.search(r"(\d{4})\[dp\]", term)
        hits = []
        for pmid, xml in self._articles.items():
            node = ET.fromstring(xml)
            title, date = _all_text(node, ".//ArticleTitle").lower(), _all_text(node, ".//PubDate")
            if all(w in title for w in words) and (not year or year.group(1) in date):
                hits.append(pmid)
        return hits

    def _citation_match(self, journal: str, year: str, volume: str, page: str) -> str | None:
        if journal == "synth j test fixtures" and year == "2020" and page.isdigit():
            pmid = str(SYNTHETIC_FIRST + int(page))
            return pmid if _fields(pmid)["volume"] == volume else None
        for pmid, xml in self._articles.items():
            node = ET.fromstring(xml)
            found = (
                (node.findtext(".//ISOAbbreviation") or "").lower(),
                node.findtext(".//PubDate/Year"),
                node.findtext(".//JournalIssue/Volume"),
                node.findtext(".//Pagination/StartPage"),
            )
            if found == (journal, year, volume, page):
                return pmid
        return None


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = self.rfile.read(length).decode() if length else ""
        params = {k: v[-1] for k, v in parse_qs(url.query).items()}
        params.update({k: v[-1] for k, v in parse_qs(form).items()})
        fake: FakeServices = self.server.fake  # type: ignore[attr-defined]
        reply = fake.handle(self.command, url.path, params)
        time.sleep(fake.latency + reply.delay)
        if reply.drop:
            self.close_connection = True
            return
        body = _echoed(reply.body, params) if fake.echo_requests else reply.body
        if reply.drip or fake.drip:
            self._drip(body, reply, reply.drip or fake.drip)
            return
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.declare_length:
                self.send_header("Content-Length", str(len(body) * reply.repeat))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self._send_body(body, reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test, size cap)

    def _send_body(self, body: bytes, reply: Reply) -> None:
        fake: FakeServices = self.server.fake  # type: ignore[attr-defined]
        if reply.cut is not None:
            self.wfile.write(body[: reply.cut])
            self.wfile.flush()
            time.sleep(reply.stall)
            self.close_connection = True
            return
        for _ in range(reply.repeat):
            self.wfile.write(body)
            fake.count_sent(len(body))

    def _drip(self, body: bytes, reply: Reply, seconds: float) -> None:
        """The whole answer, one byte every ``seconds`` (after the headers if asked)."""
        head = (f"HTTP/1.1 {reply.status} Dripping\r\nContent-Type: {reply.content_type}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        data, start = head + body, len(head) if reply.drip_body_only else 0
        self.close_connection = True
        try:
            self.wfile.write(data[:start])
            for index in range(start, len(data)):
                self.wfile.write(data[index:index + 1])
                self.wfile.flush()
                time.sleep(seconds)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def log_message(self, *_: object) -> None:
        pass


def _request_text(params: dict[str, str]) -> str:
    return ";".join(f"{name}={value}" for name, value in params.items())


def _echoed(body: bytes, params: dict[str, str]) -> bytes:
    """What a careless service does: repeat the request, secrets and all, in its answer."""
    return body.replace(b"$request", _request_text(params).encode())


def _route(path: str) -> str:
    for utility in ("efetch", "esummary", "esearch", "ecitmatch"):
        if path.startswith("/entrez/eutils/" + utility):
            return utility
    for service in ("idconv", "crossref"):
        if path.startswith(f"/{service}/"):
            return service
    return "unknown"


def _synthetic_article(pmid: str) -> str:
    template = re.sub(
        r"<!--.*?-->\s*", "", fixture("synthetic_efetch_article.xml").decode(), flags=re.S
    )
    return Template(template).substitute(_fields(pmid))


def _real_articles() -> dict[str, str]:
    """PMID -> serialized PubmedArticle/PubmedBookArticle from the efetch fixtures."""
    articles = {}
    for name in (
        "efetch_retracted_9500320.xml",
        "efetch_two_articles.xml",
        "synthetic_efetch_book.xml",
        "synthetic_efetch_reference_rules.xml",
    ):
        for node in ET.fromstring(fixture(name)):
            articles[node.findtext(".//PMID") or ""] = ET.tostring(node, encoding="unicode")
    return articles


def _all_text(node: ET.Element, path: str) -> str:
    found = node.find(path)
    return "".join(found.itertext()) if found is not None else ""


def _synthetic(pmid: str) -> bool:
    return (
        pmid.isdigit() and SYNTHETIC_FIRST < int(pmid) <= SYNTHETIC_LAST and int(pmid) != 99000900
    )


def _fields(pmid: str) -> dict[str, str]:
    """Template values of a synthetic record; its first page encodes the PMID."""
    return {
        "pmid": pmid,
        "page": str(int(pmid) - SYNTHETIC_FIRST),
        "volume": str(int(pmid) % 7 + 1),
    }


def _json(document: object) -> Reply:
    return Reply(body=json.dumps(document).encode(), content_type="application/json; charset=UTF-8")
