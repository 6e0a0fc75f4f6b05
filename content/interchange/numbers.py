"""Numbers as GIFT and Moodle XML write them: credit in percent, values and tolerances in decimals.

Conversions go through Decimal, so a credit or tolerance written and read back is the same
float, bit for bit (0.3333333 is written 33.33333 and read as 0.3333333, never 0.33333330000000003).
"""

from __future__ import annotations

import re
from decimal import Decimal

# What GIFT and Moodle accept as a number: no "inf", "nan", "1_000" or hex, which float() would take.
NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def is_number(text: str) -> bool:
    return NUMBER.fullmatch(text) is not None


def decimal(value: float) -> str:
    """The shortest plain decimal that reads back as this float: 3.0 -> "3", 1e-05 -> "0.00001"."""
    return _plain(Decimal(repr(value)))


def percent(fraction: float) -> str:
    """A credit as Moodle writes it: 1 -> "100", 0.3333333 -> "33.33333", -0.5 -> "-50"."""
    return _plain(Decimal(repr(fraction)) * 100)


def from_percent(text: str) -> float:
    """The credit a percentage gives ("33.33333" -> 0.3333333); ValueError if it is not a number."""
    if not is_number(text.strip()):
        raise ValueError(f"{text!r} is not a number")
    return float(Decimal(text.strip()) / 100)


def midpoint(low: str, high: str) -> tuple[str, float]:
    """A range low..high as GIFT means it: its middle, and the tolerance that reaches both ends."""
    lo, hi = Decimal(low), Decimal(high)
    return _plain((lo + hi) / 2), float((hi - lo) / 2)


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text
