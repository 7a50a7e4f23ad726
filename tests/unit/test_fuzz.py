"""Property tests: the core never raises on arbitrary input and keeps its invariants.

Documents are untrusted, so the text here mixes what real files carry with
what hostile ones could: combining marks, emoji ZWJ sequences, right-to-left
scripts and bidi controls, C0/C1 controls and terminal escape sequences,
and very long runs of one character.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from djreader.core.clean import clean
from djreader.core.entities import recognise
from djreader.core.index import Index
from djreader.core.loading import Decoded, LoadError, decode
from djreader.core.sanitize import visible
from djreader.core.search import search
from djreader.core.typeset import layout

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PIECES = [
    "酒泉市", "肃州区", "银达镇", "党建", "2.39亿元", "98.47%", "12,000名", "2019年3月15日", "第一", "百分之五十",
    "。", "，", "“", "”", "《", "》", "……", "——", "（", "）", "\u3000", " ", "\t", "\n", "\n\n", "\r\n",
    "e\u0301", "\u0300\u0301\u0302", "👩\u200d👩\u200d👧", "🇨🇳", "❤\ufe0f", "\u200b", "\ufeff", "\u00ad",
    "مرحبا بالعالم", "שלום", "\u202e", "\u2066", "\u200f", "\u061c",
    "\x1b]0;pwned\x07", "\x1b]52;c;ZXZpbA==\x07", "\x1b]8;;http://x\x1b\\", "\x1b[2J", "\x1b[H", "\x07",
    "\x9b31m", "\x9d0;t\x9c", "\x1b", "\x00", "\x7f", "\u2028", "\u2029", "\ud800", "\U000e0041",
    "[bold]", "[/]", "[link=https://x]", "[@click=app.quit]",
]  # fmt: skip

pieces = st.one_of(
    st.sampled_from(PIECES),
    st.text(max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=30),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["党", "a", "1", "。", " ", "\u0301", "😀", "\n", "\x1b"]), st.integers(50, 3000)),
)
texts = st.lists(pieces, max_size=40).map("".join)
# What decoding a file can give: never a lone surrogate (see the decode tests).
doc_texts = texts.map(lambda t: "".join(ch for ch in t if not "\ud800" <= ch <= "\udfff"))


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _check_blocks(text: str, blocks) -> None:
    prev = 0
    for b in blocks:
        assert prev <= b.start <= b.end <= len(text), (b, prev, len(text))
        prev = b.end


@FUZZ
@given(st.binary(max_size=4096))
def test_decode_arbitrary_bytes_gives_text_or_a_reason(data):
    try:
        d = decode(data)
    except LoadError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(d, Decoded) and isinstance(d.text, str)
    assert d.replaced >= 0
    assert not _has_surrogate(d.text)  # what the index and OpenCC rely on


@FUZZ
@given(texts, st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"]))
def test_decode_round_trips_encoded_text(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # lone surrogates have no encoding
    try:
        d = decode(data)
    except LoadError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(d.text, str)
    if encoding in ("utf-8", "utf-16", "utf-8-sig") and "\x00" not in text:
        # a leading U+FEFF in plain UTF-8 is a byte-order mark by definition
        expected = text[1:] if encoding == "utf-8" and text.startswith("\ufeff") else text
        assert d.text == expected


@FUZZ
@given(texts)
def test_clean_blocks_are_in_order_inside_the_text(text):
    art = clean(text)
    _check_blocks(text, art.blocks)
    for s in art.sections:
        assert 0 <= s.start <= len(text)
    assert isinstance(art.title, str)


@FUZZ
@given(texts, st.integers(1, 120), st.integers(0, 4), st.booleans())
def test_layout_lines_fit_their_width_and_stay_in_order(text, width, indent, wide):
    lines = layout(text, width, indent=indent, ambiguous_wide=wide)
    prev = 0
    for i, ln in enumerate(lines):
        assert prev <= ln.start <= ln.end <= len(text)
        prev = ln.end
        if i:
            assert ln.indent == 0
        if not wide:
            assert ln.cells == cell_len(text[ln.start : ln.end]) + ln.indent
        if ln.cells > width:  # only a lone 2-cell grapheme at width 1
            assert width == 1 and ln.indent == 0 and ln.cells == 2, (ln, text[ln.start : ln.end])
    # every non-space character is on some line
    covered = sum(len(text[ln.start : ln.end]) for ln in lines)
    assert covered >= len("".join(text.split())) or not text.strip()


@FUZZ
@given(texts, st.integers(1, 60))
def test_layout_of_sanitised_text_also_fits(text, width):
    """The reading pane lays out ``visible(text)``: same length, same guarantees."""
    shown = visible(text)
    assert len(shown) == len(text)
    for ln in layout(shown, width, indent=2):
        assert ln.cells <= width or (width == 1 and ln.cells == 2)


@FUZZ
@given(texts)
def test_recognise_spans_are_inside_sorted_and_disjoint(text):
    spans = recognise(text)
    prev = 0
    for s in spans:
        assert prev <= s.start < s.end <= len(text), (s, len(text))
        prev = s.end
        assert s.type in ("place", "figure")


@FUZZ
@given(st.lists(doc_texts, min_size=1, max_size=4), st.data())
def test_search_hits_are_found_at_their_offsets(docs, data):
    index = Index.build([(str(i), t) for i, t in enumerate(docs)])
    # a query cut from a document, or an arbitrary one
    source = data.draw(st.sampled_from(docs))
    if len(source) >= 2:
        a = data.draw(st.integers(0, len(source) - 1))
        b = data.draw(st.integers(a + 1, min(len(source), a + 6)))
        cut = source[a:b]
    else:
        cut = source
    query = data.draw(st.one_of(st.just(cut), doc_texts, st.sampled_from(["jiuquan", "jq", "九泉", '"党建"', "党建 -酒泉"])))
    result = search(index, query, limit=10)
    assert len(result.hits) <= 10
    for hit in result.hits:
        d = index.by_id[hit.doc_id]
        text = docs[d]
        folded = index.search_text(d)
        assert len(folded) == len(text)
        prev = 0
        for s in hit.spans:
            assert prev <= s.start < s.end <= len(text)
            prev = s.end
            assert folded[s.start : s.end] == s.extra["word"]
        assert hit.best in hit.spans


@pytest.mark.parametrize("n", [10_000, 200_000])
def test_one_huge_run_of_each_hard_character(n):
    """Long unbroken runs: the cases that make naive segmenters and wrappers slow or deep."""
    for ch in ("党", "\u0301", "😀", "\x1b", "1", "。"):
        text = ch * n
        clean(text)
        for ln in layout(text, 40):
            assert ln.cells <= 40 or ch == "\u0301"
        recognise(text[:20_000])


@pytest.mark.parametrize("where", ["query", "document"])
def test_lone_surrogates_in_a_query_or_a_document_do_not_raise(where):
    if where == "query":
        index = Index.build([("0", "党建工作")])
        result = search(index, "\udcff党")
        assert all(h.doc_id == "0" for h in result.hits)
    else:
        index = Index.build([("0", "党建\udcff工作")])
        assert search(index, "党建").hits
