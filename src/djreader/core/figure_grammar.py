"""The regular grammar behind figure recognition: units, measure words and
the one compiled pattern that finds candidate figures in raw text.

Recognition runs over the raw characters rather than over jieba tokens,
because the segmenter splits numbers from their units (2.39/亿, 200/元).
Each alternative of ``FIGURE_RE`` is a named group; figures.py decides from
the group and its surroundings whether a candidate is a figure and of which
kind.
"""

from __future__ import annotations

import re

AR = "0-9０-９"  # Arabic digits, ASCII and full-width
CN = "零〇一二三四五六七八九十百千万亿两"  # Chinese numeral characters

# Measure words and units, by the kind of figure they make.
COUNT_UNITS = (
    "个方面 大类 人次 场次 批次 家次 户次 架次 车次 个 名 人 位 次 项 条 家 所 批 户 届 级 类 种 "
    "支 只 头 座 株 棵 场 期 份 件 轮 篇 本 辆 台 套 处 间 栋 幢 张 部 册 首 例 宗 笔 封 根 匹 艘 "
    "架 组 队 堂 节 门 枚 颗 尾 羽"
).split()
# Administrative nouns take an Arabic number directly (4县市, 12村).
ADMIN_UNITS = "县市 县区 市县 市州 乡镇 省区 县 市 区 省 乡 镇 村".split()
DURATION_UNITS = (
    "个多小时 个半小时 个多月 个半月 个小时 个星期 个工作日 个月 小时 分钟 星期 工作日 年多 年余 年半 "
    "年 天 周 秒"
).split()
AGE_UNITS = ["周岁", "岁"]
MONEY_UNITS = "美元 欧元 英镑 日元 港元 港币 韩元 卢布 块钱 元".split()
PERCENT_UNITS = ["个百分点", "%", "％", "‰"]
OTHER_UNITS = (
    "平方公里 平方千米 平方米 立方米 公顷 亩 公里 千米 厘米 毫米 米 吨 公斤 千克 克 斤 毫升 升 "
    "千瓦时 千瓦 兆瓦 瓦 摄氏度 度 倍 周年 km kg ㎡ ㎞ ℃"
).split()
CN_ONLY_UNITS = ["成"]  # 七成 = 70 %; after an Arabic number 成 is usually a verb

UNIT_KIND: dict[str, str] = {}
for _units, _kind in (
    (COUNT_UNITS, "count"),
    (ADMIN_UNITS, "count"),
    (DURATION_UNITS, "duration"),
    (MONEY_UNITS, "money"),
    (PERCENT_UNITS, "percent"),
    (OTHER_UNITS, "other"),
    (AGE_UNITS, "other"),
    (CN_ONLY_UNITS, "percent"),
):
    for _u in _units:
        UNIT_KIND.setdefault(_u, _kind)

# Measure words that make 第N a countable ordinal (第一个, 第三次, 第二批).
ORDINAL_UNITS = "季度 部分 阶段 个 次 届 批 期 轮 名 位 章 条 款 节 天 年 号 组 卷 版 场 集 回 页 层 排".split()


def _alt(units: list[str]) -> str:
    """An alternation that tries longer units first (个方面 before 个)."""
    return "|".join(re.escape(u) for u in sorted(set(units), key=len, reverse=True))


_AR_UNITS = _alt(
    COUNT_UNITS + ADMIN_UNITS + DURATION_UNITS + MONEY_UNITS + PERCENT_UNITS + OTHER_UNITS + AGE_UNITS
)
_CN_UNITS = _alt(COUNT_UNITS + DURATION_UNITS + MONEY_UNITS + OTHER_UNITS + AGE_UNITS + CN_ONLY_UNITS + ["个百分点"])

_SP = r"[ \t\u00a0\u3000]"
_HM = rf"[{AR}]{{1,2}}[:：][{AR}]{{2}}(?:[:：][{AR}]{{2}})?"
_AR_NUM = rf"[{AR}]{{1,3}}(?:,[0-9]{{3}})+(?![{AR}])|[{AR}]+(?:[.．][{AR}]+)?"
_NOT_AR_BEFORE = rf"(?<![{AR}.．A-Za-z_])"
_NOT_CN_BEFORE = rf"(?<![{CN}第])"
_CN_DAY = "[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_CN_MONTH = "十[一二]?|[一二三四五六七八九]"

# Chinese-style dates: 2017年7月9日, 二〇一七年, 3月7日, 6月, 27日.
DATE_PARTS_RE = re.compile(
    rf"(?:(?P<y>[{AR}]{{4}}|[〇零一二三四五六七八九]{{4}})年)?"
    rf"(?:(?P<m>[{AR}]{{1,2}}|{_CN_MONTH})月份?)?"
    rf"(?:(?P<d>[{AR}]{{1,2}}|{_CN_DAY})[日号])?"
)
_CN_DATE = (
    rf"{_NOT_AR_BEFORE}{_NOT_CN_BEFORE}"
    rf"(?:(?:[1-2１２][{AR}]{{3}}|[〇零一二三四五六七八九]{{4}})年(?![级代])"
    rf"(?:(?:[{AR}]{{1,2}}|{_CN_MONTH})月份?(?:(?:[{AR}]{{1,2}}|{_CN_DAY})[日号])?)?"
    rf"|(?:[{AR}]{{1,2}}|{_CN_MONTH})月份?(?:(?:[{AR}]{{1,2}}|{_CN_DAY})[日号])?"
    rf"|[{AR}]{{1,2}}日)"
)

FIGURE_RE = re.compile(
    rf"(?=[{AR}{CN}第数几上￥¥$＄])(?:"
    # 2019-03-15 17:15, 2019/3/15
    rf"(?P<iso>{_NOT_AR_BEFORE}[{AR}]{{4}}([-/.])[{AR}]{{1,2}}\2[{AR}]{{1,2}}(?![{AR}])"
    rf"(?:(?:T|{_SP}{{1,3}}){_HM})?)"
    # 08.03.2016  09:09 (day.month.year)
    rf"|(?P<dmy>{_NOT_AR_BEFORE}[{AR}]{{1,2}}\.[{AR}]{{1,2}}\.[{AR}]{{4}}(?![{AR}])(?:{_SP}{{1,3}}{_HM})?)"
    rf"|(?P<cndate>{_CN_DATE})"
    # 17:15, 6时, 6时30分, 9点半
    rf"|(?P<hm>{_NOT_AR_BEFORE}{_HM}(?![{AR}:：]))"
    rf"|(?P<clock>(?:{_NOT_AR_BEFORE}[{AR}]{{1,2}}|{_NOT_CN_BEFORE}[{CN}]{{1,3}})[时点]"
    rf"(?:(?:[{AR}]{{1,2}}|[{CN}]{{1,3}})分|半)?)"
    rf"|(?P<ordinal>第(?:[{AR}]+|[{CN}]+)(?:{_alt(ORDINAL_UNITS)})?)"
    rf"|(?P<pctcn>百分之(?:[{AR}]+(?:[.．][{AR}]+)?|[{CN}]+(?:点[零〇一二三四五六七八九]+)?))"
    # Arabic quantities: 5761个, 1.2万多个, 10多万元, 95%, 8.65万
    rf"|(?P<qar>{_NOT_AR_BEFORE}(?P<qa_num>{_AR_NUM})(?P<qa_ap>[多余来])?"
    rf"(?:(?P<qa_unit>{_AR_UNITS})|(?P<qa_mult>万亿|千万|百万|[万亿千])(?P<qa_ap2>[多余])?"
    rf"(?P<qa_unit2>{_AR_UNITS})?))"
    # Chinese quantities: 十三届, 两年多, 千余名, 数十年, 三十多万元
    rf"|(?P<qcn>{_NOT_CN_BEFORE}(?P<qc_num>(?:[数几上](?=[十百千万]))?[{CN}]+)(?P<qc_ap>[多余几来])?"
    rf"(?:(?P<qc_mult>[万亿])(?P<qc_ap2>[多余])?)?(?P<qc_unit>{_CN_UNITS}))"
    # ￥1200, $3.5亿
    rf"|(?P<cur>[￥¥$＄](?:{_AR_NUM})(?:万亿|[万亿])?元?)"
    # 三分之一 (a share, given as a percentage)
    rf"|(?P<frac>{_NOT_CN_BEFORE}[{CN}]+分之[{CN}]+)"
    # 4.26 and 5·12 as month.day dates (checked in figures.py)
    rf"|(?P<mdot>{_NOT_AR_BEFORE}[{AR}]{{1,2}}[.·．][{AR}]{{1,2}}(?![{AR}.．%％]))"
    rf")"
)

# Numeral formulas and slogans: 三会一课, 两学一做, 一岗双责, 千家万户, 五位一体,
# and a count of numbered things, 两个一百年.
_CN1 = "一二三四五六七八九十两双百千万"
FORMULA_RE = re.compile(
    rf"(?=[{_CN1}])(?:(?<![{CN}])[{_CN1}](?:(?![{CN}双])[\u4e00-\u9fff])[{_CN1}](?![{CN}])[\u4e00-\u9fff]"
    rf"|[{_CN1}]个[{_CN1}])"
)

# Idioms whose numerals are not quantities and which the grammar would take.
IDIOMS = (
    "百年大计 百年大党 百年未有 百年变局 百年树人 十年树木 十年磨一剑 万家灯火 百家争鸣 百家姓 "
    "千里迢迢 万人空巷 一年四季 三天两头 千家万户 四面八方 五湖四海 千方百计 万无一失 三番五次 "
    "千辛万苦 千军万马 九牛一毛 一五一十 十全十美 千篇一律 万众一心 两面人 三年五载 "
    # fixed political terms, usually but not always quoted
    # place names whose numeral is followed by a measure word
    "三门峡 五台山 五台县 七台河 九台区 三台县 万年县 五家渠 "
    "三个代表 四个全面 四个意识 四个自信 两个维护 两个确立 两个务必 四个伟大 八项规定 三大攻坚战"
).split()
IDIOM_RE = re.compile("|".join(sorted(IDIOMS, key=len, reverse=True)))

# A short quoted or titled phrase without sentence punctuation is a name or
# slogan (“五个基本”, “3536”, 《百米河边》): numerals inside it are not figures.
SLOGAN_RE = re.compile(
    r"“[^“”\n，。！？；：,!?;]{1,10}”|‘[^‘’\n，。！？；：,!?;]{1,10}’|「[^「」\n，。！？；：,!?;]{1,10}」"
    r"|『[^『』\n，。！？；：,!?;]{1,10}』|《[^《》\n，。！？；：,!?;]{1,10}》"
    r"|\"[^\"\n，。！？；：,!?;]{1,10}\"|〈[^〈〉\n，。！？；：,!?;]{1,10}〉"
)

# Words before a bare 万/亿 amount (投资1.2亿) that make it money.
MONEY_CONTEXT_RE = re.compile(
    r"投资|资金|收入|经费|产值|营收|金额|资产|利润|税收|融资|贷款|销售额|营业额|补贴|补助|奖金|捐款|"
    r"拨付|筹集|[元钱款]"
)
# Words before a clock time that put it in the afternoon or evening.
PM_RE = re.compile(r"(?:下午|晚上|傍晚|夜里|夜间|晚)$")
CLOCK_CONTEXT_RE = re.compile(r"(?:上午|下午|晚上|凌晨|早上|早晨|中午|傍晚|夜里|夜间|早|晚|日|号)$")
# Meetings numbered with 次 (十三届全国人大二次会议, 第三次全体会议).
MEETING_RE = re.compile(r"(?:全体)?(?:会议|全会|代表大会|党代会|常委会|全委会|大会)")
