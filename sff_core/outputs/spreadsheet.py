"""Tables that leave the app as spreadsheet files, with formulas neutralised (OWASP CSV injection).

A cell a spreadsheet program would read as a formula – text starting with = + - @, a tab or a
carriage return (or a line feed), also after leading spaces of any kind and in their full-width
forms – gets a leading apostrophe, so `=HYPERLINK(…)` typed into a task title opens as text in
Excel or LibreOffice, never as a live formula, in a CSV file and in an Excel workbook alike
(`sff_core/outputs/workbook.py` writes every text cell through `neutralise_cell`). Numbers stay numbers
(a negative number is data, not a formula). CSV uses `;` and a UTF-8 byte-order mark, as a Swedish
Excel expects.
"""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise_cell(value: Any) -> Any:
    """The value, or for text that could start a formula the same text behind an apostrophe."""
    if not isinstance(value, str):
        return value
    # str.lstrip() without arguments strips every kind of space (no-break, ideographic, em …)
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _holds_text(column: pd.Series) -> bool:
    dtype = column.dtype
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype)


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and column name) neutralised – object, string and category columns alike."""
    safe = frame.copy()
    safe.columns = [neutralise_cell(str(column)) for column in safe.columns]
    for index in range(safe.shape[1]):
        column = safe.iloc[:, index]
        if _holds_text(column):
            safe.isetitem(index, column.astype(object).map(neutralise_cell))
    return safe


def csv_bytes(frame: pd.DataFrame, decimal: str = ".") -> bytes:
    """The table as CSV for Excel (`;`, UTF-8 with BOM), formulas neutralised.

    `decimal=","` writes 3,5 rather than 3.5, which a Swedish Excel reads as a number.
    """
    safe = neutralised(frame)
    if decimal != ".":  # pandas writes the decimal sign only in float columns: a float among text gets it here (after neutralising)
        for index in range(safe.shape[1]):
            if _holds_text(safe.iloc[:, index]):
                safe.isetitem(index, safe.iloc[:, index].map(lambda v: _decimal(v, decimal)))
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, sep=";", decimal=decimal, lineterminator="\r\n")  # quotes a cell holding \r too
    return buffer.getvalue().encode("utf-8-sig")


def _decimal(value: Any, decimal: str) -> Any:
    if isinstance(value, float | np.floating) and math.isfinite(value):
        return repr(float(value)).replace(".", decimal)
    return value
