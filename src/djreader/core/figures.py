"""Figures in Chinese news text: numbers with their units, dates and times.

``find_figures`` returns ``Span(type="figure")`` with a ``kind`` (count,
percent, money, date, time, duration, ordinal, other), the normalised
``value`` and its ``unit``:

- quantities: 1.2万元 -> 12000 "元"; 5761个 -> 5761 "个"; 95% -> 95 "%";
  shares are percentages (三分之一 -> 33.33 "%", 七成 -> 70 "%");
  10多万元 -> 100000 "元" with ``extra={"approx": True}`` (多, 余, 来, 几, 数);
- ordinals: 十三届 -> 13 "届"; 第五 -> 5 ""; 第一个 -> 1 "个";
- dates use ISO 8601 with reduced precision: "2017", "2017-07",
  "2017-07-09", "--03-07" (month and day), "--06" (month), "---27" (day),
  "2019-03-15T17:15"; times are "HH:MM" on a 24-hour clock (下午6时 -> "18:00").

What counts follows tests/data/ANNOTATION.md: a numeral needs a unit or
measure word; the noun after the measure word, approximations before the
number (近, 约) and after the unit (以上, 左右) are left out; numerals in short
quoted names and slogans, numeral formulas (三会一课) and a lone 一 before a
measure word (一个支点, 一批, mostly the indefinite article) are not figures.
"""

from __future__ import annotations

import bisect
import re

from djreader.core import numerals
from djreader.core.figure_grammar import (
    CLOCK_CONTEXT_RE,
    DATE_PARTS_RE,
    FIGURE_RE,
    FORMULA_RE,
    IDIOM_RE,
    MEETING_RE,
    MONEY_CONTEXT_RE,
    PM_RE,
    SLOGAN_RE,
    UNIT_KIND,
)
from djreader.core.normalize import simplified_view
from djreader.core.spans import Span

__all__ = ["find_figures", "quantified_noun"]

_HAN = re.compile(r"[\u3400-\u9fff]")
_DIGITS = str.maketrans("０１２３４５６７８９．：", "0123456789.:")
_ARABIC = frozenset(numerals.ARABIC_DIGITS)
_TIME_UNITS = {"年", "年多", "年余", "年半", "天", "周", "个月", "个多月", "个半月"}


def _int(text: str) -> int | None:
    value = numerals.number(text.translate(_DIGITS))
    return value if isinstance(value, int) else None


def _figure(start: int, end: int, kind: str, value=None, unit: str = "", approx: bool = False) -> Span:
    extra = {"approx": True} if approx else {}
    return Span(start, end, "figure", kind, value, unit, extra=extra)


def _date_value(y: int | None, m: int | None, d: int | None) -> str | None:
    if m is not None and not 1 <= m <= 12 or d is not None and not 1 <= d <= 31:
        return None
    if y is not None:
        return "-".join([f"{y:04d}"] + [f"{v:02d}" for v in (m, d) if v is not None]) if m or not d else None
    if m is not None:
        return f"--{m:02d}" + (f"-{d:02d}" if d is not None else "")
    return f"---{d:02d}" if d is not None else None


def _cndate(text: str, s: int, e: int) -> Span | None:
    parts = DATE_PARTS_RE.fullmatch(text[s:e])
    if parts is None:
        return None
    y, m, d = (_int(parts[g]) if parts[g] else None for g in "ymd")
    if parts["m"] == "一" and d is None:  # 一月 alone is rarely January (一月一次)
        return None
    value = _date_value(y, m, d)
    return _figure(s, e, "date", value) if value else None


def _iso(text: str, s: int, e: int, day_first: bool) -> Span | None:
    nums = [int(n) for n in re.findall(r"\d+", text[s:e].translate(_DIGITS))]
    if day_first:
        nums[0], nums[2] = nums[2], nums[0]
    y, m, d = nums[:3]
    value = _date_value(y, m, d)
    if value is None:
        return None
    if len(nums) >= 5:
        if nums[3] > 24 or nums[4] > 59:
            return None
        value += f"T{nums[3]:02d}:{nums[4]:02d}"
    return _figure(s, e, "date", value)


def _clock(text: str, s: int, e: int, hour: int | None, minute: int | None) -> Span | None:
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    if hour < 12 and PM_RE.search(text, max(0, s - 3), s):
        hour += 12
    return _figure(s, e, "time", f"{hour:02d}:{minute:02d}")


def _clock_words(text: str, s: int, e: int) -> Span | None:
    m = re.fullmatch(r"(.+?)([时点])(?:(.+)分|(半))?", text[s:e])
    if m is None or m[1] == "一":  # 一时, 一点: "for a moment", "a little"
        return None
    if m[2] == "点" and not (m[3] or m[4] or CLOCK_CONTEXT_RE.search(text, max(0, s - 2), s)):
        return None  # 3点意见: points, not o'clock
    minute = 30 if m[4] else (_int(m[3]) if m[3] else 0)
    return _clock(text, s, e, _int(m[1]), minute)


def _mdot(text: str, s: int, e: int) -> Span | None:
    """4.26开园, 5·12: a month.day date only when a Han word follows."""
    if e >= len(text) or not _HAN.match(text[e]) or text[e] in "万亿千百多余":
        return None
    m, d = (int(x) for x in re.split(r"[.·]", text[s:e].translate(_DIGITS)))
    value = _date_value(None, m, d)
    return _figure(s, e, "date", value) if value and d > 0 else None


def _quantity(text: str, m: re.Match) -> Span | None:
    s, e = m.span()
    if m["qar"]:
        num, ap, mult, ap2 = m["qa_num"], m["qa_ap"], m["qa_mult"] or "", m["qa_ap2"]
        unit = m["qa_unit"] or m["qa_unit2"] or ""
        value = numerals.arabic(num, mult)
    else:
        num, ap, mult, ap2, unit = m["qc_num"], m["qc_ap"], m["qc_mult"] or "", m["qc_ap2"], m["qc_unit"]
        value = numerals.number(num.lstrip("上"), mult) if num[0] not in "数几" and ap != "几" else None
        if len(unit) == 1 and text[e : e + 1] == unit:
            return None  # 一个个, 一天天: reduplication, not a count
        if num == "一" and unit not in _TIME_UNITS:
            return None  # 一个支点, 一批: mostly the indefinite article
    approx = bool(ap or ap2) or num[0] in "数几上"
    if not unit:
        before = text[max(0, s - 8) : s]
        if MONEY_CONTEXT_RE.search(before):
            return _figure(s, e, "money", value, "元", approx)
        return _figure(s, e, "count", value, "", approx)
    kind = UNIT_KIND.get(unit, "count")
    if unit in ("年多", "年余"):
        unit, approx = "年", True
    elif unit.endswith("半") or unit.startswith("个半"):  # 一年半, 两个半月
        unit = unit.replace("半", "")
        value = value + 0.5 if value is not None else None
    elif unit == "成":
        value = value * 10 if value is not None else None
        unit = "%"
    elif unit == "届" or unit == "次" and MEETING_RE.match(text, e) or num == "二" and kind == "count":
        kind = "ordinal"  # 十三届, 三次全会; a bare 二 before a measure word is ordinal (二期, 二次)
    if kind == "percent" and unit in ("％",):
        unit = "%"
    return _figure(s, e, kind, value, unit, approx)


def _candidate(text: str, m: re.Match) -> Span | None:
    s, e = m.span()
    group = m.lastgroup
    if group == "iso":
        return _iso(text, s, e, day_first=False)
    if group == "dmy":
        return _iso(text, s, e, day_first=True)
    if group == "cndate":
        return _cndate(text, s, e)
    if group == "hm":
        hour, minute = (int(x) for x in text[s:e].translate(_DIGITS).split(":")[:2])
        return _clock(text, s, e, hour, minute)
    if group == "clock":
        return _clock_words(text, s, e)
    if group == "ordinal":
        om = re.fullmatch(r"第([^个次届批期轮名位章条款节天年号组卷版场集回页层排季部阶]+)(.*)", text[s:e])
        if om is None or not om[2] and (om[1] == "一" or not _HAN.match(text[e : e + 1])):
            return None  # 第一书记, 第一时间: titles and idioms; 第二，: an enumeration
        return _figure(s, e, "ordinal", _int(om[1]), om[2])
    if group == "pctcn":
        body = text[s + 3 : e]
        if body[0] in "0123456789０１２３４５６７８９":
            value = numerals.arabic(body)
        else:  # 百分之三十五点五: digits after 点 are read one by one
            whole, _, frac = body.partition("点")
            base = numerals.chinese(whole)
            digits = "".join(str("零一二三四五六七八九".find(c.replace("〇", "零"))) for c in frac)
            value = numerals.arabic(f"{base}.{digits}") if frac and base is not None else base
        return _figure(s, e, "percent", value, "%")
    if group == "cur":
        cm = re.fullmatch(r"(.)([^万亿元]+)([万亿]*)元?", text[s:e])
        unit = "美元" if cm[1] in "$＄" else "元"
        return _figure(s, e, "money", numerals.arabic(cm[2], cm[3]), unit)
    if group == "frac":
        whole, part = (numerals.chinese(x) for x in text[s:e].split("分之"))
        share = round(part * 100 / whole, 2) if whole and part is not None else None
        return _figure(s, e, "percent", share, "%")
    if group == "mdot":
        return _mdot(text, s, e)
    return _quantity(text, m)


def _excluded(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Ranges whose numerals are not figures: (any numerals, Chinese numerals only)."""
    slogans = [q.span() for q in SLOGAN_RE.finditer(text)]
    formulas = [f.span() for f in FORMULA_RE.finditer(text)]
    formulas += [i.span() for i in IDIOM_RE.finditer(text)]
    formulas.sort()
    return slogans, formulas


def _hits(ranges: list[tuple[int, int]], span: Span, longest: int) -> bool:
    """Whether a sorted list of ranges no longer than ``longest`` meets ``span``."""
    i = bisect.bisect_left(ranges, (span.start - longest, 0))
    while i < len(ranges) and ranges[i][0] < span.end:
        if ranges[i][1] > span.start:
            return True
        i += 1
    return False


def find_figures(text: str) -> list[Span]:
    """Every figure in ``text``, sorted by start and never overlapping.
    Lines in traditional characters are read in simplified ones (兩萬個 as
    两万个), at the same offsets."""
    text = simplified_view(text)
    found: list[Span] = []
    for m in FIGURE_RE.finditer(text):
        span = _candidate(text, m)
        if span is None:
            continue
        if text[span.start - 1 : span.start] in ("+", "＋") or text[span.end : span.end + 1] in ("+", "＋"):
            continue  # 2+2, 1+3: formulas, not quantities
        found.append(span)
    if not found:
        return found
    slogans, formulas = _excluded(text)
    if not slogans and not formulas:
        return found
    longest = max((b - a for a, b in slogans + formulas), default=0)
    kept = []
    for span in found:
        if _hits(slogans, span, longest):
            continue
        if text[span.start] not in _ARABIC and _hits(formulas, span, longest):
            continue
        kept.append(span)
    return kept


_pos_tokenizer = None
_NOUN_FLAGS = ("n", "vn", "an", "j")
_MODIFIER_FLAGS = ("a", "b", "z")
_LEAD = re.compile(r"[的“‘「『\"]+")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]{1,16}")


def _pos_cut(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) pairs from the shared jieba dictionary."""
    global _pos_tokenizer
    if _pos_tokenizer is None:
        import jieba.posseg

        from djreader.core import segment

        _pos_tokenizer = jieba.posseg.POSTokenizer(segment.tokenizer())
    return [(p.word, p.flag) for p in _pos_tokenizer.cut(text)]


def quantified_noun(text: str, span: Span, *, max_chars: int = 10, max_words: int = 3) -> str | None:
    """The noun a figure quantifies, read from the text after it.

    5761个基层党组织中 -> 基层党组织; 11.8万名党员用… -> 党员. Modifiers
    (adjectives, distinguishing words) are kept while a noun follows; the
    phrase ends at the first verb or function word, at a place name after a
    noun (二次会议甘肃代表团), or at ``max_chars`` / ``max_words``. Only counts,
    ordinals and measures (1200亩的土地) quantify a noun; other kinds, and a
    measure that already names its class (4个方面, 19大类), give None.
    Uses jieba's part-of-speech tagger, so the first call loads the
    dictionary; meant for one figure at a time (an entity panel), not bulk use.
    """
    if span.kind not in ("count", "ordinal", "other") or not 0 <= span.end <= len(text):
        return None
    if span.unit.endswith(("方面", "类")):
        return None
    pos = span.end
    lead = _LEAD.match(text, pos)
    if lead:
        pos = lead.end()
    run = _HAN_RUN.match(text, pos)
    if run is None:
        return None
    words: list[tuple[str, bool]] = []  # (word, is_noun)
    length = 0
    for word, flag in _pos_cut(run.group()):
        is_noun = flag.startswith(_NOUN_FLAGS)
        is_mod = flag.startswith(_MODIFIER_FLAGS) and not flag.startswith("ad")
        after_noun = any(n for _, n in words)
        too_long = length + len(word) > max_chars or len(words) >= max_words
        if not (is_noun or is_mod) or too_long or (flag == "ns" and after_noun):
            break
        words.append((word, is_noun))
        length += len(word)
    while words and not words[-1][1]:
        words.pop()
    return "".join(w for w, _ in words) or None
