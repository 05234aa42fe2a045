"""Reading import files: an empty cell is "no value", a formula is refused naming its cell."""

import io
import re
import zipfile

import openpyxl
import pytest

from sff_core.errors import InputError
from sff_core.tabular import cell_int, cell_yes_no, read_table


def _xlsx(rows: list[list[object]], cached: dict[str, str] | None = None) -> bytes:
    """A workbook as Excel would save it; openpyxl writes formulas without a cached value.

    `cached` puts a cached result on formula cells (as Excel does after calculating).
    """
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if not cached:
        return buffer.getvalue()
    source, target = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w") as patched:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for formula, value in cached.items():  # `<v />` or `<v></v>`: openpyxl's writer differs with lxml installed
                    empty = f"<f>{re.escape(formula)}</f>(?:<v\\s*/>|<v></v>)"
                    text = re.sub(empty, f"<f>{formula}</f><v>{value}</v>", text)
                data = text.encode()
            patched.writestr(item, data)
    return target.getvalue()


def test_plain_xlsx_is_read_as_strings():
    frame = read_table(_xlsx([["år", "incidenter"], [2021, 4], [2022, None]]), "s.xlsx")
    assert list(frame.columns) == ["år", "incidenter"]
    assert cell_int(frame.iloc[0, 1], 2, "incidenter") == 4
    assert cell_int(frame.iloc[1, 1], 3, "incidenter") is None  # empty: no value


def test_formula_without_cached_value_is_refused_naming_cell_and_column():
    data = _xlsx([["år", "incidenter"], [2021, 4], [2022, "=B2+1"]])
    with pytest.raises(InputError) as caught:
        read_table(data, "s.xlsx")
    assert caught.value.key == "import_formula"
    assert str(caught.value).startswith("Cell B3 (incidenter) innehåller en formel.")
    assert "B3" in caught.value.message("en") and "formula" in caught.value.message("en")


def test_formula_with_cached_value_is_refused_too():
    data = _xlsx([["år", "incidenter"], [2021, 4], [2022, "=B2+1"]], cached={"B2+1": "5"})
    assert openpyxl.load_workbook(io.BytesIO(data), data_only=True).active["B3"].value == 5  # Excel's cached result
    with pytest.raises(InputError, match=r"Cell B3 \(incidenter\)"):
        read_table(data, "s.xlsx")


def test_formula_in_the_year_column_and_in_the_header():
    with pytest.raises(InputError, match=r"Cell A2 \(år\)"):
        read_table(_xlsx([["år", "incidenter"], ["=2020+1", 4]]), "s.xlsx")
    with pytest.raises(InputError, match=r"Cell C1 "):
        read_table(_xlsx([["år", "incidenter", '="x"&"y"'], [2021, 4, 1]]), "s.xlsx")


@pytest.mark.parametrize("value", ["=B2+1", "+5", "@SUM(A1:A2)", "=1"])
def test_csv_cells_that_look_like_formulas_are_not_numbers(value):
    with pytest.raises(InputError) as caught:
        cell_int(value, 3, "incidenter")
    assert caught.value.key == "import_cell"
    assert str(caught.value).startswith('Rad 3, kolumn "incidenter"')


def test_csv_formula_is_refused_through_read_table_with_row_and_column():
    frame = read_table("år;incidenter\n2021;4\n2022;=B2+1\n".encode(), "s.csv")
    with pytest.raises(InputError, match='Rad 3, kolumn "incidenter"'):
        cell_int(frame.iloc[1, 1], 3, "incidenter")


def test_yes_no_empty_is_no_value():
    assert cell_yes_no("", 2, "preliminär") is None
    assert cell_yes_no(float("nan"), 2, "preliminär") is None
    assert cell_yes_no("ja", 2, "preliminär") is True and cell_yes_no("Nej", 2, "preliminär") is False
    with pytest.raises(InputError, match='Rad 2, kolumn "preliminär"'):
        cell_yes_no("=TRUE()", 2, "preliminär")


def test_a_cell_that_must_hold_a_number_refuses_empty():
    assert cell_int("2021", 2, "år", allow_empty=False) == 2021
    with pytest.raises(InputError) as caught:
        cell_int("", 2, "år", allow_empty=False)
    assert caught.value.key == "import_cell"
