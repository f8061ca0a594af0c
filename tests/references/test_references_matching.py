"""Metadata comparison: tolerant of how copy writes a reference, strict about what it says."""

from __future__ import annotations

import pytest

from checker.pubmed import Record
from checker.references import Description
from checker.references.matching import mismatches, same_journal, same_paper, same_title

MANUAL_THERAPY = Record(source="crossref", doi="10.5555/x", journal="The Journal of manual "
                        "& manipulative therapy", title="Spinal manipulation for low back pain: "
                        "a randomised trial.", authors=("Fernández-Núñez L",),
                        first_author_surname="Fernández-Núñez", year=2019)


@pytest.mark.parametrize(("copy", "full"), [
    ("J Man Manip Ther", "The Journal of manual & manipulative therapy"),
    ("J. Man. Manip. Ther.", "The Journal of manual & manipulative therapy"),
    ("Journal of Manual and Manipulative Therapy", "The Journal of manual & manipulative therapy"),
    ("Lancet", "Lancet (London, England)"),
    ("The Lancet", "Lancet (London, England)"),
    ("N Engl J Med", "The New England journal of medicine"),
    ("J Magn Reson", "Journal of magnetic resonance (San Diego, Calif. : 1997)"),
    ("Am J Public Health", "American journal of public health"),
    ("Evid Based Complement Alternat Med", "Evidence-based complementary and alternative "
     "medicine : eCAM"),
])
def test_abbreviated_journal_matches_its_full_name(copy: str, full: str):
    assert same_journal(copy, Record(source="crossref", journal=full))


@pytest.mark.parametrize(("copy", "full"), [
    ("J Pain", "Pain medicine (Malden, Mass.)"),
    ("Pain", "Pain medicine (Malden, Mass.)"),
    ("BMJ", "Lancet (London, England)"),
    ("J Man Ther", "The Journal of manual & manipulative therapy"),
    ("Man Ther", "Spine"),
])
def test_another_journal_does_not_match(copy: str, full: str):
    assert not same_journal(copy, Record(source="crossref", journal=full))


def test_journal_matches_either_record_name():
    record = Record(source="pubmed", journal="Lancet (London, England)", journal_iso="Lancet")
    assert same_journal("Lancet", record)
    assert not same_journal("Lancet Neurol", record)


def test_matching_description_has_no_mismatch():
    described = Description(title="SPINAL MANIPULATION FOR LOW-BACK PAIN", authors=(
        "Fernandez-Nunez L", "Example C"), journal="J Man Manip Ther", year=2019)
    assert mismatches(described, MANUAL_THERAPY) == []


def test_a_different_year_is_a_mismatch():
    found = mismatches(Description(journal="J Man Manip Ther", year=2018), MANUAL_THERAPY)
    assert found == ["year 2018 (record: 2019)"]


@pytest.mark.parametrize(("field", "described"), [
    ("title", Description(title="Spinal manipulation for neck pain")),
    ("first author", Description(authors=("Fernandes L",))),
    ("journal", Description(journal="J Manipulative Physiol Ther")),
])
def test_substance_changes_are_mismatches(field: str, described: Description):
    [found] = mismatches(described, MANUAL_THERAPY)
    assert found.startswith(field)


@pytest.mark.parametrize(("copy", "record", "same"), [
    ("Ileal lymphoid nodular hyperplasia, nonspecific colitis and pervasive developmental "
     "disorder in children", "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and "
     "pervasive developmental disorder in children.", True),
    ("Proton MRI of 13C distribution by J and chemical shift editing", "Proton MRI of (13)C "
     "distribution by J and chemical shift editing.", True),
    ("Spinal manipulation for low back pain", "Spinal manipulation for low back pain: a "
     "randomised trial.", True),
    ("Spinal manipulation for low back pain - a randomised trial", "Spinal manipulation for "
     "low back pain.", True),
    ("Spinal manipulation for low back", "Spinal manipulation for low back pain.", False),
    ("Vitamin D increases fracture risk in older adults", "Vitamin D reduces fracture risk in "
     "older adults.", False),
    ("Acupuncture", "Acupuncture for migraine prophylaxis.", False),
])
def test_title_tolerance(copy: str, record: str, same: bool):
    assert same_title(copy, record) is same


def test_same_paper_by_pmid_then_doi_then_title():
    pubmed = Record(source="pubmed", pmid="1", doi="10.1/A", title="A trial.")
    assert same_paper(pubmed, Record(source="pubmed", pmid="1"))
    assert not same_paper(pubmed, Record(source="pubmed", pmid="2", doi="10.1/a"))
    assert same_paper(pubmed, Record(source="crossref", doi="10.1/a"))
    assert not same_paper(pubmed, Record(source="crossref", doi="10.1/b", title="A trial"))
    assert same_paper(Record(source="crossref", title="A trial"), Record(
        source="crossref", title="a trial."))
