"""Keeping freed memory from staying resident (glibc on Linux).

glibc's malloc serves blocks of 128 KiB and more from their own mappings,
returned to the system when freed, but it raises that threshold whenever
such a block is freed, up to 32 MiB. Building an index allocates and frees
thousands of numpy arrays of 1-30 MiB; after the first few frees they all
come from the heap, and the holes they leave stay resident (about 450 MB at
100,000 articles). Setting the threshold explicitly turns the raising off.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
THRESHOLD = 128 * 1024  # glibc's default

_fixed = False


def fix_mmap_threshold() -> bool:
    """Pin glibc's mmap threshold at its default; True if it is pinned.
    A no-op elsewhere (other systems, other C libraries)."""
    global _fixed
    if _fixed or not sys.platform.startswith("linux"):
        return _fixed
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library of this process
        mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
        _fixed = mallopt(M_MMAP_THRESHOLD, THRESHOLD) == 1
    except (OSError, AttributeError):
        return False
    return _fixed
