"""jieba's dictionary cache is read in one go, and never trusted blindly."""

from __future__ import annotations

import marshal

import jieba

from djreader.core import segment


def _fresh(tmp_path) -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path)
    return tok


def test_the_cache_jieba_writes_is_loaded_whole_and_gives_its_dictionary(tmp_path):
    built = _fresh(tmp_path)
    built.initialize()  # writes jieba.cache in tmp_path
    assert (tmp_path / "jieba.cache").is_file()
    tok = _fresh(tmp_path)
    assert segment._load_cached(tok)
    assert tok.initialized
    assert tok.total == built.total and tok.FREQ == built.FREQ
    assert tok.lcut("肃州区银达镇谭家堡村") == built.lcut("肃州区银达镇谭家堡村")


def test_no_cache_or_a_bad_one_is_left_to_jieba(tmp_path):
    assert not segment._load_cached(_fresh(tmp_path))  # none yet
    cache = tmp_path / "jieba.cache"
    for bad in (b"", b"not marshal data", marshal.dumps(("FREQ", 1)), marshal.dumps(({}, 5)), marshal.dumps([1, 2])):
        cache.write_bytes(bad)
        tok = _fresh(tmp_path)
        assert not segment._load_cached(tok)
        assert not tok.initialized
    cache.write_bytes(b"\x00" * 10)
    tok = _fresh(tmp_path)
    assert not segment._load_cached(tok)
    tok.initialize()  # jieba rebuilds it
    assert segment._load_cached(_fresh(tmp_path))


def test_a_custom_dictionary_is_not_given_the_default_cache(tmp_path):
    tok = jieba.Tokenizer(dictionary=str(tmp_path / "mine.txt"))
    tok.tmp_dir = str(tmp_path)
    (tmp_path / "jieba.cache").write_bytes(marshal.dumps(({"a": 1}, 1)))
    assert not segment._load_cached(tok)
