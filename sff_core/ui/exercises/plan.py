"""Step 6: the collaboration plan (vision, delmål, the year grid, follow-up, document) and its marketing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import streamlit as st

from sff_core import plan
from sff_core.content import Section, Step
from sff_core.errors import InputError
from sff_core.outputs.plan_results import (
    for_screen,
    grid_table,
    scorecard_table,
    series_label,
    shown_number,
    status_labels,
    status_line,
    year_heading,
)
from sff_core.outputs.results import FigureBlock, TableBlock
from sff_core.ui.context import Context, tr
from sff_core.ui.edits import RecordEdit, adds_records, edit_form, status_form
from sff_core.ui.exercises.spec import ExerciseUI
from sff_core.ui.layout import flash, labelled, plain_markdown, run_action, show_error
from sff_core.ui.results_view import render_results
from sff_core.ui.text import plain, plain_labels
from sff_core.ui.wall_screens import controls_for, paged_results

if TYPE_CHECKING:
    import pandas as pd

# --- The plan ---------------------------------------------------------------------------------------------


def plan_section(ctx: Context, step: Step, section: Section, session_date: date) -> None:
    if ctx.projector:  # the wall: the model's screens, one at a time (as on /vagg)
        paged_results(ctx, step, section, session_date)
        return
    info = plan.get_plan(ctx.engine, ctx.workspace.id)
    goals = plan.list_goals(ctx.engine, ctx.workspace.id)
    if not info.vision and not info.points and not goals:
        _start(ctx, info)
    elif info.stored:
        st.caption(status_line(info, ctx.lang))
    frame = plan.scorecard(ctx.engine, ctx.workspace.id)  # once per draw: the follow-up tab and the wall's screens
    tabs = st.tabs([tr("plan.tab_vision"), tr("plan.tab_goals"), tr("plan.tab_grid"), tr("plan.tab_follow_up"), tr("plan.tab_document")])
    with tabs[0]:
        _vision_form(ctx, info)
    with tabs[1]:
        _goals(ctx, info, goals)
    with tabs[2]:
        _grid(ctx, info, goals)
    with tabs[3]:
        _follow_up(ctx, info, goals, frame)
    with tabs[4]:
        _status_and_documents(ctx, info)
        st.markdown(f"**{tr('plan.wall_view')}**")  # the wall's screens: vision and delmål, each delmål's year grid, follow-up
        controls_for(ctx, step, section, session_date)


def _start(ctx: Context, info: plan.PlanInfo) -> None:
    with st.container(border=True):
        st.markdown(f"**{tr('plan.start_title')}**")
        left, right = st.columns([1, 2], vertical_alignment="bottom")
        first_year = left.number_input(
            tr("plan.first_year"),
            min_value=plan.FIRST_YEAR_RANGE[0],
            max_value=plan.FIRST_YEAR_RANGE[1],
            value=info.first_year,
            key="plan-start-year",
        )
        if right.button(tr("plan.start_example"), help=tr("plan.start_example_help"), key="plan-load-example", type="primary"):
            try:
                count = plan.load_example(ctx.engine, ctx.workspace.id, ctx.lang, int(first_year))
            except InputError as error:
                show_error(error)
            else:
                flash(tr("plan.example_loaded", n=count))
        st.caption(tr("plan.start_empty"))


@edit_form("plan-vision")
def _vision_form(ctx: Context, info: plan.PlanInfo) -> None:
    current = info.fields()
    edit = RecordEdit("plan-vision", [f"plan-vision-{k}" for k in current], current)
    labels = {"vision": tr("plan.vision"), "points": tr("plan.points"), "first_year": tr("plan.first_year"), "years": tr("plan.years")}
    with st.form("plan-vision-form", enter_to_submit=False):
        typed: dict[str, Any] = {
            "vision": st.text_area(labels["vision"], value=edit.loaded["vision"], key="plan-vision-vision", height=120)
        }
        points = st.text_area(
            labels["points"], value="\n".join(edit.loaded["points"]), key="plan-vision-points", help=tr("plan.points_help"), height=100
        )
        typed["points"] = [line.strip().removeprefix("- ").removeprefix("• ").strip() for line in points.splitlines() if line.strip()]
        left, right = st.columns(2)
        typed["first_year"] = int(
            left.number_input(
                labels["first_year"], min_value=2000, max_value=2100, value=edit.loaded["first_year"], key="plan-vision-first_year"
            )
        )
        typed["years"] = int(
            right.number_input(labels["years"], min_value=1, max_value=plan.MAX_YEARS, value=edit.loaded["years"], key="plan-vision-years")
        )
        submitted = st.form_submit_button(tr("plan.save_plan"), type="primary")
    edit.save(submitted, labels, lambda loaded: plan.save_plan(ctx.engine, ctx.workspace.id, typed, loaded=loaded), tr("plan.plan_saved"))


def _series_options() -> list[str]:
    from sff_core.statistics import SERIES

    return ["", *SERIES]


@adds_records
def _goals(ctx: Context, info: plan.PlanInfo, goals: list[plan.GoalInfo]) -> None:
    if goals:
        _goal_editor(ctx, info, goals)
    with st.form("plan-goal-new", enter_to_submit=False, clear_on_submit=False):
        st.markdown(f"**{tr('plan.add_goal')}**")
        left, right = st.columns([3, 1])
        text_value = left.text_input(tr("plan.goal_text"), key="plan-goal-new-text", max_chars=plan.MAX_GOAL_TEXT)
        unit = right.text_input(tr("plan.unit"), key="plan-goal-new-unit", help=tr("plan.unit_help"), max_chars=plan.MAX_UNIT)
        if st.form_submit_button(tr("plan.add_goal")):
            try:
                plan.save_goal(ctx.engine, ctx.workspace.id, None, {"text": text_value, "unit": unit})
            except InputError as error:
                show_error(error)
            else:
                for key in ("plan-goal-new-text", "plan-goal-new-unit"):
                    st.session_state.pop(key, None)
                flash(tr("plan.goal_added"))


def _goal_editor(ctx: Context, info: plan.PlanInfo, goals: list[plan.GoalInfo]) -> None:
    """Every delmål listed, the picked one's form below: one form on the page, not one per delmål
    (a plan such as Helsingborg's has six, each with a field per year)."""
    titles = {goal.id: f"{goal.label(ctx.lang)}: {goal.text}" for goal in goals}
    picked = st.radio(tr("plan.goal_pick"), list(titles), format_func=plain_labels(titles), key="plan-goal-pick")
    goal = next((g for g in goals if g.id == picked), goals[0])
    with st.container(border=True):
        _goal_form(ctx, info, goal)
        linked = plan.swot_for_goals(ctx.engine, ctx.workspace.id).get(goal.id, [])
        _swot_links(ctx, goal, linked, plan.swot_candidates(ctx.engine, ctx.workspace.id))
        if st.button(tr("plan.remove_goal"), key=f"goal-{goal.id}-remove", type="tertiary"):
            run_action(lambda: plan.remove_goal(ctx.engine, ctx.workspace.id, goal.id), tr("plan.goal_removed"))


@edit_form("plan-goal")
def _goal_form(ctx: Context, info: plan.PlanInfo, goal: plan.GoalInfo) -> None:
    current = goal.fields(info.years)
    prefix = f"goal-{goal.id}"
    targets = [f"target_{y}" for y in info.year_numbers]
    keys = ["text", "unit", "series", *targets]
    edit = RecordEdit(prefix, [f"{prefix}-{k}" for k in keys], {k: current[k] for k in keys})
    labels = {"text": tr("plan.goal_text"), "unit": tr("plan.unit"), "series": tr("plan.series")}
    labels |= {f"target_{y}": tr("plan.target_in", year=year_heading(info, y, ctx.lang)) for y in info.year_numbers}
    with st.form(f"{prefix}-form", enter_to_submit=False):
        typed: dict[str, Any] = {"text": st.text_area(labels["text"], value=edit.loaded["text"], key=f"{prefix}-text", height=80)}
        left, right = st.columns(2)
        typed["unit"] = left.text_input(labels["unit"], value=edit.loaded["unit"], key=f"{prefix}-unit", help=tr("plan.unit_help"))
        options = _series_options()
        typed["series"] = right.selectbox(
            labels["series"],
            options,
            index=options.index(edit.loaded["series"]) if edit.loaded["series"] in options else 0,
            format_func=lambda k: series_label(k, ctx.lang) if k else tr("plan.series_none"),
            key=f"{prefix}-series",
            help=tr("plan.series_help"),
        )
        columns = st.columns(len(targets))
        for column, key in zip(columns, targets, strict=True):
            shown = "" if edit.loaded[key] is None else shown_number(edit.loaded[key])
            typed[key] = column.text_input(labels[key], value=shown, key=f"{prefix}-{key}", help=tr("plan.target_help"))
        submitted = st.form_submit_button(tr("plan.save_goal"), type="primary")
    edit.save(
        submitted,
        labels,
        lambda loaded: plan.save_goal(ctx.engine, ctx.workspace.id, goal.id, typed, loaded=loaded),
        tr("plan.goal_saved"),
    )


def _swot_links(ctx: Context, goal: plan.GoalInfo, linked: list[plan.SwotItem], candidates: list[plan.SwotItem]) -> None:
    st.markdown(f"**{tr('plan.swot_behind')}**")
    for item in linked:
        left, right = st.columns([4, 1])
        left.text(f"★ {item.text}")
        if right.button(tr("plan.swot_unlink"), key=f"goal-{goal.id}-unlink-{item.note_id}", type="tertiary"):
            run_action(lambda: plan.unlink_swot(ctx.engine, ctx.workspace.id, item.note_id, goal.id), tr("plan.swot_unlinked"))  # noqa: B023
    free = [c for c in candidates if c.note_id not in {i.note_id for i in linked}]
    if not free:
        st.caption(tr("plan.swot_none_marked"))
        return
    texts = {c.note_id: f"{c.text} ({c.session_date.isoformat()})" for c in free}
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    chosen = left.selectbox(tr("plan.swot_link"), list(texts), format_func=labelled(texts), key=f"goal-{goal.id}-swot", index=None)
    if right.button(tr("plan.swot_link"), key=f"goal-{goal.id}-link") and chosen is not None:
        run_action(lambda: plan.link_swot(ctx.engine, ctx.workspace.id, int(chosen), goal.id), tr("plan.swot_linked"))


def _grid(ctx: Context, info: plan.PlanInfo, goals: list[plan.GoalInfo]) -> None:
    activities = plan.list_activities(ctx.engine, ctx.workspace.id)
    if goals:
        _grid_table(grid_table(info, goals, activities, ctx.lang))
    if not goals:
        st.caption(tr("plan.no_goals"))
        return
    options = plan.responsible_options(ctx.engine, ctx.workspace.id)
    _activity_form(ctx, info, goals, options, None)
    if activities:
        names = {
            a.id: f"{next((g.number for g in goals if g.id == a.goal_id), '?')} · {year_heading(info, a.year, ctx.lang)} · {a.text}"
            for a in activities
        }
        chosen = st.selectbox(tr("plan.edit_activity"), list(names), format_func=labelled(names), index=None, key="plan-activity-pick")
        if chosen is not None:
            activity = next(a for a in activities if a.id == chosen)
            _activity_form(ctx, info, goals, options, activity)


@edit_form("plan-activity")
def _activity_form(
    ctx: Context, info: plan.PlanInfo, goals: list[plan.GoalInfo], options: list[str], activity: plan.PlanActivityInfo | None
) -> None:
    prefix = f"activity-{activity.id}" if activity else "activity-new"
    current = activity.fields() if activity else {"goal_id": goals[0].id, "year": 1, "text": "", "responsible": "", "status": "planned"}
    edit = RecordEdit(prefix, [f"{prefix}-{k}" for k in current], current)
    labels = {
        "goal_id": tr("plan.goal_text"),
        "year": tr("plan.year"),
        "text": tr("plan.activity"),
        "responsible": tr("plan.responsible"),
        "status": tr("plan.status"),
    }
    goal_names = {g.id: f"{g.number}. {g.text}" for g in goals}
    statuses = status_labels(ctx.lang)
    who = list(dict.fromkeys(["", *options, edit.loaded["responsible"]]))
    with st.form(f"{prefix}-form", enter_to_submit=False):
        st.markdown(f"**{tr('plan.add_activity') if activity is None else tr('plan.edit_activity')}**")
        first, second = st.columns([3, 1])
        goal_ids = list(goal_names)
        typed: dict[str, Any] = {
            "goal_id": first.selectbox(
                labels["goal_id"],
                goal_ids,
                index=goal_ids.index(edit.loaded["goal_id"]) if edit.loaded["goal_id"] in goal_ids else 0,
                format_func=labelled(goal_names),
                key=f"{prefix}-goal_id",
            ),
            "year": second.selectbox(
                labels["year"],
                info.year_numbers,
                index=max(0, min(edit.loaded["year"], info.years) - 1),
                format_func=lambda y: year_heading(info, y, ctx.lang),
                key=f"{prefix}-year",
            ),
        }
        typed["text"] = st.text_area(labels["text"], value=edit.loaded["text"], key=f"{prefix}-text", height=70)
        left, right = st.columns([3, 1])
        typed["responsible"] = left.selectbox(
            labels["responsible"],
            who,
            index=who.index(edit.loaded["responsible"]),
            format_func=lambda v: v or tr("plan.responsible_none"),
            key=f"{prefix}-responsible",
            help=tr("plan.responsible_help"),
        )
        status_keys = list(plan.ACTIVITY_STATUSES)
        typed["status"] = right.selectbox(
            labels["status"],
            status_keys,
            index=status_keys.index(edit.loaded["status"]),
            format_func=labelled(statuses),
            key=f"{prefix}-status",
        )
        submitted = st.form_submit_button(tr("plan.save_activity") if activity else tr("plan.add_activity"), type="primary")
    activity_id = activity.id if activity else None
    edit.save(
        submitted,
        labels,
        lambda loaded: plan.save_activity(ctx.engine, ctx.workspace.id, activity_id, typed, loaded=loaded if activity_id else None),
        tr("plan.activity_saved") if activity else tr("plan.activity_added"),
    )
    if activity is not None and st.button(tr("plan.remove_activity"), key=f"{prefix}-remove", type="tertiary"):
        run_action(lambda: plan.remove_activity(ctx.engine, ctx.workspace.id, activity.id), tr("plan.activity_removed"))


def _follow_up(ctx: Context, info: plan.PlanInfo, goals: list[plan.GoalInfo], frame: pd.DataFrame) -> None:
    if not goals:
        st.caption(tr("plan.no_goals"))
        return
    table = scorecard_table(frame, ctx.lang)
    blocks: list[Any] = [TableBlock(for_screen(table, ctx.lang), tr("plan.scorecard"), "uppfoljning", key="plan-scorecard")]
    if (frame["target"].notna() | frame["actual"].notna()).any():
        blocks.append(FigureBlock("plan_follow_up_chart", (frame, ctx.lang, False), None, key="plan-chart"))
    from sff_core.outputs.results import Results

    render_results(Results(tr("plan.scorecard"), None, tuple(blocks)))
    st.markdown(f"**{tr('plan.actuals')}**")
    for goal in goals:
        if goal.series_key:
            st.caption(f"{goal.label(ctx.lang)}: " + tr("plan.series_linked", series=series_label(goal.series_key, ctx.lang)))
            continue
        _actuals_form(ctx, info, goal)


@edit_form("plan-actuals")
def _actuals_form(ctx: Context, info: plan.PlanInfo, goal: plan.GoalInfo) -> None:
    prefix = f"actual-{goal.id}"
    keys = [f"actual_{y}" for y in info.year_numbers]
    current = goal.fields(info.years)
    edit = RecordEdit(prefix, [f"{prefix}-{k}" for k in keys], {k: current[k] for k in keys})
    labels = {f"actual_{y}": tr("plan.actual_in", year=year_heading(info, y, ctx.lang)) for y in info.year_numbers}
    with st.form(f"{prefix}-form", enter_to_submit=False):
        st.caption(plain(f"{goal.label(ctx.lang)}: {goal.text}" + (f" ({goal.unit})" if goal.unit else "")))
        typed: dict[str, Any] = {}
        for column, key in zip(st.columns(len(keys)), keys, strict=True):
            shown = "" if edit.loaded[key] is None else shown_number(edit.loaded[key])
            typed[key] = column.text_input(labels[key], value=shown, key=f"{prefix}-{key}")
        submitted = st.form_submit_button(tr("plan.save_actuals"))
    edit.save(
        submitted,
        labels,
        lambda loaded: plan.save_goal(ctx.engine, ctx.workspace.id, goal.id, typed, loaded=loaded),
        tr("plan.actuals_saved"),
    )


def _status_and_documents(ctx: Context, info: plan.PlanInfo) -> None:
    status_form(
        "plan-status",
        {s: tr(f"plan.status_{s}") for s in plan.STATUSES},
        (tr("plan.plan_status"), tr("plan.agreed_on"), tr("plan.save_status")),
        {"status": info.status, "agreed_on": info.agreed_on},
        lambda status, agreed_on, loaded: plan.set_plan_status(ctx.engine, ctx.workspace.id, status, agreed_on, loaded_status=loaded),
        tr("plan.status_saved"),
    )
    from sff_core.outputs.plan_results import plan_report
    from sff_core.outputs.report_render import render

    paper = st.segmented_control(tr("plan.paper"), ["A3", "A4"], default="A3", key="plan-paper") or "A3"
    left, right = st.columns(2)
    for column, output_format in ((left, "docx"), (right, "pdf")):
        key = f"plan-doc-{output_format}"
        if column.button(tr(f"plan.make_{output_format}"), key=f"{key}-make"):
            st.session_state[key] = render(plan_report(ctx.engine, ctx.workspace.id, ctx.lang, paper), output_format)  # type: ignore[arg-type]
        if key in st.session_state:
            column.download_button(
                tr("plan.download", format=output_format.upper()),
                st.session_state[key],
                file_name=f"samverkansplan.{output_format}",
                key=f"{key}-download",
            )


def _grid_table(table: Any) -> None:
    """The year grid as a wrapping table, one activity per line (user text escaped: shown as typed)."""
    shown = table.map(lambda v: plain_markdown(str(v)).replace("\n", "  \n"))
    shown.columns = [plain_markdown(str(c)) for c in table.columns]
    st.table(shown, hide_index=True)


# --- The overview's compact scorecard -------------------------------------------------------------------------


def overview_scorecard(ctx: Context) -> None:
    """What the network looks at every year: per delmål this year's (or the latest) target, actual,
    share and trend, with a link to the plan."""
    from sff_core.ui.exercises.common import table_here

    st.markdown(f"**{tr('plan.scorecard_overview')}**")
    compact = plan.current_year_scorecard(plan.scorecard(ctx.engine, ctx.workspace.id))
    if compact.empty:
        st.caption(tr("plan.scorecard_none"))
    else:
        shown = for_screen(scorecard_table(compact, ctx.lang, compact=True), ctx.lang)
        table_here(shown, "overview-plan-scorecard", "uppfoljning", ctx.projector)
    if not ctx.projector:
        st.page_link("pages/step_6.py", label=tr("plan.scorecard_open"), query_params={"section": plan.PLAN_SECTION})


UI = ExerciseUI("plan", tool=plan_section)  # /vagg: the generic results view, a screen at a time
