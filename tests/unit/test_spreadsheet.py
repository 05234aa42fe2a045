"""Spreadsheet output neutralises formulas (OWASP CSV injection), and the table toolbar cannot export."""

import csv
import io
import tomllib

import pandas as pd
import pytest

from sff_core.outputs.spreadsheet import csv_bytes, neutralise_cell, neutralised
from tests.conftest import PROJECT_ROOT

HOSTILE = [
    '=HYPERLINK("http://evil.example","klicka")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+46 70",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\u00a0@SUM(1)",  # a no-break space
    "\u3000=1+1",  # an ideographic space
    "\u2003-1+1",  # an em space
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(1)",
    "=cmd|'/c calc'!A1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_starts_get_an_apostrophe(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Kartlägg hotell", "Ring 1 gång", "a=b", "100 %", "", "Åtgärd: möte"])
def test_plain_text_is_unchanged(value):
    assert neutralise_cell(value) == value


@pytest.mark.parametrize("value", [-3, 4.5, None, True])
def test_numbers_stay_numbers(value):
    assert neutralise_cell(value) == value


def test_csv_for_excel_has_no_live_formula():
    frame = pd.DataFrame({"Uppgift": HOSTILE, "Antal": range(len(HOSTILE))})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert csv_bytes(frame).startswith("\ufeff".encode())  # a BOM: Excel reads å, ä, ö
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == len(HOSTILE) + 1  # a carriage return inside a cell does not break the row
    for first, number in rows[1:]:
        assert first.startswith("'") and int(number) >= 0


def test_text_in_string_and_category_columns_is_neutralised_too():
    frame = pd.DataFrame(
        {
            "objekt": pd.Series(["=1+1", "ok"], dtype=object),
            "sträng": pd.Series(["@SUM(1)", None], dtype="string"),
            "kategori": pd.Series(["+1", "ok"], dtype="category"),
            "tal": [-1, 2],
            "decimal": [-1.5, 2.25],
        }
    )
    safe = neutralised(frame)
    assert list(safe["objekt"]) == ["'=1+1", "ok"]
    assert safe["sträng"].iloc[0] == "'@SUM(1)" and pd.isna(safe["sträng"].iloc[1])
    assert list(safe["kategori"]) == ["'+1", "ok"]
    assert list(safe["tal"]) == [-1, 2] and list(safe["decimal"]) == [-1.5, 2.25]  # numbers stay numbers


def test_csv_with_a_decimal_comma_for_a_swedish_excel():
    frame = pd.DataFrame({"Medel": [3.83, -1.5], "n": [6, 2], "blandat": pd.Series([-2.5, "-2.5"], dtype=object)})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame, decimal=",").decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == [["Medel", "n", "blandat"], ["3,83", "6", "-2,5"], ["-1,5", "2", "'-2.5"]]  # the number stays a number, the text is text


def test_the_statistics_csv_goes_through_the_neutralising_path():
    """The existing statistics export (Nätverksstatistik, shared and internal) neutralises as every other CSV."""
    from sff_core import statistics as stats

    series = pd.DataFrame(
        [
            {
                "year": 2024,
                "incidents": 2,
                "persons": 5,
                "support_conversations": 1,
                "long_term_support": 0,
                "preliminary": False,
                "source": '=HYPERLINK("http://x")',
                "manual_too": False,
            }
        ]
    )
    for threshold in (3, None):
        rows = list(csv.reader(io.StringIO(stats.export_csv(series, threshold).decode("utf-8-sig"), newline=""), delimiter=";"))
        assert rows[1][-1] == '\'=HYPERLINK("http://x")'
        assert rows[1][1] == ("<3" if threshold else "2")


def test_the_table_toolbar_export_is_off():
    """Streamlit's own CSV download would write =HYPERLINK(…) as it is; the app's download neutralises."""
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
