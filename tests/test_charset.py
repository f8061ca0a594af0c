"""HTML pages in a declared charset: read as browsers read them, positions in the file, and
``--fix`` writes back the same encoding byte for byte outside its edits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.readers import decode_file
from checker.readers.charset import Encoding, declared, sniff

# 0x93/0x94 are curly quotes in windows-1252 (what browsers read iso-8859-1 pages as)
LATIN = (b'<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body>\r\n'
         b"<p>Caf\xe9 \x93d\xe9tox\x94 menu.</p>\r\n"
         b"<p>Our revolutionary cupping relieves back pain for good.</p></body></html>\r\n")


def lint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", "lint", *args, "--select", "OS,IN",
                           "--offline", "--format", "json"], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def findings(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)["findings"]


@pytest.mark.parametrize(("head", "label"), [
    (b'<meta charset="iso-8859-1">', "iso-8859-1"),
    (b"<META CHARSET=koi8-r>", "koi8-r"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "Shift_JIS"),
    (b"<!-- <meta charset=koi8-r> --><meta charset='windows-1251'>", "windows-1251"),
    (b"<p>no declaration</p>", None),
])
def test_the_declared_charset_is_found_in_the_first_kilobyte(head, label):
    assert declared(b"<html><head>" + head) == label
    assert declared(b" " * 1100 + head) is None  # too late: browsers stop looking


def test_a_bom_wins_and_only_html_reads_a_declaration():
    assert sniff(b"\xef\xbb\xbf<meta charset=koi8-r>", html=True)[0] == Encoding(
        "utf-8", b"\xef\xbb\xbf")
    assert sniff(b"\xff\xfe<\x00", html=False)[0].codec == "utf-16-le"
    assert sniff(b"<meta charset=koi8-r>", html=False)[0].codec == "utf-8"
    assert sniff(b"<meta charset=utf-16>", html=True)[0].codec == "utf-8"  # a page cannot be


@pytest.mark.parametrize("label", ["bogus-8", "rot13", "base64", "utf-7"])
def test_an_unknown_or_non_text_charset_is_read_as_utf8_with_a_warning(label):
    data = f"<meta charset={label}><p>Caf\u00e9</p>".encode()
    decoded = decode_file("page.html", data, 10**6, "html")
    assert decoded.text == data.decode() and decoded.exact
    [problem] = decoded.problems
    assert problem.code == "IN004" and not problem.fatal and repr(label) in problem.message


def test_every_byte_of_a_windows_page_round_trips():
    data = b"<meta charset=windows-1252>" + bytes(range(0x20, 0x100))
    decoded = decode_file("page.html", data, 10**6, "html")
    assert decoded.exact and decoded.problems == []
    assert "\u201c" in decoded.text and "\x81" in decoded.text  # undefined bytes kept as C1
    assert decoded.encoding.encode(decoded.text) == data


def test_a_utf16_file_with_a_bom_is_text_not_binary():
    data = "\ufeffCupping cures pain.\n".encode("utf-16-le")
    decoded = decode_file("notes.txt", data, 10**6)
    assert decoded.text == "Cupping cures pain.\n" and decoded.exact


def test_bytes_invalid_in_the_declared_charset_are_replaced_and_reported():
    data = b"<meta charset=shift_jis><p>\x82\xa0 \x82</p>"
    decoded = decode_file("page.html", data, 10**6, "html")
    assert not decoded.exact and "\ufffd" in decoded.text
    assert [p.code for p in decoded.problems] == ["IN002"]
    assert "shift_jis" in decoded.problems[0].message


def test_a_latin1_page_is_linted_at_positions_in_the_file(tmp_path):
    (tmp_path / "page.html").write_bytes(LATIN)
    found = findings(lint("page.html", cwd=tmp_path))
    assert [(f["code"], f["line"], f["column"], f["text"]) for f in found] == [
        ("OS131", 3, 8, "revolutionary"), ("OS102", 3, 49, "for good")]


def test_fix_writes_the_page_back_in_its_own_charset(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(LATIN)
    result = lint("page.html", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert page.read_bytes() == LATIN.replace(b"revolutionary ", b"").replace(b" for good", b"")
    assert "fixed page.html:3:8: OS131 removed 'revolutionary'" in result.stderr


def test_an_unknown_charset_never_crashes_and_is_reported(tmp_path):
    (tmp_path / "page.html").write_bytes(b"<meta charset='x-klingon'><p>Caf\xc3\xa9.</p>\n")
    result = lint("page.html", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [finding] = findings(result)
    assert finding["code"] == "IN004" and "x-klingon" in finding["message"]


def test_fix_refuses_a_file_read_with_replacement_characters(tmp_path):
    page = tmp_path / "page.html"
    data = b"<meta charset=shift_jis><p>\x82 Our revolutionary cupping relieves pain.</p>\n"
    page.write_bytes(data)
    result = lint("page.html", "--fix", cwd=tmp_path)
    assert "page.html: not fixed" in result.stderr and "Traceback" not in result.stderr
    assert page.read_bytes() == data
