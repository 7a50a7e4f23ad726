"""The core is a library: it must never import Textual (directly or through another module)."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "djreader" / "core"


def test_core_sources_do_not_import_textual():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "textual" or n.startswith("textual.") or n.startswith("djreader.ui") for n in names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, offenders


def test_importing_every_core_module_leaves_textual_unloaded():
    modules = sorted(p.stem for p in CORE.glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module('djreader.core.' + m)\n"
        "print(sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_worker_on_a_small_corpus_does_not_import_numpy():
    """Segmentation workers start as lightly as they can: numpy (0.1 s to
    import) only once a worker has folded a million characters or more."""
    seeds = sorted((CORE.parents[2] / "seeds").glob("*.txt"))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from djreader.core import parallel\n"
        f"texts = [Path(p).read_text(encoding='utf-8') for p in {[str(p) for p in seeds]!r}]\n"
        "parallel._init()\n"
        "words = parallel._analyse_batch(parallel._encoded(texts * 4))\n"
        "print(len(words), sum(map(len, texts)) * 4 > 10_000, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(4 * len(seeds)), "True", "False"]
