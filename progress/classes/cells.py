"""Spreadsheet cells that stay data: CSV formula injection neutralised.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a
tab or carriage return can hide one): such a text cell gets a leading `'`, which
spreadsheets show as text and never evaluate (OWASP's advice). Numbers are written as
they are: a negative one (an item's discrimination) is a number to a spreadsheet, not a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> str:
    """The cell's text, a leading `'` added when it could start a formula; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(out: IO[str], rows: Iterable[Iterable[object]]) -> None:
    """Rows as CSV (RFC 4180 quoting), every cell through `safe`."""
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe(cell) for cell in row])
