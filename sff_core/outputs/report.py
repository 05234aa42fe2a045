"""Reports: minutes of a work session, a step report, the process report – as one document model.

Each exercise's part is its results model from the exercise registry (`results.build_results`), the
same model the screen and the wall draw, so a report never disagrees with the wall; steps 4–7 get
their parts by registering their exercises. The model is rendered to Word, PDF and HTML by
`sff_core.outputs.report_render`. Nothing here imports Streamlit.

At the sharing level *for sharing outside the core group* (sff_core.outputs.sharing) the parts show no
names, counts below the threshold are suppressed (with the means computed from them and the siblings
that would give them back), a chart whose numbers include such a count is redrawn without them or
replaced by its suppressed table, and blocks show their shared view or, internal only, are left out
(`sharing.for_sharing`, the same function the workbook uses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine

from sff_core.content import Section, Step, get_content
from sff_core.i18n import t, text
from sff_core.outputs.results import FigureBlock, Results, ResultsQuery, build_results
from sff_core.outputs.sharing import SharingLevel, for_sharing

REPORT_KINDS = ("minutes", "step", "process")


@dataclass(frozen=True)
class ReportPart:
    """One heading of a report: a step (level 1) or an exercise (level 2) with its results."""

    heading: str
    level: int
    lines: tuple[str, ...] = ()  # our own short text (status, which session); never user text
    results: Results | None = None
    tasks: pd.DataFrame | None = None


@dataclass(frozen=True)
class Report:
    title: str
    city: str
    sharing: SharingLevel
    lang: str
    created_at: datetime
    parts: tuple[ReportPart, ...] = field(default=())
    filename: str = "rapport"
    paper: str = "A4"  # "A4" or "A3" (the handbook prints its plan and routine templates on A3)
    landscape: bool = False

    @property
    def figures(self) -> list[FigureBlock]:
        return [b for p in self.parts if p.results for b in p.results.blocks if isinstance(b, FigureBlock)]


def _query(
    engine: Engine, workspace_id: int, city: str, step: Step, section: Section, session_date: date | None, sharing: SharingLevel, lang: str
) -> ResultsQuery:
    return ResultsQuery(engine, workspace_id, step, section, session_date, lang, False, city, show_names=sharing.shows_names)


def _exercise_part(query: ResultsQuery, sharing: SharingLevel) -> ReportPart:
    results = for_sharing(build_results(query), sharing, query.lang)
    heading = f"{t(f'step.kind_{query.section.kind}', query.lang)}: {text(query.section.title, query.lang)}"
    lines = (t("report.session", query.lang, date=results.shown_date.isoformat()),) if results.shown_date else ()
    return ReportPart(heading, 2, lines, results)


def _tasks_table(engine: Engine, workspace_id: int, step: Step, sharing: SharingLevel, lang: str) -> pd.DataFrame | None:
    from sff_core.mapping import list_tasks

    tasks = list_tasks(engine, workspace_id, step.key)
    if not tasks:
        return None
    statuses = get_content().labels("task_statuses", lang)
    rows = [
        {
            t("report.task", lang): task.title,
            t("report.owner", lang): task.owner if sharing.shows_names else "",
            t("report.deadline", lang): task.deadline,
            t("report.status", lang): statuses.get(task.status, task.status),
        }
        for task in tasks
    ]
    table = pd.DataFrame(rows)
    return table if sharing.shows_names else table.drop(columns=[t("report.owner", lang)])


def _step_heading(step: Step, lang: str) -> str:
    return f"{t('nav.step', lang, n=step.number)}: {text(step.title, lang)}"


def _new(engine: Engine, workspace_id: int, title: str, sharing: SharingLevel, lang: str, parts: list[ReportPart], filename: str) -> Report:
    from sff_core.privacy.name_scrub import without_names
    from sff_core.workspaces import get_workspace

    workspace = get_workspace(engine, workspace_id)
    made = Report(title, workspace.city, sharing, lang, datetime.now(), tuple(parts), filename)
    return without_names(engine, workspace_id, made, sharing, lang)  # shared: no name typed into any text either


# --- The three reports ----------------------------------------------------------------------------


def worked_on(engine: Engine, workspace_id: int, session_date: date) -> list[tuple[Step, Section]]:
    """The exercises the group worked on in a work session, in the handbook's order: those with
    answers or notes of that date, and those on that session's agenda."""
    from sff_core.responses import session_dates
    from sff_core.room import agenda

    planned = {(item.step_key, item.section_key) for item in agenda(engine, workspace_id, session_date)}
    chosen = []
    for step in get_content().steps:
        for section in step.sections:
            if (step.key, section.key) in planned or session_date in session_dates(engine, workspace_id, step.key, section.key):
                chosen.append((step, section))
    return chosen


def latest_session(engine: Engine, workspace_id: int) -> date | None:
    """The newest work session with answers or notes in the workspace (None before any)."""
    from sqlalchemy import func, select

    from sff_core.store.db import session_scope
    from sff_core.store.models import Note, Response

    with session_scope(engine) as session:
        answered = session.scalar(select(func.max(Response.session_date)).where(Response.workspace_id == workspace_id))
        noted = session.scalar(select(func.max(Note.session_date)).where(Note.workspace_id == workspace_id, Note.deleted_at.is_(None)))
    dates = [d for d in (answered, noted) if d is not None]
    return max(dates) if dates else None


def minutes(engine: Engine, workspace_id: int, session_date: date, sharing: SharingLevel, lang: str = "sv") -> Report:
    """Minnesanteckningar från arbetspasset: every exercise of that day with its results, step by step,
    each step's reflection, and the step's tasks with owner and deadline."""
    from sff_core.workspaces import get_workspace

    city = get_workspace(engine, workspace_id).city
    parts: list[ReportPart] = []
    by_step: dict[str, list[Section]] = {}
    steps = {}
    for step, section in worked_on(engine, workspace_id, session_date):
        by_step.setdefault(step.key, []).append(section)
        steps[step.key] = step
    for step_key, sections in by_step.items():
        step = steps[step_key]
        parts.append(ReportPart(_step_heading(step, lang), 1))
        reflection = [s for s in step.sections if s.kind == "reflection" and s not in sections]
        for section in sections + reflection:
            parts.append(_exercise_part(_query(engine, workspace_id, city, step, section, session_date, sharing, lang), sharing))
        tasks = _tasks_table(engine, workspace_id, step, sharing, lang)
        if tasks is not None:
            parts.append(ReportPart(t("report.tasks", lang), 2, tasks=tasks))
    if not parts:
        parts.append(ReportPart(t("report.nothing_that_day", lang, date=session_date.isoformat()), 1))
    title = t("report.minutes_title", lang, date=session_date.isoformat())
    return _new(engine, workspace_id, title, sharing, lang, parts, f"minnesanteckningar-{session_date.isoformat()}")


def step_parts(engine: Engine, workspace_id: int, city: str, step: Step, sharing: SharingLevel, lang: str) -> list[ReportPart]:
    from sff_core.progress import step_statuses

    status = step_statuses(engine, workspace_id, [step.key])[step.key]
    status_label = get_content().labels("step_statuses", lang).get(status, status)
    parts = [ReportPart(_step_heading(step, lang), 1, (t("report.step_status", lang, status=status_label),))]
    for section in step.sections:
        part = _exercise_part(_query(engine, workspace_id, city, step, section, None, sharing, lang), sharing)
        if section.shape == "info" and part.results is not None and part.results.empty:
            continue  # a text-only part of the guide nobody wrote notes on
        parts.append(part)
    tasks = _tasks_table(engine, workspace_id, step, sharing, lang)
    if tasks is not None:
        parts.append(ReportPart(t("report.tasks", lang), 2, tasks=tasks))
    return parts


def step_report(engine: Engine, workspace_id: int, number: int, sharing: SharingLevel, lang: str = "sv") -> Report:
    """One step: its status and every exercise's latest results, and its tasks."""
    from sff_core.workspaces import get_workspace

    step = get_content().step(number)
    parts = step_parts(engine, workspace_id, get_workspace(engine, workspace_id).city, step, sharing, lang)
    title = t("report.step_title", lang, step=_step_heading(step, lang))
    return _new(engine, workspace_id, title, sharing, lang, parts, f"steg-{number}")


def process_report(engine: Engine, workspace_id: int, sharing: SharingLevel, lang: str = "sv") -> Report:
    """The whole process so far: each step's status and results, for decision makers and the archive."""
    from sff_core.progress import step_statuses
    from sff_core.workspaces import get_workspace

    content = get_content()
    city = get_workspace(engine, workspace_id).city
    statuses = step_statuses(engine, workspace_id, [s.key for s in content.steps])
    labels = content.labels("step_statuses", lang)
    overview = tuple(f"{_step_heading(s, lang)} – {labels.get(statuses[s.key], statuses[s.key])}" for s in content.steps)
    parts = [ReportPart(t("report.overview", lang), 1, overview)]
    for step in content.steps:
        parts += step_parts(engine, workspace_id, city, step, sharing, lang)
    return _new(engine, workspace_id, t("report.process_title", lang), sharing, lang, parts, "processrapport")
