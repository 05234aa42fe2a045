"""The generic response store: every content prompt answered by a respondent in a work session.

Saves are idempotent upserts keyed on (workspace, step, section, prompt, respondent, date):
a double-tap or a reconnect overwrites, never duplicates. Input is validated against the
content (shape, scale) before anything is written, so a bad value loses nothing stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sff_core.content import Section, get_content
from sff_core.db import session_scope
from sff_core.errors import InputError
from sff_core.models import Member, Response, utcnow
from sff_core.validation import MAX_TEXT

GROUP = "group"
NOTES_PROMPT = "_notes"
COMMON_PROMPT = "_common"  # notes the group marked as common to both boards (step 1 modig miljö)
ACK_PROMPT = "_ack"  # the group has read the section's warnings (step 2 internet)
SPECIAL_PROMPTS = (NOTES_PROMPT, COMMON_PROMPT, ACK_PROMPT)
RESPONSE_COLUMNS = ["prompt_key", "respondent", "session_date", "value_bool", "value_int", "value_int2",
                    "text", "updated_at"]


@dataclass(frozen=True)
class Answer:
    """One prompt's answer; fields not used by the section's shape stay None."""

    value_bool: bool | None = None
    value_int: int | None = None
    value_int2: int | None = None
    text: str | None = None

    def is_empty(self) -> bool:
        return (self.value_bool is None and self.value_int is None and self.value_int2 is None
                and not (self.text or "").strip())


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
    text = (answer.text or "").strip() or None
    if text and len(text) > MAX_TEXT:
        label = _short(prompt.text["sv"]) if prompt else "Anteckningar"
        raise InputError("too_long", field=prompt_key, field_label=label, max=MAX_TEXT, length=len(text))
    if section.shape == "score" and section.scale is not None:
        _check_int(answer.value_int, section.scale.min, section.scale.max, prompt_key)
    if section.shape == "levels":
        values = [level["value"] for level in section.levels]
        _check_int(answer.value_int, min(values), max(values), prompt_key)
        _check_int(answer.value_int2, min(values), max(values), prompt_key)
    return Answer(answer.value_bool, answer.value_int, answer.value_int2, text)


def _short(label: str, width: int = 60) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def check_respondent(session, workspace_id: int, respondent: str) -> None:  # type: ignore[no-untyped-def]
    if respondent == GROUP:
        return
    kind, _, ident = respondent.partition(":")
    if kind == "member" and ident.isdigit():
        member = session.get(Member, int(ident))
        if member is not None and member.workspace_id == workspace_id and member.deleted_at is None:
            return
    if kind == "participant" and ident.isdigit():
        from sff_core.models import LiveActivity, Participant

        participant = session.get(Participant, int(ident))
        activity = session.get(LiveActivity, participant.activity_id) if participant else None
        if activity is not None and activity.workspace_id == workspace_id:
            return
    raise InputError("unknown_respondent", field="respondent")


def _upsert_statement(dialect: str, values: dict[str, object]):  # type: ignore[no-untyped-def]
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(Response).values(**values)
    changed = {k: statement.excluded[k] for k in ("value_bool", "value_int", "value_int2", "text", "updated_at")}
    return statement.on_conflict_do_update(
        index_elements=["workspace_id", "step_key", "section_key", "prompt_key", "respondent", "session_date"],
        set_=changed)


def save_answers(engine: Engine, workspace_id: int, step_key: str, section_key: str, respondent: str,
                 session_date: date, answers: dict[str, Answer]) -> int:
    """Validate all answers, then upsert them in one short transaction. Returns how many were saved.

    An empty answer removes a stored one (the user cleared the field).
    """
    section = section_or_error(step_key, section_key)
    cleaned = {key: validate_answer(section, key, answer) for key, answer in answers.items()}
    with session_scope(engine) as session:
        check_respondent(session, workspace_id, respondent)
        dialect = session.get_bind().dialect.name
        saved = 0
        for prompt_key, answer in cleaned.items():
            key = {"workspace_id": workspace_id, "step_key": step_key, "section_key": section_key,
                   "prompt_key": prompt_key, "respondent": respondent, "session_date": session_date}
            if answer.is_empty():
                _delete(session, key)
                continue
            values = {**key, "value_bool": answer.value_bool, "value_int": answer.value_int,
                      "value_int2": answer.value_int2, "text": answer.text, "updated_at": utcnow()}
            session.execute(_upsert_statement(dialect, values))
            saved += 1
        return saved


def _delete(session, key: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    row = session.scalar(select(Response).filter_by(**key))
    if row is not None:
        session.delete(row)


def load_responses(engine: Engine, workspace_id: int, step_key: str, section_key: str,
                   session_date: date | None = None) -> pd.DataFrame:
    """Answers to one section as a DataFrame (all work sessions unless a date is given)."""
    query = select(*(getattr(Response, c) for c in RESPONSE_COLUMNS)).where(
        Response.workspace_id == workspace_id, Response.step_key == step_key,
        Response.section_key == section_key)
    if session_date is not None:
        query = query.where(Response.session_date == session_date)
    with session_scope(engine) as session:
        rows = session.execute(query.order_by(Response.session_date, Response.respondent)).all()
    return pd.DataFrame(rows, columns=RESPONSE_COLUMNS)


def session_dates(engine: Engine, workspace_id: int, step_key: str, section_key: str) -> list[date]:
    """The work sessions (dates) with answers to a section, newest first."""
    with session_scope(engine) as session:
        dates = session.scalars(select(Response.session_date).distinct().where(
            Response.workspace_id == workspace_id, Response.step_key == step_key,
            Response.section_key == section_key).order_by(Response.session_date.desc())).all()
    return list(dates)


def answers_for(frame: pd.DataFrame, respondent: str) -> dict[str, Answer]:
    """One respondent's stored answers keyed by prompt (to prefill a form)."""
    mine = frame[frame["respondent"] == respondent]
    return {row.prompt_key: Answer(_none(row.value_bool, bool), _none(row.value_int, int),
                                   _none(row.value_int2, int), row.text if isinstance(row.text, str) else None)
            for row in mine.itertuples()}


def _none(value: object, cast: type) -> object:
    return None if value is None or pd.isna(value) else cast(value)


def count_answers(engine: Engine, workspace_id: int, step_key: str | None = None) -> int:
    from sqlalchemy import func

    query = select(func.count(Response.id)).where(Response.workspace_id == workspace_id)
    if step_key:
        query = query.where(Response.step_key == step_key)
    with session_scope(engine) as session:
        return int(session.scalar(query) or 0)
