"""Text from linted files, made safe to show on a terminal.

Copy can carry escape sequences (``ESC ] 0 ; title BEL`` retitles the window, ``ESC [ 2 J``
clears the screen, others move the cursor to forge lines) and other C0 and C1 control
characters. Every human-readable output (the text format, ``--list-claims``,
``--statistics``, messages on stderr, ``--diff`` on a terminal) shows them escaped, as
``\\x1b``. Tabs and line feeds stay; a CRLF shows as a line feed.
"""

from __future__ import annotations

_KEPT = {ord("\t"), ord("\n")}
_ESCAPED = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))
            if code not in _KEPT}


def printable(text: str) -> str:
    """``text`` with every control character but tab and line feed shown as ``\\xNN``."""
    return text.replace("\r\n", "\n").translate(_ESCAPED)
