"""The workspace as spreadsheets: one Excel workbook, and the same tables as CSV files in a zip.

The workbook has a first sheet "Om filen" (the workspace, when the file was made and its sharing
level), one sheet per exercise that has results – built from the exercise registry's results model,
the same blocks the screen, the wall and the reports draw, one table per block and work session –
and one sheet per table of the process: the core group, tasks, actors and their assessments,
indicator surveys, the network statistics (yearly series, breakdowns and, inside the core group,
the incident log), the advertisement log (inside the core group only) and every post-it with its
votes. The zip holds every one of those tables as its own CSV file (`;`, UTF-8 with BOM).

Headers are Swedish (English for lang="en"), dates are dates, numbers are numbers, and every text
cell goes through `spreadsheet.neutralise_cell`, so `=HYPERLINK(…)` typed by a participant is text in
Excel, LibreOffice and every CSV reader. Anything marked for sharing outside the core group follows
`sharing.SharingLevel`: small counts as "<N" (breakdowns hidden with `statistics.hide_for_sharing`),
no one's name – free text included, through the same matcher as the shared reports
(`sff_core.privacy.name_scrub`: a member's, candidate's or participant's name, also a first name alone or in
the genitive, becomes the organisation or "en medlem") – and no row-level data behind what the shared
report aggregates: the core group as the organisations represented (no per-person level or
perspective), no task owner, no per-organisation indicator survey, no
advertisement sites and no incident rows.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import Engine, select

from sff_core.content import Content, Section, Step, get_content
from sff_core.i18n import t, text
from sff_core.outputs.sharing import SharingLevel, for_sharing
from sff_core.outputs.spreadsheet import csv_bytes, neutralise_cell
from sff_core.privacy.name_scrub import NameScrubber, name_scrubber
from sff_core.store.db import session_scope
from sff_core.workspaces import WorkspaceInfo, get_workspace, slugify

Progress = Callable[[str, int, int], None]  # (what is being built, done, total)

MAX_SHEET_NAME = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
BOLD, TITLE_FONT, ITALIC = Font(bold=True), Font(bold=True, size=14), Font(italic=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="bottom")

# Results tables whose columns still carry the code's names: the header each gets in the file.
RAW_HEADERS = {
    "label": "workbook.col.statement",
    "yes": "answer.yes",
    "no": "answer.no",
    "answered": "chart.respondents",
    "category": "tasks.category",
    "sector": "core.sector",
    "mean": "chart.indicator_mean",
    "month": "chart.month",
    "site": "ads.site",
    "ads_count": "ads.count",
    "occasions": "workbook.col.occasions",
    "actor": "actors.pick",
    "current": "workbook.col.level_now",
    "wanted": "workbook.col.level_wanted",
    "influence": "chart.influence",
    "support": "chart.support",
    "previous_influence": "workbook.col.previous_influence",
    "previous_support": "workbook.col.previous_support",
    "assessed_on": "workbook.col.assessed_on",
    "assessments": "workbook.col.assessments",
}
INTERNAL_COLUMNS = ("actor_id", "prompt_key", "survey_id", "advertiser_hash")  # ids and hashes never leave the app


# --- The model of the file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """One table of a sheet (and one CSV file): an optional title line above the header row."""

    frame: pd.DataFrame
    title: str | None = None


@dataclass(frozen=True)
class Sheet:
    """A sheet: a heading (exercise sheets) or none (a table whose header is row 1), and its tables."""

    name: str  # valid and unique in its workbook
    description: str
    tables: tuple[Table, ...]
    heading: str | None = None
    subheading: str | None = None


def valid_sheet_name(wanted: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, not quoted, unique regardless of case."""
    name = " ".join(SHEET_NAME_FORBIDDEN.sub(" ", wanted).split()).strip("'").strip() or "Blad"
    if len(name) > MAX_SHEET_NAME:
        name = name[: MAX_SHEET_NAME - 1].rstrip() + "…"
    candidate, number = name, 2
    while candidate.casefold() in taken or candidate.casefold() == "history":  # "History" is reserved by Excel
        suffix = f" ({number})"
        candidate = name[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        number += 1
    taken.add(candidate.casefold())
    return candidate


# --- Building the sheets -----------------------------------------------------------------------------


@dataclass
class _Export:
    engine: Engine
    workspace: WorkspaceInfo
    sharing: SharingLevel
    lang: str
    content: Content
    taken: set[str] = field(default_factory=set)
    scrub: Callable[[str], str] = field(default=lambda value: value)  # shared: a NameScrubber (sff_core.privacy.name_scrub)

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def labels(self, vocabulary: str) -> dict[str, str]:
        return self.content.labels(vocabulary, self.lang)

    def yes_no(self, value: object) -> str | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return self.tr("answer.yes") if bool(value) else self.tr("answer.no")

    def sheet(self, wanted: str, description: str, tables: Iterable[Table], heading: str | None = None, sub: str | None = None) -> Sheet:
        return Sheet(valid_sheet_name(wanted, self.taken), description, tuple(tables), heading, sub)


def export_sheets(
    engine: Engine, workspace_id: int, sharing: SharingLevel, lang: str = "sv", progress: Progress | None = None
) -> list[Sheet]:
    """Every sheet of the workspace's workbook at the sharing level, "Om filen" first."""
    export = _Export(engine, get_workspace(engine, workspace_id), sharing, lang, get_content())
    export.taken.add(t("workbook.about_sheet", lang).casefold())
    if sharing.shared:
        export.scrub = name_scrubber(engine, workspace_id, lang)
    sections = [(step, section) for step in export.content.steps for section in step.sections]
    builders = _table_builders(export)
    total, done = len(sections) + len(builders), 0
    sheets: list[Sheet] = []
    for step, section in sections:
        if progress:
            progress(f"{t('nav.step', lang, n=step.number)}: {text(section.title, lang)}", done, total)
        sheets += _exercise_sheet(export, step, section)
        done += 1
    for label, builder in builders:
        if progress:
            progress(label, done, total)
        sheets += builder()
        done += 1
    if progress:
        progress(t("workbook.writing", lang), done, total)
    sheets = [_finished(export, sheet) for sheet in sheets]
    return [_about_sheet(export, sheets), *sheets]


def _finished(export: _Export, sheet: Sheet) -> Sheet:
    """The sheet with its tables ready to write: names scrubbed when shared (every cell, header and title,
    the same matcher as the shared reports), booleans as Ja/Nej, whole floats as integers."""
    scrub = export.scrub
    tables = []
    for x in sheet.tables:
        frame = scrub.value(x.frame) if isinstance(scrub, NameScrubber) else x.frame
        tables.append(Table(_tidy(export, frame), scrub(x.title) if x.title else x.title))
    return Sheet(sheet.name, sheet.description, tuple(tables), sheet.heading, sheet.subheading)


def _tidy(export: _Export, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in frame.columns if c in INTERNAL_COLUMNS])
    frame = frame.reset_index(drop=True)
    for index in range(frame.shape[1]):
        column = frame.iloc[:, index]
        if pd.api.types.is_bool_dtype(column.dtype):
            frame.isetitem(index, column.astype(object).map(export.yes_no))
        elif pd.api.types.is_float_dtype(column.dtype) and _whole(column):
            frame.isetitem(index, column.round().astype("Int64"))
        elif pd.api.types.is_string_dtype(column.dtype) or isinstance(column.dtype, pd.CategoricalDtype):  # object columns too
            frame.isetitem(index, column.astype(object).map(lambda v: _tidy_value(export, v)))
    return frame


def _whole(column: pd.Series) -> bool:
    values = column.dropna()
    return not values.empty and bool((values == values.round()).all()) and bool((values.abs() < 2**53).all())


def _tidy_value(export: _Export, value: Any) -> Any:
    if isinstance(value, bool | np.bool_):
        return export.yes_no(value)
    if isinstance(value, str):
        return export.scrub(value)
    return value


# --- Exercise sheets (from the results models) ---------------------------------------------------------


def _exercise_sheet(export: _Export, step: Step, section: Section) -> list[Sheet]:
    from sff_core.outputs.results import ResultsQuery, build_results
    from sff_core.responses import session_dates

    def results_for(day: date | None) -> Any:
        query = ResultsQuery(
            export.engine,
            export.workspace.id,
            step,
            section,
            day,
            export.lang,
            projector=False,
            city=export.workspace.city,
            show_names=export.sharing.shows_names,
        )
        return for_sharing(build_results(query), export.sharing, export.lang, charts=False)

    latest = results_for(None)
    if latest.empty:
        return []
    runs = [latest]
    if latest.shown_date is not None:  # every work session of the exercise, newest first
        runs += [
            results_for(day) for day in session_dates(export.engine, export.workspace.id, step.key, section.key) if day != latest.shown_date
        ]
    dated = [r.shown_date for r in runs if r.shown_date is not None]
    tables: list[Table] = []
    seen: set[tuple[str | None, str]] = set()
    for results in runs:
        prefix = export.tr("workbook.session", date=results.shown_date.isoformat()) if len(dated) > 1 and results.shown_date else None
        for table in _results_tables(export, results.blocks):
            fingerprint = (table.title, table.frame.to_csv())
            if fingerprint in seen:  # an undated table (tasks) repeats under every work session
                continue
            seen.add(fingerprint)
            title = " – ".join(p for p in (prefix, table.title) if p) or None
            tables.append(Table(table.frame, title))
    if not tables:
        return []
    title = text(section.title, export.lang)
    step_label = t("nav.step", export.lang, n=step.number)
    sessions = export.tr("workbook.sessions", dates=", ".join(d.isoformat() for d in dated)) if dated else ""
    subheading = " · ".join(p for p in (f"{step_label}: {text(step.title, export.lang)}", sessions) if p)
    return [
        export.sheet(
            f"{step.number}. {title}", f"{step_label} · {title}" + (f" ({sessions})" if sessions else ""), tables, title, subheading
        )
    ]


def _results_tables(export: _Export, blocks: Iterable[Any]) -> Iterator[Table]:
    from sff_core.outputs.results import (
        CardsBlock,
        FigureBlock,
        MetricBlock,
        NoteBlock,
        PlainTextBlock,
        ProgressBlock,
        TableBlock,
        TextsBlock,
        VerdictBlock,
    )

    summary: list[tuple[str, Any]] = []

    def flush() -> Iterator[Table]:
        if summary:
            columns = [export.tr("workbook.col.item"), export.tr("workbook.col.content")]
            yield Table(pd.DataFrame(list(summary), columns=columns), export.tr("workbook.summary"))
            summary.clear()

    written: list[pd.DataFrame] = []
    for block in blocks:
        if isinstance(block, TableBlock | FigureBlock):
            if block.table is None or any(block.table is seen or block.table.equals(seen) for seen in written):
                continue  # two charts of the same numbers (the indicator bars and heatmap): one table
            written.append(block.table)
            yield from flush()
            default = None if isinstance(block, TableBlock) else export.tr("workbook.figure")
            yield Table(_shared_results_frame(export, block), block.title or default)
        elif isinstance(block, TextsBlock):
            yield from flush()
            yield Table(_texts_frame(export, block), export.tr("workbook.texts"))
        elif isinstance(block, CardsBlock):
            yield from flush()
            title = export.tr("workbook.postits") + (f" – {block.topic}" if block.topic else "")  # one table per sector
            yield Table(_cards_frame(export, block), title)
        elif isinstance(block, MetricBlock):
            value: Any = int(block.value) if block.value.isdigit() else block.value
            summary.append((block.label, export.sharing.count(value) if isinstance(value, int) and block.count else value))
        elif isinstance(block, ProgressBlock):
            summary.append((export.tr("workbook.progress_item"), block.label))
        elif isinstance(block, VerdictBlock):
            summary.append((block.heading, block.body or None))
        elif isinstance(block, NoteBlock):
            summary.append((export.tr("workbook.note"), block.text))
        elif isinstance(block, PlainTextBlock):
            summary.append((block.title or export.tr("workbook.text"), block.text))
    yield from flush()


def _texts_frame(export: _Export, block: Any) -> pd.DataFrame:
    rows = []
    for question, answers in block.groups:
        for who, answer in answers:
            respondent, _, day = who.rpartition(" · ")
            rows.append((question, respondent or who, _as_date(day), answer))
    columns = [
        export.tr("workbook.col.question"),
        export.tr("answer.respondent"),
        export.tr("answer.session"),
        export.tr("workbook.col.answer"),
    ]
    return pd.DataFrame(rows, columns=columns)


def _as_date(value: str) -> date | str:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return value


def _cards_frame(export: _Export, block: Any) -> pd.DataFrame:
    rows = [
        (board, card.text, card.cluster, "★" if card.marked else None, card.weight, card.votes)
        for board, cards in block.groups
        for card in cards
    ]
    weight, votes = export.tr("workbook.col.weight"), export.tr("workbook.col.votes")
    columns = [export.tr("workbook.col.board"), export.tr("workbook.col.postit"), export.tr("workbook.col.cluster"), "★", weight, votes]
    return export.sharing.counts(pd.DataFrame(rows, columns=columns), [weight, votes])


def _shared_results_frame(export: _Export, block: Any) -> pd.DataFrame:
    """A results table (already at the sharing level: `sharing.for_sharing`), with headers in the file's language."""
    frame = block.table.copy()
    if "sector" in frame.columns:
        sectors = export.labels("sectors")
        frame["sector"] = frame["sector"].map(lambda v: sectors.get(v, v) if isinstance(v, str) else v)
    frame = frame.drop(columns=[c for c in frame.columns if c in INTERNAL_COLUMNS])
    return frame.rename(columns={raw: export.tr(key) for raw, key in RAW_HEADERS.items() if raw in frame.columns})


# --- Tables of the process --------------------------------------------------------------------------


def _table_builders(export: _Export) -> list[tuple[str, Callable[[], list[Sheet]]]]:
    tr = export.tr
    builders: list[tuple[str, Callable[[], list[Sheet]]]] = [
        (tr("workbook.sheet.members"), lambda: _members_sheet(export)),
        (tr("workbook.sheet.tasks"), lambda: _tasks_sheet(export)),
        (tr("workbook.sheet.actors"), lambda: _actor_sheets(export)),
        (tr("workbook.sheet.surveys"), lambda: _survey_sheet(export)),
        (tr("workbook.sheet.yearly"), lambda: _statistics_sheets(export)),
    ]
    builders.append((tr("workbook.exercise_sheets"), lambda: _exercise_extra_sheets(export)))
    builders.append((tr("workbook.sheet.notes"), lambda: _notes_sheet(export)))
    return builders


def _table_sheet(export: _Export, name_key: str, description_key: str, frame: pd.DataFrame) -> list[Sheet]:
    if frame.empty:
        return []
    return [export.sheet(export.tr(name_key), export.tr(description_key), (Table(frame),))]


def _members_sheet(export: _Export) -> list[Sheet]:
    from sff_core.members import list_members

    tr, sharing = export.tr, export.sharing
    sectors, levels, types = export.labels("sectors"), export.labels("member_levels"), export.labels("personality_types")
    members = list_members(export.engine, export.workspace.id)
    if not sharing.shows_names:  # the organisations represented, one row each: nothing said about one person
        shared = {(sharing.member(m.name, m.organisation), sectors.get(m.sector, m.sector)) for m in members}
        frame = pd.DataFrame(sorted(shared), columns=[tr("core.organisation"), tr("core.sector")])
        return _table_sheet(export, "workbook.sheet.members", "workbook.about.members", frame)
    rows = []
    for m in members:
        row: dict[str, Any] = {tr("core.name"): m.name, tr("core.organisation"): m.organisation, tr("core.role"): m.role or None}
        row[tr("core.sector")] = sectors.get(m.sector, m.sector)
        row[tr("core.level")] = levels.get(m.level or "", m.level)
        row[tr("core.personality")] = types.get(m.personality_type or "", m.personality_type)
        row[tr("core.child_youth_short")] = m.child_youth_perspective
        rows.append(row)
    return _table_sheet(export, "workbook.sheet.members", "workbook.about.members", pd.DataFrame(rows))


def _tasks_sheet(export: _Export) -> list[Sheet]:
    from sff_core.mapping import list_tasks

    tr = export.tr
    statuses = export.labels("task_statuses")
    plan = export.content.section("step2", "kartlaggning_plan")
    categories = {p.key: text(p.text, export.lang) for p in plan.prompts} if plan else {}
    rows = [
        {
            tr("workbook.col.step"): step.number,
            tr("tasks.task"): task.title,
            tr("tasks.category"): categories.get(task.category or "", task.category),
            tr("tasks.owner"): task.owner or None,
            tr("tasks.deadline"): task.deadline,
            tr("tasks.status"): statuses.get(task.status, task.status),
        }
        for step in export.content.steps
        for task in list_tasks(export.engine, export.workspace.id, step.key)
    ]
    frame = pd.DataFrame(rows)
    if not export.sharing.shows_names:  # who does a task is a person's name: left out, as in the shared reports
        frame = frame.drop(columns=[tr("tasks.owner")], errors="ignore")
    return _table_sheet(export, "workbook.sheet.tasks", "workbook.about.tasks", frame)


def _actor_sheets(export: _Export) -> list[Sheet]:
    from sff_core import stakeholders
    from sff_core.exercises.stakeholder_analysis import assessment_table

    tr = export.tr
    sectors = export.labels("sectors")
    actors = pd.DataFrame(
        [
            {
                tr("actors.pick"): a.name,
                tr("core.sector"): sectors.get(a.sector, a.sector),
                tr("workbook.col.level_now"): a.current_level,
                tr("workbook.col.level_wanted"): a.wanted_level,
                tr("levels.notes"): a.level_notes or None,
            }
            for a in stakeholders.list_actors(export.engine, export.workspace.id)
        ]
    )
    sheets = _table_sheet(export, "workbook.sheet.actors", "workbook.about.actors", actors)
    assessments = stakeholders.load_assessments(export.engine, export.workspace.id)
    section = export.content.section("step3", "analys_samverkansaktorer")
    if not assessments.empty and section is not None:
        table = assessment_table(section, assessments, export.lang)
        table["sector"] = table["sector"].map(lambda v: sectors.get(v, v))
        table = table.rename(columns={"sector": tr("core.sector"), "assessed_on": tr("workbook.col.assessed_on")})
        sheets += _table_sheet(export, "workbook.sheet.assessments", "workbook.about.assessments", table)
    return sheets


def _survey_sheet(export: _Export) -> list[Sheet]:
    """Every indicator survey with its answers: inside the core group only. Shared, each organisation's
    answers would be the raw data behind the sector means the exercise sheet shows with small counts
    hidden (and an organisation may point at a person), so the sheet is left out."""
    from sff_core import indicators

    if not export.sharing.shows_names:
        return []
    tr = export.tr
    surveys = indicators.load_surveys(export.engine, export.workspace.id)
    if surveys.empty:
        return []
    section = indicators.survey_section()
    sectors = export.labels("sectors")
    unknown = text(section.unknown_option, export.lang) if section.unknown_option else tr("workbook.unknown")
    statements = [(p.key, f"{number}. {text(p.text, export.lang)}") for number, p in enumerate(section.prompts, start=1)]
    rows = []
    for survey in surveys.itertuples():
        answers = survey.answers or {}
        row: dict[str, Any] = {
            tr("core.organisation"): survey.organisation,
            tr("core.sector"): sectors.get(survey.sector or "", survey.sector),
            tr("survey.date"): survey.surveyed_on,
            tr("survey.method"): tr(f"survey.method_{survey.method}") if survey.method else None,
            tr("statistics.source"): tr("workbook.source_link") if survey.source == "link" else tr("workbook.source_facilitator"),
        }
        for key, label in statements:
            row[label] = (unknown if answers[key] is None else int(answers[key])) if key in answers else None
        rows.append(row)
    return _table_sheet(export, "workbook.sheet.surveys", "workbook.about.surveys", pd.DataFrame(rows))


def _statistics_sheets(export: _Export) -> list[Sheet]:
    from sff_core import statistics as stats

    tr, sharing = export.tr, export.sharing
    engine, workspace_id = export.engine, export.workspace.id
    labels = stats.series_labels(export.lang, short=True)
    series = stats.yearly_series(stats.load_manual(engine, workspace_id), stats.load_log_yearly(engine, workspace_id))
    sheets: list[Sheet] = []
    if not series.empty:
        sources = {"log": tr("statistics.source_log"), "manual": tr("statistics.source_manual"), "import": tr("statistics.source_import")}
        yearly = sharing.counts(series, list(stats.SERIES)).drop(columns=["manual_too"])
        yearly["source"] = yearly["source"].map(lambda v: sources.get(v, v))
        yearly = yearly.rename(
            columns={"year": tr("chart.year"), **labels, "preliminary": tr("workbook.col.preliminary"), "source": tr("statistics.source")}
        )
        sheets += _table_sheet(export, "workbook.sheet.yearly", "workbook.about.yearly", yearly)
    for by, vocabulary, name_key, about_key, label_key in (
        ("exploitation_form", "exploitation_forms", "workbook.sheet.by_form", "workbook.about.by_form", "statistics.form"),
        ("reporting_sector", "sectors", "workbook.sheet.by_sector", "workbook.about.by_sector", "statistics.sector"),
    ):
        table = stats.breakdown(engine, workspace_id, by)
        if table.empty:
            continue
        table = _shared_breakdown(table, sharing, tr("workbook.hidden"))
        names = export.labels(vocabulary)
        table["category"] = [names.get(v, v) for v in table["category"]]
        table = table.rename(
            columns={
                "year": tr("chart.year"),
                "category": tr(label_key),
                "incidents": tr("chart.incidents"),
                "persons": tr("statistics.persons"),
            }
        )
        sheets += _table_sheet(export, name_key, about_key, table)
    if sharing.shows_names:  # one row per incident: only inside the core group
        sheets += _table_sheet(export, "workbook.sheet.incidents", "workbook.about.incidents", _incident_log(export))
    return sheets


def _shared_breakdown(table: pd.DataFrame, sharing: SharingLevel, hidden_label: str) -> pd.DataFrame:
    """Inside the core group as it is; shared, the cells `hide_for_sharing` hides (small ones and those
    that would let a small one be worked out from the year's total) read "hidden", for incidents and persons."""
    if not sharing.shared:
        return table
    from sff_core.statistics import hide_for_sharing

    hidden = (
        hide_for_sharing(table, sharing.threshold, "incidents")["hidden"] | hide_for_sharing(table, sharing.threshold, "persons")["hidden"]
    )
    shared = sharing.counts(table, ["incidents", "persons"])
    shared.loc[hidden, ["incidents", "persons"]] = hidden_label
    return shared


def _incident_log(export: _Export) -> pd.DataFrame:
    from sff_core.store.models import Incident

    tr = export.tr
    forms, sectors = export.labels("exploitation_forms"), export.labels("sectors")
    with session_scope(export.engine) as session:
        rows = session.scalars(
            select(Incident)
            .where(Incident.workspace_id == export.workspace.id, Incident.deleted_at.is_(None))
            .order_by(Incident.occurred_on, Incident.id)
        ).all()
        return pd.DataFrame(
            [
                {
                    tr("statistics.date"): r.occurred_on,
                    tr("statistics.form"): forms.get(r.exploitation_form, r.exploitation_form),
                    tr("statistics.sector"): sectors.get(r.reporting_sector, r.reporting_sector),
                    tr("statistics.police"): r.police_contacted,
                    tr("statistics.social"): r.social_services_contacted,
                    tr("statistics.persons"): r.persons,
                    tr("statistics.conversations"): r.support_conversations,
                    tr("statistics.long_term"): r.long_term_support,
                    tr("statistics.referrals"): r.referrals,
                    tr("workbook.col.situation"): r.note or None,
                }
                for r in rows
            ]
        )


def _exercise_extra_sheets(export: _Export) -> list[Sheet]:
    """The sheets an exercise adds of its own beyond its results tables (its `workbook_sheets` hook)."""
    from sff_core.outputs.results import ResultsQuery
    from sff_core.registry import type_of

    sheets: list[Sheet] = []
    for step in export.content.steps:
        for section in step.sections:
            hook = getattr(type_of(section), "workbook_sheets", None)  # TRANSITION (issue 21): legacy entries have none
            if hook is None:
                continue
            query = ResultsQuery(
                export.engine,
                export.workspace.id,
                step,
                section,
                None,
                export.lang,
                city=export.workspace.city,
                show_names=export.sharing.shows_names,
            )
            about = export.tr("workbook.about.exercise_sheet", exercise=text(section.title, export.lang))
            sheets += [export.sheet(name, about, (Table(frame),)) for name, frame in hook(query, export.sharing.shared) if not frame.empty]
    return sheets


def _notes_sheet(export: _Export) -> list[Sheet]:
    from sff_core.notes import Exercise, board, note_dates
    from sff_core.outputs.results import respondent_names

    tr, sharing = export.tr, export.sharing
    names = respondent_names(export.engine, export.workspace.id, export.lang) if sharing.shows_names else {}
    rows = []
    for step in export.content.steps:
        for section in step.sections:
            if section.shape != "postits":
                continue
            boards = {p.key: text(p.text, export.lang) for p in section.prompts}
            topics = export.content.labels(section.topics, export.lang) if section.topics else {}
            for day in sorted(note_dates(export.engine, export.workspace.id, step.key, section.key)):
                for note in board(export.engine, Exercise(export.workspace.id, step.key, section.key, day)):
                    row: dict[str, Any] = {
                        tr("workbook.col.step"): step.number,
                        tr("workbook.col.exercise"): text(section.title, export.lang),
                        tr("answer.session"): day,
                        tr("workbook.col.topic"): topics.get(note.topic, note.topic) if note.topic else None,
                        tr("workbook.col.board"): boards.get(note.prompt_key, note.prompt_key),
                        tr("workbook.col.postit"): note.text,
                        tr("workbook.col.cluster"): note.cluster,
                        "★": "★" if note.marked else None,
                        tr("workbook.col.weight"): note.weight,
                        tr("workbook.col.votes"): note.votes,
                        tr("workbook.col.merged"): " | ".join(note.merged) or None,
                    }
                    if sharing.shows_names:
                        row[tr("workbook.col.author")] = names.get(note.respondent, note.respondent)
                    rows.append(row)
    frame = sharing.counts(pd.DataFrame(rows), [tr("workbook.col.weight"), tr("workbook.col.votes")])
    return _table_sheet(export, "workbook.sheet.notes", "workbook.about.notes", frame)


# --- The first sheet -----------------------------------------------------------------------------------


def _about_sheet(export: _Export, sheets: list[Sheet]) -> Sheet:
    tr, workspace = export.tr, export.workspace
    facts = pd.DataFrame(
        [
            (tr("workbook.workspace"), workspace.city),
            (tr("workbook.municipality"), workspace.municipality),
            (tr("workbook.period_start"), workspace.period_start),
            (tr("workbook.period_end"), workspace.period_end),
            (tr("workbook.created"), swedish_now()),
            (tr("workbook.sharing"), export.sharing.label(export.lang)),
        ],
        columns=[tr("workbook.col.item"), tr("workbook.col.content")],
    )
    contents = pd.DataFrame([(s.name, s.description) for s in sheets], columns=[tr("workbook.col.sheet"), tr("workbook.col.content")])
    return Sheet(
        tr("workbook.about_sheet"),
        tr("workbook.about_sheet"),
        (Table(facts), Table(contents, tr("workbook.contents"))),
        tr("workbook.about_title", city=workspace.city),
        export.sharing.label(export.lang),
    )


def swedish_now() -> datetime:
    """Now, in Swedish time, without a zone (a spreadsheet cell holds none)."""
    return _swedish_time(datetime.now(UTC)).replace(tzinfo=None, microsecond=0)


def _swedish_time(moment: datetime) -> datetime:
    try:
        return moment.astimezone(ZoneInfo("Europe/Stockholm"))
    except ZoneInfoNotFoundError:  # no time-zone database: UTC
        return moment.astimezone(UTC)


# --- Writing -----------------------------------------------------------------------------------------------


def cell_value(value: Any) -> Any:
    """A value as a spreadsheet cell holds it: empty for missing, numbers as numbers, dates as dates
    (no time zone), and text that can never be read as a formula (nor break the file)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return _swedish_time(value).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, int | date):
        return value
    cleaned = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_TEXT]
    return neutralise_cell(cleaned)


def _shown_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _converted(table: Table) -> tuple[list[Any], list[list[Any]]]:
    """The table's header and rows as cell values."""
    header = [cell_value(column) for column in table.frame.columns]
    return header, [[cell_value(value) for value in row] for row in table.frame.itertuples(index=False, name=None)]


def _column_widths(tables: list[tuple[list[Any], list[list[Any]]]]) -> list[float]:
    """Each column as wide as its longest value or header (a long text wraps at MAX_WIDTH)."""
    widths: list[int] = []
    for header, rows in tables:
        for row in (header, *rows):
            for index, value in enumerate(row):
                if index >= len(widths):
                    widths.append(0)
                widths[index] = max(widths[index], _shown_length(value))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def _styled(ws: WriteOnlyWorksheet, value: Any, font: Font | None = None, alignment: Alignment | None = None) -> Any:
    """A cell value (already through `cell_value`), with a style where it needs one."""
    number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT if isinstance(value, date) else None
    long_text = isinstance(value, str) and (len(value) > MAX_WIDTH or "\n" in value)
    if font is None and alignment is None and number_format is None and not long_text:
        return value
    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    elif long_text:
        cell.alignment = WRAP
    return cell


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    ws = workbook.create_sheet(sheet.name)
    tables = [_converted(table) for table in sheet.tables]
    for index, width in enumerate(_column_widths(tables), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    rows: list[list[Any]] = []
    if sheet.heading:
        rows.append([_styled(ws, cell_value(sheet.heading), TITLE_FONT)])
    if sheet.subheading:
        rows.append([_styled(ws, cell_value(sheet.subheading), ITALIC)])
    if rows:
        rows.append([])
    first_header = 0
    for number, (table, (header, values)) in enumerate(zip(sheet.tables, tables, strict=True)):
        if number:
            rows.append([])
        if table.title:
            rows.append([_styled(ws, cell_value(table.title), BOLD)])
        rows.append([_styled(ws, column, BOLD, HEADER_ALIGNMENT) for column in header])
        first_header = first_header or len(rows)
        rows += [[_styled(ws, value) for value in row] for row in values]
    # the header row stays in view: a sheet of one table keeps its header, a sheet of several its heading
    frozen = first_header if len(sheet.tables) == 1 or not sheet.heading else 2 if sheet.subheading else 1
    if frozen:
        ws.freeze_panes = f"A{frozen + 1}"
    for row in rows:
        ws.append(row)


def workbook_from_sheets(sheets: list[Sheet]) -> bytes:
    """The sheets as one .xlsx file."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_files(sheets: list[Sheet]) -> list[tuple[str, bytes]]:
    """Every table of the sheets as one CSV file (name, bytes), numbered in the workbook's order."""
    files = []
    for number, sheet in enumerate(sheets, start=1):
        base = f"{number:02d}-{slugify(sheet.name)}"
        for index, table in enumerate(sheet.tables, start=1):
            suffix = "" if len(sheet.tables) == 1 else f"-{index}" + (f"-{slugify(table.title)[:60]}" if table.title else "")
            frame = table.frame.copy()
            for column in range(frame.shape[1]):
                frame.isetitem(
                    column, frame.iloc[:, column].map(_csv_value) if frame.iloc[:, column].dtype == object else frame.iloc[:, column]
                )
            files.append((f"{base}{suffix}.csv", csv_bytes(frame, decimal=",")))
    return files


def _csv_value(value: Any) -> Any:
    value = cell_value(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_zip_from_sheets(sheets: list[Sheet]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in csv_files(sheets):
            archive.writestr(name, data)
    return buffer.getvalue()


def workbook_bytes(engine: Engine, workspace_id: int, sharing: SharingLevel, lang: str = "sv", progress: Progress | None = None) -> bytes:
    """The workspace as one Excel workbook at the sharing level."""
    return workbook_from_sheets(export_sheets(engine, workspace_id, sharing, lang, progress))


def csv_zip_bytes(engine: Engine, workspace_id: int, sharing: SharingLevel, lang: str = "sv", progress: Progress | None = None) -> bytes:
    """The workbook's tables as CSV files (`;`, UTF-8 with BOM) in one zip."""
    return csv_zip_from_sheets(export_sheets(engine, workspace_id, sharing, lang, progress))


__all__ = ["Sheet", "Table", "csv_zip_bytes", "export_sheets", "valid_sheet_name", "workbook_bytes"]
