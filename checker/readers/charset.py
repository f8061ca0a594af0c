"""Which encoding a file's bytes are in: a byte order mark, an HTML page's declared charset,
else UTF-8.

HTML pages are read as browsers read them (WHATWG encoding sniffing, simplified): a BOM wins;
otherwise a ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...;
charset=...">`` in the first 1024 bytes; ``iso-8859-1``, ``latin1`` and ``us-ascii`` mean
windows-1252, and a page cannot declare itself UTF-16. Only text encodings a browser knows are
accepted: Python's codec registry also holds ``rot13``, ``base64`` or ``utf-7``, none of which a
page may name. ``--fix`` writes a file back with the ``Encoding`` it was read with.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

PRESCAN_BYTES = 1024
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
# labels a page may declare (WHATWG's encodings, by the names Python knows them by)
_WHATWG = {
    "utf-8": "utf-8", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",  # a page cannot be UTF-16
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252", "cp1252": "cp1252",
    "x-cp1252": "cp1252", "cp819": "cp1252", "ibm819": "cp1252", "iso-ir-100": "cp1252",
    "iso8859-2": "iso8859-2", "iso-8859-2": "iso8859-2", "latin2": "iso8859-2",
    "iso-8859-3": "iso8859-3", "iso-8859-4": "iso8859-4", "iso-8859-5": "iso8859-5",
    "iso-8859-6": "iso8859-6", "iso-8859-7": "iso8859-7", "iso-8859-8": "iso8859-8",
    "iso-8859-10": "iso8859-10", "iso-8859-13": "iso8859-13", "iso-8859-14": "iso8859-14",
    "iso-8859-15": "iso8859-15", "latin9": "iso8859-15", "iso-8859-16": "iso8859-16",
    "koi8-r": "koi8-r", "koi8-u": "koi8-u", "macintosh": "mac-roman", "mac": "mac-roman",
    **{f"windows-{n}": f"cp{n}" for n in range(1250, 1259)},
    **{f"cp{n}": f"cp{n}" for n in range(1250, 1259)},
    "windows-874": "cp874", "ibm866": "cp866", "cp866": "cp866",
    "gbk": "gbk", "gb2312": "gbk", "gb18030": "gb18030", "big5": "big5hkscs",
    "euc-jp": "euc-jp", "iso-2022-jp": "iso2022-jp", "shift_jis": "shift_jis",
    "shift-jis": "shift_jis", "sjis": "shift_jis", "ms_kanji": "shift_jis",
    "windows-31j": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
}
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_META = re.compile(r"<meta\b[^>]{0,1024}?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]{1,40})",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes became its text, so ``--fix`` can turn edited text back into
    exactly the same kind of bytes."""

    codec: str = "utf-8"  # a Python codec name
    bom: bytes = b""

    def decode(self, data: bytes, replace: bool = False) -> str:
        """The text (raises UnicodeDecodeError unless ``replace``: U+FFFD for bad bytes)."""
        return data[len(self.bom):].decode(self.codec, "replace" if replace else _LEGACY)

    def encode(self, text: str) -> bytes:
        """``text`` in this encoding. A character a legacy encoding lacks (only HTML pages
        have one) is written as an HTML character reference, which the page shows alike."""
        return self.bom + text.encode(self.codec, "strict" if self.unicode else _LEGACY)

    @property
    def unicode(self) -> bool:
        return self.codec.startswith("utf")

    @property
    def name(self) -> str:
        return codecs.lookup(self.codec).name


UTF8 = Encoding()
_LEGACY = "claimlint-legacy"


def _legacy(error: UnicodeError) -> tuple[str | bytes, int]:
    """Windows code pages leave a few bytes (0x81, 0x8D ...) undefined; browsers read them
    as the C1 control of the same number, and so do we, both ways, so such a page still
    round-trips. A character an encoding lacks is written as a character reference."""
    single_byte = error.encoding == "charmap"  # the code pages' codec
    if isinstance(error, UnicodeDecodeError):
        if single_byte and 0x80 <= error.object[error.start] < 0xA0:
            return chr(error.object[error.start]), error.start + 1
        raise error
    if isinstance(error, UnicodeEncodeError):
        char = error.object[error.start]
        if single_byte and 0x80 <= ord(char) < 0xA0:
            return bytes([ord(char)]), error.start + 1
        return f"&#{ord(char)};", error.start + 1
    raise error  # pragma: no cover (translating errors are not raised by these codecs)


codecs.register_error(_LEGACY, _legacy)


def sniff(data: bytes, html: bool) -> tuple[Encoding, str | None]:
    """The encoding of ``data``, and the label of an unknown declared charset (read as UTF-8)
    when there is one."""
    for mark, codec in BOMS:
        if data.startswith(mark):
            return Encoding(codec, mark), None
    if not html:
        return UTF8, None
    label = declared(data)
    if label is None:
        return UTF8, None
    codec = _WHATWG.get(label.lower())
    return (Encoding(codec), None) if codec else (UTF8, label)


def declared(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares in its first 1024 bytes (comments skipped)."""
    head = _COMMENT.sub("", data[:PRESCAN_BYTES].decode("latin-1"))  # ASCII is what counts
    match = _META.search(head)
    return match.group(1) if match else None


def bom_only(data: bytes) -> Encoding:
    """The encoding a BOM names, else UTF-8 (what every file but an HTML page is read as)."""
    return sniff(data, html=False)[0]


def encoding_of(codec: str, data: bytes) -> Encoding:
    """The ``Encoding`` a file was read with, from its codec name and its bytes (which start
    with the BOM, if one named the codec)."""
    bom = next((mark for mark, name in BOMS if name == codec and data.startswith(mark)), b"")
    return Encoding(codec, bom)
