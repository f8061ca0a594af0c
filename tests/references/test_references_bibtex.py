"""BibTeX: loading a .bib file, its errors, and checking it on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.eutils import MakeClient

from checker.errors import ClaimlintError
from checker.references import load_bibliography
from checker.references.bibliography import check_bibliography
from checker.references.bibtex import MAX_BIB_BYTES

# Synthetic entries (PMIDs >= 99000000, DOIs under 10.5555/) and the real retracted PMID 9500320.
BIB = r"""% references for the acupuncture page
@article{trial2022,
  title   = {{SYNTHETIC} randomised trial of acupuncture for migraine prevention},
  author  = {Trial, Tomas and Fixture, Ada B. and others},
  journal = {Synth J Complement Test Data},
  year    = 2022, volume = 3, pages = {21--29},
  doi     = {https://doi.org/10.5555/claimlint.99001002},
  pmid    = {99001002},
}

@article{manip2019,
  title   = {{SYNTHETIC} trial of spinal manipulation for chronic low back pain},
  author  = {Fern{\'a}ndez-N{\'u}{\~n}ez, Luc{\'i}a and Example, Carl},
  journal = {Journal of Manual and Manipulative Therapy},
  year    = 2017,
  pmid    = {99001003},
}
@article{wakefield1998, author = {Wakefield, A. J.}, journal = {Lancet}, year = {1998},
  pmid = {9500320}}
@misc{typo, title = {A study}, pmid = {12a45}}
@misc{ghost, title = {A study that does not exist}, doi = {10.5555/claimlint.missing}}
@misc{mixed, title = {Two papers}, pmid = {99001002}, doi = {10.5555/claimlint.99001003}}
@online{book, title = {SYNTHETIC chapter on made-up supplements},
  eprinttype = {pubmed}, eprint = {99000900}}
"""


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_entries_carry_fields_identifiers_and_position(bib: Path):
    bibliography = load_bibliography(bib)
    assert list(bibliography.entries) == ["trial2022", "manip2019", "wakefield1998", "typo",
                                          "ghost", "mixed", "book"]
    manip = bibliography.get("manip2019")
    assert manip.authors == ("Fernández-Núñez L", "Example C")
    assert manip.title == "SYNTHETIC trial of spinal manipulation for chronic low back pain"
    assert (manip.year, manip.line) == (2017, 11)
    assert bibliography.text[manip.start:manip.end] == "@article{manip2019"
    trial = bibliography.get("trial2022")
    assert trial.authors == ("Trial T", "Fixture AB")
    assert [(i.kind, i.value) for i in trial.identifiers] == [
        ("doi", "10.5555/claimlint.99001002"), ("pmid", "99001002")]
    assert [(i.kind, i.value) for i in bibliography.get("book").identifiers] == [
        ("pmid", "99000900")]
    [bad] = bibliography.get("typo").identifiers
    assert not bad.valid and bad.raw == "12a45"


@pytest.mark.parametrize(("text", "expected"), [
    ("@article{ok, title = {Fine}}\n\n@article{broken,\n  title = {unclosed,\n  year = 2020\n}\n"
     "@misc{next, note = {x}}\n", "refs.bib:3: malformed BibTeX entry '@article{broken,': "
     "Unexpected block start"),
    ("@article{nokey title = {x}}\n", "refs.bib:1: malformed BibTeX entry '@article{nokey "
     "title =': Expected comma after entry key"),
    ("@article{same, title = {A}}\n@article{same, title = {B}}\n",
     "refs.bib:2: duplicate BibTeX key 'same' (first used on line 1)"),
])
def test_malformed_bibtex_is_a_one_line_error(tmp_path: Path, text: str, expected: str):
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClaimlintError) as error:
        load_bibliography(path)
    message = str(error.value).replace(str(tmp_path) + "/", "")
    assert message.startswith(expected) and "\n" not in message


def test_unreadable_huge_or_binary_files_are_errors(tmp_path: Path):
    huge = tmp_path / "huge.bib"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BIB_BYTES + 1)
    latin1 = tmp_path / "latin1.bib"
    latin1.write_bytes("@misc{x, author = {M\u00fcller}}".encode("latin-1"))
    for path, reason in [(tmp_path / "missing.bib", "cannot read BibTeX file"),
                         (huge, "over the 5 MB limit"), (latin1, "not valid UTF-8")]:
        with pytest.raises(ClaimlintError, match=reason) as error:
            load_bibliography(path)
        assert str(error.value).startswith(str(path))


def test_check_bibliography_places_problems_at_entries(bib: Path, make_client: MakeClient):
    text = bib.read_text(encoding="utf-8")
    found = [(code, text[p.start:p.end]) for code, p in check_bibliography(bib, make_client())]
    assert found == [
        ("RF104", "@article{manip2019"),
        ("RF105", "@article{wakefield1998"),
        ("RF101", "@misc{typo"),
        ("RF102", "@misc{ghost"),
        ("RF103", "@misc{mixed"),
    ]
    messages = dict(check_bibliography(bib, make_client()))
    assert "year 2017 (record: 2019)" in messages["RF104"].message
    assert "journal" not in messages["RF104"].message  # the full name of J Man Manip Ther


def test_check_bibliography_offline_checks_shape_only(bib: Path):
    assert [code for code, _ in check_bibliography(bib, None)] == ["RF101"]
