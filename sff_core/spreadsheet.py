"""Tables that leave the app as spreadsheet files, with formulas neutralised (OWASP CSV injection).

A cell a spreadsheet program would read as a formula – text starting with = + - @, a tab or a
carriage return, also after leading spaces – gets a leading apostrophe, so `=HYPERLINK(…)` typed
into a task title opens as text in Excel or LibreOffice, never as a live formula. Numbers stay
numbers (a negative number is data, not a formula). CSV uses `;` and a UTF-8 byte-order mark,
as a Swedish Excel expects.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise_cell(value: Any) -> Any:
    """The value, or for text that could start a formula the same text behind an apostrophe."""
    if not isinstance(value, str):
        return value
    if value.lstrip(" \u00a0").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and column name) neutralised."""
    safe = frame.copy()
    safe.columns = [neutralise_cell(str(column)) for column in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object:
            safe[column] = safe[column].map(neutralise_cell)
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV for Excel (`;`, UTF-8 with BOM), formulas neutralised."""
    buffer = io.StringIO()
    neutralised(frame).to_csv(buffer, index=False, sep=";", lineterminator="\r\n")  # quotes a cell holding \r too
    return buffer.getvalue().encode("utf-8-sig")
