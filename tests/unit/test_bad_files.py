"""Core loading over a folder of bad files: each readable one decodes to its
exact text, each unreadable one is a Document with a one-line reason, and
nothing raises."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from djreader.core.document import open_document
from djreader.core.loading import LoadError, Source, discover, load_text
from tests.badfiles import as_root_reason, make_bad_folder

SETPRIV = shutil.which("setpriv")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("bad") / "docs"
    cases = make_bad_folder(root, big=True)
    return root, {c.name: c for c in cases}


def _names():
    # The case list without writing 50 MB at collection time.
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        return [c.name for c in make_bad_folder(Path(d) / "x", big=False)] + ["big.txt"]


NAMES = _names()


def test_discover_lists_every_file_once_and_not_inside_a_directory_named_txt(folder):
    root, cases = folder
    found = [s.path.name for s in discover([root])]
    assert sorted(found) == sorted(cases)
    assert len(found) == len(set(found))
    assert "inside.txt" not in found


@pytest.mark.parametrize("name", NAMES)
def test_each_file_loads_to_its_text_or_gives_its_reason(folder, name):
    root, cases = folder
    case = cases[name]
    source = Source(root / name, name)
    reason = as_root_reason(case) if os.geteuid() == 0 else case.reason
    doc = open_document(source)  # never raises
    if reason is None:
        assert doc.ok, doc.error
        assert doc.text == case.text
        assert doc.encoding == case.encoding
        assert (doc.replaced > 0) == case.replaced
        if case.marker:
            assert case.marker in doc.text
            # the cleaner keeps the marked paragraph as body text
            assert any(case.marker in p for p in doc.article.body(doc.text)), doc.article.blocks[:5]
        for b in doc.article.blocks:
            assert 0 <= b.start <= b.end <= len(doc.text)
        assert [b.start for b in doc.article.blocks] == sorted(b.start for b in doc.article.blocks)
    else:
        assert not doc.ok
        assert reason in doc.error
        assert "\n" not in doc.error and len(doc.error) < 120
        assert doc.text == ""
        with pytest.raises(LoadError, match=reason):
            load_text(root / name)


def test_a_fifo_is_refused_without_blocking(folder):
    root, _ = folder
    out: list = []
    t = threading.Thread(target=lambda: out.append(open_document(Source(root / "fifo.txt", "fifo.txt"))), daemon=True)
    t.start()
    t.join(60)  # a hang guard, not a speed check: a blocked open never returns
    assert out, "open_document blocked on a FIFO"
    assert "not a regular file" in out[0].error


def test_a_file_deleted_between_listing_and_opening(tmp_path):
    (tmp_path / "a.txt").write_text("一篇文章\n\n正文。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("另一篇\n\n正文。", encoding="utf-8")
    sources = discover([tmp_path])
    (tmp_path / "a.txt").unlink()
    docs = [open_document(s) for s in sources]
    assert not docs[0].ok and "disappeared" in docs[0].error
    assert docs[1].ok and docs[1].text.startswith("另一篇")


def test_a_directory_replaced_by_a_file_and_a_file_by_a_fifo(tmp_path):
    """The kind of a path can change after listing; opening checks it again."""
    (tmp_path / "a.txt").write_text("正文", encoding="utf-8")
    (tmp_path / "d.txt").mkdir()
    sources = {s.path.name: s for s in discover([tmp_path])}
    (tmp_path / "a.txt").unlink()
    os.mkfifo(tmp_path / "a.txt")
    (tmp_path / "d.txt").rmdir()
    (tmp_path / "d.txt").write_text("原来是目录", encoding="utf-8")
    assert "not a regular file" in open_document(sources["a.txt"]).error
    assert open_document(sources["d.txt"]).text == "原来是目录"


@pytest.mark.skipif(os.geteuid() != 0, reason="already unprivileged: the parametrised case covers it")
def test_no_read_permission_as_an_unprivileged_user():
    if SETPRIV is None:
        pytest.skip("needs setpriv (util-linux) to drop root, which ignores mode 000")
    # pytest's tmp dirs are private to root; this one must be searchable by nobody
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="djreader-perm-"))
    try:
        _check_noperm_as_nobody(top)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _check_noperm_as_nobody(top: Path) -> None:
    os.chmod(top, 0o755)
    root = top / "docs"
    cases = {c.name: c for c in make_bad_folder(root, big=False)}
    code = (
        "import sys; from pathlib import Path;"
        "from djreader.core.document import open_document; from djreader.core.loading import Source;"
        "d = open_document(Source(Path(sys.argv[1]), 'x')); print(d.error)"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    proc = subprocess.run(
        [SETPRIV, "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-c", code, str(root / "noperm.txt")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": src, "HOME": "/tmp"},
    )  # fmt: skip
    if "Permission denied" in proc.stderr and "python" in proc.stderr.lower():
        pytest.skip(f"nobody cannot run this interpreter: {proc.stderr.strip()[:200]}")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "permission denied"
    # and root still reads it: the mode, not the content, refused it
    assert load_text(root / "noperm.txt").text == cases["noperm.txt"].text


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_real_articles_in_every_legacy_encoding_decode_exactly(seed):
    """The seeds re-encoded: GBK stays GB18030, traditional Big5 is not read as
    GB18030 (all its byte pairs are valid there too), UTF-16 without a BOM is
    not refused as binary."""
    import opencc

    from djreader.core.loading import decode

    text = (SEEDS / seed).read_text(encoding="utf-8")
    gbk = text.encode("gbk", errors="ignore").decode("gbk")
    assert (decode(gbk.encode("gbk")).encoding, decode(gbk.encode("gbk")).text) == ("gb18030", gbk)
    trad = opencc.OpenCC("s2t").convert(text).encode("big5", errors="ignore").decode("big5")
    got = decode(trad.encode("big5"))
    assert (got.encoding, got.text == trad) == ("big5", True)
    for enc in ("utf-16-le", "utf-16-be"):
        got = decode(text.encode(enc))
        assert (got.encoding, got.text == text) == (enc, True)
