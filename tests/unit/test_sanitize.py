"""Untrusted text must reach the terminal with nothing it could act on."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from djreader.core.sanitize import STAND_IN, TABLE, needs_sanitizing, visible

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def dangerous(ch: str) -> bool:
    """The test's own definition: controls, bidi, separators, hidden-text carriers, surrogates."""
    code = ord(ch)
    return (
        unicodedata.category(ch) in ("Cc", "Cs")
        or ch in BIDI
        or ch in "\u2028\u2029"
        or 0x206A <= code <= 0x206F
        or 0xFFF9 <= code <= 0xFFFB
        or 0xE0000 <= code <= 0xE007F
    )


ATTACKS = [
    "\x1b]0;pwned\x07",  # OSC 0 window title
    "\x1b]2;pwned\x1b\\",  # OSC 2, ST-terminated
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # OSC 52 clipboard write
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 link
    "\x1b[2J\x1b[H",  # CSI clear screen, home
    "\x1b[10;20H\x1b[5A\x1b[3C",  # cursor moves
    "\x07\x07",  # BEL
    "\x9b2J\x9d0;t\x9c",  # C1 CSI, OSC, ST
    "tail\x1b",  # lone ESC
    "用户\u202e名单.exe\u202c",  # bidi override
    "a\u2066b\u2069c\u200fd\u061ce",  # isolates and marks
    "\x00\x7f\r\n\t",
    "x\ud800y\udfff",  # lone surrogates
    "hidden\U000e0041\U000e0042",  # tag characters
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_are_defused(attack: str) -> None:
    text = f"正文{attack}正文"
    out = visible(text)
    assert needs_sanitizing(text)
    assert len(out) == len(text)
    assert not any(dangerous(ch) for ch in out)
    assert not needs_sanitizing(out)
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    # Everything that was harmless is unchanged, in place.
    for before, after in zip(text, out):
        if not dangerous(before):
            assert before == after


def test_stand_ins() -> None:
    assert visible("\x1b") == "\u241b"  # ␛
    assert visible("\x07") == "\u2407"  # ␇
    assert visible("\x00") == "\u2400"
    assert visible("\n\r") == "\u240a\u240d"
    assert visible("\t") == " "
    assert visible("\x7f") == "\u2421"  # ␡
    assert visible("\x9b") == STAND_IN
    assert visible("\u202e") == STAND_IN
    assert visible("\ud800") == "\ufffd"


def test_clean_text_passes_unchanged() -> None:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert visible(line) is line
    text = "党建引领“新动能”：2.39亿元，增长98.47%。👨\u200d👩\u200d👧 ☺\ufe0f café"
    assert not needs_sanitizing(text)
    assert visible(text) is text


@settings(max_examples=300)
@given(st.text(st.characters(exclude_categories=())))
def test_arbitrary_text(text: str) -> None:
    out = visible(text)
    assert len(out) == len(text)
    assert not any(dangerous(ch) for ch in out)
    assert visible(out) == out
    assert needs_sanitizing(text) == any(dangerous(ch) for ch in text)
    for before, after in zip(text, out):
        if not dangerous(before):
            assert before == after


@settings(max_examples=200)
@given(st.text(st.characters(exclude_categories=())))
def test_translate_table_agrees(text: str) -> None:
    assert text.translate(TABLE) == visible(text)
