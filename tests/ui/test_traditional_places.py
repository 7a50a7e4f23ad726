"""A document in traditional characters joins the place hierarchy of the
simplified ones: its names group under their simplified forms, which are the
parents' forms too."""

from __future__ import annotations

import opencc
from textual.app import App, ComposeResult

from djreader.core.entities import recognise
from djreader.ui.screens.corpus_places import build_places
from djreader.ui.widgets.entities import EntityPanel

SIMPLIFIED = "甘肃省酒泉市肃州区银达镇谭家堡村召开党员大会，肃州区委书记出席。"
TRADITIONAL = opencc.OpenCC("s2t").convert(SIMPLIFIED)


def test_the_corpus_tree_merges_a_traditional_document_with_a_simplified_one():
    assert TRADITIONAL != SIMPLIFIED and len(TRADITIONAL) == len(SIMPLIFIED)
    docs = [(0, "s", SIMPLIFIED, recognise(SIMPLIFIED)), (1, "t", TRADITIONAL, recognise(TRADITIONAL))]
    root = build_places(docs)
    assert list(root.children) == ["甘肃省"]
    gansu = root.children["甘肃省"]
    assert gansu.docs == 2
    suzhou = gansu.children["酒泉市"].children["肃州区"]
    assert {m[0] for m in suzhou.mentions} == {0, 1} and len(suzhou.mentions) == 4


class PanelHost(App):
    def compose(self) -> ComposeResult:
        yield EntityPanel(id="panel")


def labels(node) -> list[str]:
    out = []
    for child in node.children:
        out.append(str(child.label).split("  ")[0])
        out.extend(labels(child))
    return out


async def test_the_entity_panel_shows_one_node_a_place_spelled_as_the_document_has_it():
    app = PanelHost()
    async with app.run_test() as pilot:
        panel = app.query_one(EntityPanel)
        panel.show_entities(TRADITIONAL, recognise(TRADITIONAL))
        await pilot.pause()
        names = labels(panel.root.children[0])  # under "Places"
        assert "肅州區" in names and "肃州区" not in names  # one node, the document's spelling
        assert names[0] == "甘肃省" or names[0] == "甘肅省"
        assert len(names) == len(set(names))
