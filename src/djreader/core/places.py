"""Chinese place names in running text, with their administrative chain.

Two passes over the document. The first finds the places that need no
context (full names with an administrative suffix, unambiguous short
forms, chains such as 肃州区银达镇谭家堡村) and records which units the
document talks about. The second repeats the scan with that context, so
that ambiguous short forms (灵台, 安定) are accepted only when their parent
or full name is mentioned too, a village first named after its town is
recognised again on its own (凤凰村), and bare forms of towns and villages
named in full elsewhere (河铺 after 河铺镇) are found.

A short name must start and end on a jieba word boundary (see
core/place_doc.py), so 安顺 does not fire inside 平安顺利.
"""

from __future__ import annotations

import re

from djreader.core.gazetteer import TOWN_SUFFIXES, VILLAGE_SUFFIXES, Entry, PlaceInfo, gazetteer, place_info
from djreader.core.normalize import simplified_view
from djreader.core.place_doc import AROUND, PlaceDoc
from djreader.core.place_rules import PROVINCE_CHARS, abbreviations, datelines
from djreader.core.place_suffix import SURNAMES, counted_lists, landform_cue, suffix_places
from djreader.core.spans import Span

__all__ = ["find_places", "place_info", "PlaceInfo"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_VILLAGE_END = re.compile(r"村|社区|嘎查")
# A name made by the suffix rule never starts with these (各村, 全县, 本乡,
# 两个村) nor contains the second set (在村里, 的村, 党支部村); the second set
# is repeated in scripts/build_gazetteer.py.
_BAD_FIRST = set("各全本该每所其此这那农城乡镇村县市区省几多数贫示重行自个")
_BAD_ANY = set("的在和与及等是有为把将对从到了个们里级委党政府部局所校院会组队户站员名某区县市省州旗")
# a suffix character that begins a word of its own with what follows (北京市场:
# 北京 and 市场 "market"; 重庆市郊 "suburbs", 朝阳区域): the span ends before it
_SUFFIX_WORDS = frozenset({"市场", "区域", "市民", "市区", "市郊"})
# a suffix character that begins such a word, "towns and villages", after
# an everyday word is no suffix: 发展乡镇企业, 建设乡村 hold no township
# (发展乡 and 建设乡 exist); but 兴隆乡村级组织, 光明乡村干部 do (what a
# township has: its villages' level, cadres, committees, Party branches)
_TOWNS_AND_VILLAGES = frozenset({"乡镇", "乡村", "村镇", "镇村"})
_OF_A_TOWNSHIP = ("级", "干部", "两委", "党")
_FREQ_COMMON = 200  # jieba frequency above which a bare short form is a common word
_FREQ_LONE = 40  # ... and below which a county's, cut as a word of its own, needs no cue
# administrative levels, outermost first: a place of a lower level may be in one of a higher
_RANK = {"country": 0, "province": 1, "city": 2, "county": 3, "township": 4, "village": 5, "community": 5}
_COUNTY_SUFFIXES = ("区", "县")
_TOWN_NEXT = re.compile("[\u4e00-\u9fff]{1,4}(?:镇|乡|街道)")  # a town after a new district (东陵区满堂乡)
_FREQ_NAME_WORD = 100  # jieba frequency above which a word ending in a suffix is no one place (新村, 古镇)


def _suffix_begins(d: PlaceDoc, suffix: int, words: frozenset[str], start: int = -1) -> bool:
    """Whether the suffix at text[suffix] and the character after it are one
    of ``words`` and begin a jieba word (市场 in 北京市场, 乡村 in 发展乡村), or
    end the jieba word that starts at ``start`` (北京市民 as one word)."""
    if d.text[suffix : suffix + 2] not in words:
        return False
    return d.word_end(suffix) > suffix + 1 or (start >= 0 and d.is_token(start, suffix + 2))


# what follows 市中心 "the city centre" (重庆市中心的影院), not the 中心 of a
# name after the city's (重庆市中心医院 "the city's central hospital")
_AFTER_CENTRE = re.compile(r"[^\u4e00-\u9fff]|[的地一附以区]")


def _city_centre(d: PlaceDoc, suffix: int) -> bool:
    """Whether the 市 at text[suffix] begins 市中心 "the city centre"."""
    return d.text.startswith("市中心", suffix) and (suffix + 3 >= len(d.text) or _AFTER_CENTRE.match(d.text, suffix + 3) is not None)


def _towns_and_villages(d: PlaceDoc, body_start: int, suffix: int) -> bool:
    """Whether text[suffix] starts jieba's word for "towns and villages"
    (乡村, 乡镇...) after an everyday word, so that it is no suffix."""
    return (
        _suffix_begins(d, suffix, _TOWNS_AND_VILLAGES)
        and d.g.is_everyday(d.text[body_start:suffix])
        and not d.text.startswith(_OF_A_TOWNSHIP, suffix + 2)
    )


def _ctx_ok(d: PlaceDoc, e: Entry) -> bool:
    """An ambiguous alias: its full name, an ancestor or a child is mentioned."""
    if e.id in d.full_named:
        return True
    return any(a in d.mentioned for a in d.g.ancestors(e.id))


def _ranked(d: PlaceDoc, entries: list[Entry], prev: int) -> list[Entry]:
    """Readings of a name, best supported by the chain and the document first;
    full names before aliases, and a landform or foreign name before an
    alias that needs context (泰山 the mountain before 泰山区)."""
    if len(entries) == 1:
        return entries

    def score(e: Entry) -> tuple[int, int]:
        if e.id < 0:
            return (0, 1)
        anc = d.g.ancestors(e.id)
        return ((100 if prev in anc else 0) + sum(1 for a in anc if a in d.mentioned), 0 if e.alias else 2)

    return sorted(entries, key=score, reverse=True)


def _parents(d: PlaceDoc, entries: list[Entry], e: Entry, *, certain: bool) -> tuple[str, ...]:
    if e.id < 0:
        return e.parents
    chain = d.g.chain(e.id)
    if certain or len(entries) == 1:
        return chain
    # several readings and no context: keep only the ancestors they share
    common = list(chain)
    for other in entries:
        if other.id >= 0 and other is not e:
            oc = d.g.chain(other.id)
            n = 0
            while n < min(len(common), len(oc)) and common[n] == oc[n]:
                n += 1
            common = common[:n]
    return tuple(common)


def _dict_match(
    d: PlaceDoc, i: int, prev: int, chained: bool, second: bool, prev_chain: tuple[str, ...], prev_kind: str = ""
) -> Span | None:
    """The longest acceptable gazetteer name starting at ``i``."""
    text = d.text
    for n, entries in d.hits.get(i, ()):
        if n < 2:
            continue
        w = text[i : i + n]
        for e in _ranked(d, entries, prev):
            span = _accept(d, i, n, w, entries, e, prev, chained, second, prev_chain, prev_kind)
            if span:
                return span
    return None


def _accept(
    d: PlaceDoc,
    i: int,
    n: int,
    w: str,
    entries: list[Entry],
    e: Entry,
    prev: int,
    chained: bool,
    second: bool,
    prev_chain: tuple[str, ...],
    prev_kind: str = "",
) -> Span | None:
    """``w`` read as ``e`` at ``i``, if the boundaries and the context allow
    it; ``prev_kind`` is the kind of the place right before, if any."""
    g = d.g
    short = e.alias or n <= 2 or e.id < 0  # a landform too: 日本海 in 日本海军
    # a full name with a suffix may start inside a jieba word (出让胡路区)
    # when it is long enough not to be a chance hit (其中山区)
    if chained and e.alias and e.id >= 0 and prev not in g.ancestors(e.id):
        chained = False  # 双流 in 转塘街道双流村 is no child of the town
    if not (chained or (n >= 4 and not short) or d.is_start(i)):
        # a country, province or world region at the end of a word jieba's
        # dictionary made of two (首都北京, 中国香港, 南部非洲), or after a
        # verb of going (赴美国); a sea or a lake after 环 "around" (环渤海)
        if e.kind == "geo":
            if not d.compound_tail(i, i + n, heads=AROUND):
                return None
        elif e.kind not in ("country", "province", "region") or not (
            d.compound_tail(i, i + n, everyday_head=e.kind == "region") or d.compound_tail(i, i + n, heads=_GOING_TO)
        ):
            return None
    walled = _walled_city(d, i, n, e)  # 北京城, 马赛城: the city with its 城
    if short and not chained and not (walled < 0 or d.is_end(i + n + walled, i)):
        return None
    if w[0] in _COUNTING and w[1:2] == "山" and i > 0 and d.text[i - 1] in _DIGITS:
        return None  # 254万山区人民, 5000名山区: a number's unit and 山区, no 万山区 (but 2024万州区)
    if d.text[i + n : d.word_end(i)] in _LANGUAGE:
        return None  # 阿拉伯语, 阿拉伯数字: the language or script
    if e.kind == "region" and w in _COMPASS and (prev_kind in _BELOW_PROVINCE or _part_or_direction(d, i + n)):
        # 美国东北部, 青藏高原东南缘, 西南暖湿气流, 敦煌西南 (after a city or a
        # county: a direction; 中国东北 is the region)
        return None
    if e.id < 0 and e.kind == "city" and _person_around(d, i, n):
        return None  # 老将阿尔比, 施瓦茨说: a person of the same name
    # 北京市场: the market's 市 (jieba's word); the place is 北京, known all the same
    trim = int((not short or (e.id < 0 and n >= 3 and w[-1] == "市")) and (_suffix_begins(d, i + n - 1, _SUFFIX_WORDS, i) or _city_centre(d, i + n - 1)))
    if not e.alias and _towns_and_villages(d, i, i + n - 1):
        return None  # 发展乡镇企业, 建设乡村: the suffix starts "towns and villages"
    if e.id >= 0 and not _alias_ok(d, i, w, e, n, chained, second):
        return None
    if e.id < 0 and w in g.ambiguous and not _cued_city(d, w, i):  # 万象 (Vientiane) in 万象更新; 在金边
        return None
    if e.id < 0 and w in g.cued_landforms and not landform_cue(d, i, i + n):  # 汀江之畔, 圆山脚下
        return None
    if not chained and not e.alias and e.kind in ("township", "village", "community") and d.crosses(i, i + n - 1):
        return None
    child_of_prev = prev >= 0 and e.id >= 0 and prev in g.ancestors(e.id)
    below = _RANK.get(e.kind, 0) > _RANK.get(prev_kind, len(_RANK))  # 新平镇新平镇: no town in a town
    if chained and prev_chain and not child_of_prev and e.kind in ("township", "village", "community") and below:
        # 兰考县城关镇 where the data has no such town in that county: the text says where it is
        return Span(i, i + n - trim, "place", e.kind, parents=prev_chain, extra={"id": -1})
    certain = len(entries) == 1 or child_of_prev
    if e.id >= 0 and not certain and second:
        certain = any(a in d.mentioned for a in g.ancestors(e.id))
    parents = _parents(d, entries, e, certain=certain)
    if walled > 0:  # 俄克拉何马城 is the state's city; 科恰班巴省 the province the city names
        kind = _FOREIGN_CITY_UNIT.get(d.text[i + n], "city") if e.id < 0 else e.kind
        if d.text[i + n] in _WATER_UNIT:
            kind = "geo"  # 大连港, 大阪湾
        return Span(i, i + n + 1, "place", kind, parents=parents, extra={"id": e.id, "certain": certain})
    full = g.names[e.id] if e.id >= 0 and g.names[e.id] != w[: n - trim] else None  # 酒泉 -> 酒泉市
    return Span(i, i + n - trim, "place", e.kind, value=full, parents=parents, extra={"id": e.id, "certain": certain})


# a foreign city's name said of a person: after a word of a person's role,
# or opening a clause before a verb of saying (老将阿尔比, 大使霍尔布鲁克,
# 施瓦茨说; not 在巴黎宣布, 部长维也纳会议)
_ROLE_BEFORE = re.compile("(?:老将|选手|球手|单打|总裁|司长|局长|大使|特使|议员|教练|主帅|先生|女士|队员|球员)$")
_SAYS_AFTER = frozenset({"说", "表示", "指出", "认为", "强调", "透露", "告诉", "坦言", "回忆"})


# a number's units and measure words, and the digits before them
_COUNTING = frozenset("万千百亿名个位多余")
_DIGITS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十两几")
# a foreign city's name and a unit: the city, a town, or the province,
# state or county named after it (科恰班巴省, 贾拉拉巴德州, 牛津郡, 洛杉矶县)
_FOREIGN_CITY_UNIT = {"市": "city", "镇": "township", "省": "province", "州": "province", "郡": "county", "县": "county"}
# a city's port or bay (大连港, 大阪湾, 布宜诺斯艾利斯港)
_WATER_UNIT = frozenset("港湾")
# words that begin with 城 in the news that jieba's dictionary lacks: urban
# investment companies, urban railways, city commercial banks, a city's six
# districts (上海城投, 北京城铁, 城六区)
_CITY_WORDS = frozenset({"城投", "城铁", "城轨", "城商", "城六"})
_UNIT_SUFFIXES = frozenset("省市县区州旗盟镇乡村")


def _walled_city(d: PlaceDoc, i: int, n: int, e: Entry) -> int:
    """Whether a city's name at text[i:i+n] is followed by 城 "the city of"
    (北京城, 马赛城, 俄克拉何马城), a foreign city's by a unit (耶路撒冷市,
    萨吉诺镇, 牛津郡; see _FOREIGN_CITY_UNIT), or a city's by 港 or 湾
    (大连港, 大阪湾): the suffix a word of its own, or one word of jieba's
    with the name; not 城市, 城区, 城墙, 市区 (words of their own). 1 if
    so; -1 where jieba joined to the name the 城 of such a word (北京城/里:
    the name ends before 城); else 0. A province counts only where it is a
    city (北京城, 上海港; not 浙江城投)."""
    j = i + n
    city = e.kind in ("city", "county") or (e.kind == "province" and e.id >= 0 and d.g.names[e.id].endswith("市"))
    if d.text[j : j + 1] in _WATER_UNIT and city and (e.alias or e.id < 0):
        return int(d.is_token(i, j + 1) or (d.word_end(j) == j + 1 and d.is_end(j + 1, i)))
    if d.text[j : j + 1] in _FOREIGN_CITY_UNIT and e.id < 0 and e.kind == "city":
        # 耶路撒冷/市/市长, 萨吉诺镇, 科恰班巴省, 牛津郡: not 巴黎市场, 巴黎省钱, 巴黎镇压 (words of their own)
        return int(d.word_end(j) in (j, j + 1) and d.is_end(j + 1, i))
    if d.text[j : j + 1] != "城" or not (e.alias or e.id < 0):
        return 0  # 迭部县城: the county town
    if d.text[j - 1] in _UNIT_SUFFIXES or not (city or (e.id < 0 and e.kind == "province")):
        return 0  # 玉环县城 (a county's town), 浙江城投, 中国城 (a Chinatown)
    if d.freq.get(d.text[j : j + 2], 0) > 0 or d.text[j : j + 2] in _CITY_WORDS:
        return -1 if d.is_token(i, j + 1) else 0  # 北京城里, 北京城建, 上海城投 (城里, 城建 are the words)
    if any(n >= 2 for n, _ in d.hits.get(j, ())):
        return 0  # 青岛城阳, 重庆城口: a district's name starts at 城
    return int(d.word_end(j) == j + 1 or d.is_token(i, j + 1))


def _person_around(d: PlaceDoc, i: int, n: int) -> bool:
    """Whether the foreign city's name at text[i:i+n] is said of a person."""
    text = d.text
    if _ROLE_BEFORE.search(text, max(0, i - 2), i) is not None:
        return True
    opens = i == 0 or not _CJK.match(text[i - 1])
    return opens and text[i + n : d.word_end(i + n)] in _SAYS_AFTER  # not 巴黎说明了情况


# compass regions (东北 "the Northeast") and what makes them a part of some
# other place (东北部, 东南麓, 西北角) or a direction (西南暖湿气流, 东南风) instead
_COMPASS = frozenset({"东北", "西北", "东南", "西南"})
_BELOW_PROVINCE = frozenset({"city", "county", "township", "village", "community"})
_PART_OF = re.compile("[部麓缘侧角隅端方向]|风|季风|暖湿|气流|偏")
# words that begin like those but say nothing of a direction (东北风味, 西北方言)
_NOT_PART = re.compile("风味|风俗|风情|风光|风格|风土|风貌|方言|方面|方式|方针|方法|向往")


def _part_or_direction(d: PlaceDoc, j: int) -> bool:
    """Whether text[j:] makes the compass region before it a part of another
    place or a direction (东北部, 东南麓, 西南暖湿气流, 东南风; not 东北风味)."""
    return _PART_OF.match(d.text, j) is not None and _NOT_PART.match(d.text, j) is None


# what jieba joins to a name into a word of its language or script (阿拉伯语,
# 阿拉伯数字, 蒙古文): no place there
_LANGUAGE = frozenset({"语", "文", "数字", "字母", "字"})


_GOING_TO = frozenset("在到赴去来回从于至往经抵离驻住进")  # 在兰考
_PLACE_BEFORE = _GOING_TO | set("、－—-")  # ... and beside a list mark: 张北－尚义
_PLACE_AFTER = set("人、－—-")


def _lone_county(d: PlaceDoc, w: str, i: int) -> bool:
    """A county alias that names one unit only, is no common word (no K
    record), and stands where a place is expected: after 在/到/赴..., or
    beside a list mark; or is a rare word of jieba's, cut as a word of its
    own, and none of its everyday words (恭城, 沁源)."""
    entries = d.g.lookup.get(w, ())
    if len(entries) != 1 or w in d.g.county_common:
        return False
    t = d.text
    e = i + len(w)
    if d.freq.get(w, 0) >= _FREQ_COMMON:
        # a frequent one only after 在/到/从... or before 人 (在敦煌, 焉耆人),
        # and not beside a list mark (清东陵、西陵; 少林、武当、崆峒); the
        # gazetteer marks K all but those whose first sense in a dictionary
        # is a place (天桥, 天河, 上街, 咸丰 need context)
        return (i > 0 and t[i - 1] in _GOING_TO) or t[e : e + 1] == "人"
    if (i > 0 and t[i - 1] in _PLACE_BEFORE) or t[e : e + 1] in _PLACE_AFTER:
        return True
    # a rare word of its own for jieba, and none of its everyday words (恭城)
    return d.freq.get(w, 0) < _FREQ_LONE and d.is_token(i, i + len(w)) and not d.g.is_everyday(w)


def _lone_city(d: PlaceDoc, w: str, i: int) -> bool:
    """A city's short form that is no everyday word (大连, 包头; see the L
    records of the gazetteer), cut by jieba as a word of its own: the city
    needs no other mention. Not a given name after a surname (王桂林)."""
    e = i + len(w)
    token = d.is_token(i, e) or (d.text[e : e + 1] in _WATER_UNIT and d.is_token(i, e + 1))  # 大连港 as one word
    return w in d.g.lone_cities and token and not _after_surname(d, i)


# one-character words before a place that are surnames too (于, 向)
_NOT_SURNAME_HERE = frozenset(_GOING_TO | set("向对和与同及由自"))


def _after_surname(d: PlaceDoc, i: int) -> bool:
    """Whether text[i] follows a surname cut as a word of its own (王/桂林):
    the name is a person's given name."""
    if i == 0:
        return False
    ch = d.text[i - 1]
    return ch in SURNAMES and ch not in _NOT_SURNAME_HERE and d.is_token(i - 1, i)


# a weather report's words after a city (合肥晴转多云, 海口小雨)
_WEATHER = re.compile("晴|多云|阴|小雨|中雨|大雨|暴雨|阵雨|雷阵雨|雨夹雪|小雪|中雪|大雪|雾")
# words of the area around a place (桂林一带, 合肥附近)
_AROUND = re.compile("一带|附近|境内|周边|地区|市民")
# city short forms that are everyday words after 在/到 as well (在日照下,
# 在大同世界, 到开封前, 天南海北)
_CUE_NOT = frozenset({"日照", "来宾", "大同", "开封", "万象", "长治", "文山", "海北"})


def _cued_city(d: PlaceDoc, w: str, i: int) -> bool:
    """A city's short form that is also a common word, cut as a word of its
    own where a place is expected: after 在/到/赴..., before a word of the
    area around it, or before a weather report's words (在桂林, 桂林一带,
    合肥晴转多云)."""
    if w in _CUE_NOT or not d.is_token(i, i + len(w)):
        return False
    e = i + len(w)
    if i > 0 and d.text[i - 1] in _GOING_TO:
        return True
    return d.is_start(e) and (_WEATHER.match(d.text, e) is not None or _AROUND.match(d.text, e) is not None)


def _alias_ok(d: PlaceDoc, i: int, w: str, e: Entry, n: int, chained: bool, second: bool) -> bool:
    """Short forms that need context: common words (和平, 合作) and county aliases."""
    short_town = e.kind == "township" and n <= 2  # 乌镇: only with its county
    # an alias with its suffix (玉环县, 杜尔伯特县) is as plain as a full name
    county = e.alias and e.kind == "county" and not chained and not w.endswith("县")
    if county and w not in d.g.ambiguous and _lone_county(d, w, i):
        return True  # 焦裕禄在兰考: one county of that name, and no common word
    needs_ctx = w in d.g.ambiguous or short_town or county
    if not needs_ctx:
        return True
    if e.kind == "city" and w in d.g.ambiguous and (_lone_city(d, w, i) or _cued_city(d, w, i)):
        return True
    if not second:
        return False
    if e.kind != "city" and d.freq.get(w, 0) >= 500:  # a very common word: only with its full name
        return e.id in d.full_named
    return _ctx_ok(d, e)


def _suffix_child(d: PlaceDoc, i: int, prev: int, prev_span: Span) -> Span | None:
    """A town or village named right after its parent, known or not; after
    a city, a district or county the data no longer has where a town
    follows it (沈阳市东陵区满堂乡)."""
    text, g = d.text, d.g
    level = {"city": "C", "county": "X", "township": "T"}.get(prev_span.kind, "")
    if not level:
        return None
    parents = (*prev_span.parents, text[prev_span.start : prev_span.end])
    towns = [] if prev < 0 else [prev] if level == "T" else g.children_towns.get(prev, []) if level == "X" else []
    # villages from the data, longest first
    for n in range(min(10, len(text) - i), 2, -1):
        w = text[i : i + n]
        if w.endswith(VILLAGE_SUFFIXES) and any(g.village_in(t, w) for t in towns):
            kind = "community" if w.endswith("社区") else "village"
            return Span(i, i + n, "place", kind, parents=parents)
    # after a city, a district or county the data no longer has (沈阳市东陵区)
    suffixes = _COUNTY_SUFFIXES + TOWN_SUFFIXES if level == "C" else VILLAGE_SUFFIXES + (TOWN_SUFFIXES if level == "X" else ())
    for k in range(1, 6):
        if i + k >= len(text) or not _CJK.match(text[i + k - 1]):
            return None
        prefix = text[i : i + k]
        if prefix[0] in _BAD_FIRST or _BAD_ANY & set(prefix):
            return None
        rest = text[i + k :]
        suf = next((s for s in suffixes if rest.startswith(s)), "")
        if not suf:
            continue
        if suf in ("乡", "镇") and rest[1:2] in ("村", "镇", "乡"):
            return None
        if prefix[-1] in "两几":  # 饶阳店两镇: a count, no name
            return None
        name = prefix + suf
        if d.g.is_everyday(name) or d.freq.get(name, 0) >= _FREQ_NAME_WORD or d.has_common_word(i, i + k):
            return None
        if d.freq.get(name, 0) and (d.g.is_everyday(prefix) or prefix in _TITLES):
            return None  # a word of jieba's that is a title or category (先进村, 文明村), no name
        if suf in _COUNTY_SUFFIXES and not _new_county(d, i, prefix, i + len(name)):
            return None
        kind = "county" if suf in _COUNTY_SUFFIXES else "township" if suf in TOWN_SUFFIXES else "community" if suf == "社区" else "village"
        return Span(i, i + len(name), "place", kind, parents=parents)
    return None


# titles and categories of villages and towns (文明村, 小康村, 卫生镇, 贫困乡)
_TITLES = frozenset(
    "文明 先进 示范 小康 富裕 生态 卫生 模范 明星 亿元 百强 十强 平安 和谐 美丽 绿色 文化 科技 特色 专业 重点 贫困 老区 革命".split()
)
# a zone's words before 区: a development or bonded zone, no district (曹妃甸工业区)
_ZONE_END = ("工业", "开发", "经开", "综保", "保税", "高新", "生态", "新", "园", "城")
# characters of 乡镇, 城乡, 乡村: in or right after a town's name they make a generic word
_NOT_IN_TOWN = frozenset("乡镇城村")


def _new_county(d: PlaceDoc, i: int, prefix: str, j: int) -> bool:
    """Whether ``prefix`` + 区/县 at ``i`` is a district or county the data
    no longer has: a name (not 产粮大县, 受灾区, 边境县, 曹妃甸工业区) before a
    town's name and suffix (not 城乡, 乡镇: 居民区乡镇干部)."""
    if d.g.is_everyday(prefix[:2]) or prefix.endswith(_ZONE_END):
        return False
    m = _TOWN_NEXT.match(d.text, j)
    if m is None:
        return False
    stem = d.text[j : m.end() - (2 if m.group().endswith("街道") else 1)]
    return not (set(stem) & _NOT_IN_TOWN) and d.text[m.end() : m.end() + 1] not in _NOT_IN_TOWN


def _extra_match(d: PlaceDoc, i: int) -> Span | None:
    """A town or village named in full elsewhere in the document, or its bare form (河铺)."""
    text = d.text
    for n in range(min(d.extra_len, len(text) - i), 1, -1):
        hit = d.extra.get(text[i : i + n])
        if hit and d.is_start(i):
            kind, parents, bare = hit
            if bare and not d.is_end(i + n, i):
                continue
            return Span(i, i + n, "place", kind, parents=parents)
    return None


def _scan(d: PlaceDoc, second: bool) -> list[Span]:
    text, g = d.text, d.g
    spans: list[Span] = []
    villages = _village_candidates(d)
    i, n = 0, len(text)
    prev_id, prev_end, prev_span = -1, -1, None
    hits, extra_first = d.hits, {w[0] for w in d.extra}
    while i < n:
        # a place right after another is in it, unless that one is of the lowest level (a village)
        chained = prev_end == i and prev_span is not None and _RANK.get(prev_span.kind, 0) < _RANK["village"]
        if not chained and i not in hits and i not in villages and text[i] not in extra_first:
            i += 1
            continue
        prev_chain = (*prev_span.parents, text[prev_span.start : prev_span.end]) if chained else ()
        best = _dict_match(d, i, prev_id if chained else -1, chained, second, prev_chain, prev_span.kind if chained else "")
        if chained:
            child = _suffix_child(d, i, prev_id, prev_span)
            # a longer child wins, but no guessed county over the data's name (曹妃甸工业区)
            if child and (best is None or (child.end > best.end and child.kind != "county")):
                best = child
        for extra in (villages.get(i), _extra_match(d, i) if second else None):
            if extra and (best is None or extra.end > best.end):
                best = extra
        if best is None:
            i += 1
            continue
        spans.append(best)
        uid = best.extra.get("id", -1) if best.extra else -1
        if uid >= 0 and best.extra.get("certain"):  # a guessed reading is no context
            d.mentioned.add(uid)
            d.mentioned.update(g.ancestors(uid))
            if text[best.start : best.end] == g.names[uid]:
                d.full_named.add(uid)
        if not second and best.kind in ("township", "village", "community") and best.end - best.start >= 3:
            _establish(d, text[best.start : best.end], best.kind, best.parents)
        prev_id, prev_end, prev_span = uid, best.end, best
        if text[best.end : best.end + 2] in _SUFFIX_WORDS:
            prev_end = -1  # 北京市场街道: the trimmed 市 starts no place of the chain
        i = best.end
    return spans


def _establish(d: PlaceDoc, name: str, kind: str, parents: tuple[str, ...]) -> None:
    d.extra.setdefault(name, (kind, parents, False))
    suf = next((s for s in TOWN_SUFFIXES + VILLAGE_SUFFIXES if name.endswith(s)), "")
    bare = name[: len(name) - len(suf)] if suf else ""
    if len(bare) >= 2 and d.freq.get(bare, 0) < _FREQ_COMMON:
        d.extra.setdefault(bare, (kind, parents, True))
    d.extra_len = max(d.extra_len, len(name))


def _context_towns(d: PlaceDoc) -> list[list[int]]:
    """Towns named in the document or lying in a county it names; then the
    towns of the cities it names (looked at only when the first fail)."""
    g, near, far = d.g, [], []
    for u in sorted(d.mentioned):
        level = g.level[u]
        if level == "T":
            near.append(u)
        elif level == "X":
            near.extend(g.children_towns.get(u, ()))
        elif level == "C" and g.level[g.parent[u]] == "P":
            for c in g.children_counties.get(u, ()):
                far.extend(g.children_towns.get(c, ()))
    return [near, far]


def _village_context(d: PlaceDoc, w: str) -> tuple[str, ...] | None:
    """The chain of a village of a town in ``d.context_towns``, if one has it."""
    for k, towns in enumerate(d.context_towns):
        if len(d.context_villages) <= k:
            villages: dict[str, int] = {}
            for t in towns:
                for v in d.g.villages.get(t, "").split("|"):
                    villages.setdefault(v, t)
            d.context_villages.append(villages)
        t = d.context_villages[k].get(w)
        if t is not None:
            return (*d.g.chain(t), d.g.names[t])
    return None


def _village_candidates(d: PlaceDoc) -> dict[int, Span]:
    """Villages named on their own that are rare enough in the data to be safe."""
    text, g = d.text, d.g
    out: dict[int, Span] = {}
    towns = d.context_towns = _context_towns(d)
    d.context_villages = []
    for m in _VILLAGE_END.finditer(text):
        end = m.end()
        for start in range(max(0, end - 8), end - 3):
            w = text[start:end]
            if not _CJK.match(w[0]) or _towns_and_villages(d, start, end - 2):
                continue  # 发展乡村旅游: jieba's 乡村, no village
            parents = _village_context(d, w) if towns[0] or towns[1] else None
            if (parents is not None or g.is_village(w)) and d.is_start(start):
                out[start] = Span(start, end, "place", "community" if w.endswith("社区") else "village", parents=parents or ())
                break
    return out


_LIST_KINDS = ("province", "city", "county")


def _listed(d: PlaceDoc, spans: list[Span]) -> list[Span]:
    """Short forms of cities and counties held back for want of context that
    stand in a list with places of their level (南宁、合肥、徐州): the list
    is the context. Left to right, so a found one supports the next."""
    text = d.text
    by_end = {sp.end: sp for sp in spans}
    by_start = {sp.start: sp for sp in spans}
    covered = {k for sp in spans for k in range(sp.start, sp.end)}
    out = []
    for i in sorted(d.hits):
        if i in covered or i == 0 or text[i - 1] != "、":
            continue
        left = by_end.get(i - 1)
        for n, entries in d.hits[i]:
            e = next((x for x in entries if x.id >= 0 and x.kind in ("city", "county")), None)
            if e is None or any(k in covered for k in range(i, i + n)):
                continue
            right = by_start.get(i + n + 1) if text[i + n : i + n + 1] == "、" else None
            if not any(sp is not None and sp.kind in _LIST_KINDS for sp in (left, right)):
                continue
            if not (d.is_start(i) and d.is_end(i + n, i)) or d.freq.get(text[i : i + n], 0) >= 2000:
                continue
            sp = Span(i, i + n, "place", e.kind, parents=_parents(d, entries, e, certain=len(entries) == 1))
            out.append(sp)
            by_end[sp.end] = sp
            covered.update(range(i, i + n))
            break
    return out


def find_places(text: str) -> list[Span]:
    """Place-name spans in ``text``: sorted, non-overlapping, type "place".

    ``kind`` is country, province, city, county, township, village,
    community, region or geo; ``parents`` is the administrative chain,
    outermost first, where it is known. A short form of a Chinese unit has
    the unit's full name as ``value`` (酒泉 -> 酒泉市), and a one-character
    abbreviation (美 in 中美关系) the full name where it is unique.
    Lines in traditional characters are read in simplified ones (offsets
    are the same; values and parents come in simplified characters).
    """
    if not text or not _CJK.search(text):
        return []
    text = simplified_view(text)
    d = PlaceDoc(text, gazetteer())
    first = _scan(d, second=False)
    for sp in suffix_places(d, first):  # unknown towns and villages: their bare forms too
        if sp.kind in ("township", "village"):
            _establish(d, text[sp.start : sp.end], sp.kind, ())
    spans = _scan(d, second=True)
    spans = counted_lists(d, sorted(spans + suffix_places(d, spans), key=lambda sp: sp.start))
    if "、" in text:
        spans = sorted(spans + _listed(d, spans), key=lambda sp: sp.start)
    if "日电" in text or "日讯" in text:
        spans = sorted(spans + datelines(text, spans), key=lambda sp: sp.start)
    spans = sorted(spans + abbreviations(d, spans), key=lambda sp: sp.start)
    spans = _landform_stems(d, spans)
    return [Span(s.start, s.end, s.type, s.kind, value=s.value, parents=s.parents) for s in spans]


# a generic word of landform after the name of a region, province, country
# or city: that name is the place (华北平原, 内蒙古草原 -> 华北, 内蒙古), as
# newspaper corpora annotate them (华北/ns 平原/n); a name of jieba's that no
# unit of the data bears, or only a county (江汉平原, 松辽平原), is a region
# there, and one made of provinces' one-character names is those provinces
# (青藏高原: 青 and 藏, as both corpora have it). Landforms named by an
# everyday word keep their whole name (黄土高原), and so do basins (四川盆地).
_GENERIC_LANDFORM = re.compile("大?(?:高原|平原|草原|沙漠)$")
_STEM_KINDS = frozenset({"geo", "region", "province", "country"})


def _landform_stems(d: PlaceDoc, spans: list[Span]) -> list[Span]:
    """The spans with a landform's generic word cut off a place's name (see
    _GENERIC_LANDFORM)."""
    out = []
    for sp in spans:
        m = _GENERIC_LANDFORM.search(d.text, sp.start, sp.end) if sp.kind == "geo" else None
        stem = d.text[sp.start : m.start()] if m else ""
        entries = d.g.lookup.get(stem, ()) if len(stem) >= 2 else ()
        kinds = {e.kind for e in entries}
        if entries and (kinds <= _STEM_KINDS or (kinds == {"city"} and len(entries) == 1 and stem not in d.g.ambiguous)):
            e = entries[0]
            out.append(Span(sp.start, m.start(), "place", e.kind, parents=_parents(d, list(entries), e, certain=len(entries) == 1)))
        elif len(stem) >= 2 and len(set(stem)) == len(stem) and all(ch in PROVINCE_CHARS for ch in stem):
            # two provinces' one-character names (青藏高原, 云贵高原): each is the province
            out.extend(Span(k, k + 1, "place", "province", value=PROVINCE_CHARS[d.text[k]] or None) for k in range(sp.start, m.start()))
        elif len(stem) >= 2 and d.freq.get(stem, 0) and not d.g.is_everyday(stem) and stem[0] != stem[1]:
            # a name of jieba's that the data holds no unit of, or only a county
            # of (松辽, 塔克拉玛干, 江汉): the region; not 黄土, 青青
            out.append(Span(sp.start, m.start(), "place", "region"))
        else:
            out.append(sp)
    return out
