"""Recorded text shown in a terminal: control characters escaped, columns padded by width.

A recording is data someone else may have written. Printed raw, its text could move the
cursor, clear the screen, set the terminal's title or reverse the order of what follows (ESC
sequences, C1 controls, bidi overrides). :func:`printable` escapes every such character the way
Python writes it in a string literal (``\\x1b``, ``\\u202e``) and keeps Japanese, emoji and
their joiners readable. :func:`pad` aligns columns by the cells a terminal gives each character:
two for wide and fullwidth ones (``東``, ``🏮``), none for combining marks.
"""

from __future__ import annotations

import unicodedata

__all__ = ["pad", "printable", "width"]

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Controls, format characters (bidi marks and overrides among them), lone surrogates, and the
line and paragraph separators."""

_JOINERS = frozenset({"\u200c", "\u200d"})
"""Zero-width non-joiner and joiner: format characters that only join (emoji sequences, scripts)."""

_EMOJI_TAGS = range(0xE0020, 0xE0080)
"""Tag characters: format characters that only spell the subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿)."""


def _is_unsafe(char: str) -> bool:
    if unicodedata.category(char) not in _ESCAPED_CATEGORIES:
        return False
    return char not in _JOINERS and ord(char) not in _EMOJI_TAGS


_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every character that could drive a terminal escaped (``\\x1b``, ``\\u202e``).

    Escaped: C0 and C1 controls (ESC, carriage return, backspace...), DEL, format characters
    such as bidi marks, overrides and isolates (but not the joiners emoji and scripts need),
    lone surrogates, and the line and paragraph separators.

    Args:
        text: The text to show.
        multiline: Keep newlines and tabs (for a text shown as a block of lines).
    """
    if text.isprintable():
        return text
    kept = "\n\t" if multiline else ""
    return "".join(
        _escape(char) if char not in kept and _is_unsafe(char) else char for char in text
    )


def width(text: str) -> int:
    """The terminal cells ``text`` takes: 2 per wide or fullwidth character, 0 per combining one.

    Meant for text already passed through :func:`printable` (one line, no controls).
    """
    if text.isascii():
        return len(text)
    cells = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        cells += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return cells


def pad(text: str, cells: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``cells`` terminal cells (aligned left, or right)."""
    fill = " " * max(0, cells - width(text))
    return fill + text if right else text + fill
