"""Paragraph layout: widths, kinsoku, numbers, coverage, robustness."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from djreader.core.typeset import Line, cell_width, layout, text_cells

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))

# The test's own idea of the rules, written independently of the module.
CLOSE = set("，。、；：！？）》」』”’】〕〉…—%％,.;:!?)]}")
OPEN = set("（《「『“‘【〔〈([{$¥")  # currency signs stay with the amount
INFIX = set(".,:-/．：")
DIGIT = re.compile(r"\d")


def seed_paragraphs() -> list[tuple[str, str, int, int]]:
    """(name, whole text, start, end) for every stripped non-empty line."""
    out = []
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"[^\n]+", text):
            start, end = m.span()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                out.append((path.name, text, start, end))
    return out


PARAGRAPHS = seed_paragraphs()


def number_token(text: str, i: int) -> tuple[int, int]:
    """Bounds of the number (digits joined by infix marks) containing text[i]."""
    lo = hi = i
    while lo > 0 and (
        DIGIT.match(text[lo - 1])
        or (text[lo - 1] in INFIX and lo >= 2 and DIGIT.match(text[lo - 2]))
    ):
        lo -= 1
    while hi + 1 < len(text) and (
        DIGIT.match(text[hi + 1])
        or (text[hi + 1] in INFIX and hi + 2 < len(text) and DIGIT.match(text[hi + 2]))
    ):
        hi += 1
    return lo, hi + 1


def legal_gap(text: str, lo: int, j: int) -> bool:
    """Could a line starting at ``lo`` legally end at gap ``j`` (kinsoku, numbers, words)?"""
    a = j - 1
    while a >= lo and text[a].isspace():
        a -= 1
    b = j
    while b < len(text) and text[b].isspace():
        b += 1
    if a < lo or b >= len(text):
        return False
    if text[a] in OPEN or text[b] in CLOSE:
        return False
    if a + 1 == b:  # no whitespace between
        x, y = text[a], text[b]
        if DIGIT.match(x) and (DIGIT.match(y) or (y in INFIX and b + 1 < len(text) and DIGIT.match(text[b + 1]))):
            return False
        if DIGIT.match(y) and x in INFIX and a > 0 and DIGIT.match(text[a - 1]):
            return False
        if cell_len(x) == 1 and cell_len(y) == 1:  # inside a word of narrow characters
            return False
    return True


def check(text: str, lines: list[Line], start: int, end: int, width: int, *, strict: bool) -> None:
    """Invariants of a layout of text[start:end]; ``strict`` adds kinsoku and numbers."""
    body = text[start:end]
    if not body.strip():
        assert lines == []
        return
    lead = len(body) - len(body.lstrip())
    trail = len(body) - len(body.rstrip())
    assert lines[0].start == start + lead
    assert lines[-1].end == end - trail
    for k, line in enumerate(lines):
        assert start <= line.start < line.end <= end
        assert line.cells == cell_len(text[line.start : line.end]) + line.indent
        assert line.indent == (0 if k else line.indent)
        if width >= 2:
            assert line.cells <= width, (line, text[line.start : line.end])
        else:
            assert line.cells <= 2
        assert not text[line.start].isspace() and not text[line.end - 1].isspace()
    for prev, nxt in zip(lines, lines[1:]):
        assert prev.end <= nxt.start
        assert text[prev.end : nxt.start].isspace() or prev.end == nxt.start
        if not strict:
            continue
        a, b = prev.end - 1, nxt.start
        avail = width - prev.indent
        # Numbers: never split unless the number alone is wider than the line.
        if prev.end == nxt.start and DIGIT.match(text[a]) and (
            DIGIT.match(text[b])
            or (text[b] in INFIX and b + 1 < end and DIGIT.match(text[b + 1]))
        ):
            lo, hi = number_token(text, a)
            assert cell_len(text[lo:hi]) > avail, ("split number", text[lo:hi], width)
        if text[a] in INFIX and DIGIT.match(text[b]) and a > 0 and DIGIT.match(text[a - 1]):
            lo, hi = number_token(text, a)
            assert cell_len(text[lo:hi]) > avail, ("split number", text[lo:hi], width)
        # Kinsoku: a violation is allowed only when the previous line offers
        # no legal gap at all (so the break was forced, e.g. a one-char line).
        if text[b] in CLOSE or text[a] in OPEN:
            alternatives = [j for j in range(prev.start + 1, prev.end) if legal_gap(text, prev.start, j)]
            assert not alternatives, ("kinsoku", text[prev.start : nxt.end], width, alternatives)


@pytest.mark.parametrize("width", range(20, 121))
def test_seed_paragraphs_at_every_width(width: int) -> None:
    assert PARAGRAPHS, "no seed files found"
    for _name, text, start, end in PARAGRAPHS:
        lines = layout(text, width, start=start, end=end)
        check(text, lines, start, end, width, strict=True)


@pytest.mark.parametrize("width", [20, 37, 80])
def test_seed_paragraphs_ambiguous_wide(width: int) -> None:
    for _name, text, start, end in PARAGRAPHS:
        for line in layout(text, width, start=start, end=end, ambiguous_wide=True):
            cells = sum(cell_width(c, ambiguous_wide=True) for c in text[line.start : line.end])
            assert line.cells == cells + line.indent <= width


CHINESE_ALPHABET = (
    "党建工作基层组织万亿元千多余年月日人"
    "，。、；：！？）》」』”’】…—%％“‘（《「『【"
    "0123456789.,:-/ $¥abcXYZ ()\u3000"
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=CHINESE_ALPHABET, min_size=1, max_size=300), st.integers(1, 200), st.integers(0, 3))
@example(body="000  ", width=2, indent=0)  # a forced break, then two spaces: the last line ends before them
def test_chinese_like_text(body: str, width: int, indent: int) -> None:
    text = "前缀\n" + body + "\n后缀"
    start, end = 3, 3 + len(body)
    lines = layout(text, width, start=start, end=end, indent=indent)
    check(text, lines, start, end, width, strict=width >= 8)


INTERESTING = st.sampled_from(
    ["\u200d", "\ufe0f", "\u0301", "\u202e", "\x1b", "\x00", "\t", " ", "\u3000", "👍", "👨", "☺", "♠",
     "中", "。", "（", "1", "a", "\u05d0", "\ud800", "\U000e0041", "\u200b", "\n"]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.characters(exclude_categories=()), INTERESTING), max_size=200).map("".join),
    st.integers(1, 200),
    st.booleans(),
)
def test_arbitrary_unicode(text: str, width: int, ambiguous: bool) -> None:
    lines = layout(text, width, ambiguous_wide=ambiguous)
    last = 0
    for line in lines:
        assert 0 <= last <= line.start < line.end <= len(text)
        last = line.end
        if width >= 2:
            assert line.cells <= width
        if not ambiguous:
            assert line.cells == cell_len(text[line.start : line.end]) + line.indent


@settings(max_examples=200)
@given(st.text(alphabet="中a1 。（\u200d\ufe0f☺\u0301", max_size=60), st.integers(1, 3))
def test_tiny_widths_terminate(text: str, width: int) -> None:
    lines = layout(text, width, indent=2)
    for line in lines:
        # At width 1 a 2-cell character (or emoji with VS16) sits alone.
        assert line.cells <= max(width, 2)
        if line.cells > width:
            assert text_cells(text[line.start : line.end]) == 2


def test_long_runs_are_hard_broken() -> None:
    for text in ("x" * 1000, "9" * 1000, "。" * 500, "（" * 500, "\u0301" * 5000, "中" * 1000):
        lines = layout(text, 7, indent=0)
        assert lines[0].start == 0 and lines[-1].end == len(text)
        assert all(line.cells <= 7 for line in lines)


def test_kinsoku_pushes_a_character_down() -> None:
    text = "一二三四五六七八九十。"
    lines = layout(text, 20, indent=0)
    assert [text[ln.start : ln.end] for ln in lines] == ["一二三四五六七八九", "十。"]
    text = "一二三四五六七八九（十）"
    lines = layout(text, 19, indent=0)
    assert [text[ln.start : ln.end] for ln in lines] == ["一二三四五六七八九", "（十）"]


@pytest.mark.parametrize("token", ["98.47%", "2.39亿元", "12,000", "2019-03-15", "12:00", "9000多元"])
def test_numbers_stay_whole_where_they_fit(token: str) -> None:
    text = f"据统计，全年增长达到{token}，比上年有所提高。"
    i = text.index(token)
    for width in range(text_cells(token) + 4, 60):
        for line in layout(text, width):
            inside = line.start <= i < line.end
            assert inside == (line.start < i + len(token) <= line.end), (width, line)


def test_latin_words_break_at_spaces() -> None:
    text = "the quick brown fox jumps over the lazy dog"
    lines = layout(text, 10, indent=0)
    words = [text[ln.start : ln.end] for ln in lines]
    assert words == ["the quick", "brown fox", "jumps over", "the lazy", "dog"]


def test_offsets_index_the_whole_text_and_indent() -> None:
    text = "标题\n\n  第一段文字很长很长。  \n第二段"
    start = text.index("第一")
    end = text.index("\n第二")
    lines = layout(text, 10, start=start - 2, end=end)
    assert lines[0].start == start and lines[0].indent == 4
    assert all(line.indent == 0 for line in lines[1:])
    assert text[lines[-1].end - 1] == "。"
    assert layout(text, 10, start=0, end=0) == []
    assert layout("   ", 10) == []


def test_indent_dropped_when_no_room() -> None:
    assert layout("中文", 5)[0].indent == 0
    assert layout("中文", 6)[0].indent == 4
    assert layout("中文", 40, indent=0)[0].indent == 0


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        layout("abc", 0)
    with pytest.raises(ValueError):
        layout("abc", 10, start=2, end=1)
    with pytest.raises(ValueError):
        layout("abc", 10, end=9)


def test_cell_width() -> None:
    assert cell_width("中") == 2
    assert cell_width("a") == 1
    assert cell_width("“") == 1
    assert cell_width("“", ambiguous_wide=True) == 2
    assert cell_width("\u0301", ambiguous_wide=True) == 0
    assert text_cells("“中”") == 4
    assert text_cells("“中”", ambiguous_wide=True) == 6
    assert text_cells("👍\u200d👍") == cell_len("👍\u200d👍")
