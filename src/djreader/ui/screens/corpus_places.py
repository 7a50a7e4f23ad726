"""Every place in the corpus as a tree (province › city › county › town ›
village), with the passages that mention the chosen one.

The screen takes ``(doc_index, title, text, spans)`` for each readable
document; ``spans`` may be None, and then a thread worker recognises them
(through ``spans_of``, so the caller's cache can serve them) while a progress
line counts documents. Choosing a passage dismisses with ``(doc_index,
offset)``. Tree nodes below the top level are added when first expanded, so
a corpus with tens of thousands of villages opens quickly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode
from textual.worker import get_current_worker

from djreader.core.normalize import simplified_view
from djreader.core.sanitize import visible
from djreader.core.spans import Span, place_chain
from djreader.ui.widgets.results import snippet_text

CorpusDoc = tuple[int, str, str, "list[Span] | None"]  # (doc_index, title, text, spans)
SpansOf = Callable[[int, str], list[Span]]
MAX_PASSAGES = 500  # passages listed for one place
_SPACE = re.compile(r"\s+")


def recognise_spans(doc_index: int, text: str) -> list[Span]:
    from djreader.core.entities import recognise

    return recognise(text)


def with_spans(docs: Iterable[CorpusDoc], spans_of: SpansOf) -> Iterator[tuple[int, str, str, list[Span] | None]]:
    """Each document with its spans, recognised where missing; None where recognition failed.

    Meant for a thread worker, which checks for cancellation between documents.
    """
    for index, title, text, spans in docs:
        if spans is None:
            try:
                spans = spans_of(index, text)
            except (ValueError, RecursionError, MemoryError, IndexError, KeyError, TypeError):
                spans = None  # a recogniser bug on odd input must not take the corpus view down
        yield index, title, text, spans


@dataclass
class PlaceNode:
    name: str
    chain: tuple[str, ...]
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (doc_index, start, end), own
    children: dict[str, "PlaceNode"] = field(default_factory=dict)
    total: int = 0  # mentions here and below
    docs: int = 0  # documents mentioning this place or one below

    def all_mentions(self) -> list[tuple[int, int, int]]:
        out = list(self.mentions)
        for child in self.children.values():
            out.extend(child.all_mentions())
        return out

    def ordered_children(self) -> list["PlaceNode"]:
        return sorted(self.children.values(), key=lambda n: (-n.total, n.name))


def build_places(docs: Iterable[tuple[int, str, str, list[Span]]]) -> PlaceNode:
    """The place hierarchy of the corpus, with counts; the root has no name.
    Names are the simplified forms, the parents' forms: 酒泉市 of a document in
    traditional characters is 酒泉市 of the others; and a short form counts
    under its unit's full name (酒泉 under 酒泉市)."""
    root = PlaceNode("", ())
    for index, _title, text, spans in docs:
        view = simplified_view(text)
        for s in spans:
            if s.type != "place":
                continue
            node = root
            for name in place_chain(s, view):
                node = node.children.setdefault(name, PlaceNode(name, node.chain + (name,)))
            node.mentions.append((index, s.start, s.end))

    def count(node: PlaceNode) -> set[int]:
        docs_here = {m[0] for m in node.mentions}
        total = len(node.mentions)
        for child in node.children.values():
            docs_here |= count(child)
            total += child.total
        node.total, node.docs = total, len(docs_here)
        return docs_here

    count(root)
    return root


class CorpusPlacesScreen(Screen[tuple[int, int] | None]):
    """Dismisses with (doc_index, offset) of the chosen passage, or None."""

    DEFAULT_CSS = """
    CorpusPlacesScreen { layout: vertical; }
    #places-head { height: 1; padding: 0 1; background: $boost; }
    #places-panes { height: 1fr; }
    #places-tree { width: 40%; min-width: 24; border-right: vkey $foreground 20%; }
    #places-passages { width: 1fr; border: none; }
    #places-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close places"),
        Binding("tab", "switch", "Tree / passages", priority=True),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, docs: list[CorpusDoc], *, spans_of: SpansOf = recognise_spans) -> None:
        super().__init__()
        self.docs = docs
        self.spans_of = spans_of
        self.titles: dict[int, str] = {}
        self.texts: dict[int, str] = {}
        self.root: PlaceNode | None = None
        self._passages: list[tuple[int, int]] = []
        self._shown: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Places in the corpus", style="bold"), id="places-head")
        with Horizontal(id="places-panes"):
            tree: Tree[PlaceNode] = Tree("places", id="places-tree")
            tree.show_root = False
            tree.auto_expand = False
            yield tree
            with Vertical():
                yield OptionList(id="places-passages")
        yield Static(Text(f"reading {len(self.docs)} documents…"), id="places-status")
        yield Footer()

    @property
    def tree(self) -> Tree:
        return self.query_one("#places-tree", Tree)

    @property
    def passages(self) -> OptionList:
        return self.query_one("#places-passages", OptionList)

    def on_mount(self) -> None:
        self.tree.focus()
        self.build()

    def _status(self, text: str) -> None:
        self.query_one("#places-status", Static).update(Text(text))

    @work(thread=True, exclusive=True, group="corpus-places", exit_on_error=False)
    def build(self) -> None:
        worker = get_current_worker()
        total = len(self.docs)
        step = max(1, total // 50)
        docs, failed = [], 0
        for done, (index, title, text, spans) in enumerate(with_spans(self.docs, self.spans_of), 1):
            if worker.is_cancelled:
                return
            if spans is None:
                failed += 1
                spans = []
            docs.append((index, title, text, spans))
            if done % step == 0 or done == total:
                self.app.call_from_thread(self._status, f"recognising places: {done}/{total} documents")
        root = build_places(docs)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._ready, docs, root, failed)

    def _ready(self, docs: list, root: PlaceNode, failed: int) -> None:
        self.titles = {d[0]: d[1] for d in docs}
        self.texts = {d[0]: d[2] for d in docs}
        self.root = root
        tree = self.tree
        tree.clear()
        self._add_children(tree.root, root)
        if tree.root.children:
            tree.move_cursor(tree.root.children[0])
        note = f"{len(root.children)} top-level places · {root.total} mentions in {root.docs} of {len(docs)} documents"
        if failed:
            note += f" · {failed} document{'s' if failed != 1 else ''} could not be analysed"
        self._status(note + " · Enter: passages · Space: expand · Esc: back")

    def _add_children(self, tree_node: TreeNode, place: PlaceNode) -> None:
        for child in place.ordered_children():
            label = Text(visible(child.name))
            label.append(f"  {child.total}", style="bold")
            label.append(f" in {child.docs} doc{'s' if child.docs != 1 else ''}", style="dim")
            if child.children:
                tree_node.add(label, data=child, allow_expand=True)
            else:
                tree_node.add_leaf(label, data=child)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        event.stop()
        node = event.node
        if node.data is not None and not node.children:
            self._add_children(node, node.data)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if event.node.data is not None:
            self.show_passages(event.node.data)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data is not None:
            self.show_passages(event.node.data)
            if self._passages:
                self.passages.focus()

    def show_passages(self, place: PlaceNode) -> None:
        if self._shown == place.chain:
            return
        self._shown = place.chain
        mentions = sorted(place.all_mentions())
        shown = mentions[:MAX_PASSAGES]
        self._passages = [(d, s) for d, s, _e in shown]
        options = []
        for k, (d, s, e) in enumerate(shown):
            label = Text(visible(_SPACE.sub(" ", self.titles.get(d, ""))), style="bold")
            label.append("\n  ")
            label.append_text(snippet_text(self.texts.get(d, ""), Span(s, e, "place")))
            options.append(Option(label, id=str(k)))
        ol = self.passages
        ol.clear_options()
        ol.add_options(options)
        if options:
            ol.highlighted = 0
        head = Text(" › ".join(visible(n) for n in place.chain), style="bold")
        head.append(f"  {len(mentions)} mentions in {place.docs} documents", style="dim")
        if len(mentions) > MAX_PASSAGES:
            head.append(f" (first {MAX_PASSAGES} shown)", style="dim")
        self.query_one("#places-head", Static).update(head)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.isdigit():
            self.dismiss(self._passages[int(event.option.id)])

    def action_switch(self) -> None:
        if self.focused is self.passages:
            self.tree.focus()
        else:
            self.passages.focus()

    def action_cursor(self, step: int) -> None:
        widget = self.focused
        if isinstance(widget, (Tree, OptionList)):
            widget.action_cursor_down() if step > 0 else widget.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
