"""Finding and decoding documents.

Files are opened read-only and never written. Every failure becomes a
``LoadError`` with a one-line reason, so a bad file is listed, not lost.
"""

from __future__ import annotations

import codecs
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

EXTENSIONS = (".txt", ".md")
MAX_BYTES = 64 * 1024 * 1024  # larger files are listed, not read
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings worth considering for a non-UTF-8 Chinese text file. GB18030 is
# a superset of GBK and GB2312, so it decodes all three.
_CANDIDATES = ["gb18030", "big5", "utf_16", "cp1252", "latin_1"]


class LoadError(Exception):
    """A document could not be read; ``str(err)`` is a one-line reason."""


class MissingPathError(LoadError):
    """A path given on the command line does not exist."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    bom: bool = False
    replaced: int = 0  # undecodable bytes shown as U+FFFD


class Source(NamedTuple):
    """A file found on disk, before it is read."""

    path: Path
    display: str  # the path as the user should see it (relative where possible)


def discover(paths: list[str | os.PathLike[str]]) -> list[Source]:
    """Expand files and directories (recursively, .txt and .md) into sources.

    Raises MissingPathError for a path that does not exist. Symlink loops and
    unreadable directories are skipped; directories named like documents are
    not documents. Order: as given, directories sorted by path.
    """
    found: list[Source] = []
    seen: set[str] = set()

    def add(p: Path, display: str) -> None:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            found.append(Source(p, display))

    for raw in paths:
        p = Path(raw)
        if not os.path.lexists(p):
            raise MissingPathError(f"{raw}: no such file or directory")
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames + [d for d in dirnames if d.lower().endswith(EXTENSIONS)]):
                    if name.lower().endswith(EXTENSIONS):
                        child = Path(dirpath) / name
                        add(child, str(child))
                # do not descend into directories that look like documents
                dirnames[:] = [d for d in dirnames if not d.lower().endswith(EXTENSIONS)]
        else:
            add(p, str(raw))
    return found


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """Read a regular file without blocking on FIFOs or devices."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise LoadError("broken symbolic link") from None
        raise LoadError("file disappeared before it could be read") from None
    except OSError as err:
        raise LoadError(_oserror(err)) from None
    if stat.S_ISDIR(st.st_mode):
        raise LoadError("is a directory, not a document")
    if not stat.S_ISREG(st.st_mode):
        raise LoadError("not a regular file (a pipe, socket or device)")
    if st.st_size > limit:
        raise LoadError(f"too large to open ({st.st_size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise LoadError("file disappeared before it could be read") from None
    except OSError as err:
        raise LoadError(_oserror(err)) from None
    try:
        with os.fdopen(fd, "rb") as fh:
            return fh.read(limit + 1)
    except OSError as err:
        raise LoadError(_oserror(err)) from None


def _oserror(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    if err.errno is not None and err.strerror:
        if err.errno == 40:  # ELOOP
            return "symbolic link loop"
        return err.strerror.lower()
    return str(err)


def decode(data: bytes) -> Decoded:
    """Decode bytes as text: BOMs first, then UTF-8, then detection.

    UTF-8 with a few bad bytes is kept as UTF-8 with U+FFFD in their place;
    data that looks binary raises LoadError.
    """
    if not data:
        return Decoded("", "utf-8")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(enc), enc, bom=True)
            except UnicodeDecodeError as err:
                raise LoadError(f"invalid {enc} after its byte-order mark (byte {err.start + len(bom)})") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:8192]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise LoadError("binary data, not text")
    # Mostly UTF-8 with a few bad bytes: keep UTF-8, mark the damage.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad and bad * 200 < len(data) and _has_utf8_multibyte(data):
        return Decoded(text, "utf-8", replaced=bad)
    gb = _strict(data, "gb18030")
    if gb is not None:
        # Every Big5 byte pair is also a valid GB18030 pair, so Big5 text
        # decodes "successfully" as GB18030 nonsense: let the characters decide.
        big5 = _strict(data, "big5") or _strict(data, "cp950")
        if big5 is not None and _common_share(big5, "big5") > _common_share(gb, "gb2312"):
            return Decoded(big5, "big5")
        return Decoded(gb, "gb18030")
    import charset_normalizer  # only needed for files that are not UTF-8 or GB18030

    best = charset_normalizer.from_bytes(data[:262144], cp_isolation=_CANDIDATES).best()
    if best is None or best.encoding is None:
        raise LoadError("not text in any encoding djreader knows (UTF-8, UTF-16, GB18030/GBK, Big5)")
    try:
        return Decoded(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise LoadError(f"cannot be decoded (looks like {best.encoding}, but is not)") from None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a byte-order mark, or None if ``data`` is not that.

    The zero bytes of such text (the high byte of newlines, digits, Latin
    letters) sit on one side of each byte pair, which tells the byte order;
    the text must then decode strictly and be almost all printable, which
    random binary data is not.
    """
    if len(data) % 2:
        return None
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even == odd:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    text = _strict(data, encoding)
    if text is None:
        return None
    probe = text[:20000]
    printable = sum(1 for ch in probe if ch.isprintable() or ch in "\n\r\t")
    if printable < 0.98 * len(probe):
        return None
    return Decoded(text, encoding)


@lru_cache(maxsize=2)
def _frequent(table: str) -> frozenset[str]:
    """The everyday Han characters of a legacy table: GB2312 level 1 (3,755
    simplified, lead bytes B0-D7) or Big5's frequent block (5,401
    traditional, A440-C67E)."""
    leads = range(0xB0, 0xD8) if table == "gb2312" else range(0xA4, 0xC7)
    trails = range(0xA1, 0xFF) if table == "gb2312" else [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    out = set()
    for lead in leads:
        for trail in trails:
            ch = _strict(bytes((lead, trail)), table)
            if ch is not None:
                out.add(ch)
    return frozenset(out)


def _common_share(text: str, table: str) -> float:
    """Which share of the Han characters in ``text`` are everyday ones of ``table``.

    Real text scores near 1; the same bytes read in the other encoding land
    on rare characters, kana, Greek and box drawing, and score far lower.
    """
    han = [ch for ch in text[:20000] if "\u3400" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    frequent = _frequent(table)
    return sum(1 for ch in han if ch in frequent) / len(han)


def _has_utf8_multibyte(data: bytes) -> bool:
    sample = data[:65536]
    return sample.count(b"\xe4") + sample.count(b"\xe5") + sample.count(b"\xe6") + sample.count(b"\xe7") + sample.count(b"\xe8") + sample.count(b"\xe9") > 4


def load_text(path: Path) -> Decoded:
    """Read and decode one file; raises LoadError with a reason."""
    return decode(read_bytes(path))
