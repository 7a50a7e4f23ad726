"""What a document is once loaded and cleaned.

Blocks and sections carry character offsets into ``Document.text`` (the whole
decoded file), so highlighting, search hits and the JSON output all agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from djreader.core.loading import Decoded, LoadError, Source, load_text

# Block kinds, in reading order of importance.
TITLE = "title"  # the article's headline (may be more than one line)
SUBTITLE = "subtitle"  # a kicker or sub-headline under the title (——…纪实)
META = "meta"  # date, source, reporter, editor lines
HEADING = "heading"  # a section headline inside the body
PARAGRAPH = "paragraph"
CAPTION = "caption"  # a photo caption
FURNITURE = "furniture"  # site names, breadcrumbs, share prompts, footers …

BLOCK_KINDS = (TITLE, SUBTITLE, META, HEADING, PARAGRAPH, CAPTION, FURNITURE)


class Block(NamedTuple):
    kind: str
    start: int  # offsets into Document.text, surrounding whitespace excluded
    end: int


class Section(NamedTuple):
    """An entry of the outline: a report inside a compilation page, or a body heading."""

    title: str
    start: int  # offset of the heading in Document.text
    level: int = 1  # 1: a report with its own headline/reporter; 2: a heading inside one
    author: str | None = None


@dataclass(slots=True)
class Article:
    title: str = ""
    date: str | None = None  # normalised: "YYYY-MM-DD HH:MM", "YYYY-MM-DD" or as printed
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def body(self, text: str) -> list[str]:
        """The text of the body paragraphs (headings and captions excluded)."""
        return [text[b.start : b.end] for b in self.blocks if b.kind == PARAGRAPH]


@dataclass(slots=True)
class Document:
    source: Source
    text: str = ""
    encoding: str = ""
    replaced: int = 0
    error: str | None = None  # why it could not be read; None when it was
    article: Article = field(default_factory=Article)

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def name(self) -> str:
        return self.source.display

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def title(self) -> str:
        if self.article.title:
            return self.article.title
        return self.source.path.name


def open_document(source: Source) -> Document:
    """Read, decode and clean one source. Never raises for a bad file."""
    from djreader.core.clean import clean

    try:
        decoded: Decoded = load_text(source.path)
    except LoadError as err:
        return Document(source, error=str(err))
    doc = Document(source, decoded.text, decoded.encoding, decoded.replaced)
    doc.article = clean(decoded.text)
    return doc
