"""A wrapper around one jieba tokenizer.

jieba keeps a module-global tokenizer and writes its dictionary cache to the
temp dir; here the tokenizer is private, created on first use (loading the
dictionary takes 0.5-1 s, so callers do that in a worker) and caches under
djreader's cache directory.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import jieba

from djreader.core.paths import cache_dir

jieba.setLogLevel(logging.WARNING)

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def tokenizer() -> jieba.Tokenizer:
    """The shared tokenizer, initialised on first call (thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                tok = jieba.Tokenizer()
                try:
                    d = cache_dir()
                    d.mkdir(parents=True, exist_ok=True)
                    tok.tmp_dir = str(d)
                except OSError:
                    pass  # jieba falls back to its default cache location
                tok.initialize()
                _tokenizer = tok
    return _tokenizer


def is_ready() -> bool:
    return _tokenizer is not None


def tokens(text: str, *, hmm: bool = True) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) with character offsets into ``text``."""
    return tokenizer().tokenize(text, HMM=hmm)


def cut(text: str, *, hmm: bool = True) -> list[str]:
    return tokenizer().lcut(text, HMM=hmm)
