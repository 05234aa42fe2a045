"""Spreadsheet output neutralises formulas (OWASP CSV injection), and the table toolbar cannot export."""

import csv
import io
import tomllib

import pandas as pd
import pytest

from sff_core.spreadsheet import csv_bytes, neutralise_cell
from tests.conftest import PROJECT_ROOT

HOSTILE = [
    '=HYPERLINK("http://evil.example","klicka")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+46 70",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "＝1+1",
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


def test_the_table_toolbar_export_is_off():
    """Streamlit's own CSV download would write =HYPERLINK(…) as it is; the app's download neutralises."""
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
