"""``PubMedClient``: the batched lookups a linter makes once per run.

Request budget: PMIDs go 200 to an efetch POST; DOIs 100 to an esearch (``"doi"[doi] OR ...``)
whose hits are fetched by efetch, and only DOIs PubMed lacks go to Crossref one by one;
PMCIDs go 200 to the ID Converter; citations 100 to ECitMatch, with a title search for the
ones it cannot place. Every answer is a ``Record``, ``NotFound`` or ``Unverified``: network and
API trouble never raises.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar
from urllib.parse import quote

from .config import ClientConfig
from .errors import LookupFailed
from .parsers import (
    PmcIds,
    parse_crossref_work,
    parse_ecitmatch,
    parse_efetch,
    parse_esearch,
    parse_esearch_count,
    parse_esummary,
    parse_idconv,
)
from .records import Citation, NotFound, Record, Result, Unverified
from .transport import Call, Transport

T = TypeVar("T")

EFETCH_BATCH = 200
ESUMMARY_BATCH = 200
DOI_BATCH = 100
IDCONV_BATCH = 200
CITATION_BATCH = 100
_ESEARCH_RETMAX = "1000"  # a DOI batch can match a few more PMIDs than DOIs (errata)

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{3,}")
_STOPWORDS = {"with", "from", "that", "this", "their", "into", "than", "after", "during"}
_BDATA_UNSAFE = re.compile(r"[|\r\n]+")


class PubMedClient:
    """Looks up cited studies in PubMed (and Crossref for DOIs PubMed lacks).

    Use as a context manager, or call ``close()``. One client per run: its time budget,
    rate limiter and fail-fast switch cover all of its lookups.
    """

    def __init__(self, config: ClientConfig | None = None) -> None:
        self._config = config or ClientConfig.from_env()
        self._http = Transport(self._config)

    @property
    def offline(self) -> bool:
        """Answers come from the cache only: a reference rule may stay silent for a miss."""
        return self._config.offline

    def __enter__(self) -> PubMedClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the HTTP session and the cache file."""
        self._http.close()

    def lookup_pmids(self, pmids: Iterable[str], *, full: bool = True) -> dict[str, Result]:
        """PMID -> result. ``full=False`` uses esummary: partial records, no abstracts."""
        wanted = _normalise(pmids, _pmid)
        found: Mapping[str, Result]
        if full:
            found = _in_batches(_valid(wanted), EFETCH_BATCH, self._efetch)
        else:
            found = _in_batches(_valid(wanted), ESUMMARY_BATCH, self._esummary)
        return _answer(wanted, found, "no PubMed record")

    def lookup_dois(self, dois: Iterable[str]) -> dict[str, Result]:
        """DOI -> result: PubMed first, Crossref for the DOIs PubMed does not have."""
        wanted = _normalise(dois, _doi)
        found: dict[str, Result] = {}
        found.update(_in_batches(_valid(wanted), DOI_BATCH, self._pubmed_dois))
        for doi in _valid(wanted):
            pubmed = found.get(doi)
            if isinstance(pubmed, Record):
                continue
            crossref = self._crossref(doi)
            # After a PubMed failure only a Crossref record helps: "not found" needs both.
            if isinstance(crossref, Record) or not isinstance(pubmed, Unverified):
                found[doi] = crossref
        return _answer(wanted, found, "no PubMed or Crossref record")

    def lookup_pmcids(self, pmcids: Iterable[str]) -> dict[str, Result]:
        """PMCID -> result, via the PMC ID Converter and then PubMed (or Crossref)."""
        wanted = _normalise(pmcids, _pmcid)
        converted = _in_batches(_valid(wanted), IDCONV_BATCH, self._idconv)
        ids = [value for value in converted.values() if isinstance(value, PmcIds)]
        by_pmid = self.lookup_pmids(i.pmid for i in ids if i.pmid)
        by_doi = self.lookup_dois(i.doi for i in ids if i.doi and not i.pmid)
        found: dict[str, Result] = {}
        for pmcid, value in converted.items():
            if isinstance(value, PmcIds) and (value.pmid or value.doi):
                result = by_pmid[value.pmid] if value.pmid else by_doi[value.doi or ""]
                found[pmcid] = _with_pmcid(result, pmcid)
            elif isinstance(value, Unverified):
                found[pmcid] = value
        return _answer(wanted, found, "not in PubMed Central")

    def match_citations(self, citations: Iterable[Citation]) -> dict[str, Result]:
        """Citation key -> result, for references given without any identifier."""
        by_tag = {f"c{i}": citation for i, citation in enumerate(citations)}
        matched: dict[str, str | Unverified | None] = dict.fromkeys(by_tag)
        matched.update(_in_batches(list(by_tag), CITATION_BATCH, self._ecitmatch(by_tag)))
        for tag, citation in by_tag.items():
            if matched[tag] is None and citation.title:
                matched[tag] = self._search_title(citation)
        records = self.lookup_pmids(pmid for pmid in matched.values() if isinstance(pmid, str))
        unmatched = NotFound("no PubMed match for this citation")
        return {
            by_tag[tag].key: records[value] if isinstance(value, str) else value or unmatched
            for tag, value in matched.items()
        }

    def search_reviews(self, pairs: Iterable[tuple[str, str]], newest: int = 3
                       ) -> dict[tuple[str, str], Reviews | Unverified]:
        """For each (treatment, condition): how many systematic reviews and meta-analyses
        PubMed indexes that name both in their title or abstract, and the newest ones in full
        (their conclusions say how firm the evidence is). One esearch per pair, then one
        efetch for the newest records of all pairs together."""
        found: dict[tuple[str, str], tuple[int, list[str]] | Unverified] = {}
        for pair in dict.fromkeys(pairs):
            call = self._ncbi("esearch.fcgi", term=review_query(*pair), retmax=str(newest),
                              sort="pub_date", retmode="json")
            try:
                found[pair] = self._http.fetch(call, parse_esearch_count)
            except LookupFailed as exc:
                found[pair] = Unverified(str(exc))
        ids = [pmid for value in found.values() if not isinstance(value, Unverified)
               for pmid in value[1]]
        records = self.lookup_pmids(ids) if ids else {}
        return {pair: value if isinstance(value, Unverified) else Reviews(
                    query=review_query(*pair), count=value[0],
                    newest=tuple(r for pmid in value[1]
                                 if isinstance(r := records.get(pmid), Record)))
                for pair, value in found.items()}

    # One request each; they raise LookupFailed, which _in_batches turns into Unverified.

    def _efetch(self, pmids: Sequence[str]) -> dict[str, Record]:
        call = self._ncbi("efetch.fcgi", id=",".join(pmids), retmode="xml")
        return self._http.fetch(call, parse_efetch)

    def _esummary(self, pmids: Sequence[str]) -> dict[str, Record | NotFound]:
        call = self._ncbi("esummary.fcgi", id=",".join(pmids), retmode="json")
        return self._http.fetch(call, parse_esummary)

    def _pubmed_dois(self, dois: Sequence[str]) -> dict[str, Record]:
        """Records for the DOIs of one esearch batch, matched back by the DOIs they carry."""
        term = " OR ".join(f'"{doi}"[doi]' for doi in dois)
        pmids = self._esearch(term, _ESEARCH_RETMAX)
        records: dict[str, Record] = {}
        for batch in _chunks(pmids, EFETCH_BATCH):
            records.update(self._efetch(batch))
        wanted = set(dois)
        return {
            doi: record
            for record in records.values()
            if record.doi and (doi := record.doi.lower()) in wanted
        }

    def _esearch(self, term: str, retmax: str) -> list[str]:
        call = self._ncbi("esearch.fcgi", term=term, retmax=retmax, retmode="json")
        return self._http.fetch(call, parse_esearch)

    def _crossref(self, doi: str) -> Result:
        params = {"mailto": self._config.email} if self._config.email else {}
        url = f"{self._config.endpoints.crossref}works/{quote(doi, safe='/')}"
        try:
            work = self._http.fetch(Call("GET", url, params), parse_crossref_work, allow_404=True)
        except LookupFailed as exc:
            return Unverified(str(exc))
        return work or NotFound("no Crossref record")

    def _idconv(self, pmcids: Sequence[str]) -> dict[str, PmcIds | None]:
        params = {"ids": ",".join(pmcids), "format": "json", **self._identity()}
        call = Call("GET", self._config.endpoints.idconv, params)
        return self._http.fetch(call, parse_idconv)

    def _ecitmatch(
        self, by_tag: Mapping[str, Citation]
    ) -> Callable[[Sequence[str]], dict[str, str | None]]:
        """A batch lookup of citation tags through ECitMatch."""

        def match(tags: Sequence[str]) -> dict[str, str | None]:
            lines = "\r".join(_bdata_line(tag, by_tag[tag]) for tag in tags)
            call = self._ncbi("ecitmatch.cgi", bdata=lines, retmode="xml")
            return self._http.fetch(call, parse_ecitmatch)

        return match

    def _search_title(self, citation: Citation) -> str | Unverified | None:
        """The single PubMed hit for the title's words (plus year and author), if unique."""
        words = _TITLE_WORD.findall(citation.title or "")
        terms = [f"{word}[ti]" for word in words if word.lower() not in _STOPWORDS][:8]
        terms += [f"{citation.year}[dp]"] if citation.year else []
        terms += [f"{citation.author}[au]"] if citation.author else []
        try:
            hits = self._esearch(" AND ".join(terms), "2")
        except LookupFailed as exc:
            return Unverified(str(exc))
        return hits[0] if len(hits) == 1 else None

    def _ncbi(self, utility: str, **params: str) -> Call:
        params = {"db": "pubmed", **params, **self._identity(api_key=True)}
        return Call("POST", self._config.endpoints.eutils + utility, params)

    def _identity(self, *, api_key: bool = False) -> dict[str, str]:
        """tool/email on every NCBI request; the API key only where E-utilities reads it."""
        identity = {"tool": "claimlint"}
        if self._config.email:
            identity["email"] = self._config.email
        if api_key and self._config.api_key:
            identity["api_key"] = self._config.api_key
        return identity


def review_query(treatment: str, condition: str) -> str:
    """PubMed's query for systematic reviews of a treatment for a condition."""
    def phrase(words: str) -> str:
        cleaned = re.sub(r'["\[\]()]', " ", words).strip()
        return f'"{cleaned}"[tiab]'

    return f"{phrase(treatment)} AND {phrase(condition)} AND (systematic[sb] OR " \
           f"meta-analysis[pt])"


@dataclasses.dataclass(frozen=True)
class Reviews:
    """What a review search found: the count, and the newest reviews' records."""

    query: str
    count: int
    newest: tuple[Record, ...]

    @property
    def link(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/?term={quote(self.query)}"


def _in_batches(
    ids: Sequence[str], size: int, lookup: Callable[[Sequence[str]], Mapping[str, T]]
) -> dict[str, T | Unverified]:
    """Run ``lookup`` per batch; a failed batch makes each of its ids ``Unverified``."""
    results: dict[str, T | Unverified] = {}
    for batch in _chunks(ids, size):
        try:
            results.update(lookup(batch))
        except LookupFailed as exc:
            results.update(dict.fromkeys(batch, Unverified(str(exc))))
    return results


def _chunks(ids: Sequence[str], size: int) -> list[Sequence[str]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _normalise(ids: Iterable[str], canonical: Callable[[str], str | None]) -> dict[str, str | None]:
    """Caller's spelling -> canonical id (None when it is not a well-formed id)."""
    return {raw: canonical(raw) for raw in ids}


def _valid(wanted: Mapping[str, str | None]) -> list[str]:
    return sorted({canonical for canonical in wanted.values() if canonical})


def _answer(
    wanted: Mapping[str, str | None], found: Mapping[str, Result], missing: str
) -> dict[str, Result]:
    """Results keyed by the caller's spelling; ids the service did not return are NotFound."""
    return {
        raw: found.get(canonical, NotFound(missing))
        if canonical
        else NotFound(f"not a valid identifier: {raw!r}")
        for raw, canonical in wanted.items()
    }


def _pmid(raw: str) -> str | None:
    value = raw.strip()
    return value if value.isdigit() else None


def _doi(raw: str) -> str | None:
    value = _DOI_PREFIX.sub("", raw.strip()).lower()
    return value if value.startswith("10.") and "/" in value else None


def _pmcid(raw: str) -> str | None:
    value = raw.strip().upper()
    value = value if value.startswith("PMC") else f"PMC{value}"
    return value if value[3:].isdigit() else None


def _with_pmcid(result: Result, pmcid: str) -> Result:
    if isinstance(result, Record) and not result.pmcid:
        return dataclasses.replace(result, pmcid=pmcid)
    return result


def _bdata_line(tag: str, citation: Citation) -> str:
    """``journal|year|volume|first_page|author|key|`` with separators removed from fields."""
    c = citation
    fields = (c.journal, c.year, c.volume, c.first_page, c.author)
    cleaned = [_BDATA_UNSAFE.sub(" ", str(field or "")).strip() for field in fields]
    return "|".join([*cleaned, tag, ""])
