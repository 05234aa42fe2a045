"""Step 3: possible collaboration actors, their collaboration level and the analysis over time.

The handbook's analysis table: actor, påverkansgrad 1–5, upplevt stöd 1–5, reason, action to
increase support, result, contact person's role, comment. Assessments are kept over time so the
influence × support matrix can draw each actor's movement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, select

from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.store.concurrency import apply_edit, lock_row
from sff_core.store.db import session_scope
from sff_core.store.models import Actor, ActorAssessment
from sff_core.store.uow import unit_of_work
from sff_core.validation import check_process_date, number_in_range, one_of, optional_text, required_text

LEVEL_RANGE = (1, 4)
SCORE_RANGE = (1, 5)
ASSESSMENT_COLUMNS = [
    "actor_id",
    "actor",
    "sector",
    "assessed_on",
    "influence",
    "support",
    "reason",
    "action",
    "result",
    "contact_role",
    "comment",
]


@dataclass(frozen=True)
class ActorInfo:
    id: int
    name: str
    sector: str
    current_level: int | None
    wanted_level: int | None
    level_notes: str


def _info(row: Actor) -> ActorInfo:
    return ActorInfo(row.id, row.name, row.sector, row.current_level, row.wanted_level, row.level_notes)


def add_actor(engine: Engine, workspace_id: int, name: str, sector: str) -> ActorInfo:
    values = {"name": required_text(name, "organisation", 160), "sector": one_of(sector, get_content().vocab_keys("sectors"), "sector")}
    with unit_of_work(engine, workspace_id) as uow:
        row = Actor(workspace_id=workspace_id, **values)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("actor.add", actor_id=row.id)
        return _info(row)


def remove_actor(engine: Engine, workspace_id: int, actor_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(Actor, actor_id, "unknown_actor", "actor.remove")


def list_actors(engine: Engine, workspace_id: int) -> list[ActorInfo]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(Actor).where(Actor.workspace_id == workspace_id, Actor.deleted_at.is_(None)).order_by(Actor.name)
        ).all()
        return [_info(r) for r in rows]


def _in_range(value: int | None, bounds: tuple[int, int], field: str, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not bounds[0] <= value <= bounds[1]:
        raise InputError("score_range", field=field, low=bounds[0], high=bounds[1], value=value, prompt=field)
    return value


def set_levels(
    engine: Engine,
    workspace_id: int,
    actor_id: int,
    current: int | None,
    wanted: int | None,
    notes: str = "",
    loaded: Mapping[str, object] | None = None,
) -> None:
    """Olika nivåer av samverkan: where the collaboration is now and where the group wants it.

    With `loaded` (see `level_fields`) only changed fields are saved, and a field someone else
    changed meanwhile raises EditConflict.
    """
    values = {
        "current_level": number_in_range(current, "current_level", *LEVEL_RANGE, optional=True),
        "wanted_level": number_in_range(wanted, "wanted_level", *LEVEL_RANGE, optional=True),
        "level_notes": optional_text(notes, "note"),
    }
    with unit_of_work(engine, workspace_id) as uow:
        lock_row(uow.session, Actor, actor_id)
        row = uow.owned(Actor, actor_id, "unknown_actor")
        if apply_edit(uow.session, row, loaded, values):
            uow.audit("actor.levels", actor_id=actor_id)


def level_fields(actor: ActorInfo) -> dict[str, object]:
    """An actor's level fields as the levels form loads them."""
    return {"current_level": actor.current_level, "wanted_level": actor.wanted_level, "level_notes": actor.level_notes}


def add_assessment(
    engine: Engine,
    workspace_id: int,
    actor_id: int,
    assessed_on: date | None,
    influence: int,
    support: int,
    reason: str = "",
    action: str = "",
    result: str = "",
    contact_role: str = "",
    comment: str = "",
    today: date | None = None,
) -> int:
    if assessed_on is None:
        raise InputError("required", field="assessed_on", field_label="assessed_on")
    if assessed_on > (today or date.today()):
        raise InputError("future_date", field="assessed_on", date=assessed_on.isoformat())
    values = {
        "influence": _in_range(influence, SCORE_RANGE, "influence"),
        "support": _in_range(support, SCORE_RANGE, "support"),
        "reason": optional_text(reason, "reason"),
        "action": optional_text(action, "action"),
        "result": optional_text(result, "result"),
        "contact_role": optional_text(contact_role, "contact_role", 160),
        "comment": optional_text(comment, "comment"),
    }
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(Actor, actor_id, "unknown_actor")
        check_process_date(uow.session, workspace_id, assessed_on, "assessed_on")
        row = ActorAssessment(actor_id=actor_id, assessed_on=assessed_on, **values)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("actor.assess", actor_id=actor_id)
        return row.id


def load_assessments(engine: Engine, workspace_id: int) -> pd.DataFrame:
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                ActorAssessment.actor_id,
                Actor.name,
                Actor.sector,
                ActorAssessment.assessed_on,
                ActorAssessment.influence,
                ActorAssessment.support,
                ActorAssessment.reason,
                ActorAssessment.action,
                ActorAssessment.result,
                ActorAssessment.contact_role,
                ActorAssessment.comment,
            )
            .join(Actor, Actor.id == ActorAssessment.actor_id)
            .where(Actor.workspace_id == workspace_id, Actor.deleted_at.is_(None))
            .order_by(ActorAssessment.assessed_on, ActorAssessment.id)
        ).all()
    return pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)


def movements(assessments: pd.DataFrame) -> pd.DataFrame:
    """Pure: per actor the latest assessment and the one before it (None when only one)."""
    columns = ["actor_id", "actor", "influence", "support", "previous_influence", "previous_support", "assessed_on", "assessments"]
    if assessments.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for actor_id, group in assessments.sort_values(["assessed_on"], kind="stable").groupby("actor_id", sort=False):
        latest = group.iloc[-1]
        previous = group.iloc[-2] if len(group) > 1 else None
        rows.append(
            {
                "actor_id": actor_id,
                "actor": latest["actor"],
                "influence": int(latest["influence"]),
                "support": int(latest["support"]),
                "previous_influence": None if previous is None else int(previous["influence"]),
                "previous_support": None if previous is None else int(previous["support"]),
                "assessed_on": latest["assessed_on"],
                "assessments": len(group),
            }
        )
    return pd.DataFrame(rows, columns=columns).sort_values("actor", ignore_index=True)
