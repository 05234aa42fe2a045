from datetime import date

import pandas as pd
import pytest

from sff_core import statistics as stats
from sff_core.errors import InputError
from sff_core.privacy.personal_data import find_personal_data

TODAY = date(2026, 11, 28)
HEADER = "år;Incidenter;Personer;Stödsamtal;Långsiktigt stöd;preliminär"


def _incident(day, persons=1, talks=0, long_term=0, form="sexual", sector="polis", note=""):
    return stats.IncidentInput(day, form, sector, True, False, persons, talks, long_term, 0, note)


def _series(engine, workspace):
    return stats.yearly_series(stats.load_manual(engine, workspace.id), stats.load_log_yearly(engine, workspace.id))


def test_log_becomes_yearly_series(engine, workspace):
    stats.record_incident(engine, workspace.id, _incident(date(2025, 3, 1), persons=2, talks=3), TODAY)
    stats.record_incident(engine, workspace.id, _incident(date(2025, 9, 1), persons=1, long_term=1), TODAY)
    stats.record_incident(engine, workspace.id, _incident(date(2026, 1, 5)), TODAY)
    series = _series(engine, workspace).set_index("year")
    assert series.loc[2025, ["incidents", "persons", "support_conversations", "long_term_support"]].tolist() == [2, 3, 3, 1]
    assert series.loc[2026, "incidents"] == 1 and series.loc[2025, "source"] == "log"


def test_log_wins_over_entered_totals_and_both_are_reported(engine, workspace):
    stats.set_year(engine, workspace.id, 2022, {"incidents": 15, "persons": 12}, preliminary=True, today=TODAY)
    stats.set_year(engine, workspace.id, 2023, {"incidents": 99}, today=TODAY)
    stats.record_incident(engine, workspace.id, _incident(date(2023, 5, 1)), TODAY)
    series = _series(engine, workspace).set_index("year")
    assert series.loc[2022, "source"] == "manual" and bool(series.loc[2022, "preliminary"])
    assert pd.isna(series.loc[2022, "support_conversations"])  # an unknown series stays unknown, not zero
    assert series.loc[2023, "incidents"] == 1 and series.loc[2023, "source"] == "log"
    assert bool(series.loc[2023, "manual_too"])


def test_preliminary_flag_on_a_log_year_and_years_without_data(engine, workspace):
    stats.record_incident(engine, workspace.id, _incident(date(2026, 2, 1)), TODAY)
    stats.set_preliminary(engine, workspace.id, 2026, True, TODAY)
    stats.set_preliminary(engine, workspace.id, 2019, True, TODAY)  # a flag alone is no data
    series = _series(engine, workspace)
    assert series["year"].tolist() == [2026] and bool(series.loc[0, "preliminary"])
    assert stats.series_values(engine, workspace.id, "incidents") == {2026: 1}


def test_empty_series(engine, workspace):
    assert _series(engine, workspace).empty
    assert stats.change_from_previous(_series(engine, workspace)).empty
    assert stats.breakdown(engine, workspace.id, "exploitation_form").empty


def test_change_from_previous_year_skips_gaps():
    series = pd.DataFrame(
        [
            {"year": 2020, "incidents": 4, "persons": 2, "support_conversations": None, "long_term_support": 1},
            {"year": 2021, "incidents": 6, "persons": 2, "support_conversations": 5, "long_term_support": 1},
            {"year": 2023, "incidents": 9, "persons": 3, "support_conversations": 6, "long_term_support": 2},
        ]
    )
    changes = stats.change_from_previous(series).set_index(["year", "series"])
    assert changes.loc[(2021, "incidents"), "change"] == 2 and changes.loc[(2021, "incidents"), "change_pct"] == 50.0
    assert pd.isna(changes.loc[(2021, "support_conversations"), "change"])
    assert pd.isna(changes.loc[(2023, "incidents"), "change"])  # 2022 is missing: no change from 2021


def test_breakdowns_by_form_and_sector(engine, workspace):
    stats.record_incident(engine, workspace.id, _incident(date(2025, 1, 1), persons=2, form="labour", sector="naringsliv"), TODAY)
    stats.record_incident(engine, workspace.id, _incident(date(2025, 2, 1), form="labour", sector="polis"), TODAY)
    stats.record_incident(engine, workspace.id, _incident(date(2025, 3, 1), form="sexual", sector="polis"), TODAY)
    forms = stats.breakdown(engine, workspace.id, "exploitation_form")
    assert forms[["category", "incidents", "persons"]].values.tolist() == [["labour", 2, 3], ["sexual", 1, 1]]
    sectors = stats.breakdown(engine, workspace.id, "reporting_sector").set_index("category")
    assert sectors.loc["polis", "incidents"] == 2


def test_small_counts_are_suppressed_for_sharing():
    assert [stats.suppress(v, 3) for v in (0, 1, 2, 3, 10, None)] == [0, "<3", "<3", 3, 10, None]
    table = pd.DataFrame({"year": [2024, 2025], "incidents": [2, 7]})
    shared = stats.suppressed(table, ["incidents"], 3)
    assert shared["incidents"].tolist() == ["<3", 7] and table["incidents"].tolist() == [2, 7]
    series = pd.DataFrame(
        [
            {
                "year": 2025,
                "incidents": 1,
                "persons": 5,
                "support_conversations": 0,
                "long_term_support": None,
                "preliminary": False,
                "source": "log",
                "manual_too": False,
            }
        ]
    )
    exported = stats.export_csv(series, 3).decode("utf-8-sig")
    assert "<3" in exported and "manual_too" not in exported
    assert "<3" not in stats.export_csv(series, None).decode("utf-8-sig")


def test_support_larger_than_persons_warns_but_is_stored(engine, workspace):
    _, warnings = stats.record_incident(engine, workspace.id, _incident(date(2025, 1, 1), persons=1, talks=4), TODAY)
    assert warnings == ["more_conversations_than_persons"]
    warnings = stats.set_year(engine, workspace.id, 2021, {"persons": 2, "long_term_support": 3}, today=TODAY)
    assert warnings == ["more_long_term_than_persons"]
    assert len(_series(engine, workspace)) == 2


@pytest.mark.parametrize(
    "incident, key",
    [
        (_incident(date(2026, 12, 24)), "future_date"),
        (_incident(date(1999, 1, 1)), "year_range"),
        (_incident(date(2025, 1, 1), persons=-1), "negative_count"),
        (_incident(date(2025, 1, 1), form="organ"), "not_allowed"),
        (_incident(date(2025, 1, 1), note="Anna, 850101-1234, tips från hotell"), "personal_data"),
        (_incident(date(2025, 1, 1), note="ring henne på 070-123 45 67"), "personal_data"),
        (_incident(None), "required"),
    ],
)
def test_bad_incidents_are_refused(engine, workspace, incident, key):
    with pytest.raises(InputError) as caught:
        stats.record_incident(engine, workspace.id, incident, TODAY)
    assert caught.value.key == key
    assert stats.load_log_yearly(engine, workspace.id).empty


@pytest.mark.parametrize(
    "text, kind",
    [
        ("850101-1234", "personnummer"),
        ("198501011234", "personnummer"),
        ("19850101-1234", "personnummer"),
        ("850161-1234", "personnummer"),  # samordningsnummer
        ("070-123 45 67", "telefonnummer"),
        ("+46 70 123 45 67", "telefonnummer"),
        ("08-123 456 78", "telefonnummer"),
        ("tips från hotell, 2 personer, 2025", None),
        ("ärende 12 av 40", None),
        ("år 2024 ökade det", None),
    ],
)
def test_personal_data_detector(text, kind):
    assert find_personal_data(text) == kind


def test_bad_year_totals(engine, workspace):
    with pytest.raises(InputError, match="inte rimligt"):
        stats.set_year(engine, workspace.id, 2030, {"incidents": 1}, today=TODAY)
    with pytest.raises(InputError, match="negativt"):
        stats.set_year(engine, workspace.id, 2024, {"incidents": -2}, today=TODAY)
    assert stats.load_manual(engine, workspace.id).empty


def test_import_good_file(engine, workspace):
    data = f"{HEADER}\n2017;4;3;6;1;nej\n2018;7;5;11;2;\n2022;15;12;27;5;ja\n".encode()
    years, warnings = stats.import_years(engine, workspace.id, data, "statistik.csv", TODAY)
    assert years == 3
    assert warnings == [f"{y}: more_conversations_than_persons" for y in (2017, 2018, 2022)]  # warned, stored
    series = _series(engine, workspace).set_index("year")
    assert series.loc[2018, "support_conversations"] == 11 and series.loc[2022, "source"] == "import"
    assert bool(series.loc[2022, "preliminary"]) and not bool(series.loc[2017, "preliminary"])


def test_import_warns_on_support_larger_than_persons(engine, workspace):
    data = f"{HEADER}\n2020;3;1;1;2;\n".encode()
    assert stats.import_years(engine, workspace.id, data, "s.csv", TODAY) == (1, ["2020: more_long_term_than_persons"])


@pytest.mark.parametrize(
    "content, key, where",
    [
        ("år;Incidenter;Väder\n2020;3;sol\n", "import_columns", "Väder"),
        ("Incidenter;Personer\n3;1\n", "import_columns", "år"),
        (f"{HEADER}\n2020;3;1;1;0;\n2021;tre;1;1;0;\n", "import_cell", 'Rad 3, kolumn "Incidenter"'),
        (f"{HEADER}\n2020;3;1;1;0;\n2020;4;1;1;0;\n", "import_duplicate_year", "Rad 3"),
        (f"{HEADER}\n2020;3;-1;1;0;\n", "import_negative", 'Rad 2, kolumn "Personer"'),
        (f"{HEADER}\n1850;3;1;1;0;\n", "import_year", "Rad 2"),
        (f"{HEADER}\n2020;3;1;1;0;kanske\n", "import_yes_no", 'Rad 2, kolumn "preliminär"'),
    ],
)
def test_bad_imports_name_row_and_column_and_import_nothing(engine, workspace, content, key, where):
    stats.set_year(engine, workspace.id, 2019, {"incidents": 8}, today=TODAY)
    with pytest.raises(InputError) as caught:
        stats.import_years(engine, workspace.id, content.encode(), "s.csv", TODAY)
    assert caught.value.key == key and where in str(caught.value)
    assert stats.load_manual(engine, workspace.id)[["year", "incidents"]].values.tolist() == [[2019, 8]]


def test_series_values_for_plan_targets(engine, workspace):
    stats.set_year(engine, workspace.id, 2021, {"persons": 9}, today=TODAY)
    assert stats.series_values(engine, workspace.id, "persons") == {2021: 9}
    assert stats.series_values(engine, workspace.id, "incidents") == {2021: None}
    with pytest.raises(InputError):
        stats.series_values(engine, workspace.id, "weather")


def test_entering_one_series_keeps_the_others(engine, workspace):
    stats.set_year(engine, workspace.id, 2022, {"incidents": 15, "persons": 12}, today=TODAY)
    stats.set_year(engine, workspace.id, 2022, {"support_conversations": 27}, preliminary=True, today=TODAY)
    row = stats.load_manual(engine, workspace.id).iloc[0]
    assert (row["incidents"], row["persons"], row["support_conversations"], bool(row["preliminary"])) == (15, 12, 27, True)


def test_import_refuses_implausibly_large_numbers(engine, workspace):
    with pytest.raises(InputError, match="orimligt stort"):
        stats.import_years(engine, workspace.id, f"{HEADER}\n2020;999999999999;1;1;0;\n".encode(), "s.csv", TODAY)
    assert stats.load_manual(engine, workspace.id).empty


def test_import_reads_a_windows_csv(engine, workspace):
    data = f"{HEADER}\n2020;3;1;1;0;nej\n".encode("cp1252")
    assert stats.import_years(engine, workspace.id, data, "excel.csv", TODAY)[0] == 1


@pytest.mark.parametrize(
    "counts, hidden",
    [
        ({"a": 10, "b": 6, "c": 1}, {"c", "b"}),  # one small cell: the next smallest hides it from the total
        ({"a": 10, "b": 1, "c": 1, "d": 5}, {"b", "c", "d"}),  # two small cells summing to 2 < 3: one more
        # two hidden summing to 4, each "<3": both must be 2 – one more (issue 20, sharing 2)
        ({"a": 10, "b": 2, "c": 2}, {"a", "b", "c"}),
        ({"a": 9, "b": 1, "c": 1, "d": 1, "e": 5}, {"b", "c", "d", "e"}),  # three "<3" summing to 3: each is 1
        ({"a": 9, "b": 1, "c": 2, "d": 5}, {"b", "c"}),  # 1 + 2 = 3: 1 and 2, or 2 and 1 – nothing follows
        ({"a": 10, "b": 6}, set()),  # nothing small: nothing hidden
        ({"a": 1}, {"a"}),  # alone: hidden
    ],
)
def test_breakdown_hiding_leaves_nothing_to_subtract(counts, hidden):
    table = pd.DataFrame([{"year": 2025, "category": k, "incidents": v, "persons": v} for k, v in counts.items()])
    result = stats.hide_for_sharing(table, 3)
    assert set(result[result["hidden"]]["category"]) == hidden


def _stored(engine, workspace, year):
    row = stats.load_manual(engine, workspace.id).set_index("year").loc[year]
    return {
        **{s: None if pd.isna(row[s]) else int(row[s]) for s in stats.SERIES},
        "preliminary": bool(row["preliminary"]),
        "source": row["source"],
    }


def _full_year(engine, workspace, year=2022):
    stats.set_year(
        engine,
        workspace.id,
        year,
        {"incidents": 15, "persons": 12, "support_conversations": 27, "long_term_support": 5},
        preliminary=True,
        today=TODAY,
    )


def _xlsx(rows):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_importing_one_series_leaves_the_other_series_and_the_flag(engine, workspace):
    _full_year(engine, workspace)
    assert stats.import_years(engine, workspace.id, "år;incidenter\n2022;16\n".encode(), "s.csv", TODAY)[0] == 1
    assert _stored(engine, workspace, 2022) == {
        "incidents": 16,
        "persons": 12,
        "support_conversations": 27,
        "long_term_support": 5,
        "preliminary": True,
        "source": "import",
    }


def test_empty_cells_leave_stored_values_and_the_flag(engine, workspace):
    _full_year(engine, workspace)
    stats.import_years(engine, workspace.id, f"{HEADER}\n2022;;;30;;\n".encode(), "s.csv", TODAY)
    stored = _stored(engine, workspace, 2022)
    assert (stored["incidents"], stored["persons"], stored["support_conversations"]) == (15, 12, 30)
    assert stored["long_term_support"] == 5 and stored["preliminary"] is True
    stats.import_years(engine, workspace.id, f"{HEADER}\n2022;;;;;nej\n".encode(), "s.csv", TODAY)
    assert _stored(engine, workspace, 2022)["preliminary"] is False  # a non-empty cell does change the flag


def test_an_xlsx_formula_is_refused_naming_the_cell_and_nothing_changes(engine, workspace):
    _full_year(engine, workspace)
    data = _xlsx([["år", "incidenter", "personer"], [2021, 4, 3], [2022, "=B2+1", 12]])
    with pytest.raises(InputError) as caught:
        stats.import_years(engine, workspace.id, data, "s.xlsx", TODAY)
    assert caught.value.key == "import_formula" and "Cell B3 (incidenter)" in str(caught.value)
    assert stats.load_manual(engine, workspace.id)["year"].tolist() == [2022]
    assert _stored(engine, workspace, 2022)["incidents"] == 15


def test_preview_lists_old_and_new_and_apply_writes_only_the_changes(engine, workspace):
    stats.set_year(engine, workspace.id, 2022, {"incidents": 15, "persons": 12}, today=TODAY)
    data = f"{HEADER}\n2022;16;12;;;\n2023;3;;;;ja\n".encode()
    preview = stats.preview_years(engine, workspace.id, data, "s.csv", TODAY)
    assert [(c.year, c.key, c.old, c.new) for c in preview.changes] == [
        (2022, "incidents", 15, 16),
        (2023, "incidents", None, 3),
        (2023, "preliminary", False, True),
    ]
    assert preview.changes[0].column == "Incidenter" and preview.unchanged == 1 and preview.filename == "s.csv"
    assert stats.load_manual(engine, workspace.id)["year"].tolist() == [2022]  # a preview writes nothing
    assert stats.apply_years(engine, workspace.id, preview) == 3
    assert _stored(engine, workspace, 2022) == {
        "incidents": 16,
        "persons": 12,
        "support_conversations": None,
        "long_term_support": None,
        "preliminary": False,
        "source": "import",
    }
    assert _stored(engine, workspace, 2023)["incidents"] == 3 and _stored(engine, workspace, 2023)["preliminary"]
    again = stats.preview_years(engine, workspace.id, data, "s.csv", TODAY)
    assert again.changes == [] and again.unchanged == 4


def test_a_preview_without_changes_writes_nothing(engine, workspace):
    from sqlalchemy import func, select

    from sff_core.store.db import session_scope
    from sff_core.store.models import AuditEvent

    _full_year(engine, workspace)
    before = stats.load_manual(engine, workspace.id)
    preview = stats.preview_years(engine, workspace.id, f"{HEADER}\n2022;15;12;27;5;ja\n".encode(), "s.csv", TODAY)
    assert preview.changes == [] and preview.unchanged == 5
    assert stats.apply_years(engine, workspace.id, preview) == 0
    assert stats.load_manual(engine, workspace.id).equals(before)  # source stays "manual"
    with session_scope(engine) as session:
        imports = session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "statistics.import"))
    assert imports == 0


@pytest.mark.parametrize(
    "meanwhile",
    [
        lambda engine, ws: stats.set_year(engine, ws, 2022, {"incidents": 20}, preliminary=True, today=TODAY),  # changed
        lambda engine, ws: stats.set_year(engine, ws, 2022, {"persons": 13}, preliminary=True, today=TODAY),  # was equal
        lambda engine, ws: stats.set_year(engine, ws, 2023, {"incidents": 1}, today=TODAY),  # a new year
    ],
)
def test_apply_refuses_when_a_stored_value_changed_after_the_preview(engine, workspace, meanwhile):
    _full_year(engine, workspace)
    data = "år;incidenter;personer\n2022;16;12\n2023;3;\n".encode()
    preview = stats.preview_years(engine, workspace.id, data, "s.csv", TODAY)
    meanwhile(engine, workspace.id)  # someone else saves in another browser
    before = stats.load_manual(engine, workspace.id)
    with pytest.raises(InputError) as caught:
        stats.apply_years(engine, workspace.id, preview)
    assert caught.value.key == "import_stale" and "Förhandsgranska" in str(caught.value)
    assert stats.load_manual(engine, workspace.id).equals(before)  # nothing written, not even the other year
