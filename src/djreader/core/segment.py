"""A wrapper around one jieba tokenizer.

jieba keeps a module-global tokenizer and writes its dictionary cache to the
temp dir; here the tokenizer is private, created on first use (loading the
dictionary takes 0.5-1 s, so callers do that in a worker) and caches under
djreader's cache directory.

When the optional ``rjieba`` package (a binding of jieba-rs) is installed,
:func:`cut` hands it the stretches of text where it is known to give jieba's
own tokens, about 8x faster; the rest still goes through jieba:

- jieba-rs joins Latin runs around ``. - _ + # & %`` into one token
  (``U.S.A``, ``3-5``), so any jieba block holding one of those characters
  goes to jieba;
- so does any block in which a run of up to ``SQUARE`` Han characters comes
  twice in a row (相相, 见理压见理压): there two segmentations can hold the
  same words, or the same HMM states, shifted by the run, score exactly
  alike, and the two segmenters break the tie differently (a block of Han
  characters only, where the run can make no tie that the two break
  differently, goes to jieba-rs after all: see :func:`_square_words`);
- jieba-rs reads a wider range of characters as Han: a run of characters
  outside jieba's Han range, ASCII, white space and common punctuation is
  cut here into single characters, as jieba cuts everything outside its
  blocks but white space.

jieba segments each block on its own, so the outputs join seamlessly.
``tests/unit/test_segment_fast.py`` checks the result token for token against
jieba. ``DJREADER_SEGMENTER=jieba`` turns the fast path off.

One difference is left: jieba-rs runs jieba's HMM on its own copy of the
model's probabilities, and where two labellings of a stretch of single characters score less than
1e-6 apart in jieba's model, it may take the other one (常在人:
jieba 常/在/人, jieba-rs 常在/人; the two scores are -18.8139740180 and
-18.8139741654). Telling such near-ties apart would mean running jieba's HMM
on every stretch, the work the fast path saves; none turned up in 2.2 million
tokens of news (``benchmarks/bench_segmenter.py``). Each segmenter cuts the
same text the same way every time; an index cached before rjieba was
installed or removed can differ from a fresh one at such a word only.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

# jieba imports pkg_resources (setuptools' deprecated resource API: about
# 0.2 s of pure-Python import, more than the rest of jieba) only to open its
# own data files, and opens them by path when that import fails, as it does
# wherever setuptools is absent. Hiding pkg_resources while jieba imports
# takes that path; a process that has imported pkg_resources already keeps it.
# (Nothing djreader loads imports pkg_resources; another thread that did so
# during those few milliseconds would find it missing.)
_hide = "pkg_resources" not in sys.modules
if _hide:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
try:
    import jieba
finally:
    if _hide:
        del sys.modules["pkg_resources"]

from djreader.core import freq_shards
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
                if not _load_cached(tok):
                    tok.initialize()  # builds the dictionary and writes the cache
                _tokenizer = tok
    return _tokenizer


def split_tokenizer(directory: Path) -> jieba.Tokenizer | None:
    """A tokenizer that reads jieba's dictionary as split in ``directory``
    (``core.freq_shards``), a first character at a time; None when there is
    no usable split there."""
    found = freq_shards.load(directory)
    if found is None:
        return None
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(directory)
    tok.FREQ, tok.total = found
    tok.initialized = True
    return tok


def prepare_worker() -> None:
    """Make the tokenizer of a segmentation worker. With the fast path, the
    worker hands jieba a few blocks only, so its dictionary is read a first
    character at a time (:func:`split_tokenizer`) when the split file is
    there; otherwise the whole dictionary is loaded, and split for the next
    workers."""
    global _tokenizer
    if _tokenizer is not None:
        return
    split = split_tokenizer(cache_dir()) if _fast() else None
    if split is not None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = split
        return
    tok = tokenizer()
    if _fast() and tok.tmp_dir and os.access(tok.tmp_dir, os.W_OK):  # splitting costs 0.2 s: not in vain
        freq_shards.write(tok, Path(tok.tmp_dir))


def _load_cached(tok: jieba.Tokenizer) -> bool:
    """Load jieba's dictionary cache (the one ``initialize`` writes for the
    default dictionary) in one read: ``marshal.load`` on the open file, as
    jieba does it, reads it piecemeal and takes 0.8 s where ``marshal.loads``
    of the whole file takes 0.3 s. Every process that segments pays this, so
    it is worth the difference. False when there is no usable cache."""
    if not tok.tmp_dir or tok.dictionary != jieba.DEFAULT_DICT:
        return False
    try:
        data = marshal.loads((Path(tok.tmp_dir) / "jieba.cache").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return False
    if not (isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], dict) and isinstance(data[1], int)):
        return False
    if not data[0] or data[1] <= 0:
        return False
    tok.FREQ, tok.total = data
    tok.initialized = True
    return True


# jieba.re_han_default: the characters jieba groups into blocks
_BLOCK = "\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-"
_RISKY = "+#&._%\\-"
# characters both segmenters treat alike outside blocks
_PLAIN = (
    "\u4e00-\u9fd5a-zA-Z0-9\\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20"
    "\u2010-\u2027\u2030-\u205e!\"'(),/:;<=>?@\\[\\]^`{|}~\\\\"
)
# The longest run of Han characters whose repeat sends a block to jieba (or
# to the check in _square_words). On random texts drawn from a handful of
# characters or dictionary words, where such repeats are common, guarding
# runs of one character let 3 texts in 200,000 come out differently; of up to
# four, repeats of five and more still did (地每派断活地每派断活). Sixteen
# costs the scan about 0.04 s more per million characters than four.
SQUARE = 16
# what is left to jieba: a whole block holding a risky character or a run of
# Han characters twice in a row (一相相相七, 七见理压见理压见代: paths of
# equal score, which jieba-rs breaks differently); and (group 2) a run of
# characters outside the plain set, which jieba cuts one by one. The
# lookbehind tries a block only from its start (linear, where trying every
# position was quadratic).
_JIEBA_ONLY = re.compile(
    f"(?<![{_BLOCK}])[{_BLOCK}]*?(?:[{_RISKY}]|([\u4e00-\u9fd5]{{1,{SQUARE}}})\\1)[{_BLOCK}]*|([^{_PLAIN}{_RISKY}]+)"
)

_HAN_ONLY = re.compile("[\u4e00-\u9fd5]+")
# a run repeated at once, of any length, inside a stretch of single characters
_REPEATED = re.compile("(.+)\\1")
LONG_STRETCH = 64  # characters: a longer stretch of single characters goes to jieba
_CUBED = re.compile(f"([\u4e00-\u9fd5]{{1,{SQUARE}}})\\1\\1")

_fast_cut = None  # rjieba.cut once looked up; False when unavailable or off


def _fast():
    global _fast_cut
    if _fast_cut is None:
        _fast_cut = False
        if os.environ.get("DJREADER_SEGMENTER", "auto").strip().lower() != "jieba":
            try:
                import rjieba

                _fast_cut = rjieba.cut
            except ImportError:
                pass
    return _fast_cut


def segmenter() -> str:
    """Which segmenter :func:`cut` uses: ``"rjieba+jieba"`` or ``"jieba"``."""
    return "rjieba+jieba" if _fast() else "jieba"


def is_ready() -> bool:
    return _tokenizer is not None


def tokens(text: str, *, hmm: bool = True) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) with character offsets into ``text``."""
    return tokenizer().tokenize(text, HMM=hmm)


def cut(text: str, *, hmm: bool = True) -> list[str]:
    """jieba's words of ``text``, in order (``jieba.lcut``)."""
    fast = _fast() if hmm else False
    if not fast:
        return tokenizer().lcut(text, HMM=hmm)
    out: list[str] = []
    pos = 0
    slow = None
    for m in _JIEBA_ONLY.finditer(text):
        start, end = m.span()
        if start > pos:
            out += fast(text[pos:start])
        if m.group(2):
            # outside jieba's blocks and without white space: jieba gives
            # each character as a word of its own, with no dictionary
            out += m.group(2)
            pos = end
            continue
        words = _square_words(text[start:end], fast) if m.group(1) else None
        if words is None:
            if slow is None:
                slow = tokenizer().lcut
            words = slow(text[start:end])
        out += words
        pos = end
    if pos < len(text):
        out += fast(text[pos:])
    return out


def _square_words(block: str, fast) -> list[str] | None:
    """jieba's words of a block that holds a repeated run, from jieba-rs,
    where the run cannot make a tie that the two break differently; None
    where it can (jieba decides).

    Where two dictionary routes score alike (一是一是一: [一是][一是][一] or
    [一][是一][是一]), both segmenters take the longer word first, and agree.
    The HMM is where they part: it labels the stretches of single characters
    that the route leaves (jieba hands each to it whole), and its paths tie on
    a run repeated inside one of them (见理压见理压; 产门产门产门, where 产门 is
    no word). So for a block of Han characters, jieba-rs's cut without HMM
    shows the route, the same in both, and where none of its stretches of
    single characters holds a run repeated at once, of any length, jieba-rs's
    cut with HMM is jieba's. A run three times over, and a stretch longer than
    ``LONG_STRETCH``, go to jieba all the same, as a precaution. Most repeats
    in real text are reduplicated words (常常, 人人) or meet across a word
    boundary (展览览), and pass.
    """
    if not _HAN_ONLY.fullmatch(block) or _CUBED.search(block):
        return None
    single: list[str] = []
    for word in [*fast(block, False), ""]:  # "" ends the last stretch
        if len(word) == 1:
            single.append(word)
            continue
        if len(single) > LONG_STRETCH or (len(single) > 1 and _REPEATED.search("".join(single))):
            return None
        single.clear()
    return fast(block)
