"""Step 5 'Anordna ett event': the start-up event, its checklist, its invitees and the network.

The event has a date, venue, purpose, length, agenda (items with the core-group member responsible)
and speakers. The handbook's checklist (the section's prompts in content) gets an owner, a deadline
and a status per point. Invitees are actors of step 3: invited → reminded → answered, with each
organisation's answers to the handbook's three asks. An organisation that says yes to the network
becomes a network participant, whom steps 6–7 can invite later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd
from sqlalchemy import Engine, func, select

from sff_core.content import get_content
from sff_core.errors import InputError
from sff_core.store.concurrency import EditConflict, apply_edit, lock_row, merge
from sff_core.store.db import session_scope
from sff_core.store.models import (
    Actor,
    EventAgendaItem,
    EventChecklistItem,
    EventInvitee,
    Member,
    NetworkEvent,
    NetworkParticipant,
    utcnow,
)
from sff_core.store.uow import WorkspaceUnit, unit_of_work
from sff_core.validation import check_process_date, number_in_range, one_of, optional_text, required_text

STEP, SECTION = "step5", "anordna_event"
CHECK_STATUSES = ("todo", "doing", "done")  # the vocabulary `task_statuses`
INVITEE_STATUSES = ("invited", "reminded", "answered")
ASKS = ("join_network", "shape_work", "attend_startup")
FUNNEL_STAGES = ("invited", "reminded", "answered", "join_network")
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class EventInfo:
    id: int
    title: str
    event_date: date
    venue: str
    purpose: str
    length_minutes: int | None
    speakers: str
    startup_date: date | None
    created_on: date


@dataclass(frozen=True)
class AgendaLine:
    id: int
    position: int
    title: str
    minutes: int | None
    member_id: int | None
    member: str


@dataclass(frozen=True)
class CheckItem:
    key: str
    owner: str
    deadline: date | None
    status: str


@dataclass(frozen=True)
class InviteeInfo:
    id: int
    actor_id: int
    organisation: str
    sector: str
    status: str
    reminded: bool
    join_network: bool | None
    shape_work: bool | None
    attend_startup: bool | None


@dataclass(frozen=True)
class ParticipantInfo:
    id: int
    actor_id: int
    organisation: str
    sector: str
    joined_on: date


def checklist_keys() -> list[str]:
    """The handbook's checklist points (the section's prompt keys), in order."""
    return [p.key for p in get_content().require_section(STEP, SECTION).prompts]


def _event_info(row: NetworkEvent) -> EventInfo:
    return EventInfo(
        row.id,
        row.title,
        row.event_date,
        row.venue,
        row.purpose,
        row.length_minutes,
        row.speakers,
        row.startup_date,
        row.created_at.date(),
    )


def _event_values(title: str, venue: str, purpose: str, length_minutes: int | None, speakers: str) -> dict[str, object]:
    return {
        "title": required_text(title, "title", 200),
        "venue": optional_text(venue, "venue", 200),
        "purpose": optional_text(purpose, "purpose"),
        "length_minutes": number_in_range(length_minutes, "length_minutes", 15, MAX_MINUTES, optional=True),
        "speakers": optional_text(speakers, "speakers"),
    }


def save_event(
    engine: Engine,
    workspace_id: int,
    title: str,
    event_date: date | None,
    venue: str = "",
    purpose: str = "",
    length_minutes: int | None = None,
    speakers: str = "",
    startup_date: date | None = None,
    event_id: int | None = None,
    *,
    planned_on: date | None = None,
    loaded: Mapping[str, object] | None = None,
) -> EventInfo:
    """Create the event, or (with `event_id`) change it; every field is checked before anything is written.

    `planned_on` dates a new event's creation (the earliest deadline its checklist accepts) on a past day
    of the process instead of now: the demo tells its story with it. Not after today; ignored on a change.
    With `loaded` (the form's values when it was opened) a change writes only the fields the person
    changed and raises EditConflict when someone else saved one of them meanwhile.
    """
    values = _event_values(title, venue, purpose, length_minutes, speakers)
    with unit_of_work(engine, workspace_id) as uow:
        values["event_date"] = check_process_date(uow.session, workspace_id, event_date, "event_date")
        if startup_date is not None:
            values["startup_date"] = check_process_date(uow.session, workspace_id, startup_date, "startup_date")
        else:
            values["startup_date"] = None
        if event_id is None:
            if planned_on is not None:
                check_process_date(uow.session, workspace_id, planned_on, "planned_on")
                if planned_on > utcnow().date():
                    raise InputError("future_date", field="planned_on", date=planned_on.isoformat())
                values["created_at"] = datetime.combine(planned_on, time(12))
            row = uow.add(NetworkEvent(workspace_id=workspace_id, **values), "network_event.add")
        else:
            lock_row(uow.session, NetworkEvent, event_id)
            row = uow.owned(NetworkEvent, event_id, "unknown_event")
            if apply_edit(uow.session, row, loaded, values):
                uow.audit("network_event.edit", id=event_id)
        return _event_info(row)


def list_events(engine: Engine, workspace_id: int) -> list[EventInfo]:
    with session_scope(engine) as session:
        rows = session.scalars(
            select(NetworkEvent)
            .where(NetworkEvent.workspace_id == workspace_id, NetworkEvent.deleted_at.is_(None))
            .order_by(NetworkEvent.event_date, NetworkEvent.id)
        ).all()
        return [_event_info(r) for r in rows]


def latest_event(engine: Engine, workspace_id: int) -> EventInfo | None:
    events = list_events(engine, workspace_id)
    return events[-1] if events else None


def remove_event(engine: Engine, workspace_id: int, event_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(NetworkEvent, event_id, "unknown_event", "network_event.remove")


# --- Agenda ------------------------------------------------------------------------------------------


def add_agenda_item(
    engine: Engine, workspace_id: int, event_id: int, title: str, member_id: int | None = None, minutes: int | None = None
) -> int:
    values = {
        "title": required_text(title, "title", 200),
        "minutes": number_in_range(minutes, "minutes", 1, MAX_MINUTES, optional=True),
    }
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(NetworkEvent, event_id, "unknown_event")
        if member_id is not None:
            uow.owned(Member, member_id, "unknown_member")
        position = uow.scalar(select(func.coalesce(func.max(EventAgendaItem.position), 0)).where(EventAgendaItem.event_id == event_id))
        row = uow.add(
            EventAgendaItem(event_id=event_id, position=int(position) + 1, member_id=member_id, **values), "event_agenda_item.add"
        )
        return row.id


def remove_agenda_item(engine: Engine, workspace_id: int, item_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.owned(EventAgendaItem, item_id, "unknown_agenda_item", through="event")
        uow.session.delete(row)
        uow.audit("event_agenda_item.remove", id=item_id)


def list_agenda(engine: Engine, workspace_id: int, event_id: int) -> list[AgendaLine]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(EventAgendaItem, Member.name)
            .join(NetworkEvent, NetworkEvent.id == EventAgendaItem.event_id)
            .outerjoin(Member, Member.id == EventAgendaItem.member_id)
            .where(EventAgendaItem.event_id == event_id, NetworkEvent.workspace_id == workspace_id)
            .order_by(EventAgendaItem.position)
        ).all()
        return [AgendaLine(r.id, r.position, r.title, r.minutes, r.member_id, name or "") for r, name in rows]


# --- The checklist -----------------------------------------------------------------------------------


def save_check_item(
    engine: Engine,
    workspace_id: int,
    event_id: int,
    item_key: str,
    owner: str = "",
    deadline: date | None = None,
    status: str = "todo",
    loaded: Mapping[str, object] | None = None,
) -> CheckItem:
    """Owner, deadline and status of one checklist point. A deadline before the event was created
    (or outside the workspace's period) is refused. With `loaded` (what the form showed) only the
    changed fields are written; someone else's change to one of them raises EditConflict."""
    key = one_of(item_key, checklist_keys(), "checklist_item")
    values = {"owner": optional_text(owner, "owner", 120), "status": one_of(status, list(CHECK_STATUSES), "status")}
    with unit_of_work(engine, workspace_id) as uow:
        lock_row(uow.session, NetworkEvent, event_id)  # one point's first save creates its row: lock the event
        event = uow.owned(NetworkEvent, event_id, "unknown_event")
        if deadline is not None:
            check_process_date(uow.session, workspace_id, deadline, "deadline")
            created = event.created_at.date()
            if deadline < created:
                raise InputError("deadline_before_event", field="deadline", date=deadline.isoformat(), created=created.isoformat())
        row = uow.scalar(select(EventChecklistItem).where(EventChecklistItem.event_id == event_id, EventChecklistItem.item_key == key))
        submitted = {**values, "deadline": deadline}
        if row is None:
            writes, conflicts = merge(loaded, submitted, {"owner": "", "deadline": None, "status": "todo"})
            if conflicts:
                raise EditConflict(conflicts)
            row = uow.add(
                EventChecklistItem(event_id=event_id, item_key=key, **{"owner": "", "deadline": None, "status": "todo", **writes}),
                "event_checklist_item.save",
                item=key,
            )
        elif apply_edit(uow.session, row, loaded, submitted):
            uow.audit("event_checklist_item.save", item=key)
        return CheckItem(str(key), row.owner, row.deadline, row.status)


def checklist(engine: Engine, workspace_id: int, event_id: int) -> list[CheckItem]:
    """Every checklist point in the handbook's order, with what the group has set (defaults otherwise)."""
    with session_scope(engine) as session:
        rows = session.scalars(
            select(EventChecklistItem)
            .join(NetworkEvent, NetworkEvent.id == EventChecklistItem.event_id)
            .where(EventChecklistItem.event_id == event_id, NetworkEvent.workspace_id == workspace_id)
        ).all()
        stored = {r.item_key: CheckItem(r.item_key, r.owner, r.deadline, r.status) for r in rows}
    return [stored.get(key, CheckItem(key, "", None, "todo")) for key in checklist_keys()]


# --- Invitees and their answers -------------------------------------------------------------------------


def invite(engine: Engine, workspace_id: int, event_id: int, actor_ids: list[int]) -> int:
    """Invite actors of the register; one already invited is left as it is. Returns how many were added."""
    added = 0
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(NetworkEvent, event_id, "unknown_event")
        invited = set(uow.session.scalars(select(EventInvitee.actor_id).where(EventInvitee.event_id == event_id)).all())
        for actor_id in dict.fromkeys(actor_ids):
            uow.owned(Actor, actor_id, "unknown_actor")
            if actor_id in invited:
                continue
            uow.add(EventInvitee(event_id=event_id, actor_id=actor_id, status="invited"), "event_invitee.add", actor_id=actor_id)
            added += 1
    return added


def _invitee(uow: WorkspaceUnit, invitee_id: int) -> EventInvitee:
    row = uow.owned(EventInvitee, invitee_id, "unknown_invitee", through="event")
    if row.event.deleted_at is not None:
        raise InputError("unknown_invitee", field="invitee")
    return row


def remind(engine: Engine, workspace_id: int, invitee_id: int) -> None:
    """Mark that the group followed the invitation up; an organisation that has answered needs no reminder."""
    with unit_of_work(engine, workspace_id) as uow:
        row = _invitee(uow, invitee_id)
        if row.status == "answered":
            raise InputError("invitee_already_answered", field="invitee")
        row.status, row.reminded_at = "reminded", utcnow()
        uow.audit("event_invitee.remind", id=invitee_id)


def record_answer(
    engine: Engine,
    workspace_id: int,
    invitee_id: int,
    join_network: bool | None,
    shape_work: bool | None,
    attend_startup: bool | None,
    answered_on: date | None = None,
) -> ParticipantInfo | None:
    """An organisation's answers to the three asks. Answering twice is refused (nothing changes).
    A yes to the network makes the organisation a network participant (returned)."""
    answers = {"join_network": join_network, "shape_work": shape_work, "attend_startup": attend_startup}
    for field, value in answers.items():
        if value is not None and not isinstance(value, bool):
            raise InputError("not_allowed", field=field, field_label=field, value=value)
    if all(value is None for value in answers.values()):
        raise InputError("answer_needed", field="join_network")
    with unit_of_work(engine, workspace_id) as uow:
        row = _invitee(uow, invitee_id)
        if row.status == "answered":
            actor = uow.session.get(Actor, row.actor_id)
            raise InputError("invitee_answered_twice", field="invitee", organisation=actor.name if actor else "")
        for field, value in answers.items():
            setattr(row, field, value)
        row.status, row.answered_at = "answered", utcnow()
        uow.audit("event_invitee.answer", id=invitee_id)
        if join_network:
            return _join(uow, row.actor_id, answered_on or row.event.event_date, row.event_id)
        return None


def _join(uow: WorkspaceUnit, actor_id: int, joined_on: date, event_id: int | None) -> ParticipantInfo:
    row = uow.scalar(
        select(NetworkParticipant).where(NetworkParticipant.workspace_id == uow.workspace_id, NetworkParticipant.actor_id == actor_id)
    )
    if row is None:
        row = uow.add(
            NetworkParticipant(workspace_id=uow.workspace_id, actor_id=actor_id, joined_on=joined_on, event_id=event_id),
            "network_participant.add",
            actor_id=actor_id,
        )
    elif row.deleted_at is not None:
        row.deleted_at, row.joined_on, row.event_id = None, joined_on, event_id
        uow.audit("network_participant.add", actor_id=actor_id)
    actor = uow.session.get(Actor, actor_id)
    assert actor is not None
    return ParticipantInfo(row.id, actor_id, actor.name, actor.sector, row.joined_on)


def add_participant(engine: Engine, workspace_id: int, actor_id: int, joined_on: date) -> ParticipantInfo:
    """An organisation joining the network outside the event."""
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(Actor, actor_id, "unknown_actor")
        check_process_date(uow.session, workspace_id, joined_on, "joined_on")
        return _join(uow, actor_id, joined_on, None)


def remove_participant(engine: Engine, workspace_id: int, participant_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(NetworkParticipant, participant_id, "unknown_network_participant", "network_participant.remove")


def list_invitees(engine: Engine, workspace_id: int, event_id: int) -> list[InviteeInfo]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(EventInvitee, Actor.name, Actor.sector)
            .join(Actor, Actor.id == EventInvitee.actor_id)
            .join(NetworkEvent, NetworkEvent.id == EventInvitee.event_id)
            .where(EventInvitee.event_id == event_id, NetworkEvent.workspace_id == workspace_id, Actor.deleted_at.is_(None))
            .order_by(Actor.name)
        ).all()
        return [
            InviteeInfo(r.id, r.actor_id, name, sector, r.status, r.reminded_at is not None, r.join_network, r.shape_work, r.attend_startup)
            for r, name, sector in rows
        ]


def list_participants(engine: Engine, workspace_id: int) -> list[ParticipantInfo]:
    """The network's participants (organisations), by name: whom steps 6–7 invite."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(NetworkParticipant, Actor.name, Actor.sector)
            .join(Actor, Actor.id == NetworkParticipant.actor_id)
            .where(
                NetworkParticipant.workspace_id == workspace_id,
                NetworkParticipant.deleted_at.is_(None),
                Actor.deleted_at.is_(None),
            )
            .order_by(Actor.name)
        ).all()
        return [ParticipantInfo(r.id, r.actor_id, name, sector, r.joined_on) for r, name, sector in rows]


def funnel_counts(invitees: list[InviteeInfo]) -> dict[str, int]:
    """Pure: invited → reminded or answered → answered → yes to the network.

    Every stage is a subset of the one before: "reminded" counts everyone who was followed up or
    answered (an organisation answering at once needs no reminder), so the funnel never widens.
    """
    return {
        "invited": len(invitees),
        "reminded": sum(1 for i in invitees if i.reminded or i.status == "answered"),
        "answered": sum(1 for i in invitees if i.status == "answered"),
        "join_network": sum(1 for i in invitees if i.status == "answered" and i.join_network),
    }


def answers_table(invitees: list[InviteeInfo]) -> pd.DataFrame:
    """Pure: per ask, how many answered yes, no and not at all (of those who answered)."""
    answered = [i for i in invitees if i.status == "answered"]
    rows = []
    for ask in ASKS:
        values = [getattr(i, ask) for i in answered]
        rows.append({"ask": ask, "yes": values.count(True), "no": values.count(False), "open": values.count(None)})
    return pd.DataFrame(rows, columns=["ask", "yes", "no", "open"])
