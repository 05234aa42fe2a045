from datetime import date

import pytest

from sff_core.errors import InputError
from sff_core.offences import import_counts, load_counts, offence_categories, set_counts, wide_table
from sff_core.workspaces import create_workspace

TODAY = date(2026, 11, 28)
HEADER = "år;Människohandel;Människoexploatering;Koppleri (inkl. grovt koppleri);Köp av sexuell tjänst;Köp av sexuell handling av barn"


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")


def test_the_five_bra_categories():
    assert list(offence_categories()) == ["manniskohandel", "manniskoexploatering", "koppleri", "kop_av_sexuell_tjanst",
                                          "kop_av_sexuell_handling_av_barn"]


def test_manual_entry_and_correction(engine, workspace):
    set_counts(engine, workspace.id, 2024, {"manniskohandel": 1, "koppleri": 3}, TODAY)
    set_counts(engine, workspace.id, 2024, {"manniskohandel": 2, "koppleri": None}, TODAY)
    wide = wide_table(load_counts(engine, workspace.id))
    assert wide.loc[0, "manniskohandel"] == 2 and wide.loc[0, "koppleri"] == 3


@pytest.mark.parametrize("year, counts, key", [
    (2027, {"manniskohandel": 1}, "year_range"), (1900, {"manniskohandel": 1}, "year_range"),
    (2024, {"manniskohandel": -1}, "negative_count"), (2024, {"manniskohandel": "tre"}, "not_a_number"),
    (2024, {"mord": 1}, "not_allowed"),
])
def test_bad_manual_input(engine, workspace, year, counts, key):
    with pytest.raises(InputError) as caught:
        set_counts(engine, workspace.id, year, counts, TODAY)
    assert caught.value.key == key
    assert load_counts(engine, workspace.id).empty


def test_import_csv_with_semicolons_and_labels(engine, workspace):
    data = f"{HEADER}\n2023;1;0;3;6;1\n2024;1;2;2;9;\n".encode()
    assert import_counts(engine, workspace.id, data, "brå.csv", TODAY) == 2
    wide = wide_table(load_counts(engine, workspace.id)).set_index("year")
    assert wide.loc[2024, "kop_av_sexuell_tjanst"] == 9
    assert wide.loc[2023, "koppleri"] == 3
    assert set(load_counts(engine, workspace.id)["source"]) == {"import"}


def test_import_excel(engine, workspace, tmp_path):
    import pandas as pd

    path = tmp_path / "stat.xlsx"
    pd.DataFrame({"År": [2022, 2023], "manniskohandel": [0, 2], "kop_av_sexuell_tjanst": [4, 5]}).to_excel(path, index=False)
    assert import_counts(engine, workspace.id, path.read_bytes(), "stat.xlsx", TODAY) == 2
    assert load_counts(engine, workspace.id)["count"].sum() == 11


@pytest.mark.parametrize("content, key, where", [
    ("år;Mord\n2024;1\n", "import_columns", "Mord"),
    (f"{HEADER}\n2023;1;0;3;6;1\n2024;1;två;2;9;0\n", "import_cell", "Rad 3, kolumn \"Människoexploatering\""),
    (f"{HEADER}\n2023;1;0;3;6;1\n2023;1;1;2;9;0\n", "import_duplicate_year", "Rad 3"),
    (f"{HEADER}\n2023;1;0;-3;6;1\n", "import_negative", "Rad 2, kolumn \"Koppleri (inkl. grovt koppleri)\""),
    (f"{HEADER}\ntjugo;1;0;3;6;1\n", "import_cell", "Rad 2, kolumn \"år\""),
    (f"{HEADER}\n2031;1;0;3;6;1\n", "import_year", "Rad 2"),
    (f"{HEADER}\n", "import_empty", "Inget importerades"),
])
def test_bad_import_names_row_and_column_and_imports_nothing(engine, workspace, content, key, where):
    set_counts(engine, workspace.id, 2020, {"manniskohandel": 5}, TODAY)
    with pytest.raises(InputError) as caught:
        import_counts(engine, workspace.id, content.encode(), "fil.csv", TODAY)
    assert caught.value.key == key
    assert where in str(caught.value)
    counts = load_counts(engine, workspace.id)
    assert counts[["year", "category", "count"]].values.tolist() == [[2020, "manniskohandel", 5]]


def test_unreadable_file(engine, workspace):
    with pytest.raises(InputError, match="kunde inte läsas"):
        import_counts(engine, workspace.id, b"\x00\x01\x02not excel", "fil.xlsx", TODAY)
