"""The optional fast segmenter gives jieba's tokens, token for token.

``core.segment.cut`` hands most text to rjieba (jieba-rs) when it is
installed. The index, its cache and every search depend on those tokens being
jieba's, so this compares the two on real documents and on generated text
that mixes Han, Latin, digits, punctuation, control and rare characters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jieba import finalseg

from djreader.core import segment
from djreader.core.normalize import Folder

rjieba = pytest.importorskip("rjieba", reason="rjieba (the 'fast' extra) is not installed")

ROOT = Path(__file__).resolve().parents[2]
_HAN = re.compile("[\u4e00-\u9fd5]")


def _jieba(text: str) -> list[str]:
    return segment.tokenizer().lcut(text, HMM=True)


def _labels(words: list[str]) -> list[str]:
    """The HMM's state (B, M, E, S) of each character of ``words``."""
    out: list[str] = []
    for w in words:
        out += ["S"] if len(w) == 1 else ["B", *["M"] * (len(w) - 2), "E"]
    return out


def _hmm_score(chars: str, labels: list[str]) -> float:
    """log P of ``labels`` for ``chars`` in jieba's own HMM."""
    start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    p = start[labels[0]] + emit[labels[0]].get(chars[0], finalseg.MIN_FLOAT)
    for k in range(1, len(chars)):
        p += trans[labels[k - 1]].get(labels[k], finalseg.MIN_FLOAT) + emit[labels[k]].get(chars[k], finalseg.MIN_FLOAT)
    return p


def _hmm_near_tie(text: str, got: list[str], want: list[str]) -> bool:
    """Whether ``got`` differs from jieba's ``want`` only inside stretches of
    single Han characters of jieba's dictionary route, each labelled in a way
    that jieba's HMM scores within 1e-6 of jieba's own labels but not alike
    (more than 1e-9 apart, beyond the rounding of a sum): the one difference
    the module's docstring admits (常在人, 1.5e-7). Ties, exact but for that
    rounding (地每派断活..., 2.8e-14 apart), are the guard's business
    (_JIEBA_ONLY, _square_words) and are not excused."""
    a, b = _labels(got), _labels(want)
    if "".join(got) != "".join(want) or a == b:
        return False
    stretches, i, start = [], 0, None
    for w in [*segment.tokenizer().lcut(text, HMM=False), "xx"]:  # "xx" ends the last stretch
        if len(w) == 1 and _HAN.match(w):
            start = i if start is None else start
        else:
            if start is not None and i - start >= 2:
                stretches.append((start, i))
            start = None
        i += len(w)
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if not all(any(s <= k < e for s, e in stretches) for k in diff):
        return False
    return all(
        1e-9 < abs(_hmm_score(text[s:e], a[s:e]) - _hmm_score(text[s:e], b[s:e])) < 1e-6
        for s, e in stretches
        if any(s <= k < e for k in diff)
    )


def _same_or_near_tie(text: str) -> bool:
    got, want = segment.cut(text), _jieba(text)
    return got == want or _hmm_near_tie(text, got, want)


@pytest.fixture(autouse=True)
def fast(monkeypatch):
    monkeypatch.delenv("DJREADER_SEGMENTER", raising=False)
    monkeypatch.setattr(segment, "_fast_cut", None)
    assert segment.segmenter() == "rjieba+jieba"


def _documents() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    assert len(texts) >= 5
    folder = Folder()
    return texts + [folder.fold(t) for t in texts]


def test_documents_token_for_token():
    for text in _documents():
        assert segment.cut(text) == _jieba(text)


def test_long_unpunctuated_blocks():
    """Classical text without punctuation, long digit runs: one jieba block
    each, tens of thousands of characters long."""
    for text in ["天地玄黄宇宙洪荒日月盈昃辰宿列张" * 3000, "0123456789" * 5000, "2.39亿元" * 5000]:
        assert segment.cut(text) == _jieba(text)


def test_rjieba_alone_would_differ():
    """The guard is needed: on its own jieba-rs splits Latin runs differently."""
    sample = "U.S.A.的e-mail地址，3-5年，v1.2.3版"
    assert rjieba.cut(sample) != _jieba(sample)
    assert segment.cut(sample) == _jieba(sample)


def test_characters_outside_jiebas_blocks_need_no_dictionary(monkeypatch):
    """Full-width digits, emoji, rare Han: jieba gives each as a word of its
    own, and so does the fast path, without loading jieba's dictionary."""
    sample = "全年１２．５％，人均３８０元😀鿖㐀Ｋ６次 ·列车"
    expected = _jieba(sample)
    assert expected[:4] == ["全年", "１", "２", "．"]

    def no_jieba():
        raise AssertionError("jieba's dictionary was asked for")

    monkeypatch.setattr(segment, "tokenizer", no_jieba)
    assert segment.cut(sample) == expected


HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞酒泉肃州银达镇谭家堡村"
OTHER = (
    "abcxyzABC0123456789.-+#&_%@/:，。、“”（）《》 \n\t\r\u3000\u00a0\u200b!?'\"[]\\~$*"
    "\u2014\u2026\u00b7〇䶮㐀鿕鿖鿫𠀀豈éßжαアあ한😀ⅰ²①\x1c\x1f\x85\u2028\x0b\x00\x1b\ufeff\ufffd\u00ad"
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=HAN, min_size=1, max_size=6),
            st.sampled_from(sorted(set(OTHER)) + ["\r\n", "3-5", "2.39", "U.S.A.", "e-mail"]),
        ),
        max_size=20,
    ).map("".join)
)
@example("一相相相七")  # a character repeated: the HMMs' scores tie
@example("七见理压见理压见代")  # a run of three repeated: so do they
@example("产门产门产门利西泰产门")  # a word repeated: the dictionary routes tie
@example("地每派断活地每派断活地每派断留")  # a run of five repeated: so do the HMMs'
@example("我们常常地每派断活地每派断活地每派断留")  # ... beside a reduplicated word
def test_generated_text_token_for_token(text):
    assert _same_or_near_tie(text)


# characters and words that make repeats when drawn from a few at a time
REPEATABLE = list("常人天看研究发展展览相见理压产门的一是在不了") + ["常常", "研究", "发展", "展览", "产门", "见理压", "人民"]


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_repeated_runs_token_for_token(data):
    """Text drawn from two to four characters or words is full of runs
    repeated twice and three times: the blocks jieba-rs is trusted with only
    after a check."""
    alphabet = data.draw(st.lists(st.sampled_from(REPEATABLE), min_size=1, max_size=4, unique=True))
    text = data.draw(st.lists(st.sampled_from(alphabet), min_size=2, max_size=12).map("".join))
    assert _same_or_near_tie(text)


def test_hmm_near_tie_is_the_only_difference_admitted():
    """常在人: jieba-rs's rounded HMM takes B E S where jieba takes S S S,
    1.5e-7 apart; a real difference is not excused."""
    got, want = segment.cut("常在人"), _jieba("常在人")
    assert want == ["常", "在", "人"]
    assert got == want or _hmm_near_tie("常在人", got, want)
    assert not _hmm_near_tie("常在人", ["常在人"], want)
    assert not _hmm_near_tie("常在人", ["常", "在人"], want)


@pytest.mark.parametrize("text", ["一相相相七", "七见理压见理压见代", "产门产门产门利西泰产门", "地每派断活地每派断活地每派断留"])
def test_exact_ties_are_not_excused(text):
    """Where jieba-rs alone parts from jieba on an exact tie, the test's
    excuse does not cover it: the guard must."""
    raw, want = rjieba.cut(text), _jieba(text)
    assert raw != want
    assert not _hmm_near_tie(text, raw, want)
    assert segment.cut(text) == want


@pytest.mark.parametrize(
    "block, trusted",
    [
        ("我们常常在一起学习", True),  # a reduplicated word
        ("举办展览览胜", True),  # a repeat across a word boundary
        ("一相相相七", False),  # three times over
        ("产门产门产门利西泰产门", False),  # a word three times over: dictionary routes tie
        ("七见理压见理压见代", False),  # repeated among characters the HMM labels
        ("人人奔可先龙平向学先龙平向学先龙很", False),  # a longer run, beside a reduplicated word
        ("常常3次", False),  # not all Han: jieba's own rules for the rest
    ],
)
def test_which_repeats_jieba_rs_is_trusted_with(block, trusted):
    words = segment._square_words(block, rjieba.cut)
    assert (words is not None) == trusted
    assert segment.cut(block) == _jieba(block)
    if trusted:
        assert words == _jieba(block)


def test_environment_turns_it_off(monkeypatch):
    monkeypatch.setenv("DJREADER_SEGMENTER", "jieba")
    monkeypatch.setattr(segment, "_fast_cut", None)
    assert segment.segmenter() == "jieba"
    assert segment.cut("U.S.A.的e-mail") == _jieba("U.S.A.的e-mail")
