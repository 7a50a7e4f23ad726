"""Toneless pinyin of vocabulary words, from pypinyin's own tables."""

from __future__ import annotations

import subprocess
import sys

from djreader.core import pinyin


def test_the_tables_are_pypinyins_own():
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    chars, phrases = pinyin._tables()
    assert chars == PINYIN_DICT and phrases == PHRASES_DICT
    assert len(chars) > 20_000 and len(phrases) > 40_000


def test_loading_them_does_not_import_pypinyin():
    code = (
        "import sys\n"
        "from djreader.core import pinyin\n"
        "pinyin.load()\n"
        "print('pypinyin' in sys.modules, pinyin.word_syllables('酒泉'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": ":".join(sys.path)})
    assert out.stdout.split() == ["False", "('jiu',", "'quan')"]


def test_readings_of_words_and_characters():
    assert pinyin.word_syllables("重庆") == ("chong", "qing")  # the phrase table's reading, not zhong
    assert pinyin.word_syllables("酒泉市") == ("jiu", "quan", "shi")
    assert pinyin.word_syllables("酒泉x") is None
    assert pinyin.char_readings("绿")[:2] == ("lv", "lu")
    assert pinyin.split_syllables("jiuquan") == ["jiu", "quan"]
