"""Line-shape rules for the article cleaner: furniture, metadata, dates, captions.

Every rule here looks at one line of text (already stripped, with inner
whitespace runs collapsed to one space) and answers a narrow question. The
rules describe the *shape* of what Chinese news pages print around an
article -- share prompts, comment widgets, vote boxes, footers, bylines,
timestamps -- not the wording of any particular site. ``clean.py`` combines
them with the line's position (before the title, in the body, after the end of
the article) to choose a block kind.

Keyword rules only fire on short lines (a long line is prose, whatever words
it happens to contain), which also keeps the regexes cheap on huge inputs.
"""

from __future__ import annotations

import re

SHORT = 60  # furniture keywords are only trusted on lines at most this long
FOOTER_MAX = 200  # copyright/ICP/nav rows can be long but not prose-long

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORDISH = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")
_WS = re.compile(r"\s+")

# -- sentence shape --------------------------------------------------------

_TERMINAL = "。！？!?…；;"
_CONTINUATION = ",，、:：—-－(（《“‘"
_CLOSERS = "”’」』》)）】]\"' "
_INNER_END = re.compile("[。！？!?]")
_TRAILING_CREDIT = re.compile(r"[(（][^()（）]{0,30}[)）]$")


def normalise(text: str) -> str:
    """Collapse whitespace runs (including U+3000 and NBSP) to one space."""
    return _WS.sub(" ", text).strip()


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def has_words(text: str) -> bool:
    return _WORDISH.search(text) is not None


def _last_significant(line: str) -> str:
    """The last character once closing quotes, brackets and a trailing
    parenthesised byline such as （记者 王某） are set aside."""
    if not line:
        return ""
    core = line[-200:]
    if core[-1] in ")）":
        core = _TRAILING_CREDIT.sub("", core)
    core = core.rstrip(_CLOSERS)
    if not core:
        core = line.rstrip(_CLOSERS)
    return core[-1:] if core else ""


def ends_sentence(line: str) -> bool:
    """True when the line ends like a finished sentence (。！？…； or a
    full stop after a Chinese character), closing quotes allowed after it."""
    last = _last_significant(line)
    if last in _TERMINAL and last:
        return True
    if last == ".":
        core = line.rstrip(_CLOSERS)
        return len(core) >= 2 and has_cjk(core[-2]) and not core.endswith("..")
    return False


def ends_open(line: str) -> bool:
    """True when the line stops mid-sentence (a comma, colon or dash at the end)."""
    return bool(line) and line[-1] in _CONTINUATION


def inner_sentence_break(line: str) -> bool:
    """A sentence end (。！？) before the last character: more than one sentence."""
    return _INNER_END.search(line, 0, len(line) - 1) is not None


def clause_count(line: str) -> int:
    return sum(line.count(ch) for ch in ",，;；") + 1


# -- furniture -------------------------------------------------------------

# Footers: licence numbers, copyright notices, disclaimers, nav link rows.
_FOOTER = re.compile(
    r"ICP\s*[备证]|ICP\s*\d|公网安备|网安备|增值电信业务|新闻信息服务许可|违法和不良信息举报"
    r"|copyright|©|\(c\)\s*\d{4}|版权所有|all rights reserved|版权声明|免责声明|免责条款"
    r"|未经.{0,6}授权|不得转载|禁止转载|powered by|技术支持[:：]|建议使用.{0,20}浏览",
    re.I,
)
# Substrings one of which every footer match contains: a cheap gate that keeps
# the footer regex off ordinary prose lines.
_FOOTER_HINT = re.compile(
    r"ICP|备|©|opyright|OPYRIGHT|\([cC]\)|版权|免责|授权|转载|owered|OWERED|技术支持|浏览|许可|违法|增值|ights|IGHTS"
)
# Site contact rows: 主办:… 地址:… 电话:… (two or more such labels on one line).
_CONTACT = re.compile(r"(?:主办|承办|协办|地址|电话|邮编|传真|E-?mail|邮箱)(?:单位)?\s*[:：]", re.I)
# A row of links: three or more short items separated by | or ｜.
_NAV_SPLIT = re.compile(r"\s*[|｜]\s*")
# Separators: 分隔线 or a row of rule characters.
_SEPARATOR = re.compile(r"分[隔割]线|^[-=_*~—─━·•.。\s]{3,}$")
# Related / recommended link lists and their headers.
_RELATED = re.compile(
    r"^[>»›<\s·•【\[]*(?:相关(?:稿件|新闻|阅读|链接|文章|报道|推荐|内容|专题)"
    r"|推荐(?:内容|阅读|新闻|文章)|延伸阅读|热点推荐|热门(?:文章|推荐|新闻|排行)|猜你喜欢"
    r"|精彩推荐|更多(?:新闻|内容|精彩)|往期回顾|点击排行|今日热点|图片新闻)"
)
# Comment widgets.
_COMMENT = re.compile(
    r"评论一下|发表评论|我要评论|网友评论|(?:最新|最热|热门|全部)评论|条评论|\d+\s*人参与"
    r"|抢沙发|查看更多.{0,6}评论|^评论\s*\d*$|^留言$|文明上网|理性发言"
)
# Vote boxes: 顶一下 (0) 0% 踩一下, and the bare numbers they leave behind.
_VOTE = re.compile(r"[顶踩]一下|^[(（\[]?\s*\d+(?:\.\d+)?\s*%?\s*[)）\]]?$|^[(（]\d+[)）]\s*\d*%?$")
# Share prompts and QR codes.
_SHARE = re.compile(
    r"^(?:分享|转发|收藏)(?:到|至|本文|此文|给|[:：]|$)|分享(?:到|至)(?:微信|微博|朋友圈|QQ)|一键分享"
    r"|打开微信|扫一扫|扫描二维码|二维码|长按识别|关注(?:我们|公众号|微信)|微信公众号"
)
# What makes a full sentence that mentions QR codes a share prompt rather than prose.
_SHARE_PROMPT = re.compile(r"分享|朋友圈|打开微信|当前页|本页|本文|此文")
# Page tools, counters, pager links.
_TOOL = re.compile(
    r"字[号体]\s*[:：】]|字[号体]\s*[大中小]|^【?\s*[大中小](?:\s+[大中小]){2}\s*】?$|打印(?:本页|此文|文章|$)"
    r"|关闭(?:窗口|本页)|返回顶部|回到顶部|收藏本页|加入收藏|设为首页|点击[:：数量]|点击率"
    r"|浏览(?:次数|量)\s*[:：\d]|阅读(?:次数|量|数)\s*[:：\d]|载入中"
    r"|^(?:上一篇|下一篇|上一页|下一页|返回|返回首页|返回列表|登录|注册|手机版|网站地图)"
    r"|APP下载|下载APP|^.{0,10}(?:客户端|数字报|电子报|电子版|手机报|官方网站|官方微博|官方微信)$"
)
# Breadcrumbs: 首页 > 新闻 > 正文, 当前位置: ...
_CRUMB_HEAD = re.compile(r"^(?:首页|主页|网站首页|当前位置|您的位置|你的位置|您现在的位置|位置)\s*[>»›:：]")
_CRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|->|→)\s*")
# Link-list bullets (• headline).
_BULLET = re.compile(r"^[•·▪‣►▸]\s*")
_END_MARK = re.compile(r"^[(（【\[]?\s*(?:完|全文完|END|end)\s*[)）】\]]?$")

# Any short-line furniture rule below can only fire when this matches.
_SHORT_GATE = re.compile(
    "|".join(p.pattern for p in (_SEPARATOR, _RELATED, _COMMENT, _VOTE, _SHARE, _TOOL, _CRUMB_HEAD, _END_MARK, _BULLET))
    + r"|[>»›→]|^[上下]一"
)

TAIL_KINDS = frozenset({"footer", "nav", "separator", "related", "comment", "vote", "pager"})


def _is_nav_row(line: str) -> bool:
    parts = [p for p in _NAV_SPLIT.split(line) if p]
    return line.count("|") + line.count("｜") >= 2 and len(parts) >= 3 and all(len(p) <= 24 for p in parts)


def _is_word_row(line: str) -> bool:
    """A menu printed as words between spaces: 网站首页 新闻中心 党建动态 理论学习."""
    parts = line.split(" ")
    return len(parts) >= 4 and all(1 <= len(p) <= 4 for p in parts) and not ends_sentence(line)


def _is_breadcrumb(line: str) -> bool:
    if _CRUMB_HEAD.match(line):
        return True
    parts = _CRUMB_SPLIT.split(line)
    return len(parts) >= 2 and len(line) <= SHORT and all(len(p) <= 12 for p in parts)


def furniture_kind(line: str) -> str | None:
    """Name the kind of page furniture a (normalised) line is, or None.

    The name matters to the caller: some kinds (footers, related-news lists,
    comment widgets, vote boxes, separators) mark the end of the article.
    """
    n = len(line)
    if n == 0:
        return None
    if n <= FOOTER_MAX:
        if _FOOTER_HINT.search(line) and _FOOTER.search(line):
            return "footer"
        if len(_CONTACT.findall(line)) >= 2:
            return "footer"
        if ("|" in line or "｜" in line) and _is_nav_row(line):
            return "nav"
    if not has_words(line) and n <= FOOTER_MAX:
        return "separator" if _SEPARATOR.search(line) else "vote" if _VOTE.search(line) else "symbols"
    if n > SHORT:
        # Share prompts are sometimes a full sentence ("打开微信,点击…即可分享").
        if n <= 2 * SHORT and "分享" in line and _SHARE.search(line):
            return "share"
        return None
    if not _SHORT_GATE.search(line):
        return "menu" if " " in line and _is_word_row(line) else None
    if _SEPARATOR.search(line):
        return "separator"
    if _RELATED.search(line):
        return "related"
    if _COMMENT.search(line):
        return "comment"
    if _VOTE.search(line):
        return "vote"
    if _SHARE.search(line) and (not ends_sentence(line) or _SHARE_PROMPT.search(line)):
        return "share"
    if line.startswith(("上一篇", "下一篇", "上一页", "下一页")):
        return "pager"
    if _TOOL.search(line):
        return "tool"
    if _is_breadcrumb(line):
        return "crumb"
    if _END_MARK.match(line):
        return "end"
    if " " in line and _is_word_row(line):
        return "menu"
    if _BULLET.match(line) and n <= 40 and not ends_sentence(line):
        return "bullet"
    return None
