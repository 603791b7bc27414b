"""Recorded text shown in a terminal: controls escaped, Japanese and emoji kept, widths in cells."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transformer_mock._display import pad, printable, width


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("浅草寺\x1b[2J\x1b[H", "浅草寺\\x1b[2J\\x1b[H"),  # clear the screen, cursor home
        ("\x1b]0;盗まれた\x07", "\\x1b]0;盗まれた\\x07"),  # set the terminal title
        ("答え\r偽の答え", "答え\\r偽の答え"),  # carriage return overwrites the line
        ("\x9b31m赤", "\\x9b31m赤"),  # C1 control sequence introducer
        ("del\x7f\x08", "del\\x7f\\x08"),
        ("\u202eevil.exe", "\\u202eevil.exe"),  # right-to-left override
        ("\u2066隔離\u2069\u200f", "\\u2066隔離\\u2069\\u200f"),  # bidi isolates and marks
        ("一行\u2028二行", "一行\\u2028二行"),  # line separator
        ("\ud800孤立", "\\ud800孤立"),  # a lone surrogate (JSON allows one)
        ("\U000e0001tag", "\\U000e0001tag"),  # the deprecated language tag
    ],
)
def test_printable_escapes_what_drives_a_terminal(raw: str, shown: str) -> None:
    assert shown == printable(raw)


@pytest.mark.parametrize(
    "text",
    [
        "東京の台東区です。🏮",
        "👨\u200d👩\u200d👧 family",  # joined by zero-width joiners
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland's flag
        "❤\ufe0f cafe\u0301",  # variation selector, combining accent
        "全角\u3000空白",
    ],
)
def test_printable_keeps_japanese_and_emoji_as_they_are(text: str) -> None:
    assert text == printable(text)


def test_multiline_keeps_newlines_and_tabs_but_not_carriage_returns() -> None:
    assert "一行目\n\t二行目\\r\n" == printable("一行目\n\t二行目\r\n", multiline=True)
    assert "一行目\\n\\t二行目" == printable("一行目\n\t二行目")


@given(st.text())
def test_printable_text_holds_no_control_or_bidi_character(text: str) -> None:
    shown = printable(text)

    assert [] == [
        char
        for char in shown
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")
        or unicodedata.bidirectional(char) in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI")
        or unicodedata.bidirectional(char) in ("FSI", "PDI")
        or char in "\u200e\u200f\u061c"
    ]


@given(st.text(st.characters(categories=["L", "N", "P", "S", "Zs"])))
def test_printable_leaves_text_without_controls_unchanged(text: str) -> None:
    assert text == printable(text)


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("sushi", 5),
        ("浅草寺", 6),
        ("ｶﾀｶﾅ", 4),  # halfwidth katakana
        ("ＡＢ", 4),  # fullwidth letters
        ("🏮🙏", 4),
        ("cafe\u0301", 4),  # a combining acute accent takes no cell
        ("👨\u200d👩", 4),
        ("", 0),
    ],
)
def test_width_counts_terminal_cells(text: str, cells: int) -> None:
    assert cells == width(text)


def test_pad_fills_to_the_cells_not_the_characters() -> None:
    assert ["浅草寺    |", "    浅草寺|", "sushi     |"] == [
        pad("浅草寺", 10) + "|",
        pad("浅草寺", 10, right=True) + "|",
        pad("sushi", 10) + "|",
    ]


@given(st.text(), st.integers(min_value=0, max_value=40))
def test_padded_text_takes_at_least_the_cells_asked(text: str, cells: int) -> None:
    shown = printable(text)

    assert max(cells, width(shown)) == width(pad(shown, cells))
