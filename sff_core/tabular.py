"""Reading yearly tables from CSV or Excel files, all-or-nothing, with errors naming row and column.

Shared by the imports of reported offences (step 2) and of the network's yearly statistics.
An empty cell, or a column the file lacks, means "no value": an import leaves what is stored.
An import is previewed first (`ImportPreview`: what changes, old → new) and then applied.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, overload

import pandas as pd

from sff_core.errors import InputError

MAX_CELL = 100_000  # no town's yearly count comes near; PostgreSQL integers end at 2^31
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


Cell = int | bool  # a value read from a file's cell: a count or ja/nej


@dataclass(frozen=True)
class Change:
    """One cell of an import: the year, the series or category key, the file's column, stored and file value."""

    year: int
    key: str
    column: str
    old: Cell | None
    new: Cell


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, before it writes: the cells that change and those already stored as in the file.

    `kept` is there so that applying can check that nothing the user saw has changed since.
    """

    filename: str
    changes: list[Change] = field(default_factory=list)
    kept: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return len(self.kept)


def cells_to_compare(
    years: Mapping[int, Mapping[str, Cell | None]],
    columns: Mapping[str, str],
    stored: Callable[[int, str], Cell | None],
    filename: str,
    warnings: list[str] | None = None,
) -> ImportPreview:
    """Pure: the file's cells against what is stored (`stored(year, key)`); cells without a value are left out."""
    changes: list[Change] = []
    kept: list[Change] = []
    for year, values in years.items():
        for key, new in values.items():
            if new is None:
                continue
            cell = Change(year, key, columns.get(key, key), stored(year, key), new)
            (kept if cell.old == cell.new and cell.old is not None else changes).append(cell)
    return ImportPreview(filename, changes, kept, list(warnings or []), sorted(years))


def refuse_stale(preview: ImportPreview, current: Callable[[int, str], object]) -> None:
    """Refuse (writing nothing) when any cell the user saw in the preview is stored differently now."""
    moved = [c for c in [*preview.changes, *preview.kept] if current(c.year, c.key) != c.old]
    if moved:
        cells = ", ".join(f"{c.year} {c.column}" for c in moved[:6]) + (" …" if len(moved) > 6 else "")
        raise InputError("import_stale", field="file", cells=cells)


def refuse_formulas(data: bytes, filename: str) -> None:
    """An Excel formula is never imported: its cached result may be missing or stale. Names the first one."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001 - any unreadable file becomes a message, never a traceback
        raise InputError("unreadable_file", field="file", name=filename, detail=str(error)[:120]) from error
    try:
        if not book.worksheets:
            return
        sheet = book.worksheets[0]  # the sheet pandas reads
        sheet.reset_dimensions()  # a file may declare a wrong used range: read every row, as pandas does
        header: dict[int, object] | None = None
        for row in sheet.iter_rows():
            if header is None and any(getattr(cell, "value", None) is not None for cell in row):
                header = {cell.column: cell.value for cell in row if hasattr(cell, "column") and not _is_formula(cell)}
            for cell in row:
                if _is_formula(cell):
                    name = (header or {}).get(cell.column)
                    raise InputError(
                        "import_formula", field="file", cell=cell.coordinate, column="–" if name is None else str(name).strip()
                    )
    finally:
        book.close()


def _is_formula(cell: object) -> bool:
    return getattr(cell, "data_type", None) == "f"


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """CSV (comma or semicolon) or Excel into a DataFrame of strings; an Excel formula is refused."""
    if filename.lower().endswith(EXCEL_SUFFIXES):
        refuse_formulas(data, filename)
    try:
        if filename.lower().endswith((*EXCEL_SUFFIXES, ".xls")):
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


@overload
def cell_int(value: object, row: int, column: str, allow_empty: Literal[False]) -> int: ...
@overload
def cell_int(value: object, row: int, column: str, allow_empty: bool = True) -> int | None: ...


def cell_int(value: object, row: int, column: str, allow_empty: bool = True) -> int | None:
    """A non-negative whole number from a cell ('1 234' and '12.0' accepted); empty is None (with `allow_empty`, else refused)."""
    cleaned = _cleaned(value)
    if cleaned in ("", "nan") and allow_empty:
        return None
    cleaned = cleaned.replace(" ", "").replace("\u00a0", "")
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    if not cleaned.lstrip("-").isdigit():
        raise InputError("import_cell", field="file", row=row, column=column, value=value)
    try:
        number = int(cleaned)
    except ValueError:  # '--5', '²' (a digit, but not a decimal one), more digits than int() reads
        raise InputError("import_cell", field="file", row=row, column=column, value=value) from None
    if number < 0:
        raise InputError("import_negative", field="file", row=row, column=column, value=number)
    if number > MAX_CELL:
        raise InputError("import_too_large", field="file", row=row, column=column, value=number, max=MAX_CELL)
    return number


def cell_yes_no(value: object, row: int, column: str) -> bool | None:
    """Ja/nej from a cell; empty is None (no value: keep what is stored)."""
    cleaned = _cleaned(value).lower()
    if cleaned in ("", "nan"):
        return None
    if cleaned in ("nej", "no", "0", "false"):
        return False
    if cleaned in ("ja", "yes", "1", "true", "x"):
        return True
    raise InputError("import_yes_no", field="file", row=row, column=column, value=value)


def year_rows(frame: pd.DataFrame, year_column: str, check_year: Callable[[int], object]) -> Iterator[tuple[int, int, dict[str, object]]]:
    """(row number, year, cells) per data row; bad or repeated years name their row and column."""
    columns = [str(c) for c in frame.columns]
    seen: set[int] = set()
    for number, row in enumerate(frame.itertuples(index=False), start=2):  # row 1 is the header
        cells = dict(zip(columns, row, strict=True))
        year = cell_int(cells[year_column], number, year_column, allow_empty=False)
        try:
            check_year(year)
        except InputError:
            raise InputError("import_year", field="file", row=number, column=year_column, value=cells[year_column]) from None
        if year in seen:
            raise InputError("import_duplicate_year", field="file", row=number, column=year_column, value=year)
        seen.add(year)
        yield number, year, cells
    if not seen:
        raise InputError("import_empty", field="file")
