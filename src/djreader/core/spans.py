"""The one span type shared by highlighting, search hits and JSON output.

Offsets are Python string indices (code points, end exclusive) into a
document's decoded text: the whole file, furniture included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str  # "place" | "figure" | "hit"
    kind: str = ""
    value: Any = None  # normalised value (figures), e.g. 12000
    unit: str = ""  # unit of the normalised value, e.g. "元"
    parents: tuple[str, ...] = ()  # place hierarchy, outermost first
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def to_json(self, source: str, doc: str) -> dict:
        out: dict[str, Any] = {
            "doc": doc,
            "start": self.start,
            "end": self.end,
            "text": source[self.start : self.end],
            "type": self.type,
            "kind": self.kind,
        }
        if self.value is not None:
            out["value"] = self.value
        if self.unit:
            out["unit"] = self.unit
        if self.parents:
            out["parents"] = list(self.parents)
        return out


class Taken:
    """Spans kept so far and the positions they cover: asking whether a short
    candidate overlaps one costs its length, not the number of spans kept."""

    __slots__ = ("spans", "_at")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self.spans: list[Span] = []
        self._at: set[int] = set()
        self.extend(spans)

    def add(self, span: Span) -> None:
        self.spans.append(span)
        self._at.update(range(span.start, span.end))

    def extend(self, spans: Iterable[Span]) -> None:
        for span in spans:
            self.add(span)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a kept span overlaps text[start:end]."""
        at = self._at
        return any(i in at for i in range(start, end))


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping spans: of two that overlap, the longer (then the earlier) wins.

    One pass over the spans sorted by start (O(n log n)): each span is
    compared with the last one kept, the only one it can overlap, since the
    kept spans are disjoint and sorted.
    """
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        while chosen and span.overlaps(chosen[-1]):
            last = chosen[-1]
            if (span.end - span.start) > (last.end - last.start):
                chosen.pop()  # the longer newcomer replaces it, and may overlap the one before
            else:
                break
        else:
            chosen.append(span)
    return chosen


def place_chain(span: Span, view: str) -> tuple[str, ...]:
    """The chain a place span is grouped under in a tree of places: its
    parents, then its unit's full name where the span gives it (酒泉 and
    酒泉市 are one place), else its own name as read in ``view``, the
    document's simplified view (肅州區 and 肃州区 are one place too)."""
    name = span.value if isinstance(span.value, str) and span.value else view[span.start : span.end]
    return (*span.parents, name)
