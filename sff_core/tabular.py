"""Reading yearly tables from CSV or Excel files, all-or-nothing, with errors naming row and column.

Shared by the imports of reported offences (step 2) and of the network's yearly statistics.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pandas as pd

from sff_core.errors import InputError

MAX_CELL = 100_000  # no town's yearly count comes near; PostgreSQL integers end at 2^31


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """CSV (comma or semicolon) or Excel into a DataFrame of strings."""
    try:
        if filename.lower().endswith((".xlsx", ".xls")):
            return pd.read_excel(io.BytesIO(data), dtype=str)
        try:
            decoded = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            decoded = data.decode("cp1252")  # CSV saved by a Swedish Excel
        separator = ";" if decoded.count(";") > decoded.count(",") else ","
        return pd.read_csv(io.StringIO(decoded), sep=separator, dtype=str, skipinitialspace=True)
    except Exception as error:  # noqa: BLE001 - any unreadable file becomes a message, never a traceback
        raise InputError("unreadable_file", field="file", name=filename, detail=str(error)[:120]) from error


def _cleaned(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def cell_int(value: object, row: int, column: str, allow_empty: bool = True) -> int | None:
    """A non-negative whole number from a cell ('1 234' and '12.0' accepted); empty is None."""
    cleaned = _cleaned(value)
    if cleaned in ("", "nan") and allow_empty:
        return None
    cleaned = cleaned.replace(" ", "").replace("\u00a0", "")
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    if not cleaned.lstrip("-").isdigit():
        raise InputError("import_cell", field="file", row=row, column=column, value=value)
    number = int(cleaned)
    if number < 0:
        raise InputError("import_negative", field="file", row=row, column=column, value=number)
    if number > MAX_CELL:
        raise InputError("import_too_large", field="file", row=row, column=column, value=number, max=MAX_CELL)
    return number


def cell_yes_no(value: object, row: int, column: str) -> bool:
    cleaned = _cleaned(value).lower()
    if cleaned in ("", "nej", "no", "0", "false", "nan"):
        return False
    if cleaned in ("ja", "yes", "1", "true", "x"):
        return True
    raise InputError("import_yes_no", field="file", row=row, column=column, value=value)


def year_rows(frame: pd.DataFrame, year_column: str,
              check_year: Callable[[int], object]) -> Iterator[tuple[int, int, dict[str, object]]]:
    """(row number, year, cells) per data row; bad or repeated years name their row and column."""
    columns = [str(c) for c in frame.columns]
    seen: set[int] = set()
    for number, row in enumerate(frame.itertuples(index=False), start=2):  # row 1 is the header
        cells = dict(zip(columns, row, strict=True))
        year = cell_int(cells[year_column], number, year_column, allow_empty=False)
        try:
            check_year(year)
        except InputError:
            raise InputError("import_year", field="file", row=number, column=year_column,
                             value=cells[year_column]) from None
        if year in seen:
            raise InputError("import_duplicate_year", field="file", row=number, column=year_column, value=year)
        seen.add(year)
        yield number, int(year), cells
    if not seen:
        raise InputError("import_empty", field="file")
