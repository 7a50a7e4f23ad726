"""Places that news text marks by its form rather than by a known name.

* A dateline names the place of filing (新华社耶路撒冷１月４日电,
  本报大连十二月三十一日电), whether or not the gazetteer knows it and
  whether or not a short form would otherwise need context.
* Countries and regions abbreviated to one character in a pair or run
  before a word of relations between them (中美关系, 中俄两国, 美日首脑,
  港澳台同胞), or before 方 "side" (中方, 美方人员): each character is a place. Only before such a word: the
  same characters are everyday words elsewhere (集中美化, 日本, 加强).
* 中 with one other country's character as a word of its own (中俄双方,
  中加发展合作): news writes the pair for bilateral matters whatever follows;
  not before 文/语 (中英文), and not the pairs that are common words (中意
  "to like", 中巴 "minibus", 中西医, 中波 "medium wave", 中非 as in 中非合作).
* Two of the main powers' characters as words of their own (日美防卫合作,
  德法矛盾, 美俄): each is a country, whatever follows; not after a numeral
  (3日美军), not in a person's name (王美英, 韩德明), not before 兼/并/相
  (德法兼修), and not the everyday words 美德 and 朝日.
* 中 and a country whose character is an everyday one (斯, 秘, 以, 新) before
  a word of relations (中斯两国, 中秘友谊, 以中两国, 中新合作; not 建设中新问题);
  not 西 (中西 is mostly "China and the West").
* A list of countries ending in a count of countries (日、法、德等国,
  中、日、美、澳四国): each one-character item is a country.
* A list of three or more one-character names, each a word of its own
  (美、英、法、日; 甘、宁、青), not of languages (中、英、日文):
  provinces if one of them can only be a province, else countries; or of
  two before a word for the two of them (粤、港两地, 欧、美各国).
* A run of provinces' one-character names (京津, 港澳台, 鄂豫皖, 陕甘):
  each character is a province. Only characters that are seldom anything
  else at the start of a word (not 吉, 黑, 苏, 蒙, 青, 宁, 新, 藏, 云,
  贵, 晋: 新贵, 藏青, 晋京 are words).
* Two continents by their one-character names as a word of its own (欧美
  "Europe and America", 亚欧会议, 亚非作家, 欧亚大陆): each character is a
  region. Only as a word: 亚 and 非 are everyday characters elsewhere.
* 俄 as a word of its own is Russia (俄政府, 向俄提供贷款): the character
  has no other use in modern text.
* A verb of going, staying or dealing with a country or city and its
  one-character name (访华, 驻美大使, 在京举行, 抗日战争, 对台工作): the
  character is the place when the pair stands as a word (在意, 在华盛顿 and
  在台上 are no such pairs). Pairs that jieba's dictionary holds as words
  (访华, 驻华, 抗日, 进京) count too: the character still names the place,
  though a corpus tagged by word (People's Daily 1998) tags the pair as a
  verb and no place in it.
* A country's one-character name before a word of its state, army or
  territory (巴政府, 伊总统, 美军, 日寇, 美驻华大使, 塔国内, 印西海岸), the name a word of its own
  or the pair one word: not the characters that are everyday words there
  (以政府投入, 新政府, 非政府, 亚军, 比全国平均), not after a numeral (3日军方),
  and not a surname before a title (罗总理).
* In runs before a word of relations, 伊, 以 and 奥 stand for countries and
  欧 and 非 for continents (美伊关系, 埃以关系, 中欧关系, 中非合作).
* A power's character and 中 as words of their own (美中双方, 德中文化), as
  with 中 first; not 日中 "midday" or 法中 "in the law".
* 全 "all of" and a country's character (全美), and a country's character
  before 籍 "nationality" (美籍华人): the country.
* Places named by everyday words or inside them (中华, 两岸, 海湾, 亚 of
  亚运会): see core/place_words.py.
* Where the document names a country in full, its first character as a
  word of its own (伊拉克 ... 对伊制裁; 美国 ... 在美展出): only the
  characters that are seldom words of their own otherwise (not 德, 以, 新,
  南, 加, 法, 日; 美 and 印 not as an adjective or verb: 乡村美起来, 印了)
  nor common surnames (罗, 韩), not after a numeral and not before a
  currency (埃镑, 瑞郎).
* A few fixed words of one such name and a noun of people, or of two names
  (华侨, 港人, 台胞, 台独, 中外, 巴以, 印巴, 沪深, 港人治港), as words of their own or as one of two
  words jieba joins (海外华人, 古今中外): the name characters are places (not
  华人 inside 中华人民共和国).
"""

from __future__ import annotations

import re

from djreader.core.gazetteer import place_info
from djreader.core.place_doc import PlaceDoc
from djreader.core.place_suffix import SURNAMES
from djreader.core.place_words import named_in_words
from djreader.core.spans import Span, Taken

_NUM = "0-9０-９一二三四五六七八九十〇零"
_DATELINE = re.compile(
    rf"(?:新华社|本报|中新社|中新网|人民网|新华网)([\u4e00-\u9fff]{{2,8}}?)(?:[{_NUM}]{{1,4}}月)?[{_NUM}]{{1,3}}日(?:电|讯)"
)
_NOT_DATELINE = re.compile(r"记者|通讯员|报道|联合国|总部|今|昨|当|本")

# One-character abbreviations in pairs of countries (general usage); ""
# where the character stands for several (澳: Australia or Macao).
_ABBR = {
    "中": "中国", "美": "美国", "日": "日本", "俄": "俄罗斯", "英": "英国", "法": "法国",
    "德": "德国", "意": "意大利", "加": "加拿大", "澳": "", "韩": "韩国", "朝": "朝鲜",
    "越": "越南", "泰": "泰国", "印": "", "巴": "", "墨": "墨西哥", "葡": "葡萄牙",
    "荷": "荷兰", "瑞": "", "挪": "挪威", "芬": "芬兰", "丹": "丹麦", "波": "波兰",
    "匈": "匈牙利", "捷": "捷克", "希": "希腊", "埃": "埃及", "新": "", "菲": "菲律宾",
    "蒙": "蒙古", "哈": "哈萨克斯坦", "吉": "吉尔吉斯斯坦", "塔": "塔吉克斯坦",
    "乌": "", "港": "香港", "台": "台湾",
}
_CHINA_PARTS = {"港": "province", "台": "province", "澳": "province"}
_RELATION = (
    "两国|三国|四国|五国|六国|两岸|关系|双边|双方|友好|合作|建交|边境|边界|联合|首脑|元首|会晤|之间|"
    "贸易|经贸|外长|领导人|人民|战略|伙伴|峰会|谈判|会谈|对话|友谊|磋商|同胞|地区|间|冲突|战争"
)
# in a run of two or more before a word of relations, a few more characters
# stand for countries (美伊关系, 埃以关系, 奥中两国, 埃厄边界, 伊科边界, 沙伊两国) and two for continents
# (中欧关系, 中非合作); not before 地区 (中欧地区 is Central Europe), and 以
# not first (以中美关系为基础: "with")
_RUN_ABBR = {**_ABBR, "伊": "", "以": "以色列", "奥": "奥地利", "厄": "", "科": "", "沙": "沙特阿拉伯", "欧": "欧洲", "非": "非洲"}
_CONTINENT_CHARS = {"欧", "非"}
_RUN = re.compile(rf"([{''.join(_RUN_ABBR)}]{{2,5}})(?={_RELATION})|([{''.join(_ABBR)}]{{1,4}})(?=方(?![面法式向案针位便圆言剂程]))")


# 中 + one of these, as a word of its own (jieba's word boundaries)
_PAIR_WITH_CHINA = "美日俄英法德加韩朝越泰印澳葡菲蒙哈埃荷匈捷希墨挪芬丹瑞"
_PAIR = re.compile(rf"中([{_PAIR_WITH_CHINA}])(?![文语字医药餐菜式{_PAIR_WITH_CHINA}])")
# two of these as words of their own (日美, 德法, 美俄): each is a country;
# not after a numeral (3日美军: 日 is the day) or a surname (王美英, 张德英:
# given names), not before 兼/并/相 (德法兼修 "virtue and law"), not the
# everyday words 美德 "virtue" and 朝日 "morning sun"
_POWERS = "美日俄英法德韩朝"
_POWER_PAIR = re.compile(rf"(?<![{_NUM}初{_POWERS}])([{_POWERS}])([{_POWERS}])(?![{_POWERS}文语字式兼并相])")
_NOT_POWER_PAIRS = frozenset({"美德", "朝日"})
# more countries that 中 pairs with before a word of relations (中斯两国,
# 中秘友谊, 以中两国); their characters are everyday ones elsewhere (not 西:
# 中西 is mostly "China and the West")
_WITH_CHINA = {"新": "", "斯": "", "意": "意大利", "智": "智利", "秘": "秘鲁", "保": "保加利亚", "尼": "", "比": "比利时", "以": "以色列", "马": "", "阿": "", "伊": "", "土": "土耳其", "古": "古巴", "罗": "罗马尼亚", "缅": "缅甸", "孟": "孟加拉国", "老": "老挝", "柬": "柬埔寨"}
_CHINA_PAIR_RELATION = re.compile(rf"(?:中([{''.join(_WITH_CHINA)}])|([{''.join(_WITH_CHINA)}])中)(?={_RELATION})")
# verb + one-character name; for each name, the verbs that take it as a place
_VERB_NAME = {
    "华": "访来在驻赴抵离旅使援侵对反",
    "京": "访来在驻赴抵离返进回晋",
    "沪": "访来在驻赴抵离返",
    "台": "访来驻赴抵返对",
    "美": "访驻赴抵离旅留抗对反",
    "日": "访驻赴抵旅留抗对侵反",
    "英": "访驻赴抵旅留对",
    "法": "访驻赴抵旅留对",
    "德": "访驻赴抵旅留对",
    "俄": "访驻赴抵旅留对",
    "韩": "访驻赴抵旅对",
    "朝": "访驻赴抵援",
    "港": "访来在驻赴抵返治爱",
    "澳": "访来驻赴抵",
    "巴": "访驻赴抵对",
    "欧": "访赴对",
    "以": "访",
}
# a list closed by a count of countries: 等国, 等国家, 四国, 等5国
_COUNTRIES_AFTER = re.compile(rf"等?[{_NUM}两几]*(?:个)?国(?!内|际|营|有|产|货|画|庆|旗|歌|务|籍|道|土|力|策|情|门)")
_ITEM = re.compile(r"[\u4e00-\u9fff]{1,6}")
# in such a list more characters stand for countries than before relation words
_LIST_ABBR = {**_ABBR, "澳": "", "比": "比利时", "土": "土耳其", "伊": "", "阿": "", "以": "以色列", "叙": "叙利亚", "黎": "黎巴嫩", "约": "约旦", "沙": "沙特阿拉伯", "孟": "孟加拉国", "斯": "", "柬": "柬埔寨", "老": "老挝", "缅": "缅甸", "马": ""}
_PROVINCE_ABBR = {
    "京": "北京", "津": "天津", "沪": "上海", "渝": "重庆", "冀": "河北", "辽": "辽宁", "皖": "安徽",
    "浙": "浙江", "闽": "福建", "赣": "江西", "鲁": "山东", "豫": "河南", "鄂": "湖北", "湘": "湖南",
    "粤": "广东", "桂": "广西", "琼": "海南", "川": "四川", "滇": "云南", "黔": "贵州", "陕": "陕西",
    "甘": "甘肃", "陇": "甘肃", "港": "香港", "澳": "澳门", "台": "台湾",
}
# a list of three or more one-character names (美、英、法、日; 甘、宁、青):
# provinces when one of them can only be a province, else countries (宁 is
# 宁夏 beside 甘 and 青, 南京 beside 京 and 沪: no value)
_LIST_PROVINCE = {**_PROVINCE_ABBR, "苏": "江苏", "吉": "吉林", "黑": "黑龙江", "蒙": "内蒙古", "晋": "山西", "青": "青海", "宁": "", "新": "新疆", "藏": "西藏", "云": "云南", "贵": "贵州", "蜀": "四川", "秦": "陕西"}
_LIST_ONLY_PROVINCE = frozenset(_LIST_PROVINCE) - frozenset(_ABBR)
# provinces' one-character names, and the province each stands for ("" where several)
PROVINCE_CHARS = _LIST_PROVINCE
_LIST_CHARS = "".join(sorted(set(_LIST_PROVINCE) | set(_ABBR)))
_NAME_LIST = re.compile(rf"(?:[{_LIST_CHARS}]、){{2,}}[{_LIST_CHARS}](?![文语字])")  # not 中、英、日文版
# two such names, before a word for the two of them (粤、港两地, 印、巴核试验
# is not one; 中、阿建交, 欧、美各国, 以、阿间): 欧, 以, 伊 and 厄 may be items here
_PAIR_CHARS = _LIST_CHARS + "欧以伊厄"
_NAME_PAIR_LIST = re.compile(rf"[{_PAIR_CHARS}]、[{_PAIR_CHARS}](?=两国|两地|两省|两市|双方|之间|间|建交|关系|合作|各国|等)")
_CONTINENT = {"亚": "亚洲", "欧": "欧洲", "非": "非洲", "美": ""}
_CONTINENT_PAIR = re.compile("[亚欧非美]{2}")
_PROVINCE_RUN = re.compile(f"[{''.join(_PROVINCE_ABBR)}]{{2,4}}")
_NAME_VALUE = {"华": "中国", "京": "北京", "沪": "上海"}
_VERB_RE = re.compile("|".join(f"[{v}]{n}" for n, v in _VERB_NAME.items()))
# words made of a one-character name and a noun of people or government
# (华侨 "overseas Chinese", 港人, 台胞) or of two such names (中外 "China and
# abroad", 巴以 "Palestine and Israel"): which characters are places, as what
_NAME_WORDS = {
    "中外": ((0, "country", "中国"),),
    "华人": ((0, "country", "中国"),),
    "华侨": ((0, "country", "中国"),),
    "华裔": ((0, "country", "中国"),),
    "华商": ((0, "country", "中国"),),
    "华工": ((0, "country", "中国"),),
    "港人": ((0, "province", "香港"),),
    "港胞": ((0, "province", "香港"),),
    "港府": ((0, "province", "香港"),),
    "台胞": ((0, "province", "台湾"),),
    "台商": ((0, "province", "台湾"),),
    "台独": ((0, "province", "台湾"),),
    "港人治港": ((0, "province", "香港"), (3, "province", "香港")),
    "澳人治澳": ((0, "province", "澳门"), (3, "province", "澳门")),
    "巴以": ((0, "region", "巴勒斯坦"), (1, "country", "以色列")),
    "以巴": ((0, "country", "以色列"), (1, "region", "巴勒斯坦")),
    "阿以": ((0, "region", "阿拉伯"), (1, "country", "以色列")),
    "印巴": ((0, "country", "印度"), (1, "country", "巴基斯坦")),
    "沪深": ((0, "province", "上海"), (1, "city", "深圳")),
}
_NAME_WORD_RE = re.compile("|".join(sorted(_NAME_WORDS, key=len, reverse=True)))  # longest first: 港人治港 before 港人
# a country's one-character name before a word of its state, its army or its
# territory (巴政府, 伊总统, 美军, 塔国内, 印西海岸, 墨首都): the name a word of
# its own, or the pair one word (美军). Not the characters that stand alone
# as everyday words before such a word (以政府投入, 新政府, 非政府, 亚军, 老军人,
# 比全国平均, 朝北部, 加政府补助, 南部, 中部), and not after a numeral (3日军方).
_STATE_ABBR = {
    **{ch: v for ch, v in _LIST_ABBR.items() if ch not in "中新以非斯马尼乌阿吉港台老比朝加"},
    "柬": "柬埔寨", "罗": "罗马尼亚", "塞": "", "科": "", "哥": "", "秘": "秘鲁", "智": "智利", "古": "古巴",
}
_STATE_WORDS = (
    "政府|总统|总理|首相|外长|外交部长|国防部长|防长|大使|议会|国会|内阁|军方|军队|军|海军|空军|陆军|警方|"
    "当局|国王|王室|领导人|官员|境内|国内|首都|全国|东部|西部|南部|北部|中部|东北部|西北部|东南部|西南部|"
    "东海岸|西海岸|南海岸|北海岸|边境|领土|领空|领海|驻|寇|伪|机|舰|国家|民族|自治|联邦政府|联邦财政|联邦议会|联邦法院|联邦储备"
)
_STATE_RE = re.compile(rf"(?<![{_NUM}])([{''.join(_STATE_ABBR)}])({_STATE_WORDS})")
# 以 too where the document names Israel (以色列 ... 以政府, 以军): elsewhere
# 以政府投入为主 is "with government investment"
_TAKE_AS = re.compile("[^以为，。；：、！？\\s]{0,6}为")  # the rest of 以 ... 为 "take ... as"
_ISRAEL_STATE_RE = re.compile(rf"(?<![{_NUM}所可])(以)(政府|总理|外长|军方|军队|军|当局|国防部长|议会|警方)")
# a power's character and 中 as words of their own (美中可以, 德中文化): both
# are countries, as with 中 first; not 日中 "midday", 法中 "in the law"
_POWER_CHINA = re.compile(rf"(?<![{_NUM}])([美俄韩朝德英])中")
# 全 "all of" and a country's character (全美, 全英, 全德各地), and a
# country's character before 籍 "nationality" (美籍华人, 日籍): the country;
# not 全日 "all day", 全加起来 "added up"
_ALL_OF = re.compile("全([美英德法俄澳韩港])|([美英德法日韩俄澳加意荷泰印菲])籍")
# characters that, once the document names the country in full, stand for
# it as words of their own (伊拉克 ... 对伊制裁; 菲律宾 ... 菲经济); not those
# that are everyday words on their own (德 "virtue", 意, 以, 新, 南, 朝, 马,
# 古, 约, 保, 科, 老, 加, 法, 日, 中) or common surnames (罗, 韩, 蒙, 黎:
# 县委书记罗小平)
_CURRENCY = frozenset("镑币元郎磅")
_NAMED_FIRST = frozenset("美英印澳泰巴墨菲伊塔柬缅叙埃匈捷葡挪芬荷瑞俄厄")
# ... and 美 and 印 only where they are no adjective or verb (乡村美起来,
# 环境很美, 材料印了500份)
_NOT_NAMED_AFTER = re.compile("了|起来|着|过|不|得|化|好|丽|极|出|刷|制|发")
_NOT_NAMED_BEFORE = frozenset("很更真太最越挺多好也都又")
# words of a head of state or government: after a surname these are a title (罗总统, 韩总理)
_LEADERS = frozenset({"总统", "总理", "首相", "外长", "外交部长", "国防部长", "防长", "大使", "国王"})


def datelines(text: str, spans: list[Span]) -> list[Span]:
    """The place of a dateline where the scan found nothing."""
    out = []
    for m in _DATELINE.finditer(text):
        s, e = m.span(1)
        if _NOT_DATELINE.search(m.group(1)) or any(sp.start < e and s < sp.end for sp in spans):
            continue
        info = place_info(m.group(1))
        out.append(Span(s, e, "place", info.kind if info else "city", parents=info.parents if info else ()))
    return out


def abbreviations(d: PlaceDoc, spans: list[Span]) -> list[Span]:
    """One-character country and region abbreviations: before a relation
    word, in a pair with 中, after a verb of going or staying."""
    taken = Taken(spans)
    _relations(d, taken)
    text = d.text
    if "中" in text:
        for m in _PAIR.finditer(text):
            s, e = m.span()
            if text[s - 1 : s] in _ABBR or not d.is_start(s) or not d.is_end(e, s) or taken.overlaps(s, e):
                continue
            taken.add(Span(s, s + 1, "place", "country", value="中国"))
            ch = m.group(1)
            taken.add(Span(s + 1, e, "place", _CHINA_PARTS.get(ch, "country"), value=_ABBR[ch] or None))
    for m in _POWER_PAIR.finditer(text):
        s, e = m.span()
        if m.group(1) == m.group(2) or m.group() in _NOT_POWER_PAIRS:
            continue
        if not d.is_start(s) or not d.is_end(e, s) or s in d.hits or taken.overlaps(s, e):
            continue
        if s > 0 and text[s - 1] in SURNAMES and d.is_token(s - 1, s):
            continue  # 王美英: a given name
        if text[s] in SURNAMES and _ITEM.match(text, e) and d.is_token(e, e + 1):
            continue  # 韩德明: a surname and a given name
        taken.extend(Span(s + k, s + k + 1, "place", "country", value=_ABBR[ch]) for k, ch in enumerate(m.group()))
    if "中" in text:
        for m in _CHINA_PAIR_RELATION.finditer(text):
            s, e = m.span()
            if not d.is_start(s) or s in d.hits or taken.overlaps(s, e) or not _relation_word_follows(d, s, e):
                continue
            other = m.group(1) or m.group(2)
            for k, ch in enumerate(m.group()):
                value = "中国" if ch == "中" else _WITH_CHINA[other] or None
                taken.add(Span(s + k, s + k + 1, "place", "country", value=value))
    if "、" in text and "国" in text:
        _listed_countries(d, taken)
    if "、" in text:
        _listed_names(d, taken)
    for m in _PROVINCE_RUN.finditer(text):
        s, e = m.span()
        run = m.group()
        if len(set(run)) != len(run) or not d.is_start(s) or not d.is_end(e, s) or taken.overlaps(s, e):
            continue
        if d.g.lookup.get(run) or d.g.hits(text, s):  # a name of its own (渝北, 澳门)
            continue
        taken.extend(Span(s + k, s + k + 1, "place", "province", value=_PROVINCE_ABBR[ch]) for k, ch in enumerate(run))
    for m in _CONTINENT_PAIR.finditer(text):
        s, e = m.span()
        if text[s] == text[s + 1] or not d.is_start(s) or not d.is_end(e, s) or taken.overlaps(s, e):
            continue
        if d.g.lookup.get(m.group()):  # a name of its own
            continue
        taken.extend(Span(s + k, s + k + 1, "place", "region", value=_CONTINENT[ch] or None) for k, ch in enumerate(m.group()))
    for m in re.finditer("俄(?![而顷])", text):  # 俄而, 俄顷: "presently"
        s = m.start()
        if s in d.hits:  # the start of a longer name (俄罗斯 in 俄罗斯队), not 俄 alone
            continue
        if d.is_start(s) and d.is_end(s + 1, s) and not taken.overlaps(s, s + 1):
            taken.add(Span(s, s + 1, "place", "country", value="俄罗斯"))
    for m in _NAME_WORD_RE.finditer(text):
        s, e = m.span()
        if not (d.is_start(s) or d.splits_word(s)) or not d.is_end(e, s) or taken.overlaps(s, e):
            continue
        taken.extend(Span(s + k, s + k + 1, "place", kind, value=value) for k, kind, value in _NAME_WORDS[m.group()])
    _state_words(d, taken)
    named_in_words(d, taken)
    _with_china_after(d, taken)
    for m in _VERB_RE.finditer(text):
        s, e = m.span()
        if not d.is_start(s) or not d.is_end(e, s) or taken.overlaps(s + 1, e):
            continue
        ch = text[e - 1]
        value = _NAME_VALUE.get(ch) or _RUN_ABBR.get(ch) or None
        kind = "province" if ch in "京沪港台" else "region" if ch in _CONTINENT_CHARS else "country"
        taken.add(Span(e - 1, e, "place", kind, value=value))
    _named_before(d, taken)
    return sorted(taken.spans[len(spans) :], key=lambda sp: sp.start)


def _listed_countries(d: PlaceDoc, taken: Taken) -> None:
    """One-character items of a list of countries closed by a count of
    countries (日、法、德等国); the other items must be countries too."""
    text = d.text
    for m in _COUNTRIES_AFTER.finditer(text):
        end, items = m.start(), []
        while True:
            im = None
            for k in range(min(6, end), 0, -1):  # the longest country name, else one character
                w = text[end - k : end]
                if (k == 1 and w in _LIST_ABBR) or any(e.kind == "country" for e in d.g.lookup.get(w, ())):
                    im = (end - k, end)
                    break
            if im is None:
                break
            items.append(im)
            if im[0] > 0 and text[im[0] - 1] == "、":
                end = im[0] - 1
                continue
            break
        if len(items) < 2 or not any(e - s == 1 for s, e in items) or not d.is_end(items[0][1], items[0][0]):
            continue  # 发展中、中等国家: 中等 is a word
        first = items[-1][0]
        if first > 0 and _ITEM.match(text[first - 1]) and not d.is_start(first):
            continue
        for s, e in items:
            if e - s == 1 and not taken.overlaps(s, e):
                taken.add(Span(s, e, "place", "country", value=_LIST_ABBR[text[s]] or None))


def _listed_names(d: PlaceDoc, taken: Taken) -> None:
    """Each item of a list of three or more one-character names, each item a
    word of its own (在法、美、日等地; 流行于甘、宁、青等省区), or of two
    before a word for the two of them (粤、港两地)."""
    for m in [*_NAME_LIST.finditer(d.text), *_NAME_PAIR_LIST.finditer(d.text)]:
        s, e = m.span()
        items = m.group()[::2]
        if len(set(items)) != len(items) or not d.is_start(s) or not d.is_end(e, e - 1) or taken.overlaps(s, e):
            continue
        if d.text[s - 1 : s] == "、":
            continue  # the end of a longer list
        provinces = any(ch in _LIST_ONLY_PROVINCE for ch in items)
        if provinces and not all(ch in _LIST_PROVINCE for ch in items):
            continue  # 沪、美: no list of one kind
        china_parts = "港" in items or "台" in items  # 港、澳、台: 澳 is Macao; 美、英、澳: Australia
        for k, ch in enumerate(items):
            if ch in _CONTINENT_CHARS:
                taken.add(Span(s + 2 * k, s + 2 * k + 1, "place", "region", value=_RUN_ABBR[ch]))
            elif provinces:
                taken.add(Span(s + 2 * k, s + 2 * k + 1, "place", "province", value=_LIST_PROVINCE[ch] or None))
            elif china_parts and ch in _CHINA_PARTS:
                taken.add(Span(s + 2 * k, s + 2 * k + 1, "place", "province", value=_PROVINCE_ABBR[ch]))
            else:
                taken.add(Span(s + 2 * k, s + 2 * k + 1, "place", "country", value=_RUN_ABBR.get(ch) or None))


def _relation_word_follows(d: PlaceDoc, s: int, e: int) -> bool:
    """Whether the word of relations after the names at text[s:e] is more
    than the second half of a two-character word that the last name starts
    (以/中间: 中间 "middle", not 中 and 间)."""
    return not (d.is_start(e - 1) and d.word_end(e - 1) == e + 1)


def _relations(d: PlaceDoc, taken: Taken) -> None:
    """One-character country and region abbreviations before a relation word."""
    text = d.text
    if "方" not in text and not re.search(_RELATION, text):
        return
    for m in _RUN.finditer(text):
        g = 1 if m.group(1) else 2
        s, e = m.span(g)
        run = m.group(g)
        if g == 1 and run[0] == "以":  # 以 "with" (以中美关系为基础); Israel ends a run (埃以关系)
            s, run = s + 1, run[1:]
            if len(run) < 2:
                continue
        if len(set(run)) != len(run) or not d.is_start(s) or taken.overlaps(s, e):
            continue
        if s > 0 and text[s - 1] in (_RUN_ABBR if g == 1 else _ABBR) and s not in d.ends:
            continue  # the run starts inside a longer one, or inside a word (not after 所以: 所以美方)
        if g == 1 and not _relation_word_follows(d, s, e):
            continue  # 以中间产品: 中间 is the word
        if any(d.is_token(k, k + 2) and d.g.is_everyday(text[k : k + 2]) for k in range(s, e - 1)):
            continue  # 加以战略研判: 加以 is a verb
        if _CONTINENT_CHARS & set(run) and text.startswith("地区", e):
            continue
        for k, ch in enumerate(run):
            kind = "region" if ch in _CONTINENT_CHARS else _CHINA_PARTS.get(ch, "country")
            taken.add(Span(s + k, s + k + 1, "place", kind, value=_RUN_ABBR[ch] or None))


def _state_words(d: PlaceDoc, taken: Taken) -> None:
    """A country's one-character name before a word of its state, army or
    territory (巴政府, 美军, 塔国内)."""
    text = d.text
    matches = list(_STATE_RE.finditer(text))
    if "以色列" in text:
        matches += _ISRAEL_STATE_RE.finditer(text)
    for m in matches:
        s = m.start()
        ch, word = m.group(1), m.group(2)
        if not d.is_start(s) or taken.overlaps(s, s + 1) or s in d.hits:
            continue
        if d.is_token(s, s + 1):
            nxt = text[s + 1 : d.word_end(s + 1)]
            if nxt != word and ((len(word) < 2 and word != "驻") or not nxt.startswith(word)):
                continue  # 美国内: 国内 is no word there; 哈军工: 军 is not the army
        elif not d.is_token(s, s + 1 + len(word)):
            continue  # inside a longer word
        if (word in _LEADERS or word == "军") and ch in SURNAMES:
            continue  # 罗总统, 韩总理, 罗军同志: a surname and a title or a given name
        if word == "军" and s > 0 and text[s - 1] in SURNAMES and d.is_token(s - 1, s):
            continue  # 刘德军, 王美军: a given name
        if ch == "以" and _TAKE_AS.match(text, s + 1 + len(word)):
            continue  # 以政府投入为主, 以军队为榜样: 以 ... 为 "take ... as"
        value = "以色列" if ch == "以" else _STATE_ABBR[ch] or None
        taken.add(Span(s, s + 1, "place", "country", value=value))


def _named_before(d: PlaceDoc, taken: Taken) -> None:
    """A country's first character as a word of its own where the document
    names the country in full (罗马尼亚 ... 罗放开汇率)."""
    text = d.text
    named: dict[str, str] = {}
    for sp in taken.spans:
        name = text[sp.start : sp.end]
        if sp.kind == "country" and len(name) >= 2 and name[0] in _NAMED_FIRST:
            named.setdefault(name[0], name)
    if not named:
        return
    for m in re.finditer(f"[{''.join(named)}]", text):
        s = m.start()
        if s > 0 and text[s - 1] in _NUM or not d.is_token(s, s + 1) or taken.overlaps(s, s + 1):
            continue
        if text[s + 1 : s + 2] in _CURRENCY:  # 埃镑, 瑞郎: the money
            continue
        if text[s] in "美印" and (_NOT_NAMED_AFTER.match(text, s + 1) or text[s - 1 : s] in _NOT_NAMED_BEFORE):
            continue
        taken.add(Span(s, s + 1, "place", "country", value=named[text[s]]))


def _with_china_after(d: PlaceDoc, taken: Taken) -> None:
    """A power's character and 中 as words of their own (美中双方, 德中文化
    活动周), 全 and a country's character (全美), a country's character before
    籍 (美籍华人)."""
    text = d.text
    if "中" in text:
        for m in _POWER_CHINA.finditer(text):
            s = m.start()
            pair = d.is_token(s, s + 2) and d.is_end(s + 2, s)
            if not pair and not (d.is_token(s, s + 1) and d.is_token(s + 1, s + 2)):
                continue  # 美中不足, 英中学
            if s in d.hits or taken.overlaps(s, s + 2):
                continue
            taken.add(Span(s, s + 1, "place", "country", value=_ABBR[text[s]]))
            taken.add(Span(s + 1, s + 2, "place", "country", value="中国"))
    for m in _ALL_OF.finditer(text):
        g = 1 if m.group(1) else 2
        s, e = m.span()
        c = m.start(g)
        if not (d.is_start(s) or d.splits_word(s)) or not d.is_end(e, s) or taken.overlaps(c, c + 1):
            continue
        kind = "province" if text[c] == "港" else "country"
        taken.add(Span(c, c + 1, "place", kind, value=_ABBR.get(text[c]) or None))
