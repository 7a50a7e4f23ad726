"""Places and figures together, as one sorted list of non-overlapping spans."""

from __future__ import annotations

from djreader.core.figures import find_figures
from djreader.core.places import find_places
from djreader.core.spans import Span, resolve_overlaps


def recognise(text: str) -> list[Span]:
    """Every place and figure in ``text``, sorted by start, never overlapping."""
    return resolve_overlaps(find_places(text) + find_figures(text))
