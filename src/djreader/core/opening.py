"""Opening documents with the cache's help.

Cleaning (``core.clean``) costs a few milliseconds a document and its
import a few hundred: with the cleaned layout cached by content digest, a
corpus opened before is listed without cleaning anything, and the first
document of a warm start is drawn without importing the cleaner at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from djreader.core.cache import Cache, text_digest
from djreader.core.document import Document
from djreader.core.loading import LoadError, Source, load_text


def open_documents(sources: Sequence[Source], *, cache: Cache | None = None) -> list[Document]:
    """Read, decode and clean ``sources`` (cleaned layouts from and to
    ``cache`` when given). Never raises for a bad file: see ``Document.error``."""
    docs: list[Document] = []
    for source in sources:
        try:
            decoded = load_text(source.path)
        except LoadError as err:
            docs.append(Document(source, error=str(err)))
            continue
        docs.append(Document(source, decoded.text, decoded.encoding, decoded.replaced))
    readable = [d for d in docs if d.ok]
    digests = [text_digest(d.text) for d in readable] if cache is not None else []
    known = cache.articles(digests, [len(d.text) for d in readable]) if cache is not None else {}
    fresh = []
    for n, doc in enumerate(readable):
        article = known.get(digests[n]) if known else None
        if article is None:
            from djreader.core.clean import clean

            article = clean(doc.text)
            if cache is not None:
                fresh.append((digests[n], article))
        doc.article = article
    if fresh:
        cache.put_articles(fresh)
    return docs
