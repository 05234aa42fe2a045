from datetime import date

import pytest

from sff_core.errors import InputError
from sff_core.offences import (
    apply_counts,
    import_counts,
    load_counts,
    offence_categories,
    preview_counts,
    set_counts,
    wide_table,
)

TODAY = date(2026, 11, 28)
HEADER = "år;Människohandel;Människoexploatering;Koppleri (inkl. grovt koppleri);Köp av sexuell tjänst;Köp av sexuell handling av barn"


def test_the_five_bra_categories():
    assert list(offence_categories()) == [
        "manniskohandel",
        "manniskoexploatering",
        "koppleri",
        "kop_av_sexuell_tjanst",
        "kop_av_sexuell_handling_av_barn",
    ]


def test_manual_entry_and_correction(engine, workspace):
    set_counts(engine, workspace.id, 2024, {"manniskohandel": 1, "koppleri": 3}, TODAY)
    set_counts(engine, workspace.id, 2024, {"manniskohandel": 2, "koppleri": None}, TODAY)
    wide = wide_table(load_counts(engine, workspace.id))
    assert wide.loc[0, "manniskohandel"] == 2 and wide.loc[0, "koppleri"] == 3


@pytest.mark.parametrize(
    "year, counts, key",
    [
        (2027, {"manniskohandel": 1}, "year_range"),
        (1900, {"manniskohandel": 1}, "year_range"),
        (2024, {"manniskohandel": -1}, "negative_count"),
        (2024, {"manniskohandel": "tre"}, "not_a_number"),
        (2024, {"mord": 1}, "not_allowed"),
    ],
)
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


@pytest.mark.parametrize(
    "content, key, where",
    [
        ("år;Mord\n2024;1\n", "import_columns", "Mord"),
        (f"{HEADER}\n2023;1;0;3;6;1\n2024;1;två;2;9;0\n", "import_cell", 'Rad 3, kolumn "Människoexploatering"'),
        (f"{HEADER}\n2023;1;0;3;6;1\n2023;1;1;2;9;0\n", "import_duplicate_year", "Rad 3"),
        (f"{HEADER}\n2023;1;0;-3;6;1\n", "import_negative", 'Rad 2, kolumn "Koppleri (inkl. grovt koppleri)"'),
        (f"{HEADER}\ntjugo;1;0;3;6;1\n", "import_cell", 'Rad 2, kolumn "år"'),
        (f"{HEADER}\n2031;1;0;3;6;1\n", "import_year", "Rad 2"),
        (f"{HEADER}\n", "import_empty", "Inget importerades"),
    ],
)
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


def _xlsx(rows):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _stored(engine, workspace):
    return {(r.year, r.category): (r.count, r.source) for r in load_counts(engine, workspace.id).itertuples()}


def test_importing_one_category_and_empty_cells_leave_the_rest(engine, workspace):
    set_counts(engine, workspace.id, 2023, {"manniskohandel": 1, "koppleri": 3, "kop_av_sexuell_tjanst": 6}, TODAY)
    import_counts(engine, workspace.id, "år;Koppleri (inkl. grovt koppleri)\n2023;4\n".encode(), "f.csv", TODAY)
    import_counts(engine, workspace.id, f"{HEADER}\n2023;;;;7;\n".encode(), "f.csv", TODAY)
    assert _stored(engine, workspace) == {
        (2023, "manniskohandel"): (1, "manual"),
        (2023, "koppleri"): (4, "import"),
        (2023, "kop_av_sexuell_tjanst"): (7, "import"),
    }


def test_an_xlsx_formula_is_refused_naming_the_cell_and_nothing_changes(engine, workspace):
    set_counts(engine, workspace.id, 2023, {"manniskohandel": 1}, TODAY)
    data = _xlsx([["år", "manniskohandel", "koppleri"], [2023, "=1+1", 2], [2024, 1, 1]])
    with pytest.raises(InputError) as caught:
        import_counts(engine, workspace.id, data, "f.xlsx", TODAY)
    assert caught.value.key == "import_formula" and str(caught.value).startswith("Cell B2 (manniskohandel)")
    assert _stored(engine, workspace) == {(2023, "manniskohandel"): (1, "manual")}


def test_preview_lists_old_and_new_and_apply_writes_only_the_changes(engine, workspace):
    set_counts(engine, workspace.id, 2023, {"manniskohandel": 1, "koppleri": 3}, TODAY)
    data = f"{HEADER}\n2023;2;;3;;\n2024;0;;;;\n".encode()
    preview = preview_counts(engine, workspace.id, data, "f.csv", TODAY)
    assert [(c.year, c.key, c.old, c.new) for c in preview.changes] == [(2023, "manniskohandel", 1, 2), (2024, "manniskohandel", None, 0)]
    assert preview.changes[0].column == "Människohandel" and preview.unchanged == 1
    assert _stored(engine, workspace)[(2023, "manniskohandel")] == (1, "manual")  # a preview writes nothing
    assert apply_counts(engine, workspace.id, preview) == 2
    assert _stored(engine, workspace) == {
        (2023, "manniskohandel"): (2, "import"),
        (2023, "koppleri"): (3, "manual"),
        (2024, "manniskohandel"): (0, "import"),
    }
    assert preview_counts(engine, workspace.id, data, "f.csv", TODAY).changes == []


@pytest.mark.parametrize(
    "meanwhile",
    [
        {2023: {"manniskohandel": 5}},  # a value about to change
        {2023: {"koppleri": 4}},  # a value the preview showed as unchanged
        {2024: {"manniskohandel": 1}},  # a new cell
    ],
)
def test_apply_refuses_when_a_stored_value_changed_after_the_preview(engine, workspace, meanwhile):
    set_counts(engine, workspace.id, 2023, {"manniskohandel": 1, "koppleri": 3}, TODAY)
    preview = preview_counts(engine, workspace.id, f"{HEADER}\n2023;2;;3;;\n2024;0;;;;\n".encode(), "f.csv", TODAY)
    for year, counts in meanwhile.items():
        set_counts(engine, workspace.id, year, counts, TODAY)  # someone else saves in another browser
    before = _stored(engine, workspace)
    with pytest.raises(InputError) as caught:
        apply_counts(engine, workspace.id, preview)
    assert caught.value.key == "import_stale" and str(next(iter(meanwhile))) in str(caught.value)
    assert _stored(engine, workspace) == before
