"""The workspace as spreadsheets: one Excel workbook and a zip of CSV files.

Read back with openpyxl and the csv module: no formula survives (a participant's
`=HYPERLINK(…)` is text everywhere), dates are dates and numbers numbers, sheet names are valid, and
a file for sharing outside the core group holds no member, candidate or participant name, no small
count and no advertisement site.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sff_core import ads, live, mapping, statistics
from sff_core.candidates import list_candidates
from sff_core.content import get_content
from sff_core.demo import DEMO_PERIOD, DEMO_STEP1_DAY, DEMO_TASKS, seed_demo
from sff_core.i18n import t, text
from sff_core.indicators import survey_section
from sff_core.members import add_member, list_members
from sff_core.notes import Exercise, add_note, open_voting, toggle_vote
from sff_core.outputs.sharing import SharingLevel, sharing_level
from sff_core.outputs.spreadsheet import FORMULA_STARTS
from sff_core.outputs.workbook import (
    MAX_WIDTH,
    MIN_WIDTH,
    csv_zip_bytes,
    csv_zip_from_sheets,
    export_sheets,
    valid_sheet_name,
    workbook_bytes,
    workbook_from_sheets,
)
from sff_core.responses import GROUP, Answer, save_answers
from sff_core.workspaces import create_workspace

HYPERLINK = '=HYPERLINK("http://x","klick")'
AT_SUM = "@SUM(1)"
DDE = "=cmd|' /C calc'!A0"
HOSTILE = [HYPERLINK, AT_SUM, DDE, "+1", "-2", "＝1+1"]
DAY = date(2026, 10, 20)
FIRST_DEADLINE = min(deadline for _title, _owner, deadline, _category, _status in DEMO_TASKS)  # the demo's first task row
FORBIDDEN_IN_SHEET_NAMES = set("[]:*?/\\")


# --- Reading the files back ---------------------------------------------------------------------------


def _workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def _csv_rows(data: bytes) -> dict[str, list[list[str]]]:
    files = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            raw = archive.read(name)
            assert raw.startswith("\ufeff".encode()), f"{name}: no byte-order mark"
            files[name] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    return files


def _is_number(value: str) -> bool:
    return re.fullmatch(r"-?\d+(,\d+)?", value) is not None


def _evaluable(value: str) -> bool:
    """Whether a spreadsheet program would read this text as a formula."""
    return value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS)


def _cells(sheet: Worksheet):
    """(header, cell) for every data cell: the header is the latest bold row above it."""
    header: list[object] = []
    for row in sheet.iter_rows():
        if row[0].font is not None and row[0].font.b:
            header = [c.value for c in row]
            continue
        for index, cell in enumerate(row):
            if cell.value is not None:
                yield (header[index] if index < len(header) else None), cell


def _csv_cells(files: dict[str, list[list[str]]]):
    for name, rows in files.items():
        if not rows:
            continue
        header = rows[0]
        for row in rows[1:]:
            for index, value in enumerate(row):
                yield name, (header[index] if index < len(header) else None), value


# --- Formulas are neutralised everywhere -----------------------------------------------------------


def _hostile_workspace(engine):
    workspace = create_workspace(engine, "Formelstad", "Formelstads kommun", date(2026, 9, 1), date(2027, 12, 31), "formelstad-hemlig")
    member = add_member(engine, workspace.id, "Olle Formel", "Socialtjänsten Formelstad", "socialtjanst")
    save_answers(
        engine,
        workspace.id,
        "step0",
        "staden",
        member.respondent,
        date(2026, 9, 1),
        {"mojligheter": Answer(text=HYPERLINK), "unika_mojligheter": Answer(text=AT_SUM), "utmaningar": Answer(text=DDE)},
    )
    mapping.add_task(engine, workspace.id, "+1", "-3", date(2026, 12, 1))
    mapping.add_task(engine, workspace.id, "＝1+1", HYPERLINK, None)
    board = Exercise(workspace.id, "step1", "modig_miljo", DAY)
    add_note(engine, board, "fraga_1", GROUP, "-2", "hostile-1")
    add_note(engine, board, "fraga_1", GROUP, AT_SUM, "hostile-2")
    statistics.set_year(engine, workspace.id, 2022, {"incidents": 4, "persons": 1}, today=DAY)
    return workspace


@pytest.mark.parametrize("shared", [False, True])
def test_no_cell_of_the_workbook_is_a_formula(engine, shared):
    workspace = _hostile_workspace(engine)
    book = _workbook(workbook_bytes(engine, workspace.id, SharingLevel(shared)))
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert not _evaluable(cell.value), f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                    found.update(h for h in HOSTILE if cell.value == "'" + h)
    # each hostile text is there, as text behind an apostrophe (the task owner "-3" included, shared or not)
    assert found == set(HOSTILE)


@pytest.mark.parametrize("shared", [False, True])
def test_no_cell_of_any_csv_is_a_formula(engine, shared):
    workspace = _hostile_workspace(engine)
    files = _csv_rows(csv_zip_bytes(engine, workspace.id, SharingLevel(shared)))
    found = set()
    for name, _header, value in _csv_cells(files):
        assert not _evaluable(value) or _is_number(value), f"{name}: {value!r}"
        found.update(h for h in HOSTILE if value == "'" + h)
    assert found == set(HOSTILE)
    # numbers stay numbers: the negative-looking *text* "-3" is quoted, a count is written as it is
    yearly = next(rows for name, rows in files.items() if "statistik-per-ar" in name)
    assert yearly[1][:2] == ["2022", "4"]


# --- The sharing level ------------------------------------------------------------------------------


def _score_headers(lang: str = "sv") -> set[str]:
    """Headers under which a small whole number is a year, a step, a score or a level – never a count."""
    content = get_content()
    assessment = content.require_section("step3", "analys_samverkansaktorer")
    headers = {
        t("chart.year", lang),
        t("offences.year", lang),
        t("workbook.col.step", lang),
        t("readiness.table_mean", lang),
        t("chart.indicator_mean", lang),
        t("readiness.table_min", lang),
        t("readiness.table_max", lang),
        t("readiness.table_consensus", lang),
        t("readiness.table_value", lang),
        t("chart.influence", lang),
        t("chart.support", lang),
        t("workbook.col.previous_influence", lang),
        t("workbook.col.previous_support", lang),
        t("workbook.col.level_now", lang),
        t("workbook.col.level_wanted", lang),
        t("answer.level_now", lang),
        t("ambition.col_level", lang),
        t("ambition.col_median_now", lang),
        t("ambition.col_median_wanted", lang),
        t("answer.level_wanted", lang),
        # not counts of people (issue 20, sharing 5): the group's own search occasions and sites searched,
        # a SWOT item's place in the ranking, a routine step's number
        t("workbook.col.occasions", lang),
        t("ads.sites", lang),
        t("swot.rank", lang),
        t("routine.col_number", lang),
        t("workbook.col.assessments", lang),  # the group's own assessment rounds of an actor (b34ad8d)
    }
    headers |= {text(p.text, lang) for p in assessment.prompts if p.group == "kolumner"}
    headers |= {f"{n}. {text(p.text, lang)}" for n, p in enumerate(survey_section().prompts, start=1)}
    return headers


def _demo_with_a_live_participant(engine):
    workspace = seed_demo(engine)
    activity = live.open_activity(engine, workspace.id, "step1", "jag_och_min_organisation", DEMO_STEP1_DAY)
    person = live.join(engine, activity.code, "Zelda Exempelsson", "Fritidsgården Exempel")
    live.submit(engine, activity.code, person.token, {"basta": Answer(text="(Exempel) Zelda Exempelsson svarar: engagemanget.")})
    voting = live.open_activity(engine, workspace.id, "step1", "modig_miljo", DEMO_STEP1_DAY)
    open_voting(engine, workspace.id, voting.id, 3)
    note = add_note(engine, Exercise(workspace.id, "step1", "modig_miljo", DEMO_STEP1_DAY), "fraga_1", GROUP, "(Exempel) Ro", "vote-me")
    toggle_vote(engine, voting.id, note.id, "participant:voter")
    return workspace


def _people(engine, workspace_id: int) -> list[str]:
    names = [m.name for m in list_members(engine, workspace_id)] + [c.name for c in list_candidates(engine, workspace_id)]
    return [*names, "Zelda Exempelsson", "Zelda"]


def _sites(engine, workspace_id: int) -> set[str]:
    return set(ads.load_observations(engine, workspace_id)["site"])


def test_shared_workbook_has_no_name_no_small_count_and_no_site(engine):
    workspace = _demo_with_a_live_participant(engine)
    level = sharing_level(engine, workspace.id, shared=True)
    people, sites, scores = _people(engine, workspace.id), _sites(engine, workspace.id), _score_headers()
    book = _workbook(workbook_bytes(engine, workspace.id, level))
    small_counts = []
    for sheet in book.worksheets:
        for header, cell in _cells(sheet):
            value = cell.value
            if isinstance(value, str):
                assert not any(p.casefold() in value.casefold() for p in people), f"{sheet.title}!{cell.coordinate}: {value!r}"
                assert not any(s in value for s in sites), f"{sheet.title}!{cell.coordinate}: {value!r}"
            elif isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < level.threshold and value == int(value):
                if header not in scores:
                    small_counts.append((sheet.title, cell.coordinate, header, value))
    assert small_counts == []
    titles = [s.title for s in book.worksheets]
    assert t("workbook.sheet.ads") not in titles and t("workbook.sheet.incidents") not in titles
    about = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert level.label("sv") in about


def test_shared_csv_files_have_no_name_no_small_count_and_no_site(engine):
    workspace = _demo_with_a_live_participant(engine)
    level = sharing_level(engine, workspace.id, shared=True)
    people, sites, scores = _people(engine, workspace.id), _sites(engine, workspace.id), _score_headers()
    files = _csv_rows(csv_zip_bytes(engine, workspace.id, level))
    assert len(files) > 20
    for name, header, value in _csv_cells(files):
        assert not any(p.casefold() in value.casefold() for p in people), f"{name}: {value!r}"
        assert not any(s in value for s in sites), f"{name}: {value!r}"
        if re.fullmatch(r"\d+", value) and 0 < int(value) < level.threshold:
            assert header in scores, f"{name}: {header} = {value}"


def test_inside_the_core_group_everything_is_there(engine):
    """The contrast that keeps the shared tests honest: the same data with names, sites and small counts."""
    workspace = _demo_with_a_live_participant(engine)
    book = _workbook(workbook_bytes(engine, workspace.id, sharing_level(engine, workspace.id, shared=False)))
    values = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    strings = " ".join(v for v in values if isinstance(v, str))
    assert all(m.name in strings for m in list_members(engine, workspace.id))
    assert "Zelda Exempelsson" in strings
    assert all(site in strings for site in _sites(engine, workspace.id))
    assert 1 in values and 2 in values
    titles = [s.title for s in book.worksheets]
    assert t("workbook.sheet.ads") in titles and t("workbook.sheet.incidents") in titles
    assert SharingLevel(False).label("sv") in values


def test_shared_free_text_names_a_member_by_organisation(engine):
    workspace = create_workspace(engine, "Namnstad", "Namnstads kommun", date(2026, 9, 1), date(2027, 12, 31), "namnstad-hemlig")
    member = add_member(engine, workspace.id, "Olle Berg", "Socialtjänsten Namnstad", "socialtjanst")
    answer = "Olle Bergs förslag: ring Olle Berg (inte Olle Bergström)."
    save_answers(engine, workspace.id, "step0", "staden", member.respondent, date(2026, 9, 1), {"mojligheter": Answer(text=answer)})
    mapping.add_task(engine, workspace.id, "Boka lokal", "Olle Berg", None)

    def texts(shared: bool) -> set[str]:
        book = _workbook(workbook_bytes(engine, workspace.id, SharingLevel(shared)))
        return {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}

    assert answer in texts(False)
    shared = texts(True)
    # the whole name, its genitive, and the first name alone (it may be the member) – never part of a longer word
    assert "Socialtjänsten Namnstads förslag: ring Socialtjänsten Namnstad (inte Socialtjänsten Namnstad Bergström)." in shared
    assert not any("Olle Berg " in v or v.endswith("Olle Berg") for v in shared)


def test_shared_workbook_holds_no_row_of_one_organisation_or_person(engine):
    """What the shared report only shows aggregated stays inside the core group: each organisation's
    survey answers (the sector means are on the exercise sheet, small counts hidden), each member's
    level and perspective, and who does a task (left out of the shared reports too)."""
    workspace = seed_demo(engine)
    internal = export_sheets(engine, workspace.id, sharing_level(engine, workspace.id, shared=False))
    shared = export_sheets(engine, workspace.id, sharing_level(engine, workspace.id, shared=True))

    def sheet(sheets, key):
        return next((s for s in sheets if s.name == t(f"workbook.sheet.{key}")), None)

    assert sheet(internal, "surveys") is not None and sheet(shared, "surveys") is None
    survey_orgs = {o for o in sheet(internal, "surveys").tables[0].frame[t("core.organisation")]}
    statements = [c for c in sheet(internal, "surveys").tables[0].frame.columns if c[:1].isdigit()]
    for s in shared:  # no table anywhere pairs an organisation with its own answers
        for table in s.tables:
            assert not set(statements) & set(map(str, table.frame.columns)), s.name
    assert survey_orgs
    members = sheet(shared, "members").tables[0].frame
    assert list(members.columns) == [t("core.organisation"), t("core.sector")]
    assert len(members) == len({m.organisation for m in list_members(engine, workspace.id)})
    assert t("tasks.owner") in sheet(internal, "tasks").tables[0].frame.columns
    assert t("tasks.owner") not in sheet(shared, "tasks").tables[0].frame.columns
    assert not [name for name, _ in workbook_csv_names(shared) if "indikatorenkat" in name]


def workbook_csv_names(sheets):
    from sff_core.outputs.workbook import csv_files

    return csv_files(sheets)


# --- The demo workbook: sheets, names, dates and numbers ------------------------------------------------------------


def test_the_demo_workbook_opens_with_valid_sheets_dates_and_numbers(engine):
    workspace = seed_demo(engine)
    data = workbook_bytes(engine, workspace.id, sharing_level(engine, workspace.id, shared=False))
    book = _workbook(data)
    titles = [s.title for s in book.worksheets]
    assert titles[0] == "Om filen"
    assert len({x.casefold() for x in titles}) == len(titles)
    for title in titles:
        assert 0 < len(title) <= 31 and not FORBIDDEN_IN_SHEET_NAMES & set(title) and not title.startswith("'")
    # one sheet per exercise with results, in the handbook's order, and one per table
    for expected in ("0. Är ni redo", "0. Engagemang", "1. Hur skapar vi en modig miljö", "2. Internet", "2. Vem ska göra vad och när"):
        assert expected in titles
    for key in ("members", "tasks", "actors", "assessments", "surveys", "yearly", "by_form", "by_sector", "incidents", "ads", "notes"):
        assert t(f"workbook.sheet.{key}") in titles
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None, sheet.title
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(MIN_WIDTH <= w <= MAX_WIDTH for w in widths), sheet.title
        for _header, cell in _cells(sheet):
            if isinstance(cell.value, str):  # nothing that should be a number or a date is written as text
                assert not re.fullmatch(r"-?\d+([.,]\d+)?", cell.value), f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell.value), f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
    tasks = book[t("workbook.sheet.tasks")]
    header = [c.value for c in tasks[1]]
    assert tasks.freeze_panes == "A2" and all(c.font.b for c in tasks[1])
    assert header == ["Steg", "Uppgift", "Kategori", "Ansvarig", "Klart senast", "Status"]
    deadline = tasks.cell(row=2, column=5)
    assert deadline.is_date and deadline.value == datetime.combine(FIRST_DEADLINE, time())
    yearly = book[t("workbook.sheet.yearly")]
    assert [c.value for c in yearly[2]][:5] == [2017, 4, 3, 6, 1]
    readiness = book["0. Är ni redo"]
    means = [c.value for _h, c in _cells(readiness) if _h == t("readiness.table_mean")]
    assert means and all(isinstance(v, int | float) for v in means) and 3.83 in means
    about = {row[0].value: row[1].value for row in book["Om filen"].iter_rows() if len(row) > 1}
    assert about["Arbetsyta"] == "Exempelstad" and isinstance(about["Skapad"], datetime)
    assert about["Processen börjar"] == datetime.combine(DEMO_PERIOD[0], time())


def test_the_csv_zip_holds_every_table_of_the_workbook(engine):
    workspace = seed_demo(engine)
    level = sharing_level(engine, workspace.id, shared=False)
    sheets = export_sheets(engine, workspace.id, level)
    files = _csv_rows(csv_zip_from_sheets(sheets))
    assert len(files) == sum(len(s.tables) for s in sheets)
    tasks = next(rows for name, rows in files.items() if name.endswith("-uppgifter.csv"))
    assert tasks[0] == ["Steg", "Uppgift", "Kategori", "Ansvarig", "Klart senast", "Status"]
    assert tasks[1][4] == FIRST_DEADLINE.isoformat()
    readiness = next(rows for name, rows in files.items() if "ar-ni-redo" in name and "diagrammets-siffror" in name)
    assert "3,83" in readiness[1]  # a decimal comma: a Swedish Excel reads it as a number


def test_english_headers(engine):
    workspace = seed_demo(engine)
    book = _workbook(workbook_bytes(engine, workspace.id, SharingLevel(False), lang="en"))
    titles = [s.title for s in book.worksheets]
    assert titles[0] == "About this file" and "Tasks" in titles and "0. Are you ready" in titles
    assert [c.value for c in book["Tasks"][1]] == ["Step", "Task", "Category", "Owner", "Deadline", "Status"]


def test_progress_is_reported_to_the_end(engine):
    workspace = seed_demo(engine)
    seen: list[tuple[str, int, int]] = []
    sheets = export_sheets(engine, workspace.id, SharingLevel(True), progress=lambda label, done, total: seen.append((label, done, total)))
    assert seen[0][1] == 0 and seen[-1][1] == seen[-1][2] > 10
    assert [s[1] for s in seen] == sorted(s[1] for s in seen)
    assert workbook_from_sheets(sheets).startswith(b"PK")


def test_an_empty_workspace_gives_a_workbook_with_its_first_sheet(engine):
    workspace = create_workspace(engine, "Tomstad", "Tomstads kommun", date(2026, 9, 1), date(2027, 12, 31), "tomstad-hemlig")
    book = _workbook(workbook_bytes(engine, workspace.id, SharingLevel(True)))
    titles = [s.title for s in book.worksheets]
    assert titles[0] == "Om filen" and t("workbook.sheet.members") not in titles  # no empty table sheets
    assert all(title[0].isdigit() for title in titles[1:])  # only exercises that show something without answers (coverage)
    assert _csv_rows(csv_zip_bytes(engine, workspace.id, SharingLevel(True)))


# --- Sheet names --------------------------------------------------------------------------------------


def test_sheet_names_are_valid_short_and_unique():
    taken: set[str] = set()
    names = [
        valid_sheet_name("2. Hur ska ni kartlägga problembilden?", taken),
        valid_sheet_name("2. Hur ska ni kartlägga problembilden – igen", taken),
        valid_sheet_name("a/b\\c[d]e:f*g?h", taken),
        valid_sheet_name("Uppgifter", taken),
        valid_sheet_name("UPPGIFTER", taken),
        valid_sheet_name("History", taken),
        valid_sheet_name("'citerad'", taken),
        valid_sheet_name("???", taken),
    ]
    assert names[0] == "2. Hur ska ni kartlägga proble…"
    assert names[1] == "2. Hur ska ni kartlägga pro (2)"
    assert names[2] == "a b c d e f g h"
    assert names[4] == "UPPGIFTER (2)" and names[5] == "History (2)" and names[6] == "citerad" and names[7] == "Blad"
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 and not FORBIDDEN_IN_SHEET_NAMES & set(n) for n in names)


# --- The download on a page ------------------------------------------------------------------------------


def _download_page(url: str, workspace_id: int, projector: bool = False) -> None:
    from sff_core.store import db
    from sff_core.ui.context import Context
    from sff_core.ui.workbook_download import workbook_download
    from sff_core.workspaces import get_workspace

    engine = db.make_engine(url)
    workbook_download(Context(engine, get_workspace(engine, workspace_id), "sv", projector))


def test_the_download_builds_both_files_for_the_chosen_level(sqlite_url):
    from streamlit.testing.v1 import AppTest

    from sff_core.store import db
    from sff_core.ui.workbook_download import FILES_KEY

    workspace = seed_demo(db.make_engine(sqlite_url))
    app = AppTest.from_function(_download_page, args=(sqlite_url, workspace.id), default_timeout=60).run()
    assert not app.exception and app.checkbox(key="workbook-shared").label == "För delning utanför kärngruppen"
    assert FILES_KEY not in app.session_state and not app.get("download_button")  # nothing built before the click
    app.checkbox(key="workbook-shared").check().run()
    app.button(key="workbook-prepare").click().run()
    assert not app.exception and not app.error
    files = app.session_state[FILES_KEY]
    assert files.shared and files.workspace_id == workspace.id
    assert "Anna Exempel" not in {c.value for s in _workbook(files.xlsx).worksheets for row in s.iter_rows() for c in row}
    assert _csv_rows(files.zip)
    assert len(app.get("download_button")) == 2
    app.checkbox(key="workbook-shared").uncheck().run()  # another level: the shared files are not offered as internal ones
    assert not app.get("download_button")


def test_the_download_is_not_on_the_wall(sqlite_url):
    from streamlit.testing.v1 import AppTest

    from sff_core.store import db

    workspace = seed_demo(db.make_engine(sqlite_url))
    app = AppTest.from_function(_download_page, args=(sqlite_url, workspace.id, True), default_timeout=60).run()
    assert not app.exception and not app.checkbox and not app.button
