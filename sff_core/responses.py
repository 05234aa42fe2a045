"""The generic response store: every content prompt answered by a respondent in a work session.

Saves are idempotent upserts keyed on (workspace, step, section, prompt, respondent, date):
a double-tap or a reconnect overwrites, never duplicates. Input is validated against the
content (shape, scale) before anything is written, so a bad value loses nothing stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from sff_core.content import Section, get_content
from sff_core.errors import InputError
from sff_core.registry import type_of
from sff_core.store.concurrency import Conflict, EditConflict
from sff_core.store.db import rowcount, session_scope
from sff_core.store.models import Member, Response, utcnow
from sff_core.store.uow import unit_of_work, upsert
from sff_core.validation import MAX_TEXT, date_in_window, optional_text, workspace_window

T = TypeVar("T")

GROUP = "group"
NOTES_PROMPT = "_notes"
COMMON_PROMPT = "_common"  # notes the group marked as common to both boards (step 1 modig miljö)
ACK_PROMPT = "_ack"  # the group has read the section's warnings (step 2 internet)
AGREED_PROMPT = "_agreed"  # the facilitator's choice of the agreed work session (step 0 Är ni redo?)
SPECIAL_PROMPTS = (NOTES_PROMPT, COMMON_PROMPT, ACK_PROMPT, AGREED_PROMPT)
RESPONSE_COLUMNS = ["prompt_key", "respondent", "session_date", "value_bool", "value_int", "value_int2", "text", "updated_at"]


@dataclass(frozen=True)
class Answer:
    """One prompt's answer; fields not used by the section's shape stay None."""

    value_bool: bool | None = None
    value_int: int | None = None
    value_int2: int | None = None
    text: str | None = None

    def is_empty(self) -> bool:
        return self.value_bool is None and self.value_int is None and self.value_int2 is None and not (self.text or "").strip()


NUMBER_FIELDS = {"score": ("value_int",), "levels": ("value_int", "value_int2")}  # the shapes that answer with numbers


def section_or_error(step_key: str, section_key: str) -> Section:
    section = get_content().section(step_key, section_key)
    if section is None:
        raise InputError("unknown_section", field="section", section=f"{step_key}.{section_key}")
    return section


def _check_int(value: int | None, low: int, high: int, label: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError("score_range", field=label, low=low, high=high, value=value, prompt=label)


def validate_answer(section: Section, prompt_key: str, answer: Answer) -> Answer:
    """The answer, cleaned, if it fits the section's shape; otherwise InputError."""
    prompt = section.prompt(prompt_key)
    if prompt_key not in SPECIAL_PROMPTS and prompt is None:
        raise InputError("unknown_prompt", field=prompt_key, prompt=prompt_key)
    label = _short(prompt.text["sv"]) if prompt else "Anteckningar"
    if section.shape == "postits" and prompt is not None:  # a board's notes are notes of their own (sff_core.notes)
        raise InputError("postits_are_notes", field=prompt_key, field_label=label)
    text = optional_text(answer.text, prompt_key, MAX_TEXT, label=label) or None
    if section.shape == "score" and section.scale is not None:
        _check_int(answer.value_int, section.scale.min, section.scale.max, prompt_key)
    if section.shape == "levels":
        values = [level.value for level in section.levels]
        _check_int(answer.value_int, min(values), max(values), prompt_key)
        _check_int(answer.value_int2, min(values), max(values), prompt_key)
    for name in ("value_int", "value_int2"):  # a number the shape has no place for would be stored unchecked
        if name not in NUMBER_FIELDS.get(section.shape, ()) and getattr(answer, name) is not None:
            raise InputError("unexpected_number", field=prompt_key, field_label=label, value=getattr(answer, name))
    return Answer(answer.value_bool, answer.value_int, answer.value_int2, text)


def _short(label: str, width: int = 60) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def check_respondent(session: Session, workspace_id: int, respondent: str) -> None:
    if respondent == GROUP:
        return
    kind, _, ident = respondent.partition(":")
    if kind == "member" and ident.isdigit():
        member = session.get(Member, int(ident))
        if member is not None and member.workspace_id == workspace_id and member.deleted_at is None:
            return
    if kind == "participant" and ident.isdigit():
        from sff_core.store.models import LiveActivity, Participant

        participant = session.get(Participant, int(ident))
        activity = session.get(LiveActivity, participant.activity_id) if participant else None
        if activity is not None and activity.workspace_id == workspace_id:
            return
    raise InputError("unknown_respondent", field="respondent")


ANSWER_KEYS = ["workspace_id", "step_key", "section_key", "prompt_key", "respondent", "session_date"]
ANSWER_VALUES = ["value_bool", "value_int", "value_int2", "text", "updated_at"]


def _same_as(answer: Answer) -> list[ColumnElement[bool]]:
    """SQL conditions: the stored row holds exactly this answer (NULL-safe)."""
    conditions = []
    for column in ANSWER_FIELDS:
        value = getattr(answer, column)
        attribute = getattr(Response, column)
        conditions.append(attribute.is_(None) if value is None else attribute == value)
    return conditions


ANSWER_FIELDS = ("value_bool", "value_int", "value_int2", "text")


@dataclass(frozen=True)
class SaveResult:
    """What a save did: prompts written (changed or removed), and prompts left as they were."""

    saved: int
    unchanged: int

    def __int__(self) -> int:
        return self.saved


def check_answers(section: Section, answers: Mapping[str, Answer]) -> None:
    """The exercise's own check of the answers together (`Exercise.validate`): InputError with its
    Swedish messages, before anything is written."""
    check = getattr(type_of(section), "validate", None)
    problems = check(section, answers) if check is not None else []
    if problems:
        raise InputError("answers_rejected", messages=" ".join(problems))


def save_answers(
    engine: Engine,
    workspace_id: int,
    step_key: str,
    section_key: str,
    respondent: str,
    session_date: date,
    answers: dict[str, Answer],
    loaded: dict[str, Answer] | None = None,
) -> SaveResult:
    """Validate all answers (each by its shape, then together by the exercise's `validate` hook – the
    laptop's forms and the phones' `live.submit` both save here), then write the changed ones in one
    short transaction.

    `loaded` is what the person's form showed when it was loaded (prompt -> Answer; a prompt
    absent there had no answer). With it, only prompts the person changed are written, each as
    a compare-and-set against the loaded value: when someone else saved a different answer in
    between, nothing at all is written and `EditConflict` lists the prompts. Without it (scripts,
    the demo) every given answer is written. An empty answer removes a stored one.
    """
    section = section_or_error(step_key, section_key)
    cleaned = {key: validate_answer(section, key, answer) for key, answer in answers.items()}
    check_answers(section, cleaned)
    base = None if loaded is None else {key: _normalised(answer) for key, answer in loaded.items()}
    changed = {key: answer for key, answer in cleaned.items() if base is None or _normalised(answer) != base.get(key, EMPTY)}
    with unit_of_work(engine, workspace_id) as uow:
        session = uow.session
        check_respondent(session, workspace_id, respondent)
        date_in_window(session_date, "session_date", *workspace_window(session, workspace_id))
        conflicts: list[Conflict] = []
        for prompt_key, answer in changed.items():
            key = {
                "workspace_id": workspace_id,
                "step_key": step_key,
                "section_key": section_key,
                "prompt_key": prompt_key,
                "respondent": respondent,
                "session_date": session_date,
            }
            expected = None if base is None else base.get(prompt_key, EMPTY)
            if not _write_one(session, key, answer, expected):
                theirs = _stored(session, key)
                if theirs != _normalised(answer):
                    conflicts.append(Conflict(prompt_key, expected, theirs, answer))
        if conflicts:
            session.rollback()
            raise EditConflict(conflicts)
        if changed:  # who answered which exercise, never what
            uow.audit("answers.save", section=f"{step_key}.{section_key}", respondent=respondent, prompts=len(changed))
        return SaveResult(saved=len(changed), unchanged=len(cleaned) - len(changed))


EMPTY = Answer()


def _normalised(answer: Answer | None) -> Answer:
    """Comparable form: stripped text, empty text as None."""
    if answer is None:
        return EMPTY
    text = (answer.text or "").strip() or None
    return Answer(answer.value_bool, answer.value_int, answer.value_int2, text)


def _write_one(
    session: Session,
    key: dict[str, object],
    answer: Answer,
    expected: Answer | None,
) -> bool:
    """Write one answer; with `expected`, only if the stored row still holds it. True when done."""
    values = {
        "value_bool": answer.value_bool,
        "value_int": answer.value_int,
        "value_int2": answer.value_int2,
        "text": answer.text,
        "updated_at": utcnow(),
    }
    if expected is None:  # no snapshot: plain upsert or delete
        if answer.is_empty():
            _delete(session, key)
        else:
            upsert(session, Response, {**key, **values}, ANSWER_KEYS, ANSWER_VALUES)
        return True
    if expected.is_empty():
        if answer.is_empty():
            return True
        return rowcount(upsert(session, Response, {**key, **values}, ANSWER_KEYS)) == 1
    matching = [*(getattr(Response, k) == v for k, v in key.items()), *_same_as(expected)]
    if answer.is_empty():
        return rowcount(session.execute(delete(Response).where(*matching))) == 1
    return rowcount(session.execute(update(Response).where(*matching).values(**values).execution_options(synchronize_session=False))) == 1


def _stored(session: Session, key: dict[str, object]) -> Answer:
    row = session.scalar(select(Response).filter_by(**key))
    if row is None:
        return EMPTY
    return _normalised(Answer(row.value_bool, row.value_int, row.value_int2, row.text))


def _delete(session: Session, key: dict[str, object]) -> None:
    row = session.scalar(select(Response).filter_by(**key))
    if row is not None:
        session.delete(row)


def load_responses(engine: Engine, workspace_id: int, step_key: str, section_key: str, session_date: date | None = None) -> pd.DataFrame:
    """Answers to one section as a DataFrame (all work sessions unless a date is given)."""
    query = select(*(getattr(Response, c) for c in RESPONSE_COLUMNS)).where(
        Response.workspace_id == workspace_id, Response.step_key == step_key, Response.section_key == section_key
    )
    if session_date is not None:
        query = query.where(Response.session_date == session_date)
    with session_scope(engine) as session:
        rows = session.execute(query.order_by(Response.session_date, Response.respondent)).all()
    return pd.DataFrame(rows, columns=RESPONSE_COLUMNS)


def session_dates(engine: Engine, workspace_id: int, step_key: str, section_key: str) -> list[date]:
    """The work sessions (dates) with answers or post-it notes on a section, newest first."""
    from sff_core.store.models import Note

    with session_scope(engine) as session:
        answered = select(Response.session_date).where(
            Response.workspace_id == workspace_id, Response.step_key == step_key, Response.section_key == section_key
        )
        noted = select(Note.session_date).where(
            Note.workspace_id == workspace_id, Note.step_key == step_key, Note.section_key == section_key, Note.deleted_at.is_(None)
        )
        dates = set(session.scalars(answered.union(noted)).all())
    return sorted(dates, reverse=True)


def answers_for(frame: pd.DataFrame, respondent: str) -> dict[str, Answer]:
    """One respondent's stored answers keyed by prompt (to prefill a form)."""
    mine = frame[frame["respondent"] == respondent]
    return {
        row.prompt_key: Answer(
            _none(row.value_bool, bool),
            _none(row.value_int, int),
            _none(row.value_int2, int),
            row.text if isinstance(row.text, str) else None,
        )
        for row in mine.itertuples()
    }


def _none(value: object, convert: Callable[[Any], T]) -> T | None:
    """A DataFrame cell as `convert` makes it (bool or int); None for a missing value (None or NA)."""
    return None if value is None or pd.isna(value) else convert(value)


def count_answers(engine: Engine, workspace_id: int, step_key: str | None = None) -> int:
    from sqlalchemy import func

    query = select(func.count(Response.id)).where(Response.workspace_id == workspace_id)
    if step_key:
        query = query.where(Response.step_key == step_key)
    with session_scope(engine) as session:
        return int(session.scalar(query) or 0)
