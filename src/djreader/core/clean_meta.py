"""Metadata and caption rules for the article cleaner.

Recognises the lines that carry an article's metadata -- timestamps,
``来源:``/``作者:``/``编辑:`` label rows, reporter bylines such as
``□本报记者 李飞`` -- and pulls the values out of them, plus the signs of a
photo caption (photographer credits, ``(资料图)``, ``本版图片由…提供``).
All functions take one normalised line (see ``clean_rules.normalise``).
"""

from __future__ import annotations

import re
from djreader.core.clean_rules import ends_sentence, has_cjk

META_MAX = 120  # a metadata row is never longer than this

# -- dates -------------------------------------------------------------------

_TIME = r"(?:\s*(?P<H>[01]?\d|2[0-3])\s*[:：时]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*[0-5]\d\s*秒?)?)?"
_YMD = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?P<s>[-/.年])\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?" + _TIME
)
_DMY = re.compile(r"(?<!\d)(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME)


def _fmt(y: int, m: int, d: int, hh: str | None, mm: str | None) -> str | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    date = f"{y:04d}-{m:02d}-{d:02d}"
    return f"{date} {int(hh):02d}:{mm}" if hh is not None and mm is not None else date


def find_date(line: str) -> tuple[str, int, int] | None:
    """The first date (with its time, if printed) in ``line``.

    Returns ``(normalised, start, end)``; normalised is ``YYYY-MM-DD HH:MM``
    or ``YYYY-MM-DD``. Year-first forms (2019-03-15, 2019/3/15, 2019.03.15,
    2019年3月15日) are unambiguous. Year-last forms (08.03.2016) are read
    day-first, as the sites that print them (European-style CMS templates)
    do; when the first field is above 12 it can only be the day, and when
    only the second field is above 12 the date is month-first.
    """
    for m in _YMD.finditer(line[:2000]):
        got = _fmt(int(m["y"]), int(m["m"]), int(m["d"]), m["H"], m["M"])
        if got:
            return got, m.start(), m.end()
    for m in _DMY.finditer(line[:2000]):
        a, b = int(m["a"]), int(m["b"])
        day, month = (b, a) if (b > 12 >= a) else (a, b)
        got = _fmt(int(m["y"]), month, day, m["H"], m["M"])
        if got:
            return got, m.start(), m.end()
    return None


_DIGIT = re.compile(r"\d")
_DATE_NOISE = re.compile(r"星期.|周[一二三四五六日天]|[\s:：|/()（）\[\]【】,，-]")
# 《人民日报》（2020年03月15日 04 版）: the print edition an article ran in
_EDITION = re.compile(r"^《\s*[^》]{1,24}\s*》\s*[(（]?[^()（）]{0,24}\d{1,2}\s*版\s*[)）]?$")


def is_date_row(line: str) -> bool:
    """A timestamp standing alone, or followed by labelled fields
    (``2020年03月15日08:12 来源:人民网``)."""
    if len(line) > 80 or not _DIGIT.search(line, 0, 24):
        return False
    found = find_date(line)
    if not found:
        return False
    rest = (line[: found[1]] + " " + line[found[2] :]).strip()
    return len(_DATE_NOISE.sub("", rest)) <= 6 or is_label_row(rest)


def is_edition(line: str) -> bool:
    return len(line) <= 60 and _EDITION.match(line) is not None


# -- labels ------------------------------------------------------------------

_LABELS = (
    "责任编辑|发布时间|发布日期|更新时间|发稿时间|来源|作者|记者|编辑|责编|时间|日期|稿源|出处"
    "|原标题|通讯员|点击|浏览|阅读|字号|摄影|审核|校对|监制|策划|文|图"
)
_LABEL = re.compile(rf"(?<![\u3400-\u9fff])(?:{_LABELS})\s*[:：/]|(?:{_LABELS[:-4]})\s*[:：]")
_OPENERS = "□■◇◆●○▲△【[(（ "
_CLOSE = "】])） "


def labelled_fields(line: str) -> dict[str, str]:
    """``{label: value}`` for every ``label:value`` pair on a metadata row.

    A value runs to the next label; ``作者: 点击:`` gives an empty author.
    """
    hits = list(_LABEL.finditer(line))
    out: dict[str, str] = {}
    for i, m in enumerate(hits):
        label = m.group(0).rstrip(":：/ ").strip()
        end = hits[i + 1].start() if i + 1 < len(hits) else len(line)
        value = line[m.end() : end].strip().strip(_CLOSE + _OPENERS).strip()
        out.setdefault(label, value)
    return out


_LABEL_PREFIX = re.compile(r"^[□■◇◆●○▲△【\[(（ ]*(?:文章|本文|稿件|信息|新闻|图片|视频)?$")


def is_label_row(line: str) -> bool:
    """``来源:新华社``, ``时间:… 来源:… 作者:…``, ``(责任编辑:张云文)``."""
    if len(line) > META_MAX or not (":" in line or "：" in line or "/" in line):
        return False
    hits = list(_LABEL.finditer(line))
    if len(hits) >= 2:
        return True
    # one label at the start, perhaps after a short qualifier: 文章来源:, 本文作者:
    if len(hits) == 1 and _LABEL_PREFIX.match(line[: hits[0].start()]):
        value = line[hits[0].end() :].strip(_CLOSE)
        return len(value) <= 30 and not ends_sentence(value)
    return False


# -- reporter bylines --------------------------------------------------------

_ROLE = re.compile(r"(?:特约记者|见习记者|首席记者|实习记者|记者|通讯员|实习生|摄影|撰稿)")
_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$|^[\u3400-\u9fff]{1,4}·[\u3400-\u9fff]{1,6}$")
_NOT_NAME = re.compile(r"[了到从在说获悉表示介绍采访看来发现近日]")


_NAME_SEP = re.compile(r"[\s、,，/]+")
_WRITER = re.compile(r"^(?:文|图|文图|文/图|文·图)\s*[/:：]\s*(.+)$")
_WRITER_LABEL = re.compile(r"(?:文|图)\s*[/:：]")
_PUNCT = re.compile(r"[,，。:：]")
_BYLINE_GATE = re.compile(r"记者|通讯员|实习生|摄影|撰稿|[文图]\s*[/:：]")


def split_names(text: str) -> list[str] | None:
    """Personal names in a byline tail: ``陈 泳`` (a two-character name
    padded to three by a space) -> ``陈泳``; ``张三 李四`` -> two names.
    None when the text is not a list of names."""
    tokens = [t for t in _NAME_SEP.split(text.strip(_CLOSE + _OPENERS)) if t]
    merged: list[str] = []
    for tok in tokens:
        if merged and len(tok) == 1 and len(merged[-1]) == 1:
            merged[-1] += tok
        else:
            merged.append(tok)
    if not merged or any(not _NAME.match(t) or _NOT_NAME.search(t[1:]) for t in merged):
        return None
    return merged


def byline_names(line: str) -> list[str] | None:
    """Names on a reporter line (``新甘肃·甘肃日报记者 陈 泳 通讯员 刘旭民``,
    ``□本报记者 李飞``, ``文/图 王某``), or None if the line is not one."""
    if len(line) > 48 or not _BYLINE_GATE.search(line) or ends_sentence(line):
        return None
    core = line.strip(_OPENERS + _CLOSE)
    m = _WRITER.match(core)
    if m:
        return split_names(_WRITER_LABEL.sub(" ", m.group(1)))
    parts = _ROLE.split(core)
    if len(parts) < 2 or len(parts[0]) > 20 or _PUNCT.search(parts[0]):
        return None
    names: list[str] = []
    for chunk in parts[1:]:
        chunk = chunk.strip(" :：")
        if not chunk:
            continue
        got = split_names(chunk)
        if got is None:
            return None
        names += got
    return names or None


_PAREN_BYLINE = re.compile(r"[(（]([^()（）]{0,24}?(?:记者|通讯员|作者)[^()（）]{1,20})[)）]\s*$")


_LEAD_BYLINE = re.compile(r"[(（]([^()（）]{0,16}?(?:记者|通讯员)[^()（）]{1,20})[)）]")


def leading_byline(line: str) -> list[str] | None:
    """Names in a byline opening the first paragraph: ``本报北京3月14日电（记者张三）``."""
    m = _LEAD_BYLINE.search(line[:48])
    return byline_names(m.group(1)) if m else None


def trailing_byline(line: str) -> list[str] | None:
    """Names in a byline closing the last paragraph: ``…。(记者邹海林)``."""
    m = _PAREN_BYLINE.search(line[-60:])
    return byline_names(m.group(1)) if m else None


# -- captions ----------------------------------------------------------------

_PHOTO = re.compile(
    r"[(（]\s*(?:资料图|资料照片|图片|图|照片|视频截图|截图)\s*[)）]|^图为|^[▲△↑]|图片由|图片来源|供图|摄影[:：/]"
    r"|(?:记者|通讯员|摄影)\s*\S{2,4}\s*摄[)）]?$|\S\s+摄[)）]?$|[(（][^()（）]{1,20}\s*摄[)）]"
)
_PHOTO_HINT = re.compile("[图摄▲△↑照]")
_EVENT_END = re.compile(r"(?:召开|举行|举办|开幕|闭幕|揭牌|合影|留影|现场|一角|剪影|场景|照片|掠影|风采)$")


def photo_credit(line: str) -> bool:
    """Signs of a photo caption or photo credit anywhere in a line of caption size,
    or a caption sentence followed by an unbracketed reporter credit
    (``…(资料图)。新甘肃·甘肃日报记者 吕亚龙``)."""
    if len(line) > 400:
        return False
    if _PHOTO_HINT.search(line) and _PHOTO.search(line):
        return True
    cut = max(line.rfind("。"), line.rfind("！"))
    if cut < len(line) - 49:
        return False
    tail = line[cut + 1 :].strip()
    # a bracketed credit, （记者 王某）, is the article's byline, not a photo's
    return 0 < cut and len(tail) > 3 and tail[0] not in "(（[【" and byline_names(tail) is not None


def event_caption(line: str) -> bool:
    """A short unpunctuated line ending in an event or scene word
    (…座谈会在某地召开, …现场) reads as a caption rather than a heading."""
    return has_cjk(line) and _EVENT_END.search(line) is not None

