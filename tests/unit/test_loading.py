"""Loading: discovery of files and decoding of every encoding Chinese text files come in."""

import os
from pathlib import Path

import pytest

from djreader.core.document import open_document
from djreader.core.loading import LoadError, MissingPathError, Source, decode, discover, load_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SAMPLE = "党建激活“新动能”\n\n何世平、何喜林……过来把今天工资领了。2.39亿元，98.47%。"


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-16"), "utf-16-le"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("gb18030"), "gb18030"),
    ],
)
def test_decode_encodings(encoded, encoding):
    decoded = decode(encoded)
    assert decoded.encoding == encoding
    assert decoded.text == SAMPLE


def test_bom_is_not_part_of_the_text():
    assert decode(b"\xef\xbb\xbf\xe5\x85\x9a").text == "党"


def test_invalid_utf8_in_the_middle_is_marked_not_misdecoded():
    body = ("酒泉市开展基层党建质量提升年活动。" * 40).encode("utf-8")
    data = body[:300] + b"\xff\xfe\xfd" + body[300:]
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced >= 1
    assert "酒泉市开展基层党建" in decoded.text


def test_binary_data_is_refused_with_a_reason():
    with pytest.raises(LoadError, match="binary"):
        decode(bytes(range(256)) * 4)


def test_empty_file_decodes_to_empty_text():
    assert decode(b"").text == ""


def test_discover_finds_txt_and_md_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("一", encoding="utf-8")
    (tmp_path / "two.md").write_text("二", encoding="utf-8")
    (tmp_path / "skip.html").write_text("x", encoding="utf-8")
    (tmp_path / "dir.txt").mkdir()
    found = {s.path.name: s for s in discover([tmp_path])}
    # a directory named like a document is listed, so the user learns why it is not read
    assert sorted(found) == ["dir.txt", "one.txt", "two.md"]
    with pytest.raises(LoadError, match="directory"):
        load_text(found["dir.txt"].path)


def test_missing_path_raises():
    with pytest.raises(MissingPathError):
        discover(["/no/such/place"])


def test_unreadable_documents_are_kept_with_a_reason(tmp_path):
    link = tmp_path / "broken.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    doc = open_document(Source(link, str(link)))
    assert not doc.ok and "symbolic link" in doc.error


def test_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="regular file"):
        load_text(fifo)


def test_seeds_decode_as_utf8():
    for path in sorted(SEEDS.glob("*.txt")):
        decoded = load_text(path)
        assert decoded.encoding == "utf-8"
        assert decoded.text == path.read_text(encoding="utf-8")


def test_long_texts_are_recognised_in_pieces_with_the_same_offsets():
    from djreader.core import entities

    para = "甘肃省酒泉市肃州区有5761个基层党组织，投资2.39亿元。\n"
    text = para * 20000  # well over one piece
    spans = entities.recognise(text)
    assert len(spans) == len(entities.recognise(para)) * 20000
    assert all(text[s.start : s.end] in para for s in spans)
    with pytest.raises(entities.Stopped):
        entities.recognise(text, should_stop=lambda: True)
