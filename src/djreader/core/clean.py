"""Split a scraped news page into title, metadata, body, captions and furniture.

``clean(text)`` returns an :class:`~djreader.core.document.Article` whose
blocks cover every non-blank line of ``text`` in order (one block a line,
surrounding whitespace -- U+3000 and NBSP included -- left out). Nothing is
dropped: furniture is labelled, not removed, so the reader can dim it or show
the raw page.

How a line gets its kind (rules on the shape of lines, see ``clean_rules`` and
``clean_meta``):

* Footers, nav rows and separators are furniture wherever they are. Once a
  body paragraph has been seen, a footer, related-news list, comment widget or
  vote box starts the *tail*: short lines after it are furniture (the link
  list under 相关新闻), until a real sentence appears again.
* Metadata rows (``时间:… 来源:…``, a bare timestamp, ``□本报记者 李飞``,
  ``(责任编辑:张云文)``) are META.
* The title is a short unpunctuated line before the first body sentence; the
  one directly followed by a metadata row wins, else the longest. Lines before
  it are furniture (site names, app banners, breadcrumbs). A later line that
  repeats part of the title is TITLE too; a ``——…`` kicker is SUBTITLE.
  ``Article.title`` is the title line with whitespace runs collapsed to one
  space.
* Captions: a photographer credit or ``(资料图)``; inside the body, a short
  one-sentence line (at most one comma) after two or more blank lines, where a
  picture was; a short line ending in an event word (…在某地召开, …现场); an
  unpunctuated line too long for a heading. A one-line caption with none of
  these signs is indistinguishable from a heading and is taken as one.
* Headings: at most 30 characters, no sentence-final punctuation, not ending
  mid-sentence, with body text still to come. A heading followed by a kicker
  or a reporter line opens a level-1 section (a report inside a compilation
  page, with its author); other headings are level-2 sections. A page with no
  headings gets level-2 sections at the paragraphs that follow a visual break
  (two or more blank lines), named by their first clause.
* Everything else is a PARAGRAPH.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from djreader.core import clean_meta as cm
from djreader.core import clean_rules as cr
from djreader.core import clean_wrap as cw
from djreader.core.document import (
    CAPTION,
    FURNITURE,
    HEADING,
    META,
    PARAGRAPH,
    SUBTITLE,
    TITLE,
    Article,
    Block,
    Section,
)

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
_SKIP = "\\s" + _INVISIBLE
# A line's visible text: from its first to its last visible character.
_CONTENT = re.compile(f"[^{_SKIP}](?:[^{_BREAKS}]*[^{_SKIP}])?")
_DASHES = re.compile(r"[\s—\-－―]+")
_CLAUSE_END = re.compile(r"[,，。；;:：!！?？]")
_KICKER = re.compile(r"^(?:——|—|--|－－|──|―)\s*\S")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、]\s*\D)")
HARD_FURNITURE = frozenset({"footer", "nav", "separator", "symbols"})
HEADING_MAX = 30
TITLE_MAX = 80


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    norm: str
    gap: int  # blank lines before this one
    indent: bool = False  # whitespace before it on its line
    furn: str | None = None
    meta: bool = False
    names: list[str] | None = None
    photo: bool = False
    kicker: bool = False
    titlish: bool = False
    prose: bool = False
    kind: str = PARAGRAPH


def _split(text: str) -> list[_Line]:
    """One _Line per non-blank line: offsets of its text without the
    surrounding whitespace and invisible marks, and the blank lines before it."""
    lines: list[_Line] = []
    prev_end = 0
    for m in _CONTENT.finditer(text):
        start, end = m.span()
        breaks = text.count("\n", prev_end, start) or text.count("\r", prev_end, start)
        body = m.group(0)
        norm = cr.normalise(body) if len(body) <= 4000 else body[:2000] + " " + body[-2000:]
        indent = start > 0 and text[start - 1] not in _BREAKS
        lines.append(_Line(start, end, norm, max(0, breaks - 1) if lines else 0, indent))
        prev_end = end
    return lines


def _features(ln: _Line) -> None:
    s, n = ln.norm, len(ln.norm)
    if n > cm.META_MAX:  # prose-sized: only footers and photo captions to look for
        ln.furn = cr.furniture_kind(s) if n <= cr.FOOTER_MAX else None
        ln.photo = cm.photo_credit(s)
        ln.prose = True
        return
    ln.furn = cr.furniture_kind(s)
    ln.names = cm.byline_names(s)
    ln.meta = ln.names is not None or cm.is_label_row(s) or cm.is_date_row(s) or cm.is_edition(s)
    ln.photo = cm.photo_credit(s)
    finished = cr.ends_sentence(s)
    ln.kicker = n <= TITLE_MAX and not finished and _KICKER.match(s) is not None
    ln.prose = n > TITLE_MAX or finished
    ln.titlish = (
        2 <= n <= TITLE_MAX
        and not finished
        and not cr.ends_open(s)
        and cr.has_words(s)
        and not cr.inner_sentence_break(s)
    )


def _heading_like(ln: _Line) -> bool:
    s = ln.norm
    limit = HEADING_MAX + 10 if _NUMBERED.match(s) else HEADING_MAX
    return ln.titlish and len(s) <= limit and cr.clause_count(s) <= 4


def _squash(s: str) -> str:
    return _DASHES.sub("", s)


def _next_content(lines: list[_Line], i: int, k: int = 2) -> list[_Line]:
    out = []
    for j in range(i + 1, min(len(lines), i + 40)):
        ln = lines[j]
        if ln.furn is None or ln.meta:
            out.append(ln)
            if len(out) == k:
                break
    return out


def _opens_report(lines: list[_Line], i: int) -> bool:
    return any(nx.kicker or nx.names for nx in _next_content(lines, i))


def _find_title(lines: list[_Line]) -> int | None:
    """Index of the title line, or None (see the module docstring)."""
    candidates: list[int] = []
    for i, ln in enumerate(lines):
        if ln.furn in HARD_FURNITURE or ln.meta or ln.photo or ln.kicker:
            continue
        if ln.furn is None and (ln.titlish or _is_question_title(ln.norm)):
            candidates.append(i)
        elif ln.furn is None and ln.prose:
            break
        if i > 200:
            break
    for i in candidates:
        nxt = _next_content(lines, i)
        if nxt and nxt[0].meta or len(nxt) > 1 and nxt[0].kicker and nxt[1].meta:
            return i
    return max(candidates, key=lambda i: (len(lines[i].norm), -i)) if candidates else None


def _is_question_title(s: str) -> bool:
    """党建引领乡村振兴！ / 如何抓好基层党建？ -- a headline may end in ！ or ？."""
    return 4 <= len(s) <= 40 and s[-1] in "！？!?" and not cr.inner_sentence_break(s) and cr.clause_count(s) <= 2


def _classify(lines: list[_Line]) -> int | None:
    title = _find_title(lines)
    last_prose = max((i for i, ln in enumerate(lines) if ln.prose and ln.furn is None), default=-1)
    title_key = _squash(lines[title].norm) if title is not None else ""
    seen_body = tail = False
    for i, ln in enumerate(lines):
        s = ln.norm
        if ln.furn in HARD_FURNITURE and not (ln.meta and ln.furn == "symbols"):
            ln.kind = FURNITURE
            tail = tail or (seen_body and ln.furn in cr.TAIL_KINDS)
            continue
        if tail:
            if ln.meta and not ln.names:
                ln.kind = META
                continue
            if not (ln.furn is None and ln.prose and len(s) > 40):
                ln.kind = FURNITURE
                continue
            tail = False
        if ln.meta:
            ln.kind = META
        elif ln.furn:
            ln.kind = FURNITURE
            tail = seen_body and ln.furn in cr.TAIL_KINDS
        elif title is not None and i < title:
            ln.kind = FURNITURE
        elif i == title:
            ln.kind = TITLE
        elif ln.kicker:
            ln.kind = SUBTITLE
        elif not seen_body and title_key and ln.titlish and len(_squash(s)) >= 4 and _squash(s) in title_key:
            ln.kind = TITLE
        elif ln.photo:
            ln.kind = CAPTION
        elif seen_body and ln.gap >= 2 and len(s) <= 60 and ln.prose and not cr.inner_sentence_break(s) and cr.clause_count(s) <= 2:
            ln.kind = CAPTION
        elif _heading_like(ln) and i < last_prose:
            ln.kind = CAPTION if cm.event_caption(s) and not _opens_report(lines, i) else HEADING
            seen_body = seen_body or ln.kind == HEADING
        elif ln.titlish and len(s) > HEADING_MAX and i > (title or -1) and seen_body:
            ln.kind = CAPTION
        else:
            ln.kind = PARAGRAPH
            seen_body = True
    return title


def _sections(lines: list[_Line]) -> list[Section]:
    out: list[Section] = []
    for i, ln in enumerate(lines):
        if ln.kind != HEADING:
            continue
        if _opens_report(lines, i):
            names = next((nx.names for nx in _next_content(lines, i) if nx.names), None)
            out.append(Section(ln.norm, ln.start, 1, "、".join(names) if names else None))
        else:
            out.append(Section(ln.norm, ln.start, 2))
    if out:
        return out
    breaks = [ln for ln in lines if ln.kind == PARAGRAPH and ln.gap >= 2]
    if len(breaks) >= 2:
        for ln in breaks:
            name = _CLAUSE_END.split(ln.norm, maxsplit=1)[0][:24]
            out.append(Section(name, ln.start, 2))
    return out


def _metadata(art: Article, lines: list[_Line]) -> None:
    fields: dict[str, str] = {}
    header_names: list[str] | None = None
    closing_names: list[str] | None = None
    in_header = True
    previous = TITLE
    for ln in lines:
        if ln.kind in (HEADING, PARAGRAPH):
            in_header = False
        if ln.kind != META:
            previous = ln.kind if ln.kind != FURNITURE else previous
            continue
        if ln.names and previous == PARAGRAPH:  # （本报记者 王某） on its own line after the text
            closing_names = ln.names
        if art.date is None:
            found = cm.find_date(ln.norm)
            art.date = found[0] if found else None
        for key, value in cm.labelled_fields(ln.norm).items():
            if not fields.get(key):
                fields[key] = value
        if in_header and ln.names and header_names is None:
            header_names = ln.names
    art.source = fields.get("来源") or fields.get("稿源") or fields.get("出处") or None
    art.editor = fields.get("责任编辑") or fields.get("责编") or fields.get("编辑") or None
    author = fields.get("作者") or fields.get("记者")
    if not author and header_names:
        author = "、".join(header_names)
    paras = [ln for ln in lines if ln.kind == PARAGRAPH]
    if not author and paras:
        # 本报北京3月14日电（记者张三）… opening the body, or …。（记者王某） closing it
        names = cm.leading_byline(paras[0].norm) or cm.trailing_byline(paras[-1].norm) or closing_names
        author = "、".join(names) if names else None
    art.author = author or None


def _unwrap(lines: list[_Line]) -> list[_Line]:
    """Join the lines of hard-wrapped paragraphs (see ``clean_wrap``)."""

    def body(k: int) -> bool:
        return lines[k].furn is None and not lines[k].meta

    width = cw.wrap_width(lines, body)
    if width is None:
        return lines
    runs = cw.joins(lines, body, width)
    out: list[_Line] = []
    k = 0
    for first, last in runs:
        out += lines[k:first]
        head = lines[first]
        joined = _Line(head.start, lines[last].end, cw.join_norms([ln.norm for ln in lines[first : last + 1]]), head.gap)
        joined.indent = head.indent
        _features(joined)
        out.append(joined)
        k = last + 1
    return out + lines[k:]


def clean(text: str) -> Article:
    """Label every non-blank line of a scraped page; never raises on text input."""
    lines = _split(text)
    for ln in lines:
        _features(ln)
    lines = _unwrap(lines)
    title = _classify(lines)
    art = Article(title=lines[title].norm if title is not None else "")
    art.blocks = [Block(ln.kind, ln.start, ln.end) for ln in lines]
    art.sections = _sections(lines)
    _metadata(art, lines)
    return art
