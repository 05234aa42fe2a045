"""Step 7: the ambition levels (live from phones) and the network's routine for individual cases.

The routine is a document of texts (the city's title for the card, the network's contact, the
template's three goal boxes) and ordered steps. Each step has a title, what to do, a responsible
actor (step 3; required), a contact route (a function's phone or functional mailbox – never a
private person), a priority and a note on the child perspective. Every change keeps a version, and
the status goes utkast → överenskommelse with the date the network agreed, so the group sees what
changed since the agreed version. Two browsers: a text or step field someone else saved meanwhile
raises EditConflict and nothing is written; a step someone removed meanwhile is said so.

The handbook's Helsingborg example, the priorities and the emergency numbers are content (the
`rutin` section of step_7.yaml), read and checked here; the group loads the example as a draft.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from sff_core.config import content_dir
from sff_core.content import Text, get_content
from sff_core.errors import ContentError, InputError
from sff_core.i18n import t, text
from sff_core.privacy.personal_data import PERSONNUMMER, TELEFONNUMMER, find_personal_data
from sff_core.store.concurrency import Conflict, EditConflict, apply_edit, lock_row, merge
from sff_core.store.db import session_scope
from sff_core.store.models import Actor, Routine, RoutineStep, RoutineVersion, utcnow
from sff_core.store.uow import WorkspaceUnit, unit_of_work
from sff_core.validation import check_characters, check_process_date, one_of, optional_text, required_text

STEP = "step7"
ROUTINE_SECTION = "rutin"
LEVELS_SECTION = "utvecklingsnivaer"
GOAL_FIELDS = ("mal", "krav_samverkansparter", "i_praktiken")  # the template's three boxes (the section's prompts)
TEXT_FIELDS = ("title", "contact", *GOAL_FIELDS)
STEP_FIELDS = ("title", "action", "actor_id", "contact", "priority", "child_note", "documents")
STATUSES = ("draft", "agreed")
MAX_STEPS = 20
MAX_GOAL = 2000
MAX_ACTION = 2000
TEXT_LIMITS = {"title": 200, "contact": 300}


# --- Content: priorities, emergency numbers, the Helsingborg example ---------------------------------


@dataclass(frozen=True)
class Priority:
    key: str
    label: Text


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    label: Text


@dataclass(frozen=True)
class ExampleStep:
    title: Text
    action: Text
    actor_sector: str  # the sector whose actor is suggested as responsible when the example is loaded
    contact: str
    priority: str
    documents: bool = False


@dataclass(frozen=True)
class RoutineExample:
    title: Text
    contact: str
    goals: dict[str, Text]
    steps: tuple[ExampleStep, ...]


@dataclass(frozen=True)
class RoutineContent:
    priorities: tuple[Priority, ...]
    emergency_numbers: tuple[EmergencyNumber, ...]
    example: RoutineExample


def routine_content() -> RoutineContent:
    """The routine's content (step_7.yaml, section `rutin`): read once per content directory."""
    return _routine_content(str(content_dir()))


@lru_cache(maxsize=4)
def _routine_content(directory: str) -> RoutineContent:
    from pathlib import Path

    from sff_core.content import _read_yaml, _Reader

    file = Path(directory) / "steps" / "step_7.yaml"
    reader = _Reader(file)
    raw = reader.mapping(_read_yaml(file), "(fil)")
    section = next(
        (s for s in reader.seq(raw.get("sections"), "sections") if isinstance(s, dict) and s.get("key") == ROUTINE_SECTION), None
    )
    if section is None:
        raise ContentError(file.name, f"sections.{ROUTINE_SECTION}", "avsnittet saknas")
    path = f"sections.{ROUTINE_SECTION}"
    priorities = tuple(
        Priority(
            reader.key(item.get("key"), f"{path}.priorities[{i}].key"), reader.text(item.get("label"), f"{path}.priorities[{i}].label")
        )
        for i, item in enumerate(reader.seq(section.get("priorities"), f"{path}.priorities", True))
    )
    numbers = tuple(
        EmergencyNumber(str(item.get("number") or ""), reader.text(item.get("label"), f"{path}.emergency_numbers[{i}].label"))
        for i, item in enumerate(reader.seq(section.get("emergency_numbers"), f"{path}.emergency_numbers", True))
    )
    example_raw = reader.mapping(section.get("routine_example"), f"{path}.routine_example")
    keys = {p.key for p in priorities}
    steps = []
    for i, item in enumerate(reader.seq(example_raw.get("steps"), f"{path}.routine_example.steps", True)):
        where = f"{path}.routine_example.steps[{i}]"
        priority = item.get("priority")
        if priority not in keys:
            raise reader.fail(f"{where}.priority", f"ska vara en av {', '.join(sorted(keys))}")
        sector = reader.key(item.get("actor_sector"), f"{where}.actor_sector")
        if sector not in get_content().vocab_keys("sectors"):
            raise reader.fail(f"{where}.actor_sector", f"okänd sektor {sector!r}")
        steps.append(
            ExampleStep(
                reader.text(item.get("title"), f"{where}.title"),
                reader.optional_text(item.get("action"), f"{where}.action") or {},
                sector,
                str(item.get("contact") or ""),
                priority,
                bool(item.get("documents")),
            )
        )
    goals_raw = reader.mapping(example_raw.get("goals") or {}, f"{path}.routine_example.goals")
    unknown = set(goals_raw) - set(GOAL_FIELDS)
    if unknown:
        raise reader.fail(f"{path}.routine_example.goals.{sorted(unknown)[0]}", f"ska vara en av {', '.join(GOAL_FIELDS)}")
    example = RoutineExample(
        reader.text(example_raw.get("title"), f"{path}.routine_example.title"),
        str(example_raw.get("contact") or ""),
        {k: reader.text(v, f"{path}.routine_example.goals.{k}") for k, v in goals_raw.items()},
        tuple(steps),
    )
    return RoutineContent(priorities, numbers, example)


def priority_labels(lang: str) -> dict[str, str]:
    return {p.key: text(p.label, lang) for p in routine_content().priorities}


# --- Contact routes ------------------------------------------------------------------------------

CONTACT_FILE = "contact_routes.yaml"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LETTERS = re.compile(r"[^\W\d_]+")
_MAILBOX_PARTS = re.compile(r"[._-]")


@dataclass(frozen=True)
class ContactWords:
    """What names a function and what says "private" in a contact route (data/content/contact_routes.yaml)."""

    function_stems: tuple[str, ...]
    function_words: frozenset[str]
    private_words: frozenset[str]
    private_stems: tuple[str, ...]
    private_mail_domains: frozenset[str]


def contact_words() -> ContactWords:
    return _contact_words(str(content_dir()))


@lru_cache(maxsize=4)
def _contact_words(directory: str) -> ContactWords:
    from pathlib import Path

    from sff_core.yaml_files import read_yaml_file

    raw = read_yaml_file(Path(directory) / CONTACT_FILE)
    if not isinstance(raw, dict):
        raise ContentError(CONTACT_FILE, "(fil)", "ska vara en mappning (nyckel: värde)")

    def words(key: str) -> tuple[str, ...]:
        items = raw.get(key)
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            raise ContentError(CONTACT_FILE, key, "ska vara en lista med ord")
        return tuple(_fold(i.strip()) for i in items)

    return ContactWords(
        words("function_stems"),
        frozenset(words("function_words")),
        frozenset(words("private_words")),
        words("private_stems"),
        frozenset(words("private_mail_domains")),
    )


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).casefold()


def names_a_function(value: str) -> bool:
    """Whether the text names an organisation or a function (a stem anywhere, or a whole word)."""
    words = contact_words()
    folded = _fold(value)
    return any(stem in folded for stem in words.function_stems) or not words.function_words.isdisjoint(_LETTERS.findall(folded))


def looks_like_private_contact(value: str) -> bool:
    """A contact route that leads to a private person rather than a function.

    The handbook's rule is a function's switchboard, on-call number or mailbox, never a private
    person. Who a name belongs to cannot be read from text, so the rule is turned around: a phone
    number counts only when the text also names an organisation or a function ("Fokusgruppen
    Helsingborg 0738216384", "Socialjouren 042-…", "Polisen 114 14"); a number beside nothing but
    names, however it is written (lower case, any dash, full-width digits), does not. A text that
    says it is private ("privat", "hemnummer"), an address at a free mail service or a person's own
    mailbox (anna.berg@…, a.berg@…) leads to a person whatever else it names.
    """
    words = contact_words()
    folded = _fold(value)
    if not words.private_words.isdisjoint(_LETTERS.findall(folded)) or any(stem in folded for stem in words.private_stems):
        return True
    if any(_private_mailbox(mail, words) for mail in _EMAIL.findall(folded)):
        return True
    return find_personal_data(value) == TELEFONNUMMER and not names_a_function(value)


def _private_mailbox(mail: str, words: ContactWords) -> bool:
    """A free mail service's address, or a mailbox named like a person (first.last, f.last, first_last)."""
    local, domain = mail.rsplit("@", 1)
    if domain in words.private_mail_domains:
        return True
    parts = [p for p in _MAILBOX_PARTS.split(local) if p]
    return 2 <= len(parts) <= 3 and all(p.isalpha() for p in parts) and max(map(len, parts)) >= 2 and not names_a_function(local)


def check_contact(value: str | None, field_name: str = "routine_contact") -> str:
    """A contact route: a function's phone (a switchboard, 114 14, an on-call number) or a functional
    mailbox. Personal identity numbers and a private person's number or mailbox are refused."""
    cleaned = check_characters((value or "").strip(), field_name, label=field_name)
    if len(cleaned) > TEXT_LIMITS["contact"]:
        raise InputError("too_long", field=field_name, field_label=field_name, max=TEXT_LIMITS["contact"], length=len(cleaned))
    if find_personal_data(cleaned) == PERSONNUMMER:
        raise InputError("personal_data", field=field_name, field_label=field_name, kind=PERSONNUMMER)
    if looks_like_private_contact(cleaned):
        raise InputError("routine_private_contact", field=field_name, kind=TELEFONNUMMER)
    return cleaned


# --- The routine -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepInfo:
    id: int
    number: int  # 1, 2, 3 … in the routine's order
    title: str
    action: str
    actor_id: int | None
    actor: str
    contact: str
    priority: str
    child_note: str
    documents: bool

    def fields(self) -> dict[str, Any]:
        """The step's editable fields, as an edit form loads them."""
        return {f: getattr(self, f) for f in STEP_FIELDS}


@dataclass(frozen=True)
class RoutineInfo:
    texts: dict[str, str]
    status: str
    agreed_on: date | None
    version: int
    steps: tuple[StepInfo, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.steps and not any(self.texts.values())


@dataclass(frozen=True)
class VersionInfo:
    number: int
    snapshot: dict[str, Any]
    status: str
    agreed_on: date | None
    saved_at: datetime


def empty_texts() -> dict[str, str]:
    return dict.fromkeys(TEXT_FIELDS, "")


def _live_steps(session: Any, workspace_id: int) -> list[tuple[RoutineStep, str | None]]:
    rows = session.execute(
        select(RoutineStep, Actor.name)
        .outerjoin(Actor, Actor.id == RoutineStep.actor_id)
        .where(RoutineStep.workspace_id == workspace_id, RoutineStep.deleted_at.is_(None))
        .order_by(RoutineStep.position, RoutineStep.id)
    ).all()
    return [(row, name) for row, name in rows]


def _step_infos(session: Any, workspace_id: int) -> tuple[StepInfo, ...]:
    return tuple(
        StepInfo(r.id, i, r.title, r.action, r.actor_id, name or "", r.contact, r.priority, r.child_note, bool(r.documents))
        for i, (r, name) in enumerate(_live_steps(session, workspace_id), start=1)
    )


def _info(session: Any, workspace_id: int, row: Routine | None) -> RoutineInfo:
    steps = _step_infos(session, workspace_id)
    if row is None:
        return RoutineInfo(empty_texts(), "draft", None, 0, steps)
    return RoutineInfo({**empty_texts(), **(row.texts or {})}, row.status, row.agreed_on, row.version, steps)


def get_routine(engine: Engine, workspace_id: int) -> RoutineInfo:
    with session_scope(engine) as session:
        row = session.scalar(select(Routine).where(Routine.workspace_id == workspace_id))
        return _info(session, workspace_id, row)


def _routine_row(uow: WorkspaceUnit) -> Routine:
    """The workspace's routine row, created on first use and locked for this unit of work."""
    row = uow.scalar(select(Routine).where(Routine.workspace_id == uow.workspace_id))
    if row is None:
        row = uow.add(Routine(workspace_id=uow.workspace_id, texts={}, status="draft", version=0), "routine.add")
    lock_row(uow.session, Routine, row.id)
    uow.session.refresh(row)
    return row


def snapshot(session: Any, workspace_id: int, row: Routine) -> dict[str, Any]:
    """The routine as it stands: texts, and the steps in order with their actor by name (a name
    survives a backup's renumbering of ids)."""
    steps = [
        {
            "id": s.id,
            "title": s.title,
            "action": s.action,
            "actor": s.actor,
            "contact": s.contact,
            "priority": s.priority,
            "child_note": s.child_note,
            "documents": s.documents,
        }
        for s in _step_infos(session, workspace_id)
    ]
    return {"texts": {**empty_texts(), **(row.texts or {})}, "steps": steps}


def _keep_version(uow: WorkspaceUnit, row: Routine, draft: bool = True) -> None:
    """A new version of the routine; any change makes an agreed routine a draft again (the agreed
    version is kept and the changes since it are shown)."""
    uow.session.flush()
    if draft:
        row.status = "draft"
    row.version += 1
    row.updated_at = utcnow()
    uow.session.add(
        RoutineVersion(
            routine_id=row.id,
            number=row.version,
            snapshot=snapshot(uow.session, uow.workspace_id, row),
            status=row.status,
            agreed_on=row.agreed_on,
        )
    )


def _clean_texts(submitted: Mapping[str, Any]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for key, value in submitted.items():
        if key not in TEXT_FIELDS:
            raise InputError("not_allowed", field="field", field_label="field", value=key)
        if key == "contact":
            cleaned[key] = check_contact(value, "routine_network_contact")
        else:
            cleaned[key] = optional_text(value, f"routine_{key}", TEXT_LIMITS.get(key, MAX_GOAL))
    return cleaned


def save_texts(engine: Engine, workspace_id: int, submitted: Mapping[str, Any], loaded: Mapping[str, Any] | None = None) -> RoutineInfo:
    """The routine's title, the network's contact and the three goal boxes: only fields changed since
    `loaded` are written; a field someone else saved meanwhile raises EditConflict (nothing written)."""
    values = _clean_texts(submitted)
    with unit_of_work(engine, workspace_id) as uow:
        row = _routine_row(uow)
        current = {**empty_texts(), **(row.texts or {})}
        writes, conflicts = merge(None if loaded is None else dict(loaded), values, current)
        if conflicts:
            raise EditConflict(conflicts)
        if writes:
            row.texts = {**current, **writes}
            _keep_version(uow, row)
            uow.audit("routine.texts", fields=sorted(writes))
        return _info(uow.session, workspace_id, row)


def _clean_step(uow: WorkspaceUnit, values: Mapping[str, Any], partial: bool) -> dict[str, Any]:
    """A step's submitted fields checked (all of them for a new step)."""
    unknown = [k for k in values if k not in STEP_FIELDS]
    if unknown:
        raise InputError("not_allowed", field="field", field_label="field", value=unknown[0])
    wanted = list(values) if partial else list(STEP_FIELDS)
    cleaned: dict[str, Any] = {}
    for key in wanted:
        value = values.get(key)
        if key == "title":
            cleaned[key] = required_text(value, "routine_step_title", 200)
        elif key == "action":
            cleaned[key] = optional_text(value, "routine_action", MAX_ACTION)
        elif key == "child_note":
            cleaned[key] = optional_text(value, "routine_child_note", MAX_ACTION)
        elif key == "contact":
            cleaned[key] = check_contact(value)
        elif key == "priority":
            cleaned[key] = one_of(value or None, [p.key for p in routine_content().priorities], "routine_priority")
        elif key == "documents":
            cleaned[key] = bool(value)
        elif key == "actor_id":
            if value in (None, ""):
                raise InputError("routine_actor_required", field="routine_actor")
            if isinstance(value, bool) or not isinstance(value, int):
                raise InputError("unknown_actor", field="routine_actor")
            uow.owned(Actor, value, "unknown_actor")
            cleaned[key] = value
    return cleaned


def _step_row(uow: WorkspaceUnit, step_id: int) -> RoutineStep:
    row = uow.session.get(RoutineStep, step_id)
    if row is None or row.workspace_id != uow.workspace_id:
        raise InputError("routine_step_gone", field="routine_step")
    if row.deleted_at is not None:
        raise InputError("routine_step_gone", field="routine_step")
    return row


def add_step(engine: Engine, workspace_id: int, values: Mapping[str, Any]) -> StepInfo:
    """A new step at the end of the routine."""
    with unit_of_work(engine, workspace_id) as uow:
        cleaned = _clean_step(uow, {"priority": "planerat", **values}, partial=False)
        routine = _routine_row(uow)
        count = uow.session.scalar(
            select(func.count()).select_from(RoutineStep).where(RoutineStep.workspace_id == workspace_id, RoutineStep.deleted_at.is_(None))
        )
        if (count or 0) >= MAX_STEPS:
            raise InputError("routine_too_many", field="routine_step", max=MAX_STEPS)
        last = uow.session.scalar(select(func.max(RoutineStep.position)).where(RoutineStep.workspace_id == workspace_id)) or 0
        row = uow.add(RoutineStep(workspace_id=workspace_id, position=last + 1, **cleaned), "routine_step.add")
        _keep_version(uow, routine)
        return next(s for s in _step_infos(uow.session, workspace_id) if s.id == row.id)


def update_step(
    engine: Engine, workspace_id: int, step_id: int, values: Mapping[str, Any], loaded: Mapping[str, Any] | None = None
) -> StepInfo:
    """Save the step's fields changed since `loaded`; EditConflict when someone else changed one of
    them meanwhile, InputError when the step was removed meanwhile (nothing is written either way)."""
    with unit_of_work(engine, workspace_id) as uow:
        cleaned = _clean_step(uow, values, partial=True)
        routine = _routine_row(uow)
        row = _step_row(uow, step_id)
        lock_row(uow.session, RoutineStep, row.id)
        uow.session.refresh(row)
        if apply_edit(uow.session, row, loaded, cleaned):
            row.updated_at = utcnow()
            _keep_version(uow, routine)
            uow.audit("routine_step.save", id=row.id)
        return next(s for s in _step_infos(uow.session, workspace_id) if s.id == row.id)


def move_step(engine: Engine, workspace_id: int, step_id: int, direction: str) -> list[int]:
    """Move a step one place up or down; returns the steps' ids in their new order."""
    one_of(direction, ["up", "down"], "direction")
    with unit_of_work(engine, workspace_id) as uow:
        routine = _routine_row(uow)
        _step_row(uow, step_id)
        rows = [r for r, _ in _live_steps(uow.session, workspace_id)]
        index = next(i for i, r in enumerate(rows) if r.id == step_id)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
            for position, row in enumerate(rows, start=1):
                row.position = position
            _keep_version(uow, routine)
            uow.audit("routine_step.move", id=step_id, direction=direction)
        return [r.id for r in rows]


def remove_step(engine: Engine, workspace_id: int, step_id: int) -> None:
    """Remove a step (kept for the versions; a second remove is said to be gone)."""
    with unit_of_work(engine, workspace_id) as uow:
        routine = _routine_row(uow)
        row = _step_row(uow, step_id)
        row.deleted_at = utcnow()
        _keep_version(uow, routine)
        uow.audit("routine_step.remove", id=step_id)


def set_status(
    engine: Engine, workspace_id: int, status: str, agreed_on: date | None = None, loaded_status: str | None = None
) -> RoutineInfo:
    """Utkast → överenskommelse (with the date the network agreed) or back to utkast; kept as a version."""
    one_of(status, list(STATUSES), "status")
    with unit_of_work(engine, workspace_id) as uow:
        if status == "agreed":
            if agreed_on is None:
                raise InputError("routine_agreed_date", field="agreed_on")
            check_process_date(uow.session, workspace_id, agreed_on, "agreed_on")
        row = _routine_row(uow)
        if status == "agreed" and not _live_steps(uow.session, workspace_id):
            raise InputError("routine_agreed_empty", field="status")
        if loaded_status is not None and row.status != loaded_status and row.status != status:
            raise EditConflict([Conflict("status", loaded_status, row.status, status)])
        row.status = status
        row.agreed_on = agreed_on if status == "agreed" else row.agreed_on
        _keep_version(uow, row, draft=False)
        uow.audit("routine.status", status=status)
        return _info(uow.session, workspace_id, row)


def load_example(engine: Engine, workspace_id: int, actor_ids: Sequence[int | None], lang: str = "sv") -> RoutineInfo:
    """The handbook's Helsingborg routine as a draft to edit: its steps with the actors the group chose
    (one per example step, each required), its title and goal where the group's own are still empty.
    Only into a routine without steps, so nothing the group wrote is replaced."""
    example = routine_content().example
    if len(actor_ids) != len(example.steps):
        raise InputError("routine_actor_required", field="routine_actor")
    with unit_of_work(engine, workspace_id) as uow:
        routine = _routine_row(uow)
        if _live_steps(uow.session, workspace_id):
            raise InputError("routine_not_empty", field="routine_step")
        for position, (step, actor_id) in enumerate(zip(example.steps, actor_ids, strict=True), start=1):
            values = {
                "title": text(step.title, lang),
                "action": text(step.action, lang),
                "actor_id": actor_id,
                "contact": step.contact,
                "priority": step.priority,
                "child_note": "",
                "documents": step.documents,
            }
            uow.session.add(RoutineStep(workspace_id=workspace_id, position=position, **_clean_step(uow, values, partial=False)))
        texts = {**empty_texts(), **(routine.texts or {})}
        filled = {"title": text(example.title, lang), "contact": example.contact, **{k: text(v, lang) for k, v in example.goals.items()}}
        routine.texts = {**texts, **{k: v for k, v in _clean_texts(filled).items() if not texts.get(k)}}
        _keep_version(uow, routine)
        uow.audit("routine.example", steps=len(example.steps))
        return _info(uow.session, workspace_id, routine)


def suggested_actors(engine: Engine, workspace_id: int) -> list[int | None]:
    """For each example step, the first step 3 actor of its sector (None where the city has none)."""
    from sff_core.stakeholders import list_actors

    actors = list_actors(engine, workspace_id)
    return [next((a.id for a in actors if a.sector == s.actor_sector), None) for s in routine_content().example.steps]


# --- Versions and what changed ----------------------------------------------------------------------


def versions(engine: Engine, workspace_id: int) -> list[VersionInfo]:
    """Every kept version, oldest first."""
    with session_scope(engine) as session:
        rows = session.scalars(
            select(RoutineVersion)
            .join(Routine, Routine.id == RoutineVersion.routine_id)
            .where(Routine.workspace_id == workspace_id)
            .order_by(RoutineVersion.number)
        ).all()
        return [VersionInfo(r.number, dict(r.snapshot or {}), r.status, r.agreed_on, r.saved_at) for r in rows]


def last_agreed(history: list[VersionInfo]) -> VersionInfo | None:
    """Pure: the latest version the network agreed to."""
    agreed = [v for v in history if v.status == "agreed"]
    return agreed[-1] if agreed else None


@dataclass(frozen=True)
class Change:
    """One difference between two versions: a text, or a step added, removed, moved or changed."""

    kind: str  # text | added | removed | moved | changed
    label: str  # the text field's key, or the step's title
    field: str | None = None
    before: Any = None
    after: Any = None


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """Pure: what differs between two snapshots, texts first, then the steps in the new order."""
    found: list[Change] = []
    old_texts, new_texts = before.get("texts") or {}, after.get("texts") or {}
    for key in TEXT_FIELDS:
        if (old_texts.get(key) or "") != (new_texts.get(key) or ""):
            found.append(Change("text", key, key, old_texts.get(key) or "", new_texts.get(key) or ""))
    old_steps = {s["id"]: (i, s) for i, s in enumerate(before.get("steps") or [], start=1)}
    new_steps = {s["id"]: (i, s) for i, s in enumerate(after.get("steps") or [], start=1)}
    for step_id, (number, step) in new_steps.items():
        if step_id not in old_steps:
            found.append(Change("added", step["title"], None, None, number))
            continue
        old_number, old = old_steps[step_id]
        if old_number != number:
            found.append(Change("moved", step["title"], None, old_number, number))
        for key in ("title", "action", "actor", "contact", "priority", "child_note", "documents"):
            if old.get(key) != step.get(key):
                found.append(Change("changed", step["title"], key, old.get(key), step.get(key)))
    for step_id, (number, step) in old_steps.items():
        if step_id not in new_steps:
            found.append(Change("removed", step["title"], None, number, None))
    return found


def changed_since_agreed(engine: Engine, workspace_id: int) -> tuple[VersionInfo | None, list[Change]]:
    """The version the network agreed to last, and what changed in the routine since."""
    history = versions(engine, workspace_id)
    agreed = last_agreed(history)
    if agreed is None:
        return None, []
    return agreed, changes(agreed.snapshot, history[-1].snapshot)


# --- Per organisation ------------------------------------------------------------------------------


def steps_for_actor(routine: RoutineInfo, actor_id: int) -> list[StepInfo]:
    """Pure: the steps where one organisation acts (its internal flowchart), numbered as in the routine."""
    return [s for s in routine.steps if s.actor_id == actor_id]


def steps_frame(steps: Sequence[StepInfo], lang: str = "sv") -> pd.DataFrame:
    """The steps as the flowchart and the tables take them."""
    labels = priority_labels(lang)
    return pd.DataFrame(
        [
            {
                "number": s.number,
                "title": s.title,
                "action": s.action,
                "actor": s.actor,
                "contact": s.contact,
                "priority": s.priority,
                "priority_label": labels.get(s.priority, s.priority),
                "child_note": s.child_note,
                "documents": s.documents,
            }
            for s in steps
        ],
        columns=["number", "title", "action", "actor", "contact", "priority", "priority_label", "child_note", "documents"],
    )


# --- Ambition levels --------------------------------------------------------------------------------


def organisation_options(engine: Engine, workspace_id: int) -> list[str]:
    """Whom a participant may say they come from: the network's participants (step 5) first, then the
    other step 3 actors."""
    from sff_core.events import list_participants
    from sff_core.stakeholders import list_actors

    network = [p.organisation for p in list_participants(engine, workspace_id)]
    return list(dict.fromkeys([*network, *(a.name for a in list_actors(engine, workspace_id))]))


@dataclass(frozen=True)
class AmbitionSummary:
    """Where the room places the city now and where it wants to be: counts per level, the gap, and
    per organisation where enough answered (never one person's answer by organisation)."""

    counts: pd.DataFrame  # level, label, now, wanted
    n: int  # answers with at least one of the two levels
    n_now: int
    n_wanted: int
    median_now: float | None
    median_wanted: float | None
    mean_now: float | None
    mean_wanted: float | None
    by_organisation: pd.DataFrame = field(default_factory=pd.DataFrame)  # organisation, n, median_now, median_wanted
    pooled: int = 0  # answers from organisations with too few answers to be shown on their own

    @property
    def gap(self) -> float | None:
        if self.mean_now is None or self.mean_wanted is None:
            return None
        return self.mean_wanted - self.mean_now


def _stats(values: list[int]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    return float(pd.Series(values).median()), sum(values) / len(values)


def ambition_summary(
    frame: pd.DataFrame, levels: Mapping[int, str], organisations: Sequence[str] = (), threshold: int = 3
) -> AmbitionSummary:
    """Pure: the distributions of the answers (value_int now, value_int2 wanted, text the organisation).

    An organisation is shown on its own only with at least `threshold` answers; the others are pooled
    and the pool shown only when it too reaches the threshold. Organisations not offered are pooled.
    """
    rows = frame if not frame.empty else pd.DataFrame(columns=["value_int", "value_int2", "text"])
    now = [int(v) for v in rows["value_int"].dropna()]
    wanted = [int(v) for v in rows["value_int2"].dropna()]
    answered = rows[rows["value_int"].notna() | rows["value_int2"].notna()]
    counts = pd.DataFrame(
        [{"level": level, "label": label, "now": now.count(level), "wanted": wanted.count(level)} for level, label in levels.items()],
        columns=["level", "label", "now", "wanted"],
    )
    median_now, mean_now = _stats(now)
    median_wanted, mean_wanted = _stats(wanted)
    known = set(organisations)
    groups: dict[str, list[tuple[float | None, float | None]]] = {}
    pooled: list[tuple[float | None, float | None]] = []
    for row in answered.itertuples():
        pair = (None if pd.isna(row.value_int) else row.value_int, None if pd.isna(row.value_int2) else row.value_int2)
        organisation = (row.text or "").strip() if isinstance(row.text, str) else ""
        if organisation and organisation in known:
            groups.setdefault(organisation, []).append(pair)
        else:
            pooled.append(pair)
    shown = []
    for organisation, pairs in sorted(groups.items()):
        if len(pairs) >= threshold:
            shown.append(_organisation_row(organisation, pairs))
        else:
            pooled += pairs
    by_org = pd.DataFrame(shown, columns=["organisation", "n", "median_now", "median_wanted"])
    return AmbitionSummary(
        counts, len(answered), len(now), len(wanted), median_now, median_wanted, mean_now, mean_wanted, by_org, len(pooled) if shown else 0
    )


def _organisation_row(organisation: str, pairs: list[tuple[float | None, float | None]]) -> dict[str, Any]:
    now = [int(a) for a, _ in pairs if a is not None]
    wanted = [int(b) for _, b in pairs if b is not None]
    return {
        "organisation": organisation,
        "n": len(pairs),
        "median_now": _stats(now)[0],
        "median_wanted": _stats(wanted)[0],
    }


def level_name(value: float | None, levels: Mapping[int, str]) -> str:
    """A median as the level it names ("2 – Den förberedda krishanteraren"; 2,5 between two levels)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if float(value).is_integer():
        return f"{int(value)} – {levels.get(int(value), '')}".rstrip(" –")
    return decimal(value)


def gap_line(summary: AmbitionSummary, levels: Mapping[int, str], lang: str, short: bool = False) -> str:
    """Our own sentence about the gap (no user text); `short` (the wall) names the levels by number only."""
    if short:
        levels = {}
    return t(
        "ambition.gap_short" if short else "ambition.gap_line",
        lang,
        now=level_name(summary.median_now, levels),
        wanted=level_name(summary.median_wanted, levels),
        mean_now=decimal(summary.mean_now),
        mean_wanted=decimal(summary.mean_wanted),
        gap=decimal(summary.gap),
        n=summary.n,
    )


def decimal(value: float | None) -> str:
    """A mean or median the Swedish way: 2, 2,5, 1,8 (– when there is none)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")
