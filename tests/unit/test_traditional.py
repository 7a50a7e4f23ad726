"""Documents in traditional characters: recognised as the same text in
simplified ones, at the same offsets."""

from __future__ import annotations

import json

import opencc
import pytest

from djreader.core.entities import recognise
from djreader.core.figures import find_figures
from djreader.core.loading import load_text
from djreader.core.normalize import simplified_view
from djreader.core.places import find_places
from tests.gold import seed_scores
from tests.unit.test_cli import SEEDS, djreader

S2T = opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    out = S2T.convert(text)
    assert len(out) == len(text)
    return out


def test_view_keeps_every_offset_and_leaves_simplified_seeds_alone():
    for path in sorted(SEEDS.glob("*.txt")):
        text = load_text(path).text
        assert simplified_view(text) == text
        trad = traditional(text)
        assert trad != text
        view = simplified_view(trad)
        assert len(view) == len(trad)
        # the view is simplified again, line for line, but for the few
        # characters with two simplified readings
        same = sum(a == b for a, b in zip(view, text))
        assert same / len(text) > 0.995, path.name


@pytest.mark.parametrize(
    "text",
    [
        "王丙乾、萧乾出席了会议。",  # 乾 is a simplified character too: t2s would make it 干
        "年的沈思远",  # 沈 the surname, not 沉
        "我们走访了广东省连南县的内輋村和另外十几个自然村，调研村级集体经济。",  # a village's rare variant
        "乾縣",  # too little to tell a traditional text by
    ],
)
def test_view_leaves_simplified_text_alone(text):
    assert simplified_view(text) == text


def test_view_converts_only_the_traditional_lines_of_a_mixed_document():
    text = "王丙乾在会上讲话。\n臺灣地區的選舉結果公佈後，美國國務院發表聲明。\n萧乾的文章"
    view = simplified_view(text).split("\n")
    assert view == ["王丙乾在会上讲话。", "台湾地区的选举结果公布后，美国国务院发表声明。", "萧乾的文章"]


def test_a_simplified_line_quoting_a_traditional_title_keeps_its_simplified_names():
    text = "据台湾《聯合報》报道，陕西乾县和沈阳的客商到访。"
    assert simplified_view(text) == "据台湾《联合报》报道，陕西乾县和沈阳的客商到访。"
    assert "乾县" in [text[s.start : s.end] for s in find_places(text)]
    # a line written in traditional characters has them all converted (於, 乾)
    assert simplified_view("臺灣地區的選舉結果公佈後，美國國務院發表聲明。於是他們乾杯。").endswith("于是他们干杯。")


def test_a_traditional_chain_has_its_kinds_and_simplified_parents():
    text = "甘肅省酒泉市肅州區銀達鎮譚家堡村黨支部"
    got = [(text[s.start : s.end], s.kind, s.parents) for s in find_places(text)]
    assert got == [
        ("甘肅省", "province", ()),
        ("酒泉市", "city", ("甘肃省",)),
        ("肅州區", "county", ("甘肃省", "酒泉市")),
        ("銀達鎮", "township", ("甘肃省", "酒泉市", "肃州区")),
        ("譚家堡村", "village", ("甘肃省", "酒泉市", "肃州区", "银达镇")),
    ]


def test_traditional_figures_have_their_values():
    text = "全市共有基層黨組織5761個，投資2.39億元，佔百分之九十五，兩萬人參加。"
    got = {text[s.start : s.end]: s.value for s in find_figures(text)}
    assert got == {"5761個": 5761, "2.39億元": 239_000_000, "百分之九十五": 95, "兩萬人": 20_000}


def test_seed_gold_in_traditional_characters():
    # the seeds' gold offsets hold for their traditional rendering (same length)
    assert seed_scores("place", find_places, traditional)[2] >= 0.97
    assert seed_scores("figure", find_figures, traditional)[2] >= 0.95


def _big5able(ch: str) -> bool:
    try:
        ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return True


def test_entities_of_a_big5_file_are_those_of_its_simplified_original(tmp_path):
    text = load_text(SEEDS / "004_952ad1ee0f4c9549.txt").text
    trad = traditional(text)
    # what Big5 cannot hold (a no-break space of the page's furniture) becomes a space in both
    keep = [_big5able(ch) for ch in trad]
    text = "".join(ch if k else " " for ch, k in zip(text, keep))
    trad = "".join(ch if k else " " for ch, k in zip(trad, keep))
    (tmp_path / "big5.txt").write_bytes(trad.encode("big5"))
    out = djreader("entities", str(tmp_path / "big5.txt"), "--json")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    for r in rows:
        assert trad[r["start"] : r["end"]] == r["text"]
    want = [(s.start, s.end, s.type, s.kind, list(s.parents)) for s in recognise(text)]
    got = [(r["start"], r["end"], r["type"], r["kind"], r.get("parents", [])) for r in rows]
    assert got == want
