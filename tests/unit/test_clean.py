"""The article cleaner: line rules, the five seed pages, and robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from djreader.core import clean_meta as cm
from djreader.core import clean_rules as cr
from djreader.core.clean import clean
from djreader.core.document import (
    BLOCK_KINDS,
    CAPTION,
    FURNITURE,
    HEADING,
    META,
    PARAGRAPH,
    SUBTITLE,
    TITLE,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _kinds(text: str) -> dict[str, str]:
    """Block text -> kind (the last block wins for repeated lines)."""
    art = clean(text)
    return {text[b.start : b.end]: b.kind for b in art.blocks}


def _kind_of(text: str, startswith: str) -> list[str]:
    art = clean(text)
    return [b.kind for b in art.blocks if text[b.start : b.end].startswith(startswith)]


# -- line rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("分享到微信朋友圈", "share"),
        ("打开微信,点击 “ 发现 ” ,使用 “ 扫一扫 ” 即可将网页分享至朋友圈。", "share"),
        ("扫一扫在手机打开当前页", "share"),
        ("评论一下", "comment"),
        ("已有0人参与,点击查看更多精彩评论", "comment"),
        ("• 顶一下", "vote"),
        ("(0)", "vote"),
        ("0%", "vote"),
        ("------分隔线----------------------------", "separator"),
        ("**********", "separator"),
        (">相关新闻", "related"),
        ("相关稿件", "related"),
        ("推荐内容", "related"),
        ("陇ICP备08000781号  Powered by 大西北网络 版权所有", "footer"),
        ("京ICP证030173号", "footer"),
        ("Copyright © 2010-2014 Dxbei Corporation. All Rights Reserved", "footer"),
        ("免责声明:本文仅代表作者个人观点", "footer"),
        ("网站简介  |  保护隐私权  |  广告服务  |  联系我们", "nav"),
        ("首页 >", "crumb"),
        ("当前位置:首页 > 新闻中心 > 正文", "crumb"),
        ("首页 > 要闻 > 正文", "crumb"),
        ("【字号 大 中 小】", "tool"),
        ("打印本页", "tool"),
        ("字体：大 中 小", "tool"),
        ("浏览次数：88", "tool"),
        ("关闭窗口", "tool"),
        ("上一篇:我市召开党建工作会议", "pager"),
        ("掌中庆阳客户端", "tool"),
        ("• 陇东报数字报", "tool"),
        ("• 林铎:多措并举到户到人 确保如期高质量打赢脱贫攻坚战", "bullet"),
        ("(完)", "end"),
        ("网站首页 新闻中心 党建动态 理论学习", "menu"),
        ("人民网>>时政>>正文", "crumb"),
        ("阅读次数：1234", "tool"),
    ],
)
def test_furniture_lines(line: str, kind: str) -> None:
    assert cr.furniture_kind(cr.normalise(line)) == kind


@pytest.mark.parametrize(
    "line",
    [
        "靶向施策,提升能力强基固本",
        "他在会上分享了村里发展集体经济的经验。",
        "相关部门要切实履行职责,加强对基层党组织的指导。",
        "党建激活“新动能”",
        "2017年7月至8月,市委组织部抽调60余人组织专班,历时38天,对10个县(市、区)所有党组织进行全覆盖拉网式督查。",
        "□本报记者 李飞",
        "群众用手机扫一扫就能办理业务。",
        "老字号焕发新活力",
        "打造群众离不开的党建服务客户端",
        "村里通过微信公众号发布党务信息。",
        # a long sentence that happens to mention a share button is prose
        "村民们纷纷点击分享按钮,把村里的变化发到朋友圈,"
        "让更多在外打工的乡亲看到家乡的新面貌,也吸引了不少游客前来观光旅游,村集体收入逐年提高。",
    ],
)
def test_not_furniture(line: str) -> None:
    assert cr.furniture_kind(cr.normalise(line)) is None


@pytest.mark.parametrize(
    "line, date",
    [
        ("时间:2019-03-15 17:15来源:大西北网-甘肃日报", "2019-03-15 17:15"),
        ("08.03.2016  09:09", "2016-03-08 09:09"),  # year last: day first
        ("15.03.2019", "2019-03-15"),  # first field > 12: must be the day
        ("03.15.2019", "2019-03-15"),  # second field > 12: month first
        ("2019年3月15日 08:05", "2019-03-15 08:05"),
        ("发布时间:2020/01/02", "2020-01-02"),
        ("2018.11.30", "2018-11-30"),
        ("2019-13-45", None),
        ("第2019号文件", None),
        ("建党100周年", None),
    ],
)
def test_find_date(line: str, date: str | None) -> None:
    got = cm.find_date(line)
    assert (got[0] if got else None) == date


@pytest.mark.parametrize(
    "line, names",
    [
        ("□本报记者 李飞", ["李飞"]),
        ("新甘肃·甘肃日报记者 张富贵", ["张富贵"]),
        ("新甘肃·甘肃日报记者 陈 泳 通讯员 刘旭民", ["陈泳", "刘旭民"]),
        ("本报记者 张三 李四", ["张三", "李四"]),
        ("文/王小明", ["王小明"]),
        ("记者了解到,村里今年新建了温室。", None),
        ("本版图片由本报记者李飞搜集提供", None),
        ("记者从会上获悉", None),
        ("强化措施抓整顿 夯实基层党建工作基础", None),
    ],
)
def test_byline_names(line: str, names: list[str] | None) -> None:
    assert cm.byline_names(cr.normalise(line)) == names


@pytest.mark.parametrize(
    "line, fields",
    [
        (
            "时间:2019-03-15 17:15来源:大西北网-甘肃日报 作者: 点击: 载入中...",
            {"时间": "2019-03-15 17:15", "来源": "大西北网-甘肃日报", "作者": "", "点击": "载入中..."},
        ),
        ("编辑:姜大捷责任编辑:姜大捷", {"编辑": "姜大捷", "责任编辑": "姜大捷"}),
        ("(责任编辑:张云文)", {"责任编辑": "张云文"}),
        ("来源: 人民日报", {"来源": "人民日报"}),
    ],
)
def test_labelled_fields(line: str, fields: dict[str, str]) -> None:
    assert cm.is_label_row(cr.normalise(line))
    assert cm.labelled_fields(cr.normalise(line)) == fields


@pytest.mark.parametrize(
    "line", ["记者:你们村是怎么把合作社办起来的？", "来源于群众的智慧,最终服务于群众。"]
)
def test_not_label_row(line: str) -> None:
    assert not cm.is_label_row(line)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("徽县通过推行绩效月考评制度(资料图)。新甘肃·甘肃日报记者 吕亚龙", True),
        ("村民在田间劳作。 本报记者 王某 摄", True),
        ("图为村党支部书记带领党员查看枸杞长势。", True),
        ("本版图片由本报记者李飞搜集提供", True),
        ("…共同发展。(新甘肃·甘肃日报记者 孙海峰)", False),  # the article byline
        ("成效的背后,问题不容忽视。", False),
    ],
)
def test_photo_credit(line: str, expected: bool) -> None:
    assert cm.photo_credit(line) is expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("成效的背后,问题不容忽视。", True),
        ("组织生活不规范……", True),
        ("“我们一定能做到。”", True),
        ("……纪实(记者 王某)。", True),
        ("靶向施策,提升能力强基固本", False),
        ("全面进步促过硬“百花绽放成““风景”", False),
        ("时间:", False),
    ],
)
def test_ends_sentence(line: str, expected: bool) -> None:
    assert cr.ends_sentence(line) is expected


def _page(*lines: str, gap: str = "\n\n") -> str:
    return gap.join(lines)


PARA = "全市各级党组织认真落实从严治党要求,推动基层党建工作全面进步全面过硬,取得了明显成效。"


@pytest.mark.parametrize(
    "line, kind",
    [
        ("紧盯党建薄弱点 靶向直指最基层", HEADING),
        ("一、强化政治引领", HEADING),
        ("成效的背后,问题不容忽视。", PARAGRAPH),
        ("全省党建工作座谈会在罗田县召开", CAPTION),  # event ending: a caption
        ("督导组向县委反馈情况时会议室突然停电,大家打开手机照明继续开会", CAPTION),
        ("——记全市基层党建工作", SUBTITLE),
        ("(责任编辑:王某)", META),
        ("分享到微信朋友圈", FURNITURE),
    ],
)
def test_body_line_kinds(line: str, kind: str) -> None:
    text = _page("党建引领谋发展", PARA, line, PARA)
    assert _kinds(text)[line] == kind


def test_caption_after_a_picture_gap() -> None:
    text = _page("党建引领谋发展", PARA, "", "", "村级活动场所。", PARA, gap="\n")
    assert _kinds(text)["村级活动场所。"] == CAPTION
    # the same line with an ordinary paragraph break is body text
    text = _page("党建引领谋发展", PARA, "村级活动场所。", PARA)
    assert _kinds(text)["村级活动场所。"] == PARAGRAPH


def test_heading_needs_body_after_it() -> None:
    text = _page("党建引领谋发展", PARA, PARA, "全面推进基层治理")
    assert _kinds(text)["全面推进基层治理"] != HEADING


def test_tail_ends_at_prose() -> None:
    text = _page("党建引领谋发展", PARA, "相关新闻", "• 某地召开党建会议", "某地党建纪实", PARA)
    kinds = _kinds(text)
    assert kinds["• 某地召开党建会议"] == FURNITURE
    assert kinds["某地党建纪实"] == FURNITURE
    assert [b.kind for b in clean(text).blocks][-1] == PARAGRAPH


# -- the five seeds --------------------------------------------------------------

TITLES = {
    "000": "打造“铁人先锋”品牌——酒泉市开展基层党建质量提升年活动纪实",
    "001": "党建激活“新动能”",
    "002": "大庆 夯实党建之基 走实振兴之路",
    "003": "如期全面打赢脱贫攻坚战之党建篇",
    "004": "聚精会神抓党建 凝心聚力谋发展 ——临夏州全面加强党的建设纪实",
}
FURNITURE_WORDS = ("分享", "评论", "顶一下", "踩一下", "ICP", "Copyright", "相关", "分隔线", "编辑:", "版权", "首页")


@pytest.mark.parametrize("prefix", sorted(TITLES))
def test_seed_title_and_body(prefix: str) -> None:
    text = _seed(prefix)
    art = clean(text)
    assert art.title == TITLES[prefix]
    body = art.body(text)
    assert len(body) >= 5
    for para in body:
        assert not any(word in para for word in FURNITURE_WORDS), para
    starts = [b.start for b in art.blocks if b.kind == PARAGRAPH]
    assert starts == sorted(starts)
    assert art.sections, "every seed has an outline"
    assert sum(b.kind == TITLE for b in art.blocks) >= 1


def test_seed_000() -> None:
    text = _seed("000")
    art = clean(text)
    assert art.editor == "姜大捷"
    assert art.author == "孙海峰"  # from the byline closing the last paragraph
    kinds = [b.kind for b in art.blocks]
    assert kinds[:3] == [FURNITURE] * 3  # 陇东报数字报, 掌中庆阳客户端, 首页 >
    assert _kind_of(text, "打造“铁人先锋”品牌") == [TITLE, TITLE]  # the title and its repeat
    assert _kind_of(text, "——酒泉市开展") == [SUBTITLE]
    assert _kind_of(text, "今年以来,酒泉市委以学习贯彻") == [PARAGRAPH]
    assert _kind_of(text, "酒泉同济中西医结合医院") == [PARAGRAPH]
    assert _kind_of(text, "编辑:姜大捷") == [META]
    assert kinds[-1] == FURNITURE  # 相关稿件
    assert [s.title for s in art.sections] == [
        "靶向施策,提升能力强基固本",
        "既严又实,推动党建提质增效",
        "深度融合,先锋引领聚力攻坚",
    ]
    assert all(s.level == 2 for s in art.sections)


def test_seed_001() -> None:
    text = _seed("001")
    art = clean(text)
    assert _kind_of(text, "全省“整县推进”工作座谈会在罗田县召开") == [CAPTION]
    assert _kind_of(text, "紧盯党建薄弱点 靶向直指最基层") == [HEADING]
    assert _kind_of(text, "成效的背后,问题不容忽视。") == [PARAGRAPH]
    titles = [s.title for s in art.sections]
    assert "紧盯党建薄弱点 靶向直指最基层" in titles and "党员示范带路" in titles
    assert all(b.kind == FURNITURE for b in art.blocks[-6:])  # the comment widget
    assert art.date is None and art.author is None


def test_seed_002() -> None:
    text = _seed("002")
    art = clean(text)
    assert art.author == "李飞"
    assert _kind_of(text, "□本报记者 李飞") == [META]
    assert _kind_of(text, "林甸县东兴乡东兴村级活动场所。") == [CAPTION]
    assert _kind_of(text, "2018年“我是党课主讲人”决赛现场。") == [CAPTION]
    assert _kind_of(text, "本版图片由本报记者李飞搜集提供") == [CAPTION]
    assert _kind_of(text, "强化措施抓整顿 夯实基层党建工作基础") == [HEADING]
    assert _kind_of(text, "省、直辖市,有力扩大了") == [PARAGRAPH]


def test_seed_003() -> None:
    text = _seed("003")
    art = clean(text)
    assert art.date == "2019-03-15 17:15"
    assert art.source == "大西北网-甘肃日报"
    assert art.author is None
    assert art.editor == "张云文"
    assert _kind_of(text, "徽县通过推行绩效月考评制度") == [CAPTION]
    assert _kind_of(text, "牧民的毡房搬到哪里") == [CAPTION]
    assert _kind_of(text, "——我省抓党建促脱贫攻坚工作掠影") == [SUBTITLE]
    assert _kind_of(text, "新甘肃·甘肃日报记者 张富贵") == [META]
    reports = [(s.title, s.author) for s in art.sections if s.level == 1]
    assert reports == [
        ("党建引领奔小康", "张富贵"),
        ("党建带路 脱贫有方", "朱宇鲲"),
        ("党建引领 攻坚决战", "陈泳、刘旭民"),
        ("抓党建聚合力 强基础促脱贫", "徐锦涛"),
    ]
    level2 = [s.title for s in art.sections if s.level == 2]
    assert "农村要发展,农民要致富,关键靠支部" in level2
    starts = [s.start for s in art.sections]
    assert starts == sorted(starts)
    for s in art.sections:
        assert text[s.start :].startswith(s.title.split(" ")[0])
    tail = text.index(">相关新闻")
    assert all(b.kind == FURNITURE for b in art.blocks if b.start >= tail)


def test_seed_004() -> None:
    text = _seed("004")
    art = clean(text)
    assert art.date == "2016-03-08 09:09"
    assert art.author == "邹海林"
    assert _kind_of(text, "08.03.2016") == [META]
    assert _kind_of(text, "全州还找准基层党建") == [PARAGRAPH]
    assert _kind_of(text, "临夏州突出政治引领") == [PARAGRAPH]
    assert len(art.sections) >= 2  # parts after the picture gaps


# -- robustness --------------------------------------------------------------------


INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"


def _check(text: str) -> None:
    art = clean(text)
    prev = 0
    for b in art.blocks:
        assert b.kind in BLOCK_KINDS
        assert 0 <= prev <= b.start < b.end <= len(text)
        chunk = text[b.start : b.end]
        assert chunk == chunk.strip()
        prev = b.end
    # nothing is dropped: outside the blocks there is only whitespace or invisible marks
    edges = [0] + [x for b in art.blocks for x in (b.start, b.end)] + [len(text)]
    for lo, hi in zip(edges[::2], edges[1::2]):
        assert all(ch.isspace() or ch in INVISIBLE for ch in text[lo:hi])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["", " ", "\u3000", "\xa0", "首页 >", "评论一下", "(0)", "——副题", "□本报记者 李飞", "08.03.2016 09:09",
                 "时间:2019-03-15 17:15来源:某网 作者:", PARA, "强化措施抓整顿", "村级活动场所。", "• 链接"]
            ),
            st.text(max_size=40),
        ),
        max_size=30,
    ),
    st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028"]),
)
def test_never_raises_on_page_like_text(lines: list[str], sep: str) -> None:
    _check(sep.join(lines))


@pytest.mark.parametrize(
    "text",
    ["", "\n\n\n", "\u3000\xa0 \t", "\x00\x01\x02", "\ufeff标题\n\n正文。", "a" * 2_000_000, "党" * 300_000 + "。"],
)
def test_edge_inputs(text: str) -> None:
    _check(text)


# -- pages shaped like other news sites -------------------------------------------

LONG = "　　" + PARA * 2


def test_people_style_page() -> None:
    text = "\n".join(
        [
            "人民网>>时政>>正文",
            "坚持党建引领 推动高质量发展",
            "——来自基层一线的报道",
            "2020年03月15日08:12  来源：人民网－人民日报",
            "分享到：",
            "　　本报北京3月14日电  （记者张三）近日，记者走进某县，看到一派繁忙景象。" + PARA,
            "记者：你们村是怎么把合作社办起来的？",
            "　　图为村民在合作社分拣蔬菜。 李四摄",
            LONG,
            "《 人民日报 》（ 2020年03月15日 04 版）",
            "(责编：赵五、钱六)",
        ]
    )
    art = clean(text)
    kinds = _kinds(text)
    assert art.title == "坚持党建引领 推动高质量发展"
    assert (art.date, art.source, art.author, art.editor) == ("2020-03-15 08:12", "人民网－人民日报", "张三", "赵五、钱六")
    assert kinds["人民网>>时政>>正文"] == FURNITURE
    assert kinds["——来自基层一线的报道"] == SUBTITLE
    assert kinds["分享到："] == FURNITURE
    assert kinds["记者：你们村是怎么把合作社办起来的？"] == PARAGRAPH
    assert kinds["图为村民在合作社分拣蔬菜。 李四摄"] == CAPTION
    assert kinds["《 人民日报 》（ 2020年03月15日 04 版）"] == META


def test_portal_style_page() -> None:
    text = "\n".join(
        [
            "新华网",
            "首页 > 时政 > 正文",
            "某省召开全面从严治党工作会议",
            "2021-05-21 19:52:34 来源：新华网",
            "【字号 大 中 小】 打印本页 关闭窗口",
            LONG,
            "一、加强组织领导",
            LONG,
            "（二）提高政治站位",
            LONG,
            "（完）",
            "责任编辑：王某",
            "上一篇：某某会议召开",
            "扫一扫在手机打开当前页",
            "版权所有 新华网",
        ]
    )
    art = clean(text)
    assert art.title == "某省召开全面从严治党工作会议"
    assert (art.date, art.source, art.editor) == ("2021-05-21 19:52", "新华网", "王某")
    assert [s.title for s in art.sections] == ["一、加强组织领导", "（二）提高政治站位"]
    assert [b.kind for b in art.blocks][:2] == [FURNITURE, FURNITURE]
    assert [b.kind for b in art.blocks][-5:] == [FURNITURE, META, FURNITURE, FURNITURE, FURNITURE]
    assert len(art.body(text)) == 3


def test_page_without_title_or_meta() -> None:
    text = LONG + "\n\n" + LONG
    art = clean(text)
    assert art.title == "" and art.date is None and art.author is None
    assert [b.kind for b in art.blocks] == [PARAGRAPH, PARAGRAPH]


def _wrap(s: str, width: int) -> list[str]:
    return [s[i : i + width] for i in range(0, len(s), width)]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    para = PARA * 3
    text = "\n".join(
        ["关于加强基层党建工作的报告", ""]
        + ["\n".join(["　　" + _wrap(para, 30)[0]] + _wrap(para, 30)[1:]) for _ in range(3)]
        + ["", "一、主要做法", ""]
        + _wrap(para, 30)
    )
    art = clean(text)
    assert [b.kind for b in art.blocks] == [TITLE, PARAGRAPH, PARAGRAPH, PARAGRAPH, HEADING, PARAGRAPH]
    assert all(text[b.start : b.end].replace("\n", "") == para for b in art.blocks if b.kind == PARAGRAPH)
    _check(text)


@pytest.mark.parametrize("prefix", sorted(TITLES))
def test_seed_lines_are_not_joined(prefix: str) -> None:
    text = _seed(prefix)
    assert len(clean(text).blocks) == sum(1 for line in text.splitlines() if line.strip())


def test_short_lines_are_not_joined() -> None:
    text = "\n".join(["党建工作要点如下"] + ["第%d条要求要落实到位" % i for i in range(10)])
    assert len(clean(text).blocks) == 11


@pytest.mark.parametrize(
    "line, fields",
    [
        ("文章来源：中国组织人事报", {"来源": "中国组织人事报"}),
        ("原标题：某县抓党建促振兴", {"原标题": "某县抓党建促振兴"}),
    ],
)
def test_prefixed_labels(line: str, fields: dict[str, str]) -> None:
    assert cm.is_label_row(line)
    assert cm.labelled_fields(line) == fields


def test_contact_footer() -> None:
    assert cr.furniture_kind("主办：某市委组织部 地址：某市某路1号 电话：0931-1234567") == "footer"
    assert cr.furniture_kind("咨询电话：12345。") is None


def test_question_title_and_closing_byline() -> None:
    text = "\n\n".join(["如何抓好基层党建？", "来源：某日报", LONG, LONG, "（本报记者 王小明）", "相关新闻"])
    art = clean(text)
    assert art.title == "如何抓好基层党建？"
    assert (art.source, art.author) == ("某日报", "王小明")
    assert [b.kind for b in art.blocks] == [TITLE, META, PARAGRAPH, PARAGRAPH, META, FURNITURE]


def test_short_first_paragraph_after_a_gap_is_body() -> None:
    text = "党建引领谋发展\n\n\n\n今年以来成效明显。\n\n" + LONG
    assert _kinds(text)["今年以来成效明显。"] == PARAGRAPH
