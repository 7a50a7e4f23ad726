"""Places named by everyday words, or inside words, where the words around
them say so.

* 亚 and 欧 starting a word of their games or championships (亚运会, 亚锦赛,
  欧锦赛): the continent, a place inside a name.
* 中华, China's name of old, as a word or the start of one (中华民族, 振兴中华):
  the country, as 中国 in 中国共产党 (tests/data/ANNOTATION.md counts that one).
* 两岸 and 海峡两岸 for the two sides of the Taiwan Strait (两岸关系, 两岸同胞),
  where the words after it or the document speak of Taiwan; not the banks
  of a river (长江两岸, 河流两岸, 大西洋两岸) or scenery (饱览两岸风光, 两岸青山).
* 大陆 for the mainland where the document speaks of Taiwan, Hong Kong or
  Macao (大陆同胞), not a continent (非洲大陆, 南美大陆, 古老的大陆) or the
  geology (大陆架).
* 海湾 before a word that makes it the Gulf (海湾战争, 海湾国家), not "a bay".
"""

from __future__ import annotations

import re

from djreader.core.place_doc import PlaceDoc
from djreader.core.spans import Span, Taken

_CONTINENTS = {"亚": "亚洲", "欧": "欧洲"}
# a continent's one-character name at the start of a word of its games or
# championships (亚运会, 亚锦赛, 欧锦赛): a place inside a name
_GAMES = re.compile("([亚欧])(?=运会|运村|运|锦赛|俱杯|冠)")
# named regions that are everyday words elsewhere, before a word that makes
# them the region (海湾战争, 海湾国家: the Gulf; not 海湾 "a bay")
_REGION_BEFORE = {"海湾": re.compile("海湾(?=战争|国家|地区|危机|局势|产油国|合作委员会|六国|各国|阿拉伯国家)")}
# 两岸 "the two sides of the Taiwan Strait" (两岸关系, 海峡两岸, 两岸同胞): the
# mainland and Taiwan; not the banks of a river or a lake (长江两岸, 大西洋两岸,
# 饱览两岸风光), and not before scenery (两岸青山)
_STRAIT = re.compile("(?:台湾)?(?:海峡)?两岸(?![青风景绿山树田垂杨柳])")
_BANKS_BEFORE = frozenset("江河湖海洋溪水渠沟川岛道流谷峡")
_SCENERY_VERBS = ("欣赏", "饱览", "眺望", "遥望", "望见", "看到")
# 两岸 alone is the strait's two sides before these words, or in a document
# that speaks of Taiwan (两岸关系; 台商 ... 两岸贸易); else the banks of something
_STRAIT_AFTER = re.compile(
    "关系|同胞|经贸|经济|贸易|交流|往来|三通|谈判|协商|对话|统一|人民|和平|直航|通邮|通航|通商|合作|民间|"
    "双方|政治|敌对|分歧|问题|事务|人员|资金|产业|文化|领导人|间|都"
)
_TAIWAN = re.compile("台湾|台胞|台商|台当局|海峡|大陆|祖国统一")
# 大陆 "the mainland" where the document speaks of Taiwan, Hong Kong or Macao
# (大陆同胞, 台商在大陆投资); not a continent (非洲大陆, 新大陆, 欧亚大陆) or the
# geology (大陆架, 大陆漂移)
_MAINLAND = re.compile("大陆(?!架|性|漂移|板块|桥|法系|坡|壳)")
_ACROSS_STRAIT = re.compile("台湾|两岸|港澳|香港|澳门|台胞|台商")


def named_in_words(d: PlaceDoc, taken: Taken) -> None:
    """Add to ``taken`` the places named by everyday words or inside them
    that overlap none of its spans: 亚运会, 中华民族, 两岸关系, 海湾战争."""
    text = d.text
    for m in _GAMES.finditer(text):
        s = m.start()
        word = text[s : d.word_end(s)]
        if len(word) < 2 or not ("运" in word or word.endswith(("锦赛", "俱杯", "冠"))) or taken.overlaps(s, s + 1):
            continue  # 亚冠军: 亚 starts no word of games
        taken.add(Span(s, s + 1, "place", "region", value=_CONTINENTS[text[s]]))
    if "中华" in text:
        for m in re.finditer("中华", text):
            s, e = m.span()
            if (d.is_start(s) or d.splits_word(s)) and d.is_end(e, s) and not taken.overlaps(s, e):
                taken.add(Span(s, e, "place", "country", value="中国"))
    if "两岸" in text:
        taiwan = _TAIWAN.search(text) is not None
        for m in _STRAIT.finditer(text):
            s, e = m.span()
            if m.group() == "两岸" and not _strait_sides(text, s, e, taiwan):
                continue
            if not (d.is_start(s) or d.splits_word(s)) or not d.is_end(e, s) or taken.overlaps(s, e):
                continue
            taken.add(Span(s, e, "place", "region"))
    if "大陆" in text and _ACROSS_STRAIT.search(text):
        for m in _MAINLAND.finditer(text):
            s, e = m.span()
            if not d.is_start(s) or not d.is_end(e, s) or taken.overlaps(s, e):
                continue  # 欧亚大陆, 新大陆: jieba's word
            if taken.overlaps(s - 1, s) or text[s - 1 : s] in "的片块个":
                continue  # 南美大陆, 澳洲大陆, 古老的大陆: a continent
            taken.add(Span(s, e, "place", "region", value="中国大陆"))
    for name, pattern in _REGION_BEFORE.items():
        if name not in text:
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if d.is_start(s) and d.is_end(e, s) and not taken.overlaps(s, e):
                taken.add(Span(s, e, "place", "region"))


def _strait_sides(text: str, s: int, e: int, taiwan: bool) -> bool:
    """Whether 两岸 at text[s:e] is the two sides of the Taiwan Strait, not
    the banks of a river (长江两岸, 河流两岸, 河的两岸) or scenery (饱览两岸风光)."""
    k = s - 1 if text[s - 1 : s] != "的" else s - 2
    if k >= 0 and text[k] in _BANKS_BEFORE or text[max(0, s - 2) : s] in _SCENERY_VERBS:
        return False
    return taiwan or _STRAIT_AFTER.match(text, e + (text[e : e + 1] == "的")) is not None  # 两岸的政治分歧
