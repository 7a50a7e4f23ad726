"""A segmentation worker's dictionary, read a first character at a time.

``core.freq_shards`` splits jieba's word frequencies by first character into
one cache file; a worker reads a character's part when jieba first asks for
it. The file is a cache: made from a known ``jieba.cache``, checked whole,
and never trusted when stale, foreign or damaged.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from djreader.core import freq_shards, segment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, jieba.Tokenizer]:
    """A directory holding jieba.cache and the split made from it, and the
    tokenizer that loaded the whole dictionary."""
    d = tmp_path_factory.mktemp("cache")
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(d)
    tok.initialize()  # writes jieba.cache
    freq_shards.write(tok, d)
    assert (d / freq_shards.NAME).is_file()
    return d, tok


def _split_tokenizer(d: Path) -> jieba.Tokenizer:
    tok = segment.split_tokenizer(d)
    assert tok is not None
    return tok


def test_every_word_and_prefix_reads_as_in_the_whole_dictionary(built):
    d, whole = built
    freq, total = freq_shards.load(d)
    assert total == whole.total
    for word, value in whole.FREQ.items():
        assert word in freq
        assert freq[word] == value and freq.get(word) == value
    for missing in ("", "㐀㐀", "zz不是词qq", "\x00"):
        assert missing not in whole.FREQ
        assert missing not in freq
        assert freq.get(missing) is None and freq.get(missing, 7) == 7
        with pytest.raises(KeyError):
            freq[missing]


def test_jieba_with_the_split_dictionary_gives_the_same_tokens(built):
    d, whole = built
    split = _split_tokenizer(d)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(3)
    chars = "".join(texts)
    texts += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 80))) for _ in range(500)]
    texts += ["截至2017年7月底，全县5761个基层党组织，覆盖率达95%，投资2.39亿元", "U.S.A.的e-mail，3-5年"]
    for text in texts:
        assert split.lcut(text) == whole.lcut(text)
        assert split.lcut(text, HMM=False) == whole.lcut(text, HMM=False)


def test_a_stale_file_is_not_used(built, tmp_path):
    d, _ = built
    for name in ("jieba.cache", freq_shards.NAME):
        (tmp_path / name).write_bytes((d / name).read_bytes())
    os.utime(tmp_path / "jieba.cache", ns=(0, (d / "jieba.cache").stat().st_mtime_ns + 10**9))
    assert freq_shards.load(tmp_path) is None  # jieba.cache changed since the split was made


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b"not a split dictionary",
        lambda b: b[:4] + b"\xff" * 8 + b[12:],  # a header length past the end
        lambda b: b"XXXX" + b[4:],  # another format
        lambda b: b[: len(b) // 2],  # cut short
        lambda b: b[:-100] + bytes(x ^ 0x55 for x in b[-100:]),  # a part damaged
        lambda b: b[:30] + b"\x00" * 40 + b[70:],  # the header damaged
    ],
)
def test_a_damaged_or_foreign_file_is_not_used(built, tmp_path, damage):
    d, _ = built
    (tmp_path / "jieba.cache").write_bytes((d / "jieba.cache").read_bytes())
    os.utime(tmp_path / "jieba.cache", ns=(0, (d / "jieba.cache").stat().st_mtime_ns))
    (tmp_path / freq_shards.NAME).write_bytes(damage((d / freq_shards.NAME).read_bytes()))
    assert freq_shards.load(tmp_path) is None


def test_damage_anywhere_in_the_header_is_caught(built, tmp_path):
    """The index of parts and the total are checked as well as the parts:
    a changed offset would make a part unreadable, a changed total would
    change the segmentation."""
    d, _ = built
    (tmp_path / "jieba.cache").write_bytes((d / "jieba.cache").read_bytes())
    os.utime(tmp_path / "jieba.cache", ns=(0, (d / "jieba.cache").stat().st_mtime_ns))
    good = (d / freq_shards.NAME).read_bytes()
    head_end = 16 + int.from_bytes(good[8:16], "little")
    rng = random.Random(5)
    for pos in [4, 8, 12, 16, head_end - 1, *rng.sample(range(16, head_end), 40)]:
        bad = bytearray(good)
        bad[pos] ^= 1 << rng.randrange(8)
        (tmp_path / freq_shards.NAME).write_bytes(bytes(bad))
        assert freq_shards.load(tmp_path) is None, pos


_WORKER = """
import json, sys
from djreader.core import segment
segment.prepare_worker()
tok = segment.tokenizer()
print(json.dumps([type(tok.FREQ).__name__, segment.cut(sys.argv[1])]))
"""


def _worker(home: Path, text: str, **env) -> tuple[str, list[str]]:
    env = {"PATH": "/usr/bin:/bin", "DJREADER_HOME": str(home), "PYTHONPATH": ":".join(sys.path), **env}
    out = subprocess.run([sys.executable, "-c", _WORKER, text], capture_output=True, text=True, env=env, check=True)
    kind, words = json.loads(out.stdout)
    return kind, words


def test_a_worker_splits_the_dictionary_once_and_then_reads_the_split(tmp_path):
    pytest.importorskip("rjieba", reason="rjieba (the 'fast' extra) is not installed")
    text = "截至2017年7月，肃州区银达镇共有基层党组织57个，覆盖率95.2%，见理压见理压"
    expected = jieba.Tokenizer().lcut(text)
    split = tmp_path / "cache" / freq_shards.NAME
    assert _worker(tmp_path, text) == ("dict", expected)  # the whole dictionary, then split
    assert split.is_file()
    assert _worker(tmp_path, text) == ("ShardedFreq", expected)
    split.write_bytes(split.read_bytes()[:1000])  # damaged: the whole dictionary again, and split again
    assert _worker(tmp_path, text) == ("dict", expected)
    assert _worker(tmp_path, text) == ("ShardedFreq", expected)


def test_without_the_fast_path_a_worker_loads_the_whole_dictionary(tmp_path):
    text = "肃州区银达镇谭家堡村"
    assert _worker(tmp_path, text, DJREADER_SEGMENTER="jieba") == ("dict", jieba.Tokenizer().lcut(text))
    assert not (tmp_path / "cache" / freq_shards.NAME).exists()
