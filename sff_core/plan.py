"""Step 6: the local collaboration plan (samverkansplan), its marketing and its yearly follow-up.

The plan goes from the big perspective down to the concrete, as the handbook's template does: a
vision with overall goals ("det gör vi bl.a. genom att …"), delmål with a unit and a target per plan
year (år 1, 2, 3 …; the plan has a first calendar year and a number of years), and activities per
delmål and year with the organisation responsible and a status – the year grid (delmål × år).

A delmål may be linked to a network statistics series (sff_core.statistics): its actual value for
each year then comes from the network's own statistics; otherwise the group enters the actual by
hand. The follow-up (target, actual, share of target, trend against the year before) is what the
network looks at every year; a year without a value stays missing, never 0.

SWOT → delmål → aktivitet: a SWOT item the group marked as most important (★) can be linked to the
delmål it led to; the chain is readable both ways. Two facilitators editing at once: only changed
fields are written, a field someone else changed meanwhile raises EditConflict.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from sff_core.content import PlanExample, Section, get_content
from sff_core.errors import InputError
from sff_core.i18n import t, text
from sff_core.store.concurrency import Conflict, EditConflict, apply_edit, lock_row, merge
from sff_core.store.db import session_scope
from sff_core.store.models import (
    Actor,
    CollaborationPlan,
    MarketingRow,
    Member,
    Note,
    PlanActivity,
    PlanGoal,
    PlanGoalYear,
    PlanSwotLink,
    Workspace,
    utcnow,
)
from sff_core.store.uow import WorkspaceUnit, unit_of_work
from sff_core.validation import check_process_date, number_in_range, one_of, optional_text, required_text

STEP, PLAN_SECTION, MARKETING_SECTION, SWOT_SECTION = "step6", "samverkansplan", "marknadsforing", "swot"
STATUSES = ("draft", "agreed")
ACTIVITY_STATUSES = ("planned", "ongoing", "done", "cancelled")  # planerad, pågår, klar, inställd
FIRST_YEAR_RANGE = (2000, 2100)
MAX_YEARS = 10
MAX_VISION = 4000
MAX_POINT = 300
MAX_POINTS = 20
MAX_GOAL_TEXT = 1000
MAX_UNIT = 120
MAX_ACTIVITY = 500
MAX_TARGET = 1_000_000
MARKETING_FIELDS = ("target_group", "important", "channels", "tone", "helpers")
MARKETING_LENGTHS = {"target_group": 160, "important": 2000, "channels": 2000, "tone": 1000, "helpers": 1000}
TRENDS = {"up": "↑", "down": "↓", "flat": "→"}


# --- Plain data -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanInfo:
    vision: str
    points: tuple[str, ...]
    first_year: int
    years: int
    status: str = "draft"
    agreed_on: date | None = None
    stored: bool = False

    def fields(self) -> dict[str, Any]:
        """What the plan's form edits, as the form loads it."""
        return {"vision": self.vision, "points": list(self.points), "first_year": self.first_year, "years": self.years}

    def calendar_year(self, year: int) -> int:
        """Plan year 1, 2, 3 … as a calendar year."""
        return self.first_year + year - 1

    @property
    def year_numbers(self) -> list[int]:
        return list(range(1, self.years + 1))


@dataclass(frozen=True)
class GoalInfo:
    id: int
    number: int  # 1, 2, 3 … in the plan's order (the handbook's "Delmål 1")
    text: str
    unit: str
    series_key: str | None
    targets: dict[int, float | None] = field(default_factory=dict)
    actuals: dict[int, float | None] = field(default_factory=dict)  # entered by hand

    def fields(self, years: int) -> dict[str, Any]:
        """What the delmål's form edits: text, unit, series and per year its target and hand-entered actual."""
        values: dict[str, Any] = {"text": self.text, "unit": self.unit, "series": self.series_key or ""}
        for year in range(1, years + 1):
            values[f"target_{year}"] = self.targets.get(year)
            values[f"actual_{year}"] = self.actuals.get(year)
        return values

    def label(self, lang: str = "sv") -> str:
        return t("plan.goal_n", lang, n=self.number)


@dataclass(frozen=True)
class PlanActivityInfo:
    id: int
    goal_id: int
    year: int
    text: str
    responsible: str
    status: str

    def fields(self) -> dict[str, Any]:
        return {"goal_id": self.goal_id, "year": self.year, "text": self.text, "responsible": self.responsible, "status": self.status}


@dataclass(frozen=True)
class SwotItem:
    note_id: int
    quadrant: str  # the SWOT board's prompt key (styrkor, svagheter, mojligheter, hot)
    text: str
    session_date: date


@dataclass(frozen=True)
class MarketingInfo:
    id: int
    target_group: str
    important: str
    channels: str
    tone: str
    helpers: str

    def fields(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in MARKETING_FIELDS}


def plan_section() -> Section:
    return get_content().require_section(STEP, PLAN_SECTION)


# --- Input checks ---------------------------------------------------------------------------------------


def parse_number(value: object, field_name: str) -> float | None:
    """A target or actual as typed: empty means none; "5", "7,5" and 10 are numbers; anything else,
    a negative number or an implausibly large one is refused with a message naming the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InputError("plan.number", field=field_name, field_label=field_name, value=str(value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        typed = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(typed)
        except ValueError:
            raise InputError("plan.number", field=field_name, field_label=field_name, value=str(value)[:40]) from None
    if math.isnan(number) or math.isinf(number):
        raise InputError("plan.number", field=field_name, field_label=field_name, value=str(value)[:40])
    if number < 0:
        raise InputError("plan.negative", field=field_name, field_label=field_name, value=str(value)[:40])
    if number > MAX_TARGET:
        raise InputError("too_large", field=field_name, field_label=field_name, value=str(value)[:40], max=MAX_TARGET)
    return number


def check_series(value: object) -> str | None:
    """A network statistics series key, or none."""
    from sff_core.statistics import SERIES

    if value is None or value == "":
        return None
    if value not in SERIES:
        raise InputError("plan.unknown_series", field="series", value=str(value)[:60])
    return str(value)


def check_plan_year(value: object, years: int, field_name: str = "year") -> int:
    """A plan year (1 … the plan's number of years)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= years:
        raise InputError("plan.year_outside", field=field_name, value=str(value)[:20], years=years)
    return value


def _year_field(key: str) -> tuple[str, int] | None:
    """("target", 2) for "target_2"; None for a field that is not per year."""
    kind, _, number = key.partition("_")
    if kind in ("target", "actual") and number.isdigit():
        return kind, int(number)
    return None


# --- The plan (vision, overall goals, period, status) ----------------------------------------------------


def _default_first_year(uow: WorkspaceUnit) -> int:
    workspace = uow.session.get(Workspace, uow.workspace_id)
    return workspace.period_end.year if workspace is not None else date.today().year


def _plan_info(row: CollaborationPlan | None, default_year: int) -> PlanInfo:
    if row is None:
        return PlanInfo("", (), default_year, 3)
    return PlanInfo(row.vision, tuple(row.points or ()), row.first_year, row.years, row.status, row.agreed_on, True)


def get_plan(engine: Engine, workspace_id: int) -> PlanInfo:
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.scalar(select(CollaborationPlan).where(CollaborationPlan.workspace_id == workspace_id))
        return _plan_info(row, _default_first_year(uow))


def _plan_row(uow: WorkspaceUnit) -> CollaborationPlan:
    """The workspace's plan row, created on first use, locked for this unit of work."""
    row = uow.scalar(select(CollaborationPlan).where(CollaborationPlan.workspace_id == uow.workspace_id))
    if row is None:
        row = uow.add(
            CollaborationPlan(workspace_id=uow.workspace_id, vision="", points=[], first_year=_default_first_year(uow), years=3),
            "plan.add",
        )
    lock_row(uow.session, CollaborationPlan, row.id)
    uow.session.refresh(row)
    return row


def _changed(row: CollaborationPlan, agreement: bool = True) -> None:
    """A change to what the network agreed makes the plan a draft again (follow-up values do not)."""
    row.updated_at = utcnow()
    if agreement:
        row.status = "draft"


def _clean_plan(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key == "vision":
            cleaned[key] = optional_text(value, "plan.vision", MAX_VISION)
        elif key == "points":
            items = [str(v) for v in (value or []) if str(v).strip()]
            if len(items) > MAX_POINTS:
                raise InputError("plan.too_many", field="points", n=len(items), max=MAX_POINTS)
            cleaned[key] = [required_text(v, "plan.points", MAX_POINT) for v in items]
        elif key == "first_year":
            cleaned[key] = number_in_range(value, "plan.first_year", *FIRST_YEAR_RANGE)
        elif key == "years":
            cleaned[key] = number_in_range(value, "plan.years", 1, MAX_YEARS)
        else:
            raise InputError("not_allowed", field="field", field_label="field", value=str(key)[:60])
    return cleaned


def _years_in_use(uow: WorkspaceUnit) -> int:
    """The last plan year any target, actual or activity uses (0 when none)."""
    goals = select(PlanGoal.id).where(PlanGoal.workspace_id == uow.workspace_id, PlanGoal.deleted_at.is_(None))
    by_target = uow.scalar(
        select(func.max(PlanGoalYear.year)).where(
            PlanGoalYear.goal_id.in_(goals), (PlanGoalYear.target.is_not(None)) | (PlanGoalYear.actual.is_not(None))
        )
    )
    by_activity = uow.scalar(
        select(func.max(PlanActivity.year)).where(
            PlanActivity.workspace_id == uow.workspace_id, PlanActivity.deleted_at.is_(None), PlanActivity.goal_id.in_(goals)
        )
    )
    return max(by_target or 0, by_activity or 0)


def save_plan(engine: Engine, workspace_id: int, values: Mapping[str, Any], loaded: Mapping[str, Any] | None = None) -> PlanInfo:
    """Vision, points, first year and number of years: only fields changed since `loaded` are
    written; EditConflict when someone else changed one of them meanwhile."""
    cleaned = _clean_plan(values)
    with unit_of_work(engine, workspace_id) as uow:
        row = _plan_row(uow)
        if "years" in cleaned and cleaned["years"] < _years_in_use(uow):
            raise InputError("plan.years_in_use", field="years", years=cleaned["years"], used=_years_in_use(uow))
        current = {"vision": row.vision, "points": list(row.points or []), "first_year": row.first_year, "years": row.years}
        writes, conflicts = merge(None if loaded is None else dict(loaded), cleaned, current)
        if conflicts:
            raise EditConflict(conflicts)
        if writes:
            for key, value in writes.items():
                setattr(row, key, value)
            _changed(row)
            uow.audit("plan.save", fields=sorted(writes))
        return _plan_info(row, row.first_year)


def set_plan_status(
    engine: Engine, workspace_id: int, status: str, agreed_on: date | None = None, loaded_status: str | None = None
) -> PlanInfo:
    """Utkast → överenskommelse (with the date the network agreed it), or back to utkast."""
    one_of(status, list(STATUSES), "status")
    with unit_of_work(engine, workspace_id) as uow:
        if status == "agreed":
            if agreed_on is None:
                raise InputError("role_agreed_date", field="agreed_on")
            check_process_date(uow.session, workspace_id, agreed_on, "agreed_on")
        row = _plan_row(uow)
        if loaded_status is not None and row.status not in (loaded_status, status):
            raise EditConflict([Conflict("status", loaded_status, row.status, status)])
        row.status = status
        if status == "agreed":
            row.agreed_on = agreed_on
        row.updated_at = utcnow()
        uow.audit("plan.status", status=status)
        return _plan_info(row, row.first_year)


# --- Delmål with yearly targets ---------------------------------------------------------------------------


def _goal_rows(session: Any, workspace_id: int) -> list[PlanGoal]:
    return list(
        session.scalars(
            select(PlanGoal)
            .where(PlanGoal.workspace_id == workspace_id, PlanGoal.deleted_at.is_(None))
            .order_by(PlanGoal.position, PlanGoal.id)
        ).all()
    )


def list_goals(engine: Engine, workspace_id: int) -> list[GoalInfo]:
    """The plan's delmål in order, numbered 1, 2, 3 …, with their targets and hand-entered actuals."""
    with session_scope(engine) as session:
        rows = _goal_rows(session, workspace_id)
        years = session.scalars(select(PlanGoalYear).where(PlanGoalYear.goal_id.in_([r.id for r in rows] or [-1]))).all()
        targets: dict[int, dict[int, float | None]] = {}
        actuals: dict[int, dict[int, float | None]] = {}
        for y in years:
            targets.setdefault(y.goal_id, {})[y.year] = y.target
            actuals.setdefault(y.goal_id, {})[y.year] = y.actual
        return [
            GoalInfo(r.id, n, r.text, r.unit, r.series_key, targets.get(r.id, {}), actuals.get(r.id, {}))
            for n, r in enumerate(rows, start=1)
        ]


def _clean_goal(values: Mapping[str, Any], years: int) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        per_year = _year_field(key)
        if key == "text":
            cleaned[key] = required_text(value, "plan.goal", MAX_GOAL_TEXT)
        elif key == "unit":
            cleaned[key] = optional_text(value, "plan.unit", MAX_UNIT)
        elif key == "series":
            cleaned[key] = check_series(value) or ""
        elif per_year is not None:
            kind, year = per_year
            number = parse_number(value, f"plan.{kind}")
            if number is None and year > years:  # an empty field beyond the period is no value at all
                continue
            check_plan_year(year, years, key)
            cleaned[key] = number
        else:
            raise InputError("not_allowed", field="field", field_label="field", value=str(key)[:60])
    return cleaned


def _goal_current(uow: WorkspaceUnit, row: PlanGoal, keys: list[str]) -> dict[str, Any]:
    years = {y.year: y for y in uow.session.scalars(select(PlanGoalYear).where(PlanGoalYear.goal_id == row.id)).all()}
    current: dict[str, Any] = {"text": row.text, "unit": row.unit, "series": row.series_key or ""}
    for key in keys:
        per_year = _year_field(key)
        if per_year is not None:
            kind, year = per_year
            stored = years.get(year)
            current[key] = getattr(stored, kind) if stored is not None else None
    return current


def _write_goal(uow: WorkspaceUnit, row: PlanGoal, writes: Mapping[str, Any]) -> None:
    years = {y.year: y for y in uow.session.scalars(select(PlanGoalYear).where(PlanGoalYear.goal_id == row.id)).all()}
    for key, value in writes.items():
        per_year = _year_field(key)
        if per_year is None:
            setattr(row, "series_key" if key == "series" else key, (value or None) if key == "series" else value)
            continue
        kind, year = per_year
        stored = years.get(year)
        if stored is None:
            stored = PlanGoalYear(goal_id=row.id, year=year)
            uow.session.add(stored)
            years[year] = stored
        setattr(stored, kind, value)


def save_goal(
    engine: Engine, workspace_id: int, goal_id: int | None, values: Mapping[str, Any], loaded: Mapping[str, Any] | None = None
) -> GoalInfo:
    """Add a delmål (goal_id None) or change one: text, unit, statistics series, and per year
    `target_N` / `actual_N`. Only fields changed since `loaded` are written; EditConflict when
    someone else changed one of them meanwhile. A new target or text makes an agreed plan a draft."""
    with unit_of_work(engine, workspace_id) as uow:
        plan = _plan_row(uow)
        cleaned = _clean_goal(values, plan.years)
        if goal_id is None:
            if "text" not in cleaned:
                raise InputError("required", field="text", field_label="plan.goal")
            position = (uow.scalar(select(func.max(PlanGoal.position)).where(PlanGoal.workspace_id == workspace_id)) or 0) + 1
            row = uow.add(
                PlanGoal(workspace_id=workspace_id, position=position, text=cleaned["text"], unit="", series_key=None), "plan_goal.add"
            )
            writes = {k: v for k, v in cleaned.items() if k != "text" and v not in (None, "")}
        else:
            row = uow.owned(PlanGoal, goal_id, "plan.unknown_goal")
            lock_row(uow.session, PlanGoal, row.id)
            uow.session.refresh(row)
            writes, conflicts = merge(None if loaded is None else dict(loaded), cleaned, _goal_current(uow, row, list(cleaned)))
            if conflicts:
                raise EditConflict(conflicts)
        _write_goal(uow, row, writes)
        if writes or goal_id is None:
            _changed(plan, agreement=goal_id is None or any(not k.startswith("actual_") for k in writes))
            uow.audit("plan_goal.save", id=row.id, fields=sorted(writes))
        saved_id = row.id
    return next(g for g in list_goals(engine, workspace_id) if g.id == saved_id)


def remove_goal(engine: Engine, workspace_id: int, goal_id: int) -> None:
    """Remove a delmål (kept for history, with its activities and SWOT links hidden with it)."""
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(PlanGoal, goal_id, "plan.unknown_goal", "plan_goal.remove")
        _changed(_plan_row(uow))


# --- Activities per delmål and year -----------------------------------------------------------------------


def responsible_options(engine: Engine, workspace_id: int) -> list[str]:
    """Who can be responsible for an activity: the step 3 actors and the core-group members'
    organisations (organisations, never private persons)."""
    with session_scope(engine) as session:
        return _responsible_names(session, workspace_id)


def _responsible_names(session: Any, workspace_id: int) -> list[str]:
    actors = session.scalars(
        select(Actor.name).where(Actor.workspace_id == workspace_id, Actor.deleted_at.is_(None)).order_by(Actor.name)
    ).all()
    organisations = session.scalars(
        select(Member.organisation).where(Member.workspace_id == workspace_id, Member.deleted_at.is_(None)).order_by(Member.organisation)
    ).all()
    return list(dict.fromkeys([*actors, *organisations]))


def list_activities(engine: Engine, workspace_id: int) -> list[PlanActivityInfo]:
    """Every activity of the plan's (not removed) delmål, by delmål, year and order."""
    with session_scope(engine) as session:
        rows = session.scalars(
            select(PlanActivity)
            .join(PlanGoal, PlanGoal.id == PlanActivity.goal_id)
            .where(PlanActivity.workspace_id == workspace_id, PlanActivity.deleted_at.is_(None), PlanGoal.deleted_at.is_(None))
            .order_by(PlanGoal.position, PlanGoal.id, PlanActivity.year, PlanActivity.position, PlanActivity.id)
        ).all()
        return [PlanActivityInfo(r.id, r.goal_id, r.year, r.text, r.responsible, r.status) for r in rows]


def _clean_activity(uow: WorkspaceUnit, values: Mapping[str, Any], years: int, current_responsible: str = "") -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key == "goal_id":
            if isinstance(value, bool) or not isinstance(value, int):
                raise InputError("plan.unknown_goal", field="goal")
            cleaned[key] = uow.owned(PlanGoal, value, "plan.unknown_goal").id
        elif key == "year":
            cleaned[key] = check_plan_year(value, years)
        elif key == "text":
            cleaned[key] = required_text(value, "plan.activity", MAX_ACTIVITY)
        elif key == "responsible":
            name = optional_text(value, "plan.responsible", 160)
            known = set(_responsible_names(uow.session, uow.workspace_id)) | {current_responsible, ""}
            if name not in known:
                raise InputError("plan.unknown_responsible", field="responsible", value=name[:80])
            cleaned[key] = name
        elif key == "status":
            cleaned[key] = one_of(value if isinstance(value, str) else None, list(ACTIVITY_STATUSES), "status")
        else:
            raise InputError("not_allowed", field="field", field_label="field", value=str(key)[:60])
    return cleaned


def save_activity(
    engine: Engine, workspace_id: int, activity_id: int | None, values: Mapping[str, Any], loaded: Mapping[str, Any] | None = None
) -> PlanActivityInfo:
    """Add an activity (activity_id None: goal_id, year and text required) or change one; only fields
    changed since `loaded` are written, EditConflict when someone else changed one meanwhile. A
    status change (planerad → klar) is follow-up and leaves an agreed plan agreed."""
    with unit_of_work(engine, workspace_id) as uow:
        plan = _plan_row(uow)
        row = None if activity_id is None else uow.owned(PlanActivity, activity_id, "plan.unknown_activity")
        cleaned = _clean_activity(uow, values, plan.years, row.responsible if row is not None else "")
        if row is None:
            for required in ("goal_id", "year", "text"):
                if required not in cleaned:
                    raise InputError("required", field=required, field_label=f"plan.{required}")
            position = (
                uow.scalar(
                    select(func.max(PlanActivity.position)).where(
                        PlanActivity.goal_id == cleaned["goal_id"], PlanActivity.year == cleaned["year"]
                    )
                )
                or 0
            ) + 1
            row = uow.add(
                PlanActivity(
                    workspace_id=workspace_id,
                    position=position,
                    **{"responsible": "", "status": "planned", **cleaned},
                ),
                "plan_activity.add",
            )
            _changed(plan)
        else:
            lock_row(uow.session, PlanActivity, row.id)
            uow.session.refresh(row)
            writes = apply_edit(uow.session, row, loaded, cleaned)
            if writes:
                _changed(plan, agreement=set(writes) != {"status"})
                uow.audit("plan_activity.save", id=row.id, fields=sorted(writes))
        return PlanActivityInfo(row.id, row.goal_id, row.year, row.text, row.responsible, row.status)


def remove_activity(engine: Engine, workspace_id: int, activity_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(PlanActivity, activity_id, "plan.unknown_activity", "plan_activity.remove")
        _changed(_plan_row(uow))


# --- The handbook's example as a draft ---------------------------------------------------------------------


def plan_is_empty(engine: Engine, workspace_id: int) -> bool:
    plan = get_plan(engine, workspace_id)
    return not (plan.vision or plan.points or list_goals(engine, workspace_id))


def load_example(engine: Engine, workspace_id: int, lang: str = "sv", first_year: int | None = None) -> int:
    """Start from the Helsingborg example: vision, points, delmål with targets and every activity of
    the handbook's year grid, as a draft the group edits. Only into an empty plan (nothing is
    overwritten). Returns the number of activities loaded. One transaction: all or nothing."""
    example = plan_section().plan_example
    if example is None:  # the content always has it; a test checks
        raise InputError("plan.no_example", field="example")
    years = max([3, *(len(g.targets) for g in example.goals), *(a.year for g in example.goals for a in g.activities)])
    loaded = 0
    with unit_of_work(engine, workspace_id) as uow:
        plan = _plan_row(uow)
        goals = uow.scalar(select(func.count(PlanGoal.id)).where(PlanGoal.workspace_id == workspace_id, PlanGoal.deleted_at.is_(None)))
        if plan.vision or plan.points or goals:
            raise InputError("plan.not_empty", field="example")
        plan.vision = text(example.vision, lang)
        plan.points = [text(p, lang) for p in example.points]
        plan.years = max(plan.years, years)
        if first_year is not None:
            plan.first_year = number_in_range(first_year, "plan.first_year", *FIRST_YEAR_RANGE) or plan.first_year
        _changed(plan)
        loaded = _add_example_goals(uow, example, lang)
        uow.audit("plan.example", goals=len(example.goals), activities=loaded)
    return loaded


def _add_example_goals(uow: WorkspaceUnit, example: PlanExample, lang: str) -> int:
    count = 0
    for position, goal in enumerate(example.goals, start=1):
        row = PlanGoal(
            workspace_id=uow.workspace_id,
            position=position,
            text=text(goal.text, lang),
            unit=text(goal.unit, lang),
            series_key=check_series(goal.series),
        )
        uow.session.add(row)
        uow.session.flush()
        for year, target in enumerate(goal.targets, start=1):
            if target is not None:
                uow.session.add(PlanGoalYear(goal_id=row.id, year=year, target=float(target)))
        for order, activity in enumerate(goal.activities, start=1):
            uow.session.add(
                PlanActivity(
                    workspace_id=uow.workspace_id,
                    goal_id=row.id,
                    year=activity.year,
                    position=order,
                    text=text(activity.text, lang),
                    responsible="",
                    status="planned",
                )
            )
            count += 1
    return count


# --- SWOT → delmål ------------------------------------------------------------------------------------------


def _swot_item(row: Note) -> SwotItem:
    return SwotItem(row.id, row.prompt_key, row.text, row.session_date)


def swot_candidates(engine: Engine, workspace_id: int) -> list[SwotItem]:
    """The SWOT items the group marked as most important (★), which a delmål can be drawn from."""
    with session_scope(engine) as session:
        rows = session.scalars(
            select(Note)
            .where(
                Note.workspace_id == workspace_id,
                Note.step_key == STEP,
                Note.section_key == SWOT_SECTION,
                Note.deleted_at.is_(None),
                Note.merged_into_id.is_(None),
                Note.marked.is_(True),
            )
            .order_by(Note.session_date.desc(), Note.prompt_key, Note.id)
        ).all()
        return [_swot_item(r) for r in rows]


def link_swot(engine: Engine, workspace_id: int, note_id: int, goal_id: int) -> None:
    """Record that a marked SWOT item led to a delmål (linking twice keeps one link)."""
    with unit_of_work(engine, workspace_id) as uow:
        note = uow.owned(Note, note_id, "plan.unknown_swot")
        if note.step_key != STEP or note.section_key != SWOT_SECTION or note.merged_into_id is not None:
            raise InputError("plan.unknown_swot", field="swot")
        if not note.marked:
            raise InputError("plan.swot_not_marked", field="swot")
        goal = uow.owned(PlanGoal, goal_id, "plan.unknown_goal")
        exists = uow.scalar(select(PlanSwotLink.id).where(PlanSwotLink.note_id == note.id, PlanSwotLink.goal_id == goal.id))
        if exists is None:
            uow.add(PlanSwotLink(note_id=note.id, goal_id=goal.id), "plan_swot.link", note_id=note.id, goal_id=goal.id)


def unlink_swot(engine: Engine, workspace_id: int, note_id: int, goal_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        goal = uow.owned(PlanGoal, goal_id, "plan.unknown_goal")
        link = uow.scalar(select(PlanSwotLink).where(PlanSwotLink.note_id == note_id, PlanSwotLink.goal_id == goal.id))
        if link is not None:
            uow.session.delete(link)
            uow.audit("plan_swot.unlink", note_id=note_id, goal_id=goal.id)


def _links(session: Any, workspace_id: int) -> list[tuple[Note, PlanGoal]]:
    return list(
        session.execute(
            select(Note, PlanGoal)
            .join(PlanSwotLink, PlanSwotLink.note_id == Note.id)
            .join(PlanGoal, PlanGoal.id == PlanSwotLink.goal_id)
            .where(
                PlanGoal.workspace_id == workspace_id,
                Note.workspace_id == workspace_id,
                PlanGoal.deleted_at.is_(None),
                Note.deleted_at.is_(None),
            )
            .order_by(PlanGoal.position, PlanGoal.id, Note.id)
        )
        .tuples()
        .all()
    )


def swot_for_goals(engine: Engine, workspace_id: int) -> dict[int, list[SwotItem]]:
    """Per delmål id the SWOT items behind it (the chain read from the plan's side)."""
    with session_scope(engine) as session:
        found: dict[int, list[SwotItem]] = {}
        for note, goal in _links(session, workspace_id):
            found.setdefault(goal.id, []).append(_swot_item(note))
        return found


def goals_for_swot(engine: Engine, workspace_id: int) -> dict[int, list[GoalInfo]]:
    """Per SWOT note id the delmål it led to (the chain read from the SWOT's side: its results can
    show "→ Delmål 2" beside an item)."""
    goals = {g.id: g for g in list_goals(engine, workspace_id)}
    with session_scope(engine) as session:
        pairs = [(note.id, goal.id) for note, goal in _links(session, workspace_id)]
    found: dict[int, list[GoalInfo]] = {}
    for note_id, goal_id in pairs:
        if goal_id in goals:
            found.setdefault(note_id, []).append(goals[goal_id])
    return found


def goals_for_note(engine: Engine, workspace_id: int, note_id: int) -> list[GoalInfo]:
    """The delmål one SWOT item led to."""
    return goals_for_swot(engine, workspace_id).get(note_id, [])


# --- Follow-up: target, actual, share, trend -----------------------------------------------------------------


def actual_values(plan: PlanInfo, goal: GoalInfo, series: Mapping[str, Mapping[int, int | None]]) -> dict[int, float | None]:
    """Pure: a delmål's actual per plan year – from its statistics series when linked (`series`: every
    series' values per calendar year, sff_core.statistics.all_series_values), else as entered."""
    if goal.series_key:
        values = series[goal.series_key]
        by_year = {y: values.get(plan.calendar_year(y)) for y in plan.year_numbers}
        return {y: None if value is None else float(value) for y, value in by_year.items()}
    return {y: goal.actuals.get(y) for y in plan.year_numbers}


def trend(previous: float | None, current: float | None) -> str | None:
    """Pure: up, down or flat against the year before; None when either year is missing."""
    if previous is None or current is None:
        return None
    if current > previous:
        return "up"
    return "down" if current < previous else "flat"


def share_of_target(actual: float | None, target: float | None) -> float | None:
    """Pure: the actual as a percentage of the target; None when either is missing or the target is 0."""
    if actual is None or target is None or target == 0:
        return None
    return round(100 * actual / target, 1)


SCORECARD_COLUMNS = ["goal_id", "number", "goal", "unit", "source", "year", "calendar_year", "target", "actual", "share", "trend"]


def scorecard_frame(plan: PlanInfo, goals: list[GoalInfo], actuals: Mapping[int, Mapping[int, float | None]]) -> pd.DataFrame:
    """Pure: one row per delmål and plan year; missing values stay missing (None), never 0."""
    rows = []
    for goal in goals:
        previous: float | None = None
        for year in plan.year_numbers:
            target = goal.targets.get(year)
            actual = actuals.get(goal.id, {}).get(year)
            rows.append(
                {
                    "goal_id": goal.id,
                    "number": goal.number,
                    "goal": goal.text,
                    "unit": goal.unit,
                    "source": goal.series_key or "",
                    "year": year,
                    "calendar_year": plan.calendar_year(year),
                    "target": target,
                    "actual": actual,
                    "share": share_of_target(actual, target),
                    "trend": trend(previous, actual) if year > 1 else None,
                }
            )
            previous = actual
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)


def scorecard(engine: Engine, workspace_id: int) -> pd.DataFrame:
    """The follow-up of every delmål and year (see scorecard_frame); the statistics are read once."""
    from sff_core.statistics import all_series_values

    plan = get_plan(engine, workspace_id)
    goals = list_goals(engine, workspace_id)
    series = all_series_values(engine, workspace_id) if any(g.series_key for g in goals) else {}
    return scorecard_frame(plan, goals, {g.id: actual_values(plan, g, series) for g in goals})


def current_year_scorecard(frame: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """Pure: per delmål the latest plan year up to this calendar year that has a target or an actual
    (the overview's compact scorecard); delmål with neither are left out."""
    this_year = (today or date.today()).year
    rows = []
    for _, goal_rows in frame.groupby("number", sort=True):
        known = goal_rows[(goal_rows["calendar_year"] <= this_year) & (goal_rows["target"].notna() | goal_rows["actual"].notna())]
        if known.empty:
            known = goal_rows[goal_rows["target"].notna()].head(1)  # the plan has not started: its first target
        if not known.empty:
            rows.append(known.iloc[-1])
    return pd.DataFrame(rows, columns=frame.columns).reset_index(drop=True)


# --- The year grid (delmål × år) ------------------------------------------------------------------------------


def year_grid(
    plan: PlanInfo, goals: list[GoalInfo], activities: list[PlanActivityInfo], status_labels: Mapping[str, str], missing: str = ""
) -> pd.DataFrame:
    """Pure: one row per delmål, one column per plan year, each cell its activities as lines
    "text – responsible (status)". Columns: "goal", then 1, 2, 3 … (plan years)."""
    cells: dict[tuple[int, int], list[str]] = {}
    for activity in activities:
        who = activity.responsible or missing
        line = activity.text + (f" – {who}" if who else "") + f" ({status_labels.get(activity.status, activity.status)})"
        cells.setdefault((activity.goal_id, activity.year), []).append(line)
    rows = []
    for goal in goals:
        row: dict[Any, str] = {"goal": f"{goal.number}. {goal.text}"}
        for year in plan.year_numbers:
            row[year] = "\n".join(f"• {line}" for line in cells.get((goal.id, year), []))
        rows.append(row)
    return pd.DataFrame(rows, columns=["goal", *plan.year_numbers])


# --- Marknadsföring: the five questions per target group ---------------------------------------------------------


def list_marketing(engine: Engine, workspace_id: int) -> list[MarketingInfo]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(MarketingRow)
            .where(MarketingRow.workspace_id == workspace_id, MarketingRow.deleted_at.is_(None))
            .order_by(MarketingRow.id)
        ).all()
        return [MarketingInfo(r.id, *(getattr(r, f) for f in MARKETING_FIELDS)) for r in rows]


def save_marketing(
    engine: Engine, workspace_id: int, row_id: int | None, values: Mapping[str, Any], loaded: Mapping[str, Any] | None = None
) -> MarketingInfo:
    """One target group's answers (a new row when row_id is None: the target group is required);
    only fields changed since `loaded` are written, EditConflict when someone else changed one."""
    unknown = [f for f in values if f not in MARKETING_FIELDS]
    if unknown:
        raise InputError("not_allowed", field="field", field_label="field", value=str(unknown[0])[:60])
    cleaned = {
        f: (required_text if f == "target_group" else optional_text)(v, f"plan.{f}", MARKETING_LENGTHS[f]) for f, v in values.items()
    }
    with unit_of_work(engine, workspace_id) as uow:
        others = uow.session.scalars(
            select(MarketingRow.target_group).where(
                MarketingRow.workspace_id == workspace_id, MarketingRow.deleted_at.is_(None), MarketingRow.id != (row_id or -1)
            )
        ).all()
        group = cleaned.get("target_group")
        if group is not None and group.casefold() in {o.casefold() for o in others}:
            raise InputError("plan.marketing_duplicate", field="target_group", value=group[:80])
        if row_id is None:
            if not group:
                raise InputError("required", field="target_group", field_label="plan.target_group")
            row = uow.add(MarketingRow(workspace_id=workspace_id, **{**dict.fromkeys(MARKETING_FIELDS, ""), **cleaned}), "marketing.add")
        else:
            row = uow.owned(MarketingRow, row_id, "plan.unknown_marketing")
            lock_row(uow.session, MarketingRow, row.id)
            uow.session.refresh(row)
            if apply_edit(uow.session, row, loaded, cleaned):
                row.updated_at = utcnow()
                uow.audit("marketing.save", id=row.id)
        return MarketingInfo(row.id, *(getattr(row, f) for f in MARKETING_FIELDS))


def remove_marketing(engine: Engine, workspace_id: int, row_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(MarketingRow, row_id, "plan.unknown_marketing", "marketing.remove")
