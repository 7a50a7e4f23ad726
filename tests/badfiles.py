"""Make a folder of the files a reader meets in the wild, and what each should give.

Shared by the unit tests (core loading over the folder) and the terminal
tests (the installed reader and its subcommands over the same folder), so
both prove the same cases. Every readable file starts with a distinctive
paragraph (its ``marker``) that the tests look for; every unreadable one
comes with a fragment of the one-line reason it should be listed with.

The 50 MB file is made by repeating a seed article, so it costs a fraction
of a second to write; it is optional because every pass over it (cleaning,
recognition, the search index) takes seconds to minutes.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BIG_SEED = SEEDS / "001_e283e4cb1ec74523.txt"
BIG_BYTES = 50 * 1024 * 1024
LONG_LINE_CHARS = 700_000  # about 2 MB of UTF-8

# A body sentence in the style of the documents, so the cleaner keeps it as prose.
BODY = "酒泉市开展基层党建质量提升年活动，全市共有党员12000名，较上年增长2.5%。"


@dataclass(frozen=True)
class Case:
    """One generated file.

    ``text`` is the exact decoded text (readable files); ``marker`` a short
    string from its first body paragraph, unique to this file; ``reason`` a
    fragment of the LoadError message (unreadable files).
    """

    name: str
    what: str
    text: str | None = None
    marker: str | None = None
    encoding: str | None = None
    reason: str | None = None
    replaced: bool = False  # undecodable bytes shown as U+FFFD
    big: bool = False
    title: str = ""  # the headline the reader shows ("" means: the file name)

    @property
    def shown_title(self) -> str:
        return self.title or self.name

    @property
    def readable(self) -> bool:
        return self.reason is None


def _article(tag: str, extra: str = "") -> str:
    """A short article: a headline, then a body paragraph beginning with ``tag``."""
    return f"{tag}的标题\n\n{tag}正文。{BODY}{extra}\n\n第二段：{BODY}\n"


def make_bad_folder(
    root: Path, *, big: bool = True, long_line: bool = True, unreadable_by_others: bool = True
) -> list[Case]:
    """Write every case into ``root`` (created) and return the cases, sorted by name.

    ``big`` and ``long_line`` add the two huge files (50 MB, and a 2 MB
    line); ``unreadable_by_others`` adds ``noperm.txt`` (mode 000): only a process
    that is not root is refused it. The folder itself is made world-readable
    so an unprivileged user can list it.
    """
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)
    cases: list[Case] = []

    def text_file(name: str, what: str, text: str, data: bytes, encoding: str, marker: str, **kw) -> None:
        (root / name).write_bytes(data)
        kw.setdefault("title", marker[:-2] + "的标题")
        cases.append(Case(name, what, text=text, marker=marker, encoding=encoding, **kw))

    def bad(name: str, what: str, reason: str) -> None:
        cases.append(Case(name, what, reason=reason))

    t = _article("甲样本")
    text_file("utf8.txt", "plain UTF-8", t, t.encode("utf-8"), "utf-8", "甲样本正文")

    (root / "empty.txt").write_bytes(b"")
    cases.append(Case("empty.txt", "an empty file", text="", encoding="utf-8"))

    data = bytes((i * 37 + 11) % 256 for i in range(4096)) + b"\x00" * 64
    (root / "binary.txt").write_bytes(data)
    bad("binary.txt", "binary data with NUL bytes", "binary")

    t = _article("乙国标")
    text_file("gbk.txt", "GBK", t, t.encode("gbk"), "gb18030", "乙国标正文")

    # 𠮷 (U+20BB7) and 䶮 are four-byte sequences in GB18030, outside GBK.
    t = _article("丙四字节", "生僻字：𠮷䶮。")
    assert any(len(ch.encode("gb18030")) == 4 for ch in t)
    text_file("gb18030.txt", "GB18030 with 4-byte characters", t, t.encode("gb18030"), "gb18030", "丙四字节正文")

    t = _article("丁小端")
    text_file("utf16le.txt", "UTF-16 LE with BOM", t, codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le", "丁小端正文")

    t = _article("戊大端")
    text_file("utf16be.txt", "UTF-16 BE with BOM", t, codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be", "戊大端正文")

    # Traditional characters in Big5: every Big5 byte pair is also a valid
    # GB18030 pair, so a decoder that tries GB18030 first must not stop there.
    t = "黨建工作的標題\n\n寅繁體正文。酒泉市開展基層黨建質量提升年活動，全市共有黨員一萬二千名。\n"
    text_file("big5.txt", "Big5 (traditional characters)", t, t.encode("big5"), "big5", "寅繁體正文", title="黨建工作的標題")

    # UTF-16 without a byte-order mark, as some Windows tools save it
    t = _article("卯无签名")
    text_file("utf16le-nobom.txt", "UTF-16 LE without BOM", t, t.encode("utf-16-le"), "utf-16-le", "卯无签名正文")

    t = _article("己签名")
    text_file("utf8bom.txt", "UTF-8 with BOM", t, codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8", "己签名正文")

    head = _article("庚损坏").encode("utf-8")
    tail = (BODY * 30 + "\n").encode("utf-8")
    data = head + b"\xff\xfe\x80" + tail
    text_file(
        "invalid-utf8.txt", "UTF-8 with invalid bytes in the middle",
        data.decode("utf-8", errors="replace"), data, "utf-8", "庚损坏正文", replaced=True,
    )  # fmt: skip

    if long_line:
        line = "辛长行" + BODY * (LONG_LINE_CHARS // len(BODY))
        text_file("long-line.txt", "a 2 MB single line", line, line.encode("utf-8"), "utf-8", "辛长行", title="")

    t = _article("壬空格")
    text_file("带 空格 的 文件.txt", "a name with spaces and Chinese", t, t.encode("utf-8"), "utf-8", "壬空格正文")

    if big:
        seed = BIG_SEED.read_bytes()
        lead = _article("癸巨大").encode("utf-8")
        copies = (BIG_BYTES - len(lead)) // len(seed) + 1
        data = lead + seed * copies
        text_file("big.txt", "a 50 MB file", data.decode("utf-8"), data, "utf-8", "癸巨大正文", big=True)

    if unreadable_by_others:
        t = _article("子无权")
        (root / "noperm.txt").write_bytes(t.encode("utf-8"))
        os.chmod(root / "noperm.txt", 0)
        cases.append(
            Case(
                "noperm.txt", "no read permission (mode 000)", text=t, marker="子无权正文",
                encoding="utf-8", reason="permission denied", title="子无权的标题",
            )
        )  # fmt: skip

    os.symlink(root / "nowhere" / "gone.txt", root / "broken-link.txt")
    bad("broken-link.txt", "a broken symbolic link", "broken symbolic link")

    os.symlink("loop-b.txt", root / "loop-a.txt")
    os.symlink("loop-a.txt", root / "loop-b.txt")
    bad("loop-a.txt", "a symbolic link loop", "symbolic link loop")
    bad("loop-b.txt", "a symbolic link loop", "symbolic link loop")

    os.mkfifo(root / "fifo.txt")
    bad("fifo.txt", "a FIFO (reading it would block)", "not a regular file")

    (root / "x.txt").mkdir()
    (root / "x.txt" / "inside.txt").write_text(_article("丑目录内"), encoding="utf-8")
    bad("x.txt", "a directory named x.txt", "is a directory")

    for p in root.iterdir():
        if not p.is_symlink() and p.is_file() and p.name != "noperm.txt":
            os.chmod(p, 0o644)
        elif p.is_dir() and not p.is_symlink():
            os.chmod(p, 0o755)
    return sorted(cases, key=lambda c: c.name)


def as_root_reason(case: Case) -> str | None:
    """The reason expected when root reads the file (root ignores mode 000)."""
    return None if case.name == "noperm.txt" else case.reason


def is_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(os.lstat(path).st_mode)
