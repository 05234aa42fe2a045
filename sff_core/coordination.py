"""Step 5: the network's role description and the coordinator's role description, as documents.

A role description is a set of sections of text (the Helsingborg example's six headings for the
network; the handbook's three questions for the coordinator) plus lists (the network's delmål and
participating organisations; the coordinator's collected example links). Status goes utkast →
överenskommelse with the date agreed. Every save keeps a version, so the group can see what changed
since the network agreed to it. Two browsers saving at once: fields are merged per section, and a
section someone else changed meanwhile raises EditConflict – nothing is overwritten silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from sqlalchemy import Engine, select

from sff_core.content import Heading, Prompt, Section, get_content
from sff_core.errors import InputError
from sff_core.links import check_host
from sff_core.store.concurrency import EditConflict, lock_row, merge
from sff_core.store.db import session_scope
from sff_core.store.models import Actor, RoleDocument, RoleDocumentVersion, utcnow
from sff_core.store.uow import WorkspaceUnit, unit_of_work
from sff_core.validation import check_process_date, one_of, optional_text, required_text

if TYPE_CHECKING:
    from sff_core.notes import NoteInfo

STEP = "step5"
NETWORK, COORDINATOR, FLYER = "network", "coordinator", "flyer"
SECTION_OF = {NETWORK: "rollbeskrivning_natverket", COORDINATOR: "samordningsfunktion", FLYER: "anordna_event"}
# The network's sections, in the order of the Helsingborg example's template headings (content).
NETWORK_SECTIONS = ("syfte", "andamal", "deltagare", "samordning", "beslut", "kommunikation")
LISTS: dict[str, tuple[str, ...]] = {NETWORK: ("delmal", "participants"), COORDINATOR: ("links",), FLYER: ()}
STATUSES = ("draft", "agreed")
MAX_SECTION = 4000
MAX_ITEMS = 30


def text_sections(kind: str) -> tuple[str, ...]:
    """The text sections of a role description: the network's six headings, the coordinator's questions."""
    if kind == NETWORK:
        return NETWORK_SECTIONS
    if kind == FLYER:  # the flyer's headings (content), numbered: the city writes its own text under each
        return tuple(f"rubrik_{i + 1}" for i in range(len(role_section(kind).template_headings)))
    return tuple(p.key for p in role_section(kind).prompts)


def role_section(kind: str) -> Section:
    one_of(kind, list(SECTION_OF), "kind")
    return get_content().require_section(STEP, SECTION_OF[kind])


def headings(kind: str) -> dict[str, Heading | None]:
    """Per text section its template heading with the handbook's example text (network, flyer), or None."""
    if kind == COORDINATOR:
        return dict.fromkeys(text_sections(kind))
    template = role_section(kind).template_headings
    return {key: template[i] if i < len(template) else None for i, key in enumerate(text_sections(kind))}


@dataclass(frozen=True)
class RoleInfo:
    kind: str
    sections: dict[str, Any]
    status: str
    agreed_on: date | None
    version: int


@dataclass(frozen=True)
class VersionInfo:
    number: int
    sections: dict[str, Any]
    status: str
    agreed_on: date | None
    saved_at: datetime


def empty_sections(kind: str) -> dict[str, Any]:
    return {**dict.fromkeys(text_sections(kind), ""), **{name: [] for name in LISTS[kind]}}


def _info(kind: str, row: RoleDocument | None) -> RoleInfo:
    if row is None:
        return RoleInfo(kind, empty_sections(kind), "draft", None, 0)
    return RoleInfo(kind, {**empty_sections(kind), **(row.sections or {})}, row.status, row.agreed_on, row.version)


def get_role(engine: Engine, workspace_id: int, kind: str) -> RoleInfo:
    role_section(kind)
    with session_scope(engine) as session:
        row = session.scalar(select(RoleDocument).where(RoleDocument.workspace_id == workspace_id, RoleDocument.kind == kind))
        return _info(kind, row)


def check_link(value: str, field: str = "link") -> str:
    """An http(s) address with a host; javascript:, data:, relative links and the like are refused."""
    cleaned = required_text(value, field, 2000)
    parsed = urlparse(cleaned)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc or any(c.isspace() for c in cleaned):
        raise InputError("role_link", field=field, value=cleaned[:80])
    return check_host(cleaned, field)  # no user part before the host, no look-alike host


def _clean(uow: WorkspaceUnit, kind: str, submitted: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """Every submitted section checked; unknown sections refused."""
    allowed = set(text_sections(kind)) | set(LISTS[kind])
    cleaned: dict[str, Any] = {}
    for key, value in submitted.items():
        if key not in allowed:
            raise InputError("not_allowed", field="section", field_label="section", value=key)
        if key in LISTS[kind]:
            items = list(value or [])
            if len(items) > MAX_ITEMS:
                raise InputError("role_too_many", field=key, n=len(items), max=MAX_ITEMS)
            if key == "participants":  # organisations by name (a name survives a backup's renumbering)
                known = set(current.get(key) or []) | set(uow.session.scalars(_actor_names(uow.workspace_id)).all())
                names = [required_text(str(v), key, 160) for v in items if str(v).strip()]
                unknown = [n for n in names if n not in known]
                if unknown:
                    raise InputError("unknown_actor", field=key)
                cleaned[key] = sorted(set(names))
            elif key == "links":
                cleaned[key] = [check_link(str(v), key) for v in items if str(v).strip()]
            else:
                cleaned[key] = [required_text(str(v), key, 300) for v in items if str(v).strip()]
        else:
            cleaned[key] = optional_text(value, key, MAX_SECTION)
    return cleaned


def _actor_names(workspace_id: int) -> Any:
    return select(Actor.name).where(Actor.workspace_id == workspace_id, Actor.deleted_at.is_(None))


def _row(uow: WorkspaceUnit, kind: str) -> RoleDocument:
    query = select(RoleDocument).where(RoleDocument.workspace_id == uow.workspace_id, RoleDocument.kind == kind)
    row = uow.scalar(query)
    if row is None:
        row = uow.add(
            RoleDocument(workspace_id=uow.workspace_id, kind=kind, sections={}, status="draft", version=0), "role_document.add", kind=kind
        )
    lock_row(uow.session, RoleDocument, row.id)
    uow.session.refresh(row)
    return row


def _keep_version(uow: WorkspaceUnit, row: RoleDocument) -> None:
    row.version += 1
    row.updated_at = utcnow()
    uow.session.add(
        RoleDocumentVersion(document_id=row.id, number=row.version, sections=dict(row.sections), status=row.status, agreed_on=row.agreed_on)
    )


def save_role(
    engine: Engine, workspace_id: int, kind: str, submitted: Mapping[str, Any], loaded: Mapping[str, Any] | None = None
) -> RoleInfo:
    """Save the sections changed since `loaded` (what the form showed). A section someone else saved
    meanwhile raises EditConflict and nothing is written; otherwise a new version is kept."""
    role_section(kind)
    with unit_of_work(engine, workspace_id) as uow:
        row = _row(uow, kind)
        current = {**empty_sections(kind), **(row.sections or {})}
        values = _clean(uow, kind, submitted, current)
        writes, conflicts = merge(None if loaded is None else dict(loaded), values, current)
        if conflicts:
            raise EditConflict(conflicts)
        if writes:
            row.sections = {**current, **writes}
            row.status = "draft"  # a changed agreement is a draft until the network agrees again (the agreed version is kept)
            _keep_version(uow, row)
            uow.audit("role_document.save", kind=kind, sections=sorted(writes))
        return _info(kind, row)


def set_status(
    engine: Engine, workspace_id: int, kind: str, status: str, agreed_on: date | None = None, loaded_status: str | None = None
) -> RoleInfo:
    """Utkast → överenskommelse (with the date the network agreed) or back to utkast; kept as a version."""
    one_of(status, list(STATUSES), "status")
    role_section(kind)
    with unit_of_work(engine, workspace_id) as uow:
        if status == "agreed":
            if agreed_on is None:
                raise InputError("role_agreed_date", field="agreed_on")
            check_process_date(uow.session, workspace_id, agreed_on, "agreed_on")
        row = _row(uow, kind)
        if loaded_status is not None and row.status != loaded_status and row.status != status:
            from sff_core.store.concurrency import Conflict

            raise EditConflict([Conflict("status", loaded_status, row.status, status)])
        row.status, row.agreed_on = status, agreed_on if status == "agreed" else row.agreed_on
        _keep_version(uow, row)
        uow.audit("role_document.status", kind=kind, status=status)
        return _info(kind, row)


def versions(engine: Engine, workspace_id: int, kind: str) -> list[VersionInfo]:
    """Every kept version, oldest first."""
    with session_scope(engine) as session:
        rows = session.scalars(
            select(RoleDocumentVersion)
            .join(RoleDocument, RoleDocument.id == RoleDocumentVersion.document_id)
            .where(RoleDocument.workspace_id == workspace_id, RoleDocument.kind == kind)
            .order_by(RoleDocumentVersion.number)
        ).all()
        return [VersionInfo(r.number, {**empty_sections(kind), **(r.sections or {})}, r.status, r.agreed_on, r.saved_at) for r in rows]


def last_agreed(history: list[VersionInfo]) -> VersionInfo | None:
    """Pure: the latest version the network agreed to."""
    agreed = [v for v in history if v.status == "agreed"]
    return agreed[-1] if agreed else None


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """Pure: the sections that differ between two versions: (section, before, after), in the document's order."""
    keys = list(dict.fromkeys([*before, *after]))
    return [(k, before.get(k), after.get(k)) for k in keys if (before.get(k) or None) != (after.get(k) or None)]


def changed_since_agreed(engine: Engine, workspace_id: int, kind: str) -> tuple[VersionInfo | None, list[tuple[str, Any, Any]]]:
    """The version the network agreed to last, and what changed in the document since."""
    agreed = last_agreed(versions(engine, workspace_id, kind))
    if agreed is None:
        return None, []
    return agreed, changes(agreed.sections, get_role(engine, workspace_id, kind).sections)


# --- Utforska motivation och kommunikation: the communication plan per sector -----------------------------

PLAN_GROUP = "omgang_3"  # the section's third round: "Utveckla en kommunikationsplan utifrån detta" heads the plan
PLAN_FIELDS = ("key_message", "words_to_use", "words_to_avoid", "channel", "who", "when")
PLAN_LENGTHS = {"channel": 200, "who": 120, "when": 120}


@dataclass(frozen=True)
class PlanRow:
    sector: str
    key_message: str
    words_to_use: str
    words_to_avoid: str
    channel: str
    who: str
    when: str

    def fields(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in PLAN_FIELDS}


def sector_options(engine: Engine, workspace_id: int) -> list[str]:
    """The sectors (bransch) the group is in contact with first – those of step 2's mapping (indicator
    surveys and survey links), then of the step 3 actors, then those already in the plan – then the
    rest of the vocabulary."""
    from sff_core.store.models import CommunicationPlan, IndicatorSurvey, SurveyLink

    vocabulary = get_content().vocab_keys("sectors")
    with session_scope(engine) as session:
        surveyed = session.scalars(
            select(IndicatorSurvey.sector)
            .where(IndicatorSurvey.workspace_id == workspace_id, IndicatorSurvey.deleted_at.is_(None))
            .order_by(IndicatorSurvey.id)
        ).all()
        linked = session.scalars(
            select(SurveyLink.sector).where(SurveyLink.workspace_id == workspace_id, SurveyLink.sector.is_not(None)).order_by(SurveyLink.id)
        ).all()
        actors = session.scalars(
            select(Actor.sector).where(Actor.workspace_id == workspace_id, Actor.deleted_at.is_(None)).order_by(Actor.id)
        ).all()
        planned = session.scalars(
            select(CommunicationPlan.sector).where(CommunicationPlan.workspace_id == workspace_id).order_by(CommunicationPlan.id)
        ).all()
    used = [s for s in (*surveyed, *linked, *actors, *planned) if s in vocabulary]
    return list(dict.fromkeys([*used, *vocabulary]))


def save_plan_row(
    engine: Engine, workspace_id: int, sector: str, values: Mapping[str, str], loaded: Mapping[str, Any] | None = None
) -> PlanRow:
    """The plan for one sector; only fields changed since `loaded` are written, EditConflict when
    someone else changed one of them meanwhile."""
    from sff_core.store.concurrency import apply_edit
    from sff_core.store.models import CommunicationPlan

    key = one_of(sector, get_content().vocab_keys("sectors"), "sector")
    unknown = [f for f in values if f not in PLAN_FIELDS]
    if unknown:
        raise InputError("not_allowed", field="field", field_label="field", value=unknown[0])
    cleaned = {f: optional_text(v, f, PLAN_LENGTHS.get(f, MAX_SECTION)) for f, v in values.items()}
    with unit_of_work(engine, workspace_id) as uow:
        query = select(CommunicationPlan).where(CommunicationPlan.workspace_id == workspace_id, CommunicationPlan.sector == key)
        row = uow.scalar(query)
        if row is None:
            row = uow.add(
                CommunicationPlan(workspace_id=workspace_id, sector=key, **dict.fromkeys(PLAN_FIELDS, "")), "communication_plan.add"
            )
        lock_row(uow.session, CommunicationPlan, row.id)
        uow.session.refresh(row)
        if apply_edit(uow.session, row, loaded, cleaned):
            row.updated_at = utcnow()
            uow.audit("communication_plan.save", id=row.id)
        return PlanRow(row.sector, *(getattr(row, f) for f in PLAN_FIELDS))


def communication_plan(engine: Engine, workspace_id: int) -> list[PlanRow]:
    """The plan, one row per sector, in the vocabulary's order."""
    from sff_core.store.models import CommunicationPlan

    order = {k: i for i, k in enumerate(get_content().vocab_keys("sectors"))}
    with session_scope(engine) as session:
        rows = session.scalars(select(CommunicationPlan).where(CommunicationPlan.workspace_id == workspace_id)).all()
        plans = [PlanRow(r.sector, *(getattr(r, f) for f in PLAN_FIELDS)) for r in rows]
    return sorted(plans, key=lambda p: order.get(p.sector, len(order)))


MOTIVATION_SECTION = "motivation_kommunikation"


def sector_answers(
    engine: Engine, workspace_id: int, sector: str, session_date: date | None = None
) -> tuple[date | None, list[tuple[Prompt, list[NoteInfo]]]]:
    """The post-its the rounds wrote under one sector – the chosen work session's, else the latest
    session's that has some – as (date, [(question, notes)]) in the section's order: the material
    the group writes the sector's plan from."""
    from sff_core.notes import Exercise, board, note_dates

    section = get_content().require_section(STEP, MOTIVATION_SECTION)
    dates = note_dates(engine, workspace_id, STEP, section.key)
    first = [session_date] if session_date is not None and session_date in dates else []
    for day in dict.fromkeys([*first, *dates]):
        notes = [n for n in board(engine, Exercise(workspace_id, STEP, section.key, day)) if n.topic == sector]
        boards = [(p, [n for n in notes if n.prompt_key == p.key]) for p in section.prompts]
        if notes:
            return day, [(p, mine) for p, mine in boards if mine]
    return None, []
