"""--ambiguous-wide: every widget measures “ ” … — as two cells, as such terminals draw them."""

import subprocess
import sys


def test_enabling_makes_rich_measure_ambiguous_characters_wide():
    code = (
        "from rich.cells import cell_len\n"
        "before = cell_len('“新动能”…—')\n"
        "from djreader.ui import ambiguous\n"
        "ambiguous.enable(); ambiguous.enable()\n"
        "from djreader.core.typeset import layout\n"
        "lines = layout('“党建”……——' * 20, 20, indent=0, ambiguous_wide=True)\n"
        "print(before, cell_len('“新动能”…—'), cell_len('abc 党建'), max(cell_len('“党建”……——' * 20) and l.cells for l in lines))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after, plain, widest = map(int, out.stdout.split())
    assert (before, after, plain) == (10, 14, 8)
    assert widest <= 20
