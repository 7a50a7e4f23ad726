"""Search on the seed articles: every query kind the search bar promises."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from djreader.core.index import Index
from djreader.core.query import parse
from djreader.core.search import search, snippet

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
JIUQUAN_DOC = "000_2ef393ee87125d70.txt"  # the article about 酒泉
LINXIA_DOC = "004_952ad1ee0f4c9549.txt"


@pytest.fixture(scope="module")
def index() -> Index:
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    return Index.build(docs)


# query, a document that must be in the top 3, what every hit's best span must read,
# whether the result is literal, a widening (term, word) that must be reported
CASES = [
    ("酒泉", JIUQUAN_DOC, {"酒泉"}, True, None),
    ("银达", JIUQUAN_DOC, {"银达"}, True, None),
    ("党", LINXIA_DOC, {"党"}, True, None),
    ("脱贫", None, {"脱贫"}, True, None),
    ("九泉", JIUQUAN_DOC, {"酒泉", "酒泉市"}, False, ("九泉", "酒泉")),
    ("布隆乡", JIUQUAN_DOC, {"布隆吉乡", "布隆吉"}, False, None),
    ("隆布吉乡", JIUQUAN_DOC, {"布隆吉乡"}, False, ("隆布吉乡", "布隆吉乡")),
    ("jiuquan", JIUQUAN_DOC, {"酒泉", "酒泉市"}, False, ("jiuquan", "酒泉")),
    ("jiu quan", JIUQUAN_DOC, {"酒泉", "酒泉市"}, False, ("jiu quan", "酒泉")),
    ("jqs", JIUQUAN_DOC, {"酒泉市"}, False, ("jqs", "酒泉市")),
    ("blj", JIUQUAN_DOC, {"布隆吉"}, False, ("blj", "布隆吉")),
    ("黨建", LINXIA_DOC, {"党建"}, True, None),
    ("臨夏", LINXIA_DOC, {"临夏"}, True, None),
    ('"基层党建"', JIUQUAN_DOC, {"基层党建"}, True, None),
    ("酒泉 党建", JIUQUAN_DOC, {"酒泉", "党建"}, True, None),
]


@pytest.mark.parametrize("query,doc,best_texts,exact,widening", CASES, ids=[c[0] for c in CASES])
def test_query_kinds(index, query, doc, best_texts, exact, widening):
    result = search(index, query, limit=5)
    assert result.hits, query
    if doc is not None:
        assert doc in [h.doc_id for h in result.hits[:3]]
    for hit in result.hits:
        text = index.text(hit.doc_id)
        assert text[hit.best.start : hit.best.end] in best_texts
        assert hit.best in hit.spans
        assert [s.start for s in hit.spans] == sorted(s.start for s in hit.spans)
        for span in hit.spans:
            assert span.type == "hit"
            assert text[span.start : span.end] == span.extra["word"]
    assert result.exact is exact
    if widening is not None:
        assert widening in result.widened
    if exact:
        assert result.widened == []


def test_all_occurrences_are_spans(index):
    hit = search(index, "酒泉", limit=1).hits[0]
    text = index.text(hit.doc_id)
    assert len(hit.spans) == text.count("酒泉")


def test_partial_word_is_a_span_of_the_query_only(index):
    hit = search(index, "银达", limit=1).hits[0]
    text = index.text(hit.doc_id)
    assert text[hit.best.start : hit.best.end + 1] == "银达镇"


def test_exclusion(index):
    with_ = {h.doc_id for h in search(index, "党建").hits}
    without = {h.doc_id for h in search(index, "党建 -酒泉").hits}
    assert JIUQUAN_DOC in with_
    assert JIUQUAN_DOC not in without
    assert without == {d for d in with_ if "酒泉" not in index.text(d)}


def test_phrase_matches_in_order_only(index):
    assert search(index, '"基层党建"').hits
    assert not search(index, '"建党层基"', widen=False).hits
    both = {h.doc_id for h in search(index, "基层 党建").hits}
    phrase = {h.doc_id for h in search(index, '"基层党建"').hits}
    assert phrase <= both


def test_exact_ranks_above_fuzzy():
    docs = [("exact", "他去了酒泉出差。"), ("typo", "九泉之下也无憾，九泉九泉。"), ("other", "没有关系的文字。")]
    idx = Index.build(docs)
    result = search(idx, "酒泉")
    assert [h.doc_id for h in result.hits][:1] == ["exact"]
    result = search(idx, "酒全")
    ids = [h.doc_id for h in result.hits]
    assert "exact" in ids and "typo" in ids
    assert not result.exact


def test_literal_hit_outranks_widened_even_with_higher_score():
    docs = [("lit", "酒泉" + "无关内容" * 200), ("wide", "九泉九泉九泉九泉。")]
    idx = Index.build(docs)
    hits = search(idx, "酒泉").hits
    assert hits[0].doc_id == "lit" and hits[0].exact
    assert all(not h.exact for h in hits[1:])


def test_missing_terms_give_nothing(index):
    assert search(index, "量子引力弦论").hits == []
    assert search(index, "").hits == []
    assert search(index, "-酒泉").hits == []


def test_parse():
    terms = parse('黨建 "全面 从严" -酒泉 jiu quan')
    assert [(t.text, t.phrase, t.negate) for t in terms] == [
        ("党建", False, False),
        ("全面从严", True, False),
        ("酒泉", False, True),
        ("jiuquan", False, False),
    ]


def test_snippet_is_one_clean_line():
    text = "前文\n\n\x1b[31m  酒泉\x07市\t开展\u2028活动" + "。" * 100
    start = text.index("酒泉")
    from djreader.core.spans import Span

    line = snippet(text, Span(start, start + 2, "hit"), width=20)
    assert "酒泉" in line
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line and "\u2028" not in line


def test_offsets_survive_folding():
    text = "ＡＢＣ黨建工作，全角ＧＤＰ增長"
    idx = Index.build([("t", text)])
    for q, want in [("党建", "黨建"), ("gdp", "ＧＤＰ"), ("增长", "增長")]:
        hit = search(idx, q).hits[0]
        assert text[hit.best.start : hit.best.end] == want


def test_add_remove_and_pickle(index):
    idx = Index.build([("a", "酒泉市的新闻")])
    idx.add("b", "临夏州的新闻")
    assert [h.doc_id for h in search(idx, "临夏").hits] == ["b"]
    assert [h.doc_id for h in search(idx, "lx").hits] == ["b"]
    idx.remove("a")
    assert search(idx, "酒泉").hits == []
    again = pickle.loads(pickle.dumps(index))
    assert [h.doc_id for h in search(again, "jqs").hits] == [h.doc_id for h in search(index, "jqs").hits]


@pytest.mark.parametrize(
    "text",
    ["", "\x00\x01\x02", "😀" * 1000, "e\u0301" * 50, "党" * 20000, "a" * 5000 + "酒泉"],
    ids=["empty", "controls", "emoji", "combining", "long-run", "long-latin"],
)
def test_untrusted_text_does_not_crash(text):
    idx = Index.build([("x", text)])
    for q in ["党", "酒泉", "jq", "😀", "\x00", '"', "-", "--x"]:
        for hit in search(idx, q).hits:
            assert 0 <= hit.best.start < hit.best.end <= len(text)


def test_search_reads_a_replaced_document_and_not_the_old_text():
    # the replacement has the same id and the same length: what the search
    # remembers of the index between queries must still see the change
    index = Index.build([("a", "酒泉市今年脱贫"), ("b", "其他的新闻稿件")])
    assert [h.doc_id for h in search(index, "酒泉").hits] == ["a"]
    index.add("a", "银达镇今年脱贫")
    assert search(index, "酒泉", widen=False).hits == []
    assert [h.doc_id for h in search(index, "银达").hits] == ["a"]
    index.remove("a")
    assert search(index, "银达").hits == []


def test_spellings_added_in_bulk_to_a_lexicon_that_has_words():
    from djreader.core.lexicon import Lexicon

    first, second = ["酒泉", "酒泉市"], ["酒店", "泉水", "肃州区"]
    one = Lexicon({})
    one.add_words(first + second)
    bulk = Lexicon({})
    bulk.add_words(first)
    bulk.add_words(second, spelling=False)
    bulk.add_spellings(second)
    assert bulk.by_char_len == one.by_char_len and bulk.inner_pairs == one.inner_pairs
