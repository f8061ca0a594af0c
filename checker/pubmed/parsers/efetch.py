"""efetch ``db=pubmed retmode=xml`` (a PubmedArticleSet) -> full ``Record``s keyed by PMID.

Book chapters (PubmedBookArticle) are read too, so a cited GeneReviews chapter is never
mistaken for a missing PMID. A requested PMID absent from the set does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.etree.ElementTree import Element

from ..abstracts import Section, abstract_text, conclusion_sentences
from ..errors import ApiError
from ..records import Record
from .common import parse_xml, text, year_in

_NOTICE_FIELDS = {
    "RetractionIn": "retraction_notices",
    "PartialRetractionIn": "retraction_notices",
    "ExpressionOfConcernIn": "expressions_of_concern",
    "ErratumIn": "errata",
}


def parse_efetch(body: bytes) -> dict[str, Record]:
    """Records in an efetch answer; an ``eFetchResult`` error document raises ``ApiError``."""
    root = parse_xml(body)
    if root.tag == "eFetchResult":
        raise ApiError(f"efetch error: {text(root.find('ERROR')) or 'unspecified'}")
    if root.tag != "PubmedArticleSet":
        raise ApiError(f"unexpected efetch root element <{root.tag}>")
    records = [_article(node) for node in root.iterfind("PubmedArticle")]
    records += [_book(node) for node in root.iterfind("PubmedBookArticle")]
    return {record.pmid: record for record in records if record.pmid}


def _article(node: Element) -> Record:
    citation = _required(node, "MedlineCitation")
    article = _required(citation, "Article")
    ids = _article_ids(node.iterfind("PubmedData/ArticleIdList/ArticleId"))
    comments = list(citation.iterfind("CommentsCorrectionsList/CommentsCorrections"))
    notices = _notices(comments)
    shared = _shared_fields(
        article.find("Abstract"),
        article.find("AuthorList"),
        article.iterfind("PublicationTypeList/PublicationType"),
    )
    return Record(
        source="pubmed",
        pmid=text(citation.find("PMID")),
        pmcid=ids.get("pmc"),
        doi=ids.get("doi") or text(article.find("ELocationID[@EIdType='doi']")),
        title=text(article.find("ArticleTitle")) or text(article.find("VernacularTitle")),
        journal=text(article.find("Journal/Title")),
        journal_iso=text(article.find("Journal/ISOAbbreviation")),
        year=_year(article),
        volume=text(article.find("Journal/JournalIssue/Volume")),
        issue=text(article.find("Journal/JournalIssue/Issue")),
        pages=_pages(article),
        retracted="Retracted Publication" in shared["publication_types"]
        or any(c.get("RefType") == "RetractionIn" for c in comments),
        mesh_terms=_texts(citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")),
        retraction_notices=notices["retraction_notices"],
        expressions_of_concern=notices["expressions_of_concern"],
        errata=notices["errata"],
        **shared,
    )


def _book(node: Element) -> Record:
    document = _required(node, "BookDocument")
    ids = _article_ids(node.iterfind(".//ArticleIdList/ArticleId"))
    shared = _shared_fields(
        document.find("Abstract"),
        document.find("AuthorList[@Type='authors']"),
        document.iterfind("PublicationType"),
    )
    book_title = text(document.find("Book/BookTitle"))
    return Record(
        source="pubmed",
        pmid=text(document.find("PMID")),
        doi=ids.get("doi"),
        title=text(document.find("ArticleTitle")) or book_title,
        journal=book_title,
        year=year_in(text(document.find("Book/PubDate"))),
        retracted="Retracted Publication" in shared["publication_types"],
        **shared,
    )


def _shared_fields(
    abstract: Element | None, author_list: Element | None, types: Iterable[Element]
) -> dict[str, Any]:
    """Fields read the same way from journal articles and book chapters."""
    sections = [
        Section(body, node.get("Label"), node.get("NlmCategory"))
        for node in (abstract.iterfind("AbstractText") if abstract is not None else ())
        if (body := text(node))
    ]
    authors = _authors(author_list)
    return {
        "authors": tuple(name for name, _ in authors),
        "first_author_surname": authors[0][1] if authors else None,
        "publication_types": _texts(types),
        "abstract": abstract_text(sections),
        "conclusion_sentences": conclusion_sentences(sections),
    }


def _authors(author_list: Element | None) -> list[tuple[str, str | None]]:
    """(display name, surname) pairs; a group author has no surname."""
    authors: list[tuple[str, str | None]] = []
    for author in author_list.iterfind("Author") if author_list is not None else ():
        if author.get("ValidYN") == "N":
            continue
        surname = text(author.find("LastName"))
        if surname:
            initials = text(author.find("Initials"))
            authors.append((f"{surname} {initials}" if initials else surname, surname))
        elif group := text(author.find("CollectiveName")):
            authors.append((group, None))
    return authors


def _notices(comments: list[Element]) -> dict[str, tuple[str, ...]]:
    """Retraction, concern and erratum notices by PMID (citation text when PMID is absent)."""
    found: dict[str, list[str]] = {field: [] for field in _NOTICE_FIELDS.values()}
    for comment in comments:
        field = _NOTICE_FIELDS.get(comment.get("RefType", ""))
        notice = text(comment.find("PMID")) or text(comment.find("RefSource"))
        if field and notice:
            found[field].append(notice)
    return {field: tuple(notices) for field, notices in found.items()}


def _article_ids(nodes: Iterable[Element]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for node in nodes:
        value = text(node)
        if value:
            ids.setdefault(node.get("IdType", ""), value)
    return ids


def _year(article: Element) -> int | None:
    issue_date = text(article.find("Journal/JournalIssue/PubDate"))
    return year_in(issue_date) or year_in(text(article.find("ArticleDate")))


def _pages(article: Element) -> str | None:
    pages = text(article.find("Pagination/MedlinePgn"))
    if pages:
        return pages
    first = text(article.find("Pagination/StartPage"))
    last = text(article.find("Pagination/EndPage"))
    return f"{first}-{last}" if first and last else first


def _texts(nodes: Iterable[Element]) -> tuple[str, ...]:
    return tuple(value for node in nodes if (value := text(node)))


def _required(node: Element, path: str) -> Element:
    found = node.find(path)
    if found is None:
        raise ApiError(f"efetch record without <{path}>")
    return found
