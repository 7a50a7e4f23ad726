"""Places the gazetteer does not know, recognised by their suffix.

News names villages, towns, lakes and foreign cities that no list holds
(三桥村, 裴刘乡, 梁子湖, 奈良市): a name of two to four characters and a
place suffix. The name is accepted only where jieba's word boundaries agree
with it and it is no everyday phrase:

* the name starts on a word boundary and the suffix is a word of its own,
  or name and suffix are one word of jieba's that is rare (jieba knows
  many small places; 山村, 江湖 and 新农村 are frequent words, not names),
  or, for a village or a town, jieba cut the name's last character with
  the suffix as a rare word after a short word (蔡/塘村);
* the name does not start with a function word or a determiner (在三桥村:
  the name is 三桥; 全村, 该镇, 这座山), holds no such character (的, 和,
  个), no frequent word (发展乡镇, 人工岛: 发展, 人工) and no everyday
  word of jieba's, a verb, adjective, idiom or common noun (撤换村, 空壳村;
  data/everyday.u32), and does not end in a verb of going (回村, 驻村);
* a three-character name ending in 山, 峰, 江, 河, 湖, 岛 or 湾 that begins
  with a common surname is a person's (刘云峰, 张德江);
* the whole span ends on a word boundary (三桥村民 is 三桥 + 村民).

Of the candidate lengths, the longest acceptable one wins (沙矶头村, then
矶头村).

Foreign states, counties and towns take 省, 州, 郡, 县 and 町 (马尼托巴省,
玻利瓦尔州, 肯特郡, 麦迪逊县, 神冈町): their transliterated name is often a
word of jieba's, alone or with the suffix, which does not count against it
here; a compass word of its own before the name, or a first part joined by
a dash, belongs to it (东加里曼丹省, 夸祖鲁—纳塔尔省).
"""

from __future__ import annotations

import re

from djreader.core.place_doc import PlaceDoc
from djreader.core.spans import Span

# suffix -> kind of the place it makes
SUFFIX_KIND = {
    "村": "village",
    "乡": "township",
    "镇": "township",
    "湖": "geo",
    "河": "geo",
    "江": "geo",
    "山": "geo",
    "峰": "geo",
    "岛": "geo",
    "湾": "geo",
    "市": "city",
    "州": "province",
    "省": "province",
    "郡": "county",
    "县": "county",
    "町": "township",
}
# suffixes of a foreign state, province, county or town (马尼托巴省, 玻利瓦尔州,
# 肯特郡, 麦迪逊县, 神冈町): a transliterated name is often a word of jieba's
# of its own, and whole with the suffix too
_STATE = set("省州郡县町")
# what follows a housing estate's name, which often ends in 郡 (紫薇郡项目, 御景郡小区)
_ESTATE = re.compile("项目|小区|楼盘|花园|别墅|公寓|开盘|业主|[一二三四五六七八九]期")
# Japan's ministries are named with 省 (大藏省, 外务省): no province
_MINISTRIES = frozenset(
    "大藏省 厚生省 外务省 通产省 文部省 邮政省 法务省 自治省 运输省 建设省 劳动省 农林水产省 "
    "防卫省 总务省 经济产业省 国土交通省 文部科学省 厚生劳动省 环境省".split()
)
_SUFFIX = re.compile("|".join(sorted(SUFFIX_KIND, key=len, reverse=True)))
_HAN = re.compile(r"[\u4e00-\u9fff]+$")
# function words, pronouns, determiners and numerals of quantity that start
# no name: 在三桥村 (在 + 三桥村), 该镇, 这座山, 几个村
_NOT_FIRST = set(
    "的在和与及等是有为把将对从到了个们可也都就又还被让给向往于至自以而但或并且即若因所使由据经过这那此其该每各全本某"
    "我你他她它咱您谁啥哪何几多数每另别其余诸些两半整满一座条片处家个名位"
    "农城乡镇村县市区省山河湖江岛州贫示重行自"
    "着过受进出修看吃打当不没未已曾正能会要想仅只才均共约近先再亦即比兼"
)
# characters that are never inside such a name (的, 和, 个; administrative words)
_NOT_IN = set("的在和与及等是了们个把被将对从到为也都就又还很最更太所这那此该每各全本某委党政府部局校院会组队户员级之两如叫去县区省市州不着过乡镇村")
# a verb of going or staying ends no name: 能人回村, 干部驻村; nor one of
# setting up or abolishing a unit (设县, 始置郡, 撤乡)
_NOT_LAST = set("驻回进入返离到住去来往向给设置撤")
_COMMON = 300  # jieba frequency from which a word inside the name is an everyday word
_NAME_WORD = 150  # ... and from which the whole name is one (小康村, 示范村, 文明城市)
_RARE_TAIL = 20  # below which the last character and the suffix cut as one word are a rare word (塘村), not an everyday one (冰镇)
_TAIL_WORD = 30  # the name's last character and the suffix make a word (三下乡, 五地市, 历史长河)
# Person names end in these too (刘云峰, 张德江, 王长山, 李四海): a three-character
# one that begins with a common surname is taken for a person's name.
_PERSON_END = set("山峰江河湖海岛湾岭峡庄郡")
_COUNTED = set("市州乡村镇省")
_NUMERALS = set("一二三四五六七八九十两几")
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛阎曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
)


# what says a word is a mountain, river or lake: a part of it or a place by
# it after it (圆山脚下, 汀江之畔, 邕江两岸, 沂河水系, 梁子湖畔), a verb of
# crossing or climbing before it (横渡邕江, 登香山)
_LANDFORM_AFTER = re.compile("脚下|山脚|山麓|山顶|之巅|之畔|之滨|之水|畔|麓|岸边|两岸|沿岸|流域|上游|中游|下游|水系|江面|河面|湖面|入海口")
_LANDFORM_BEFORE = re.compile("(?:横渡|渡过|登上|攀登|登临|登)$")


def landform_cue(d: PlaceDoc, start: int, end: int) -> bool:
    """Whether the text around the landform's name at text[start:end] says it is one."""
    return _LANDFORM_AFTER.match(d.text, end) is not None or _LANDFORM_BEFORE.search(d.text, max(0, start - 2), start) is not None


def everyday_name(d: PlaceDoc, name: str, i: int, j: int) -> bool:
    """Whether the name is, or holds, an everyday word (撤换村, 能人余晓峰)."""
    g, text = d.g, d.text
    if g.is_everyday(name) or g.is_everyday(name[:2]) or g.is_everyday(text[j - 1 : j + 1]):  # 能人余晓峰, 进村
        return True
    return any(e - s >= 2 and g.is_everyday(text[s:e]) for s, e in d.words(i, j))


def _shore(d: PlaceDoc, i: int, e: int) -> bool:
    """Whether jieba cut the landform's name at text[i:e] and its shore or
    foot as one word (梁子湖畔)."""
    return d.text[e : e + 1] in ("畔", "麓") and d.is_token(i, e + 1)


def _rare_tail(d: PlaceDoc, i: int, j: int, e: int) -> bool:
    """Whether jieba cut the name's last character and the suffix as a rare
    word of their own after the rest of the name (蔡/塘村, 新/北乡): the
    suffix of a village or a town is the name's all the same."""
    tail = d.text[j - 1 : e]
    if d.text[j] not in "村乡镇" or tail in d.g.lookup:  # 建/香江, 知/润州: a known name after a verb
        return False
    if not (1 <= j - 1 - i <= 2 and d.is_token(i, j - 1)):  # the rest one short word (关广富/江村: a list of persons)
        return False
    return d.word_end(j - 1) == e and not d.g.is_everyday(tail) and d.freq.get(tail, 0) < _RARE_TAIL


def _candidate(d: PlaceDoc, j: int, suf_len: int) -> tuple[int, int] | None:
    """The name ending at ``j`` before the suffix text[j:j+suf_len], if any."""
    text, freq = d.text, d.freq
    e = j + suf_len
    tail = text[j - 1 : e]
    if not _HAN.match(tail) or (freq.get(tail, 0) >= _TAIL_WORD and tail not in d.g.lookup):
        return None  # 三下乡, 五地市, 历史长河: the suffix belongs to a word
    for k in (4, 3, 2):
        i = j - k
        if i < 0:
            continue
        name = text[i:j]
        # 约克郡, 牛津郡: a foreign unit jieba knows whole, and its stem as a word (not 薛安郡, a person)
        one_word = text[j] in _STATE and d.is_token(i, e) and freq.get(name, 0) > 0
        if not _HAN.match(name) or (name[0] in _NOT_FIRST and not one_word) or _NOT_IN & set(name) or text[j] in name:
            continue  # ... nor the suffix itself (郡郡郡)
        if not d.is_start(i):
            continue
        whole = text[i:e]
        if d.is_token(i, e):  # one word of jieba's: a rare one, not an idiom (日薄西山)
            if d.g.is_everyday(whole) or (len(whole) >= 4 and freq.get(whole, 0) >= _COMMON):
                return None
        elif freq.get(whole, 0) >= _COMMON or not (d.is_start(j) or _rare_tail(d, i, j, e) or _shore(d, i, e)):
            continue
        if d.has_common_word(i, j, freq=_COMMON) or (freq.get(name, 0) >= _NAME_WORD and not one_word):
            continue
        if name[-1] in _NOT_LAST or everyday_name(d, name, i, j):
            continue
        if k == 4 and freq.get(name, 0) and d.is_token(i, j) and text[j] not in _STATE:  # a set phrase (发展壮大村集体经济)
            continue
        if text[j] in _PERSON_END and not one_word and (text[j - 2] in SURNAMES or text[j - 3 : j - 2] in SURNAMES) and not landform_cue(d, i, e):
            continue  # a three-character person's name ends here (人余晓峰, 王长山; not 梁子湖畔)
        if text[j] in _COUNTED and name[-1] in _NUMERALS:  # 五省一市, 八盟四市
            continue
        if text[j] == "省" and (name[-1] in "大强" or whole in _MINISTRIES or (d.is_token(i, e) and freq.get(whole, 0) and not freq.get(name, 0))):
            continue  # 产煤大省, 大藏省; 发人深省: a word of jieba's, its stem none (马尼托巴省 is a name's)
        if d.crosses(i, j) and not _rare_tail(d, i, j, e):  # a word runs from inside the name over the suffix
            continue
        if not d.is_end(e, i):
            return None
        if text[j] == "郡" and _ESTATE.match(text, e):
            return None  # 保利紫薇郡项目: a housing estate
        if text[j] in _STATE:
            i = _state_start(d, i)
        return (i, e)
    return None


def _state_start(d: PlaceDoc, i: int) -> int:
    """Where a foreign state's name ending at a suffix starts, given the
    candidate start ``i``: with a compass word of its own before it
    (东/加里曼丹省, 南/苏门答腊省), or with the first part of a name joined
    by a dash (夸祖鲁—纳塔尔省)."""
    text = d.text
    if i > 0 and text[i - 1] in "东西南北中" and d.is_token(i - 1, i):
        # 中 only where it cannot end 在…中 "in the course of": after a country or no Han character (印尼中爪哇省)
        if text[i - 1] != "中" or i < 2 or not _HAN.match(text[i - 2]) or _country_ends(d, i - 1):
            return i - 1
    if i > 2 and text[i - 1] in "—－-":
        for k in (4, 3, 2):
            s = i - 1 - k
            first = text[s : i - 1]
            # one word of its own, no known place (江苏—肯特郡, 中国—马尼托巴省 are pairs)
            if s >= 0 and _HAN.match(first) and d.is_token(s, i - 1) and not (_NOT_IN & set(first)) and first not in d.g.lookup:
                return s
    return i


def _country_ends(d: PlaceDoc, i: int) -> bool:
    """Whether a country's name ends at ``i`` (印尼 before 中爪哇省)."""
    return any(any(e.kind == "country" for e in d.g.lookup.get(d.text[i - k : i], ())) for k in range(2, min(i, 6) + 1))


def suffix_places(d: PlaceDoc, taken: list[Span]) -> list[Span]:
    """Spans of unknown names with a place suffix, outside ``taken``."""
    text = d.text
    covered = set()
    for sp in taken:
        covered.update(range(sp.start, sp.end))
    out: list[Span] = []
    last = -1
    for m in _SUFFIX.finditer(text):
        j = m.start()
        if j in covered or j < 2 or j <= last:
            continue
        memo = d.suffix_memo
        if j in memo:
            got = memo[j]
        else:
            got = memo[j] = _candidate(d, j, m.end() - j)
        if got is None:
            continue
        i, e = got
        if any(k in covered for k in range(i, e)) or i < last:
            continue
        kind = SUFFIX_KIND[m.group()]
        out.append(Span(i, e, "place", kind))
        last = e
    return out


_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_UNIT_KIND = {"镇": "township", "乡": "township", "村": "village", "县": "county", "市": "city", "省": "province"}
_COUNTED_LIST = re.compile(r"([两二三四五六七八九十])个?([镇乡村县市省])(?![长委民级里])")
_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}$")


def _item_before(d: PlaceDoc, end: int, leftmost: bool) -> int:
    """Start of the list item ending at ``end`` (two to four characters), or -1."""
    text = d.text
    for k in (4, 3, 2):
        s = end - k
        if s < 0:
            continue
        w = text[s:end]
        if not leftmost and (s == 0 or text[s - 1] not in "、和与"):
            continue
        if _ITEM.match(w) and w[0] not in _NOT_FIRST and not _NOT_IN & set(w) and d.is_start(s):
            return s
    return -1


def counted_lists(d: PlaceDoc, spans: list[Span]) -> list[Span]:
    """Bare names in a list closed by a count of units of one kind (郑口、
    饶阳店两镇; 甲、乙、丙三县): when the items number as the count says,
    each is a place of that kind. Returns the spans with those items added
    that no known name overlaps."""
    text = d.text
    if "、" not in text:
        return spans
    out = list(spans)
    for m in _COUNTED_LIST.finditer(text):
        want, kind = _COUNT[m.group(1)], _UNIT_KIND[m.group(2)]
        items, end = [], m.start()
        while len(items) < want:
            s = _item_before(d, end, leftmost=len(items) == want - 1)
            if s < 0:
                break
            items.append((s, end))
            end = s - 1
        if len(items) != want or (items[-1][0] > 0 and text[items[-1][0] - 1] in "、和与"):
            continue  # a longer list, or not this one
        if any(d.g.is_everyday(text[s:e]) for s, e in items):
            continue
        for s, e in items:
            inside = [sp for sp in out if sp.start < e and s < sp.end]
            if all(s <= sp.start and sp.end <= e and sp.end - sp.start < e - s for sp in inside):
                # known names stay as they are, but for a shorter one inside the item (饶阳 of 饶阳店)
                out = [sp for sp in out if sp not in inside]
                out.append(Span(s, e, "place", kind))
    return sorted(out, key=lambda sp: sp.start)
