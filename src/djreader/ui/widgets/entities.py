"""The entity panel: the open document's places by hierarchy, its figures with what they count."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from djreader.core.normalize import simplified_view
from djreader.core.sanitize import visible
from djreader.core.spans import Span, place_chain
from djreader.ui.widgets.reading import DATE_KINDS


def figure_nouns(text: str, spans: list[Span]) -> dict[int, str | None]:
    """The noun each figure quantifies, by the figure's start (5761个 → 基层党组织).

    Uses jieba's tagger: slow the first time, so call it from a worker.
    """
    from djreader.core.figures import quantified_noun

    return {s.start: quantified_noun(text, s) for s in spans if s.type == "figure" and s.kind not in DATE_KINDS}


class EntityPanel(Tree[int]):
    """A tree whose leaves carry the character offset of a mention; choosing one posts Jump."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Jump(Message):
        def __init__(self, offset: int, span: Span | None) -> None:
            super().__init__()
            self.offset = offset
            self.span = span

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("entities", id=id)
        self.show_root = False
        self._spans: dict[int, Span] = {}
        self._nouns: dict[int, str | None] = {}

    def show_entities(self, text: str, spans: list[Span], nouns: dict[int, str | None] | None = None) -> None:
        """Fill the tree; ``nouns`` (from figure_nouns, worked out off the UI thread) label the figures."""
        self._nouns = nouns or {}
        self.clear()
        self._spans = {}
        places = [s for s in spans if s.type == "place"]
        figures = [s for s in spans if s.type == "figure" and s.kind not in DATE_KINDS]
        dates = [s for s in spans if s.type == "figure" and s.kind in DATE_KINDS]
        self._add_places(text, places)
        self._add_figures(text, "Figures", figures, with_noun=True)
        self._add_figures(text, "Dates and times", dates, with_noun=False)
        self.root.expand()

    def _add_places(self, text: str, places: list[Span]) -> None:
        # A trie over parent chains: 甘肃省 › 酒泉市 › 肃州区 › 银达镇 › 谭家堡村.
        # A short form counts under its unit's full name (酒泉 under 酒泉市),
        # and a name in traditional characters (肅州區) under its simplified
        # form, the parents' form; it is shown as the text has it.
        view = simplified_view(text)
        children: dict[tuple[str, ...], set[str]] = defaultdict(set)
        mentions: dict[tuple[str, ...], list[Span]] = defaultdict(list)
        spelled: dict[tuple[str, ...], str] = {}
        for s in places:
            chain = place_chain(s, view)
            mentions[chain].append(s)
            if view[s.start : s.end] == chain[-1]:  # a mention by the name itself gives its spelling
                spelled.setdefault(chain, s.text(text))
            for i in range(len(chain)):
                children[chain[:i]].add(chain[i])
        top = self.root.add(Text(f"Places ({len(places)})", style="bold"), expand=True)

        def count(chain: tuple[str, ...]) -> int:
            return len(mentions.get(chain, ())) + sum(count(chain + (c,)) for c in children.get(chain, ()))

        def build(node, chain: tuple[str, ...]) -> None:
            for name in sorted(children.get(chain, ()), key=lambda c: (-count(chain + (c,)), c)):
                sub = chain + (name,)
                own = mentions.get(sub, [])
                label = Text(visible(spelled.get(sub, name)))
                label.append(f"  {count(sub)}", style="dim")
                first = own[0].start if own else None
                if children.get(sub):
                    child = node.add(label, data=first, expand=len(sub) < 3)
                    build(child, sub)
                else:
                    child = node.add_leaf(label, data=first)
                if own:
                    self._spans[own[0].start] = own[0]

        build(top, ())

    def _add_figures(self, text: str, title: str, figures: list[Span], *, with_noun: bool) -> None:
        node = self.root.add(Text(f"{title} ({len(figures)})", style="bold"), expand=len(figures) <= 60)
        for s in figures:
            label = Text(visible(s.text(text)))
            noun = self._nouns.get(s.start) if with_noun else None
            if noun:
                label.append(" — " + visible(noun), style="dim")
            if s.value is not None and str(s.value) != s.text(text):
                label.append(f"  = {s.value}{s.unit}", style="dim italic")
            node.add_leaf(label, data=s.start)
            self._spans[s.start] = s

    def on_tree_node_selected(self, event: Tree.NodeSelected[int]) -> None:
        event.stop()
        offset = event.node.data
        if offset is not None:
            self.post_message(self.Jump(offset, self._spans.get(offset)))
