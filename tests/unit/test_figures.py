"""Figure recognition: tricky phrases, the seeds' gold and robustness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from djreader.core.figures import find_figures, quantified_noun
from tests.gold import seed_scores

ROOT = Path(__file__).resolve().parents[2]


def spans(text: str) -> list[tuple[str, str, object, str]]:
    return [(s.text(text), s.kind, s.value, s.unit) for s in find_figures(text)]


# (text, [(figure text, kind, value, unit)]) -- unit None means "don't check"
CASES = [
    ("村里一年能有10多万元的收入", [("一年", "duration", 1, "年"), ("10多万元", "money", 100000, "元")]),
    ("全市11.8万名党员", [("11.8万名", "count", 118000, "名")]),
    ("满意度达到95%以上", [("95%", "percent", 95, "%")]),
    ("覆盖率分别为100%、98.47%", [("100%", "percent", 100, "%"), ("98.47%", "percent", 98.47, "%")]),
    ("累计投资2.39亿元", [("2.39亿元", "money", 239000000, "元")]),
    ("投资1.2亿,实行", [("1.2亿", "money", 120000000, "元")]),
    ("平凉市8.65万贫困人口", [("8.65万", "count", 86500, "")]),
    ("养殖14.7万多只", [("14.7万多只", "count", 147000, "只")]),
    ("1300多家市县部门", [("1300多家", "count", 1300, "家")]),
    ("人均增收3000余元", [("3000余元", "money", 3000, "元")]),
    ("综合收入近3万元", [("3万元", "money", 30000, "元")]),
    ("新建千亩枸杞基地", [("千亩", "other", 1000, "亩")]),
    ("平均面积达到324平方米", [("324平方米", "other", 324, "平方米")]),
    ("从4个方面部署落实14项重点任务", [("4个方面", "count", 4, "个方面"), ("14项", "count", 14, "项")]),
    ("查出19大类21532条问题", [("19大类", "count", 19, "大类"), ("21532条", "count", 21532, "条")]),
    ("独山子乡4个村", [("4个", "count", 4, "个")]),
    ("两年多时间", [("两年多", "duration", 2, "年")]),
    ("数十年来", [("数十年", "duration", None, "年")]),
    ("千余名患者", [("千余名", "count", 1000, "名")]),
    ("十三届全国人大二次会议", [("十三届", "ordinal", 13, "届"), ("二次", "ordinal", 2, "次")]),
    ("先后5次进藏", [("5次", "count", 5, "次")]),
    ("村里第一个产业党小组", [("第一个", "ordinal", 1, "个")]),
    ("第五党小组", [("第五", "ordinal", 5, "")]),
    ("2017年7月至8月", [("2017年7月", "date", "2017-07", ""), ("8月", "date", "--08", "")]),
    ("2015年2月6日至9日", [("2015年2月6日", "date", "2015-02-06", ""), ("9日", "date", "---09", "")]),
    ("3月7日下午", [("3月7日", "date", "--03-07", "")]),
    ("27日下午6时许", [("27日", "date", "---27", ""), ("6时", "time", "18:00", "")]),
    ("时间:2019-03-15 17:15来源", [("2019-03-15 17:15", "date", "2019-03-15T17:15", "")]),
    ("08.03.2016  09:09", [("08.03.2016  09:09", "date", "2016-03-08T09:09", "")]),
    ("二〇一九年十二月三十一日", [("二〇一九年十二月三十一日", "date", "2019-12-31", "")]),
    ("“4.26开园到5.1假期结束,60亩今年挂果的桑果综合收入达到20万元”",
     [("4.26", "date", "--04-26", ""), ("5.1", "date", "--05-01", ""),
      ("60亩", "other", 60, "亩"), ("20万元", "money", 200000, "元")]),
    ("满意度达百分之九十五点五", [("百分之九十五点五", "percent", 95.5, "%")]),
    ("七成以上的群众", [("七成", "percent", 70, "%")]),
    ("比上年提高1.2个百分点", [("1.2个百分点", "percent", 1.2, "个百分点")]),
    ("营业收入12,345万元", [("12,345万元", "money", 123450000, "元")]),
    ("12户18人", [("12户", "count", 12, "户"), ("18人", "count", 18, "人")]),
    ("泾川、灵台4县市达到摘帽标准", [("4县市", "count", 4, "县市")]),
    ("上百名群众", [("上百名", "count", 100, "名")]),
    ("他今年56岁", [("56岁", "other", 56, "岁")]),
    ("二期工程,一期工程", [("二期", "ordinal", 2, "期")]),
    ("奖金￥1200元,融资$3.5亿", [("￥1200元", "money", 1200, "元"), ("$3.5亿", "money", 350000000, "美元")]),
    ("三分之二以上的党员", [("三分之二", "percent", 66.67, "%")]),
    ("每月15日为主题党日", [("15日", "date", "---15", "")]),
    ("第一批从2019年6月开始", [("第一批", "ordinal", 1, "批"), ("2019年6月", "date", "2019-06", "")]),
    ("十八届中央纪委三次全会", [("十八届", "ordinal", 18, "届"), ("三次", "ordinal", 3, "次")]),
    ("活动持续一个月,走访1200多户", [("一个月", "duration", 1, "个月"), ("1200多户", "count", 1200, "户")]),
    ("9月3日下午3点半召开,晚上8点结束", [("9月3日", "date", "--09-03", ""), ("3点半", "time", "15:30", ""),
                                       ("8点", "time", "20:00", "")]),
    # not figures
    ("“三会一课”“两学一做”和一岗双责", []),
    ("建立了“2+2”帮带机制,形成“1+3”思路", []),
    ("“3536”基层党建工作体系", []),
    ("基层组织建设“五个基本”", []),
    ("选好一把手,配强第一书记,第一时间", []),
    ("一些党员,一批问题,脱贫一线,一道,一起,一直,统一时间", []),
    ("陇ICP备08000781号", []),
    ("五星级至一星级村书记", []),
    ("千家万户,四面八方,一心一意,三心二意", []),
    ("一条条柏油路、一个个居民点", []),
    ("复壮1号、宁杞7号", []),
    ("今年以来,去年,昨日", []),
    ("《百米河边》", []),
    ("五位一体模式", []),
    ("增强“四个意识”,三个代表", []),
    ("支持5G网络,G20峰会", []),
    ("手机13912345678", []),
    ("第一,提高站位;第二,压实责任", []),
    ("一成不变,一天天坚持,提出3点意见", []),
    ("三门峡市、五台山、七台河市", []),
    ("两个一百年奋斗目标,两手抓", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_phrases(text, expected):
    assert spans(text) == expected


def test_approx_flag():
    (span,) = find_figures("10多万元")
    assert span.extra == {"approx": True}
    (span,) = find_figures("10万元")
    assert span.extra == {}


def test_huge_numbers_have_no_value_and_serialise():
    text = "1" * 5000 + "万元"
    (span,) = find_figures(text)
    assert span.value is None and span.kind == "money"
    json.dumps(span.to_json(text, "doc"))


def test_long_quote_keeps_figures_short_quote_drops_them():
    assert spans("“市直机关基层党组织建设质量提升三年行动计划”") == [("三年", "duration", 3, "年")]
    assert spans("“三年行动”") == []


@pytest.mark.parametrize(
    ("text", "figure", "noun"),
    [
        ("在大庆市5761个基层党组织中", "5761个", "基层党组织"),
        ("全市11.8万名党员用实际行动", "11.8万名", "党员"),
        ("流转1200亩的土地开展种养殖", "1200亩", "土地"),
        ("从5个方面提出17条具体举措", "5个方面", None),
        ("增长95%以上", "95%", None),
    ],
)
def test_quantified_noun(text, figure, noun):
    (span,) = [s for s in find_figures(text) if s.text(text) == figure]
    assert quantified_noun(text, span) == noun


def test_seed_gold_f1():
    """Exact-span F1 of figures on the seed articles (annotated part only)."""
    p, r, f1 = seed_scores("figure", find_figures)
    assert f1 >= 0.95, (p, r, f1)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=200)
       | st.text(alphabet="0123456789.:-年月日时点第一二三十百千万亿两多余个名%“”《》+数上 \n元亩届次", max_size=120))
def test_never_raises_and_spans_are_sane(text):
    found = find_figures(text)
    for span in found:
        assert 0 <= span.start < span.end <= len(text)
        assert span.type == "figure"
        assert span.kind in {"count", "percent", "money", "date", "time", "duration", "ordinal", "other"}
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    json.dumps([s.to_json(text, "doc") for s in found])
    for span in found[:3]:
        noun = quantified_noun(text, span)
        assert noun is None or noun in text[span.end :]
