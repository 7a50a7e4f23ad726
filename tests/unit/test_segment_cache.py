"""jieba's dictionary cache is read in one go, and never trusted blindly."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys

import jieba
import pytest

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


_SEGMENT_IN_A_NEW_PROCESS = """
import json, sys
{before}
from djreader.core import segment
loaded = sys.modules.get("pkg_resources", "absent")
print(json.dumps([loaded if loaded == "absent" else type(loaded).__name__, segment.tokenizer().lcut(sys.argv[1])]))
"""


def _segment_in_a_new_process(tmp_path, text: str, before: str = "") -> tuple[str, list[str]]:
    code = _SEGMENT_IN_A_NEW_PROCESS.format(before=before)
    env = {"PATH": "/usr/bin:/bin", "DJREADER_HOME": str(tmp_path / "home"), "PYTHONPATH": ":".join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, env=env, check=True)
    loaded, tokens = json.loads(out.stdout)
    return loaded, tokens


def test_jieba_is_imported_without_pkg_resources_and_still_finds_its_dictionary(tmp_path):
    # a new process with no dictionary cache: jieba reads dict.txt by path
    text = "截至2017年7月，肃州区银达镇共有基层党组织57个"
    loaded, tokens = _segment_in_a_new_process(tmp_path, text)
    assert loaded == "absent"  # not imported, and not left hidden (None) either
    assert (tmp_path / "home" / "cache" / "jieba.cache").is_file()
    assert tokens == jieba.Tokenizer().lcut(text)


def test_a_process_that_imported_pkg_resources_keeps_it(tmp_path):
    try:
        import pkg_resources  # noqa: F401
    except ImportError:
        pytest.skip("setuptools (pkg_resources) is not installed here: nothing to keep")
    loaded, tokens = _segment_in_a_new_process(tmp_path, "酒泉市", before="import pkg_resources")
    assert loaded == "module" and tokens == ["酒泉市"]
