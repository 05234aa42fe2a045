"""The blocks of step 6's collaboration plan and marketing, and the plan as a document of its own.

The same blocks are drawn on the screen, on the wall and in every report: the vision with its
points, the delmål with their yearly targets and the SWOT items behind them, the year grid (delmål ×
år) with activities and responsible organisations, the follow-up scorecard and its chart, and the
marketing rows per target group. The exercises' results builders are their plugins
(sff_core/exercises/plan.py, marketing.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Engine

from sff_core import plan
from sff_core.content import Prompt, get_content
from sff_core.i18n import t, text
from sff_core.outputs.results import NO_COUNTS, Block, Counts, FigureBlock, NoteBlock, PlainTextBlock, Results, TableBlock

if TYPE_CHECKING:
    from sff_core.outputs.sharing import SharingLevel


def shown_number(value: object) -> str:
    """A target or actual as shown: 5, 7.5 – and "–" when missing (never 0)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return f"{float(value):g}".replace(".", ",")  # type: ignore[arg-type]


def as_number(value: object) -> int | float | None:
    """A target or actual as a table cell: a number stays a number (a workbook can sum it), missing is None."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    number = float(value)  # type: ignore[arg-type]
    return int(number) if number.is_integer() else number


def year_heading(info: plan.PlanInfo, year: int, lang: str) -> str:
    return t("plan.year_heading", lang, n=year, year=info.calendar_year(year))


def status_labels(lang: str) -> dict[str, str]:
    return {s: t(f"plan.activity_{s}", lang) for s in plan.ACTIVITY_STATUSES}


def series_label(key: str | None, lang: str) -> str:
    from sff_core.statistics import series_labels

    return series_labels(lang, short=True).get(key, key) if key else ""


def status_line(info: plan.PlanInfo, lang: str) -> str:
    if info.status == "agreed" and info.agreed_on is not None:
        return t("plan.status_agreed_on", lang, date=info.agreed_on.isoformat())
    return t("plan.status_draft_line", lang)


def vision_blocks(info: plan.PlanInfo, lang: str) -> list[Block]:
    blocks: list[Block] = []
    if info.vision:
        blocks.append(PlainTextBlock(info.vision, t("plan.vision", lang)))
    if info.points:
        blocks.append(PlainTextBlock("\n".join(f"• {p}" for p in info.points), t("plan.points", lang)))
    return blocks


def goals_table(
    info: plan.PlanInfo, goals: list[plan.GoalInfo], swot: dict[int, list[plan.SwotItem]], lang: str, quadrants: dict[str, str]
) -> pd.DataFrame:
    """Pure: the delmål with their unit, yearly targets, statistics series and the SWOT items behind them."""
    rows = []
    for goal in goals:
        row: dict[str, object] = {t("plan.col_goal", lang): f"{goal.number}. {goal.text}", t("plan.unit", lang): goal.unit}
        for year in info.year_numbers:
            row[t("plan.target_in", lang, year=year_heading(info, year, lang))] = as_number(goal.targets.get(year))
        row[t("plan.series", lang)] = series_label(goal.series_key, lang)
        row[t("plan.col_swot", lang)] = "\n".join(f"{quadrants.get(s.quadrant, s.quadrant)}: {s.text}" for s in swot.get(goal.id, []))
        rows.append(row)
    return pd.DataFrame(rows)


def grid_table(info: plan.PlanInfo, goals: list[plan.GoalInfo], activities: list[plan.PlanActivityInfo], lang: str) -> pd.DataFrame:
    """The year grid with headed columns ("Delmål", "År 1 (2028)" …)."""
    grid = plan.year_grid(info, goals, activities, status_labels(lang), missing=t("plan.no_responsible", lang))
    names: dict[object, str] = {"goal": t("plan.col_goal", lang), **{y: year_heading(info, y, lang) for y in info.year_numbers}}
    return grid.rename(columns=names)


def scorecard_table(frame: pd.DataFrame, lang: str, compact: bool = False) -> pd.DataFrame:
    """The follow-up as a table: delmål, year, target, actual (a count, so it is suppressed in shared
    documents where small), share of target and trend; missing values as "–"."""
    rows = []
    for record in frame.itertuples(index=False):
        actual = None if pd.isna(record.actual) else record.actual
        row = {
            t("plan.col_goal", lang): f"{record.number}. {record.goal}" + (f" ({record.unit})" if record.unit and not compact else ""),
            t("plan.col_year", lang): t("plan.year_heading", lang, n=record.year, year=record.calendar_year),
            t("plan.col_target", lang): as_number(record.target),
            t("plan.col_actual", lang): actual,
            t("plan.col_share", lang): "–" if pd.isna(record.share) else f"{record.share:g} %".replace(".", ","),
            t("plan.col_trend", lang): plan.TRENDS.get(record.trend, "–") if isinstance(record.trend, str) else "–",
        }
        if not compact:
            row[t("plan.col_source", lang)] = series_label(record.source, lang) if record.source else t("plan.source_manual", lang)
        rows.append(row)
    table = pd.DataFrame(rows)
    if not table.empty:  # whole numbers as int, missing as None (an actual is a count: suppressed where small when shared)
        for column in (t("plan.col_target", lang), t("plan.col_actual", lang)):
            table[column] = pd.Series([as_number(v) for v in table[column]], index=table.index, dtype=object)
    return table


def scorecard_counts(lang: str) -> Counts:
    """An actual may be a small count of incidents; beside the target its share of the target (and the
    trend) would give it back (actual = share × target), so they are hidden with it."""
    actual = t("plan.col_actual", lang)
    return Counts((actual,), follows=((t("plan.col_share", lang), actual), (t("plan.col_trend", lang), actual)))


def for_screen(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A plan table as a screen shows it: targets and actuals the Swedish way, missing as "–" (a data
    grid would print None)."""
    shown = table.copy()
    for column in shown.columns:
        if column in (t("plan.col_target", lang), t("plan.col_actual", lang)) or str(column).startswith(t("plan.target_in", lang, year="")):
            shown[column] = shown[column].map(lambda v: v if isinstance(v, str) else shown_number(v))
    return shown


def plan_blocks(engine: Engine, workspace_id: int, lang: str, projector: bool = False, with_chart: bool = True) -> list[Block]:
    """Every part of the plan as blocks, in the template's order (from vision down to activities), then the follow-up."""
    info = plan.get_plan(engine, workspace_id)
    goals = plan.list_goals(engine, workspace_id)
    if not info.stored and not goals:
        return []
    activities = plan.list_activities(engine, workspace_id)
    quadrants = {p.key: text(p.text, lang) for p in _swot_prompts()}
    blocks: list[Block] = [NoteBlock(status_line(info, lang)), *vision_blocks(info, lang)]
    if goals:
        swot = plan.swot_for_goals(engine, workspace_id)
        goals_shown = goals_table(info, goals, swot, lang, quadrants)  # targets are the network's aims, not counts
        blocks.append(TableBlock(goals_shown, t("plan.goals", lang), "delmal", key="plan-goals", counts=NO_COUNTS))
        grid = grid_table(info, goals, activities, lang)
        blocks.append(TableBlock(grid, t("plan.grid", lang), "aktiviteter", key="plan-grid", counts=NO_COUNTS))
        frame = plan.scorecard(engine, workspace_id)
        table = scorecard_table(frame, lang)
        counts = scorecard_counts(lang)
        blocks.append(TableBlock(table, t("plan.scorecard", lang), "uppfoljning", key="plan-scorecard", counts=counts))
        if with_chart and (frame["target"].notna() | frame["actual"].notna()).any():
            blocks.append(FigureBlock("plan_follow_up_chart", (frame, lang, projector), table, key="plan-chart", counts=counts))
    return blocks


def _swot_prompts() -> tuple[Prompt, ...]:
    section = get_content().section(plan.STEP, plan.SWOT_SECTION)
    return section.prompts if section is not None else ()


def marketing_table(rows: list[plan.MarketingInfo], lang: str) -> pd.DataFrame:
    return pd.DataFrame([{t(f"plan.{f}", lang): getattr(r, f) for f in plan.MARKETING_FIELDS} for r in rows])


def plan_report(engine: Engine, workspace_id: int, lang: str = "sv", paper: str = "A3", sharing: SharingLevel | None = None) -> object:
    """The plan as a document of its own (Word, PDF, HTML through report_render.render): vision, the
    delmål with targets, the year grid with activities and responsible organisations, the
    follow-up and the marketing rows. A3 landscape as the handbook recommends for the printed
    template (A4 landscape on request)."""
    from sff_core.content import get_content
    from sff_core.outputs.report import Report, ReportPart
    from sff_core.outputs.sharing import INTERNAL
    from sff_core.privacy.name_scrub import without_names
    from sff_core.workspaces import get_workspace

    content = get_content()
    title = text(content.require_section(plan.STEP, plan.PLAN_SECTION).title, lang)
    city = get_workspace(engine, workspace_id).city
    blocks = plan_blocks(engine, workspace_id, lang, with_chart=False)
    parts = [ReportPart(t("plan.document_title", lang, city=city), 1, (), Results(title, None, tuple(blocks), t("plan.empty", lang)))]
    marketing = plan.list_marketing(engine, workspace_id)
    if marketing:
        heading = text(content.require_section(plan.STEP, plan.MARKETING_SECTION).title, lang)
        table = TableBlock(marketing_table(marketing, lang), None, key="marketing", counts=NO_COUNTS)
        parts.append(ReportPart(heading, 2, (), Results(heading, None, (table,))))
    level = sharing or INTERNAL
    made = Report(title, city, level, lang, datetime.now(), tuple(parts), "samverkansplan", paper=paper, landscape=True)
    return without_names(engine, workspace_id, made, level, lang)
