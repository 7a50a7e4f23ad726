"""Numbers as written in Chinese text, turned into Python numbers.

Arabic digits may be full-width (１２.５), carry thousands separators
(1,200) and a 万/亿 multiplier (1.2万 = 12000); Chinese numerals (十三,
两千, 二〇一七) are read with cn2an, which rejects a bare leading 十/百/千/万
(千亩) and vague ones (数十), so those are handled here first.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

ARABIC_DIGITS = "0123456789０１２３４５６７８９"
CN_DIGITS = "零〇一二三四五六七八九十百千万亿两"

MAX_DIGITS = 30
_TO_ASCII = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_SIMPLE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}


def _tidy(value: Decimal) -> int | float:
    """An int when the value is whole (12000, not 12000.0), else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def arabic(text: str, multiplier: str = "") -> int | float | None:
    """``"1.2", "万"`` -> 12000; ``"1,200"`` -> 1200; None if not a number."""
    plain = text.translate(_TO_ASCII).replace(",", "")
    if len(plain) > MAX_DIGITS:
        return None  # not a quantity anyone wrote; and huge ints break JSON output
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    for ch in multiplier:
        factor = _MULTIPLIERS.get(ch)
        if factor is None:
            return None
        value *= factor
    return _tidy(value)


@lru_cache(maxsize=4096)
def chinese(text: str) -> int | None:
    """``"十三"`` -> 13, ``"千"`` -> 1000, ``"二〇一七"`` -> 2017; None if unreadable.

    A run of plain digits (二〇一七, a year) is read digit by digit, since
    that is how years are written. Cached: cn2an is slow next to the
    recogniser's regular expressions, and news repeats the same numerals.
    """
    if not text or len(text) > 24:
        return None
    if len(text) > 1 and all(c in _SIMPLE for c in text) and "两" not in text:
        return int("".join(str(_SIMPLE[c]) for c in text))
    if text[0] in "十百千万亿" and text != "十":
        text = "一" + text
    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError, IndexError, TypeError):
        try:
            value = cn2an.cn2an(text, "smart")
        except (ValueError, KeyError, IndexError, TypeError):
            return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    return value if isinstance(value, int) else None


def number(text: str, multiplier: str = "") -> int | float | None:
    """Arabic or Chinese numeral (optionally with a trailing 万/亿 multiplier)."""
    if not text:
        return None
    if text[0] in ARABIC_DIGITS:
        return arabic(text, multiplier)
    value = chinese(text + multiplier) if multiplier else chinese(text)
    if value is None and multiplier:
        base = chinese(text)
        if base is None:
            return None
        return arabic(str(base), multiplier)
    return value
