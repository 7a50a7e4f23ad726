"""The bulk build (numpy posting rows) gives the same maps as adding
documents one at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from djreader.core import postings
from djreader.core.index import Index

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _one_by_one(docs, words):
    index = Index()
    for (doc_id, text), w in zip(docs, words):
        index.add(doc_id, text, words=w)
    return index


def _maps(index: Index) -> dict:
    return {
        name: {k: list(v) for k, v in getattr(index, name).items()}
        for name in ("char_docs", "bigram_docs", "word_docs")
    } | {
        "next": {a: "".join(sorted(b)) for a, b in index.next_chars.items()},
        "prev": {b: "".join(sorted(a)) for b, a in index.prev_chars.items()},
    }


def _docs():
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    # odd characters too: astral, a lone surrogate, controls, Latin case
    texts += ["𠀀𠀁 ABC abc \x00\x1b[31m", "\ud800孤", "", "党"]
    return [(f"d{n}", t) for n, t in enumerate(texts)]


@pytest.mark.parametrize("block,most", [(postings.BLOCK_ENTRIES, postings.MAX_BLOCKS), (50, 32), (50, 3)])
def test_bulk_build_matches_adding_one_at_a_time(monkeypatch, block, most):
    monkeypatch.setattr(postings, "BLOCK_ENTRIES", block)  # 50: many blocks in each key range
    monkeypatch.setattr(postings, "MAX_BLOCKS", most)  # 3: merged along the way
    monkeypatch.setattr(postings, "COPY_ENTRIES", max(7, block // 8))  # merged a few entries at a time
    docs = _docs()
    words = [["党建", "酒泉", "工作", "甘肃", "酒泉"][: n % 6] for n in range(len(docs))]
    bulk = Index.build(docs, words=iter(words))
    ref = _one_by_one(docs, words)
    assert _maps(bulk) == _maps(ref)
    assert bulk.doc_ids == ref.doc_ids and bulk.folded == ref.folded
    for name in ("char_docs", "bigram_docs", "word_docs"):
        for v in getattr(bulk, name).values():
            assert list(v) == sorted(set(v))  # ascending, no repeats
    a, b = bulk.lexicon(), ref.lexicon()
    a._sort(), b._sort()
    assert a.flat == b.flat and a.initials == b.initials and a.inner_pairs == b.inner_pairs
    assert {k: sorted(v) for k, v in a.spaced.items()} == {k: sorted(v) for k, v in b.spaced.items()}
    assert {k: sorted(v) for k, v in a.by_char_len.items()} == {k: sorted(v) for k, v in b.by_char_len.items()}
    assert a.pinyin("dj") == b.pinyin("dj") and a.pinyin("jiuquan") == b.pinyin("jiuquan")


def test_bulk_build_replaces_a_repeated_id():
    docs = [("a", "酒泉市"), ("b", "银达镇"), ("a", "谭家堡村")]
    index = Index.build(docs, words=iter([[], [], []]))
    assert len(index) == 2
    assert index.text("a") == "谭家堡村"
    assert index.alive == [False, True, True]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=8))
def test_pair_codes_round_trip(texts):
    for t in texts:
        codes = postings.pair_codes(postings.code_points(t))
        assert postings.decode_pairs(codes) == sorted({t[j : j + 2] for j in range(len(t) - 1)}, key=lambda p: (ord(p[0]), ord(p[1])))


def test_mmap_threshold_is_pinned_on_glibc():
    import platform
    import sys

    from djreader.core.malloc import fix_mmap_threshold

    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert fix_mmap_threshold() is glibc
    assert fix_mmap_threshold() is glibc  # and again: idempotent


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=(1 << 42) - 1), max_size=60))
def test_distinct_is_sorted_and_without_repeats(values):
    import numpy as np

    for dtype in (np.uint64, np.uint32):
        codes = np.array([v % (1 << 32) if dtype is np.uint32 else v for v in values], dtype=dtype)
        out = postings.distinct(codes)
        assert out.dtype == dtype
        assert out.tolist() == sorted(set(codes.tolist()))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("党建酒泉市aA1𠀀\ud800"), max_size=15), max_size=30, unique=True))
def test_spellings_in_bulk_match_word_by_word(words):
    from djreader.core.lexicon import Lexicon

    one = Lexicon({})
    one.add_words(words)
    bulk = Lexicon({})
    bulk.add_words(words, spelling=False)
    assert not bulk.by_char_len and not bulk.inner_pairs
    bulk.add_spellings(words)
    assert bulk.inner_pairs == one.inner_pairs
    assert bulk.by_char_len == one.by_char_len  # the same words, in the same order


_PAIR_CHARS = st.sampled_from(list("党建酒泉市a1 \x00") + ["𠀀", "\ud800", "\U0010ffff"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.tuples(_PAIR_CHARS, _PAIR_CHARS).map("".join), st.lists(st.integers(0, 50), min_size=1, max_size=5).map(sorted), max_size=40))
def test_pair_map_is_the_map_it_was_made_from(plain):
    from array import array

    from djreader.core.maps import PairMap

    m = PairMap.of({k: array("i", v) for k, v in plain.items()})
    assert len(m) == len(plain) and sorted(m) == sorted(plain) == list(m)  # rows in code point order
    for k, v in plain.items():
        assert k in m and list(m[k]) == v and list(m.get(k)) == v and m.size(k) == len(v)
    if plain:
        assert list(m.sizes(list(plain))) == [len(v) for v in plain.values()]
    for absent in ["党党党", "党", "", "zz", ("党", "建"), 7, None]:
        if absent not in plain:
            assert absent not in m and m.get(absent) is None and m.size(absent) == 0
    again = PairMap(m.followers(), *m.columns())  # as a snapshot loads it, checked
    assert {k: list(v) for k, v in again.items()} == plain


def test_a_pair_map_refuses_followers_that_do_not_fit():
    from array import array

    from djreader.core.maps import PairMap

    counts, flat = array("I", [1, 1, 1]), array("I", [0, 1, 2])
    assert sorted(PairMap({"党": "建酒", "市": "党"}, counts, flat)) == ["党建", "党酒", "市党"]
    for followers in [
        {"党": "酒建", "市": "党"},  # out of order: a row's place would be wrong
        {"党": "建建", "市": "党"},  # a character twice
        {"党": "建", "市": "党"},  # fewer pairs than rows
        {"党建": "酒", "市": "党市"},  # not single characters
        {"党": ["建", "酒"], "市": "党"},
    ]:
        with pytest.raises((ValueError, TypeError)):
            PairMap(followers, counts, flat)
