"""Places and figures together, as one sorted list of non-overlapping spans."""

from __future__ import annotations

from collections.abc import Callable

from djreader.core.spans import Span, resolve_overlaps

CHUNK = 200_000  # characters: longer texts are recognised piece by piece
# The reader does not recognise documents longer than this (minutes of work);
# `djreader entities` still does, it has no screen to keep responsive.
ENTITY_LIMIT = 4_000_000


class Stopped(Exception):
    """``should_stop`` said to give up (the reader is quitting)."""


def recognise(text: str, *, should_stop: Callable[[], bool] | None = None) -> list[Span]:
    """Every place and figure in ``text``, sorted by start, never overlapping.

    A very long text is cut at line breaks into pieces of about CHUNK
    characters; ``should_stop`` is asked between pieces, and raises Stopped
    when it answers True, so a long recognition can be abandoned.
    """
    # imported here: the gazetteer and jieba are heavy, and importing this
    # module (for ENTITY_LIMIT, say) must stay cheap
    from djreader.core.figures import find_figures
    from djreader.core.places import find_places
    if len(text) <= CHUNK:
        return resolve_overlaps(find_places(text) + find_figures(text))
    spans: list[Span] = []
    for start, end in _pieces(text):
        if should_stop is not None and should_stop():
            raise Stopped
        piece = text[start:end]
        for s in resolve_overlaps(find_places(piece) + find_figures(piece)):
            spans.append(_shift(s, start))
    return spans


def _pieces(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + CHUNK)
        if end < n:
            cut = text.rfind("\n", start + CHUNK // 2, end)
            end = cut + 1 if cut >= 0 else end
        out.append((start, end))
        start = end
    return out


def _shift(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by, span.type, span.kind, span.value, span.unit, span.parents, span.extra)
