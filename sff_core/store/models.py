"""SQLAlchemy 2.x typed models. Every row belongs to a workspace (one city's process)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# Every constraint gets a predictable name, so later migrations can drop or change it by name
# on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class InWorkspace:
    """A row that belongs to one workspace (one city's process) and goes with it."""

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"), index=True)


class SoftDeleted:
    """A row a facilitator may regret removing: marked, not deleted, so history and past answers keep it."""

    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Workspace(Base):
    """One city's Stad för stad process."""

    __tablename__ = "workspace"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    city: Mapped[str] = mapped_column(String(120))
    municipality: Mapped[str] = mapped_column(String(120))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(2), default="sv")
    passphrase_hash: Mapped[str] = mapped_column(String(255))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    small_count_threshold: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    name_retention_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")  # issue 14: live names → pseudonyms
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Member(InWorkspace, SoftDeleted, Base):
    """A core-group member (kärngruppen). Soft-deleted so past answers keep their respondent."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"personal": "name"})
    organisation: Mapped[str] = mapped_column(String(160), info={"personal": "organisation"})
    sector: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(160), default="")
    level: Mapped[str | None] = mapped_column(String(20), nullable=True)
    personality_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    child_youth_perspective: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Candidate(InWorkspace, SoftDeleted, Base):
    """A possible core-group member checked against step 0's recruitment checklists."""

    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"personal": "name"})
    organisation: Mapped[str] = mapped_column(String(160), info={"personal": "organisation"})
    sector: Mapped[str] = mapped_column(String(40))
    personality_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    checks: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="idea")
    note: Mapped[str] = mapped_column(Text, default="", info={"personal": "free_text"})
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Response(InWorkspace, Base):
    """One answer to one content prompt, by one respondent, in one work session (arbetspass).

    `respondent` is "group" (the group's joint or consensus answer) or "member:<id>".
    The unique key makes every save an upsert: a double-tap or a reconnect changes, never adds.
    """

    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("workspace_id", "step_key", "section_key", "prompt_key", "respondent", "session_date", name="uq_response_answer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    step_key: Mapped[str] = mapped_column(String(20))
    section_key: Mapped[str] = mapped_column(String(60))
    prompt_key: Mapped[str] = mapped_column(String(60))
    respondent: Mapped[str] = mapped_column(String(60))
    session_date: Mapped[date] = mapped_column(Date)
    value_bool: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    value_int: Mapped[int | None] = mapped_column(Integer, nullable=True)
    value_int2: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True, info={"personal": "free_text"})
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class StepProgress(InWorkspace, Base):
    """The facilitator's status for a step: not_started, in_progress or done."""

    __tablename__ = "step_progress"
    __table_args__ = (UniqueConstraint("workspace_id", "step_key", name="uq_step_progress"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_key: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class AuditEvent(Base):
    """Who changed what (no answer contents; just the action and its target)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"), nullable=True, index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class LiveActivity(InWorkspace, Base):
    """A live exercise: participants join with the code (or its QR) and answer from their devices.

    Their answers go straight into `response` (respondent "participant:<id>" or "member:<id>")
    for the activity's work session, so when it closes they are the exercise's answers.
    """

    __tablename__ = "live_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_key: Mapped[str] = mapped_column(String(20))
    section_key: Mapped[str] = mapped_column(String(60))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    identity_mode: Mapped[str] = mapped_column(String(20))
    session_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="open")
    results_visible: Mapped[bool] = mapped_column(Boolean, default=False)
    names_on_wall: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    votes_per_person: Mapped[int | None] = mapped_column(Integer, nullable=True)  # dot voting open with N votes each
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    participants: Mapped[list[Participant]] = relationship(back_populates="activity", passive_deletes=True)


class Participant(Base):
    """Someone who joined a live activity. The token lives in their URL so a reconnect keeps it."""

    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("activity_id", "member_id", name="uq_participant_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("live_activity.id", ondelete="CASCADE"), index=True)
    activity: Mapped[LiveActivity] = relationship(back_populates="participants")
    token: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(120), nullable=True, info={"personal": "name"})
    organisation: Mapped[str | None] = mapped_column(String(160), nullable=True, info={"personal": "organisation"})
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class IcebreakerQuestion(InWorkspace, SoftDeleted, Base):
    """A question the group added to the ice-breaker basket (the handbook's own are content)."""

    __tablename__ = "icebreaker_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MindmapNode(InWorkspace, SoftDeleted, Base):
    """Step 2's mind map as data: target groups, where they are, and the actors who meet them there.

    The city is the implicit centre; a group has no parent, a place's parent is a group, an
    actor's parent is a place or a group.
    """

    __tablename__ = "mindmap_node"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("mindmap_node.id", ondelete="CASCADE"), nullable=True)
    parent: Mapped[MindmapNode | None] = relationship(remote_side="MindmapNode.id", back_populates="children")
    children: Mapped[list[MindmapNode]] = relationship(back_populates="parent", passive_deletes=True)
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(160))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MappingPlan(Base):
    """Step 2 'Hur ska ni kartlägga problembilden?': categories, contact method, report format."""

    __tablename__ = "mapping_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"), unique=True)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact_method: Mapped[str | None] = mapped_column(String(40), nullable=True)
    report_format: Mapped[str | None] = mapped_column(String(40), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="", info={"personal": "free_text"})
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Task(InWorkspace, SoftDeleted, Base):
    """Who does what and when: step 2's mapping tasks, step 5's event tasks, step 6's plan activities.

    `step_key` and `section_key` say which exercise a task belongs to.
    """

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_key: Mapped[str] = mapped_column(String(20))
    section_key: Mapped[str | None] = mapped_column(String(60), nullable=True)
    category: Mapped[str | None] = mapped_column(String(60), nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str] = mapped_column(String(120), default="", info={"personal": "name"})
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="todo")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class OffenceCount(InWorkspace, Base):
    """Reported offences per year and Brå category for the municipality (not actual prevalence)."""

    __tablename__ = "offence_count"
    __table_args__ = (UniqueConstraint("workspace_id", "year", "category", name="uq_offence_count"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(60))
    count: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20), default="manual")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class AdObservation(InWorkspace, SoftDeleted, Base):
    """One search occasion on one site: counts and indicator flags only, never personal data.

    `advertiser_hash` is an optional keyed hash (HMAC, key outside the database) of an
    advertiser reference, to recognise repeats; it is purged after the retention period.
    """

    __tablename__ = "ad_observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    observed_on: Mapped[date] = mapped_column(Date)
    site: Mapped[str] = mapped_column(String(120))
    ads_count: Mapped[int] = mapped_column(Integer)
    origin_sweden: Mapped[int] = mapped_column(Integer, default=0)
    origin_eu: Mapped[int] = mapped_column(Integer, default=0)
    origin_outside_eu: Mapped[int] = mapped_column(Integer, default=0)
    origin_unknown: Mapped[int] = mapped_column(Integer, default=0)
    flag_same_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_third_party: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_minor: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_moving: Mapped[bool] = mapped_column(Boolean, default=False)
    advertiser_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SurveyLink(InWorkspace, Base):
    """A link outside actors use to fill in the indicator survey, without an account."""

    __tablename__ = "survey_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(160), default="")
    sector: Mapped[str | None] = mapped_column(String(40), nullable=True)  # the sector the link is for, preselected
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class IndicatorSurvey(InWorkspace, SoftDeleted, Base):
    """One actor's answers to the indicator survey: statement key -> 1..5, or null for 'vet ej'."""

    __tablename__ = "indicator_survey"
    __table_args__ = (UniqueConstraint("workspace_id", "submission_key", name="uq_indicator_submission"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(160), info={"personal": "organisation"})
    sector: Mapped[str] = mapped_column(String(40))
    surveyed_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link_id: Mapped[int | None] = mapped_column(ForeignKey("survey_link.id", ondelete="SET NULL"), nullable=True)
    submission_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Actor(InWorkspace, SoftDeleted, Base):
    """A possible collaboration actor (step 3): an organisation, never a private person."""

    __tablename__ = "actor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    sector: Mapped[str] = mapped_column(String(40))
    current_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    wanted_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    level_notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    assessments: Mapped[list[ActorAssessment]] = relationship(
        back_populates="actor", passive_deletes=True, order_by="ActorAssessment.assessed_on"
    )


class ActorAssessment(Base):
    """The handbook's analysis table row for one actor at one date (kept over time)."""

    __tablename__ = "actor_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), index=True)
    actor: Mapped[Actor] = relationship(back_populates="assessments")
    assessed_on: Mapped[date] = mapped_column(Date)
    influence: Mapped[int] = mapped_column(Integer)
    support: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    contact_role: Mapped[str] = mapped_column(String(160), default="", info={"personal": "contact"})
    comment: Mapped[str] = mapped_column(Text, default="", info={"personal": "free_text"})
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class YearlyStatistic(InWorkspace, Base):
    """Hand-entered or imported yearly totals of the network's four series (and the preliminary flag)."""

    __tablename__ = "yearly_statistic"
    __table_args__ = (UniqueConstraint("workspace_id", "year", name="uq_yearly_statistic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    incidents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    persons: Mapped[int | None] = mapped_column(Integer, nullable=True)
    support_conversations: Mapped[int | None] = mapped_column(Integer, nullable=True)
    long_term_support: Mapped[int | None] = mapped_column(Integer, nullable=True)
    preliminary: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20), default="manual")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Incident(InWorkspace, SoftDeleted, Base):
    """One incident in the common statistics template – no names, identity numbers or narratives."""

    __tablename__ = "incident"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    exploitation_form: Mapped[str] = mapped_column(String(20))
    reporting_sector: Mapped[str] = mapped_column(String(40))
    police_contacted: Mapped[bool] = mapped_column(Boolean, default=False)
    social_services_contacted: Mapped[bool] = mapped_column(Boolean, default=False)
    persons: Mapped[int] = mapped_column(Integer, default=1)
    support_conversations: Mapped[int] = mapped_column(Integer, default=0)
    long_term_support: Mapped[int] = mapped_column(Integer, default=0)
    referrals: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(String(300), default="", info={"personal": "free_text"})
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Attempt(Base):
    """Attempts per client in a time window (passphrases, join codes), counted atomically.

    `client` is a keyed hash of the client's address, never the address itself; rows older than
    the window are deleted on the next count, so nothing is kept longer than the window needs.
    """

    __tablename__ = "attempt"
    __table_args__ = (UniqueConstraint("scope", "subject", "client", name="uq_attempt_client"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(40))
    client: Mapped[str] = mapped_column(String(64))
    window_start: Mapped[datetime] = mapped_column(DateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class FacilitatorSession(InWorkspace, Base):
    """An unlocked browser: a reload or a laptop waking from sleep resumes it without the passphrase.

    The browser keeps a random token in a cookie; only its SHA-256 is stored, and it expires.
    """

    __tablename__ = "facilitator_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class Note(InWorkspace, SoftDeleted, Base):
    """One post-it on a board (a prompt) of an exercise, by one respondent, in one work session.

    A duplicate merged by the facilitator points to the note it was merged into (kept, not shown
    on its own); `cluster` is the facilitator's grouping on the wall; `marked` the items the group
    carries forward. `submission_key` makes adding a note idempotent (a double tap adds it once).
    `topic` is the column of the flip chart the note stands under within its board, for exercises
    whose content names `topics` (step 5: a sector; step 6: a small group); None elsewhere.
    """

    __tablename__ = "note"
    __table_args__ = (UniqueConstraint("workspace_id", "submission_key", name="uq_note_submission"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_key: Mapped[str] = mapped_column(String(20))
    section_key: Mapped[str] = mapped_column(String(60))
    prompt_key: Mapped[str] = mapped_column(String(60))
    topic: Mapped[str | None] = mapped_column(String(60), nullable=True)
    session_date: Mapped[date] = mapped_column(Date)
    respondent: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(String(300), info={"personal": "free_text"})
    submission_key: Mapped[str] = mapped_column(String(64))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("note.id", ondelete="SET NULL"), nullable=True)
    cluster: Mapped[str | None] = mapped_column(String(80), nullable=True)
    marked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class NoteVote(Base):
    """One dot of dot voting: a voter puts at most one dot on a note (the budget is the activity's)."""

    __tablename__ = "note_vote"
    __table_args__ = (UniqueConstraint("note_id", "voter", name="uq_note_vote_voter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("note.id", ondelete="CASCADE"), index=True)
    voter: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AgendaItem(InWorkspace, Base):
    """One exercise of a work session's agenda, in order: "next" on the remote follows it."""

    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("workspace_id", "session_date", "step_key", "section_key", name="uq_agenda_item_exercise"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_date: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)
    step_key: Mapped[str] = mapped_column(String(20))
    section_key: Mapped[str] = mapped_column(String(60))
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RoomState(Base):
    """What the wall shows now, driven from the remote: the exercise, the join code, the timer.

    The timer is stored as a duration, the seconds already run and (while running) when it was
    last started, so every wall computes the same remaining time and a pause survives a reload.
    `version` grows with every change; a command carries the version it saw, so two remotes
    pressing "next" at once move the wall one exercise, not two.
    """

    __tablename__ = "room_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"), unique=True)
    session_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    step_key: Mapped[str | None] = mapped_column(String(20), nullable=True)
    section_key: Mapped[str | None] = mapped_column(String(60), nullable=True)
    show_join: Mapped[bool] = mapped_column(Boolean, default=True)
    timer_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    timer_run_seconds: Mapped[int] = mapped_column(Integer, default=0)
    timer_started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


# --- Step 5: the start-up event, its invitees and the network they join -------------------------------


class NetworkEvent(InWorkspace, SoftDeleted, Base):
    """Anordna ett event: the networking and training event that starts the network."""

    __tablename__ = "network_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    event_date: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    length_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    speakers: Mapped[str] = mapped_column(Text, default="", info={"personal": "name"})
    startup_date: Mapped[date | None] = mapped_column(Date, nullable=True)  # "Kan ni vara med XXXX-XX-XX …?"
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class EventAgendaItem(Base):
    """One item of the event's agenda with the core-group member responsible for it."""

    __tablename__ = "event_agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("network_event.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    event: Mapped[NetworkEvent] = relationship()


class EventChecklistItem(Base):
    """One point of the handbook's checklist for the event (a prompt key) with owner, deadline and status."""

    __tablename__ = "event_checklist_item"
    __table_args__ = (UniqueConstraint("event_id", "item_key", name="uq_event_checklist_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("network_event.id", ondelete="CASCADE"), index=True)
    item_key: Mapped[str] = mapped_column(String(60))
    owner: Mapped[str] = mapped_column(String(120), default="", info={"personal": "name"})
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="todo")
    event: Mapped[NetworkEvent] = relationship()


class EventInvitee(Base):
    """An organisation (an actor of step 3) invited to the event: invited → reminded → answered, and its answers."""

    __tablename__ = "event_invitee"
    __table_args__ = (UniqueConstraint("event_id", "actor_id", name="uq_event_invitee_actor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("network_event.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="invited")
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    join_network: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    shape_work: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    attend_startup: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    event: Mapped[NetworkEvent] = relationship()


class NetworkParticipant(InWorkspace, SoftDeleted, Base):
    """An organisation in the network (it said yes at the event); steps 6–7 invite these."""

    __tablename__ = "network_participant"
    __table_args__ = (UniqueConstraint("workspace_id", "actor_id", name="uq_network_participant_actor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), index=True)
    joined_on: Mapped[date] = mapped_column(Date)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("network_event.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RoleDocument(InWorkspace, Base):
    """A role description (the network's, step 5) as sections of text; status utkast → överenskommelse."""

    __tablename__ = "role_document"
    __table_args__ = (UniqueConstraint("workspace_id", "kind", name="uq_role_document_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RoleDocumentVersion(Base):
    """Every saved state of a role description, so the group sees what changed since it was agreed."""

    __tablename__ = "role_document_version"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_role_document_version_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("role_document.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20))
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CommunicationPlan(InWorkspace, Base):
    """Utforska motivation och kommunikation: the communication plan for one sector (bransch)."""

    __tablename__ = "communication_plan"
    __table_args__ = (UniqueConstraint("workspace_id", "sector", name="uq_communication_plan_sector"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sector: Mapped[str] = mapped_column(String(40))
    key_message: Mapped[str] = mapped_column(Text, default="")
    words_to_use: Mapped[str] = mapped_column(Text, default="")
    words_to_avoid: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(200), default="")
    who: Mapped[str] = mapped_column(String(120), default="", info={"personal": "name"})
    when: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class KnowledgeItem(InWorkspace, SoftDeleted, Base):
    """One entry of step 4's knowledge bank: a tool, contact, link, guideline, material, course or other.

    A contact is an organisation or a function (a switchboard, a functional mailbox), never a private
    person. `important` is the handbook's "ringa in det viktigaste"; `network_visible` marks what the
    group may share with the network in step 6; `checked_on` drives the review mark (12 months).
    """

    __tablename__ = "knowledge_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40))
    focus_area: Mapped[str] = mapped_column(String(120), default="")
    url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    relevant_for: Mapped[str] = mapped_column(String(300), default="")
    found_by: Mapped[str] = mapped_column(String(120), default="", info={"personal": "name"})
    important: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    network_visible: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    added_on: Mapped[date] = mapped_column(Date)
    checked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class KnowledgeSubscription(InWorkspace, SoftDeleted, Base):
    """Håll er uppdaterade: a newsletter, mailing list or alert the group follows, with who follows it."""

    __tablename__ = "knowledge_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    responsible: Mapped[str] = mapped_column(String(120), default="", info={"personal": "name"})
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# --- Step 6 live: the chosen format of steps 6–7, and an exercise's screens on the wall -------------


class WorkFormat(InWorkspace, Base):
    """How the group carries out step 6 or 7: the handbook's alternative it chose and its dates.

    `alternative` is a key of the step's `formats` (content); `dates` the workshop days (alternative 1)
    or the meeting days (alternative 2) as ISO dates; `end_date` the slutdatum by which the plan or the
    routine is to be finished (alternative 2).
    """

    __tablename__ = "work_format"
    __table_args__ = (UniqueConstraint("workspace_id", "step_key", name="uq_work_format_step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_key: Mapped[str] = mapped_column(String(20))
    alternative: Mapped[str | None] = mapped_column(String(40), nullable=True)
    dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ExerciseScreen(InWorkspace, Base):
    """Which screen of a many-screen exercise the wall shows (the common starting point's topics, the
    SWOT per small group and for the whole room), and for the SWOT the number of small groups."""

    __tablename__ = "exercise_screen"
    __table_args__ = (UniqueConstraint("workspace_id", "step_key", "section_key", name="uq_exercise_screen_section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_key: Mapped[str] = mapped_column(String(20))
    section_key: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer, default=0)
    small_groups: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


# --- Step 7: the routine for individual cases (rutin för enskilda ärenden) ----------------------------


class Routine(InWorkspace, Base):
    """The network's routine for individual cases: its texts (the city's title for the card, the network's
    contact, the template's three goal boxes), status utkast → överenskommelse with the date the network
    agreed, and a version number that grows with every change (each kept in `routine_version`)."""

    __tablename__ = "routine"
    __table_args__ = (UniqueConstraint("workspace_id", name="uq_routine_workspace_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    texts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RoutineStep(InWorkspace, SoftDeleted, Base):
    """One step of the routine, in `position` order: what to do, the responsible actor (step 3), the
    contact route (a function's phone or mailbox, never a private person), priority and the child
    perspective. `documents` marks the step where the incident is documented (the statistics template)."""

    __tablename__ = "routine_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), nullable=True, index=True)
    contact: Mapped[str] = mapped_column(String(300), default="", info={"personal": "contact"})
    priority: Mapped[str] = mapped_column(String(20), default="planerat")
    child_note: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RoutineVersion(Base):
    """Every saved state of the routine (texts and steps, actors by name), so the group sees what
    changed since the network agreed to it."""

    __tablename__ = "routine_version"
    __table_args__ = (UniqueConstraint("routine_id", "number", name="uq_routine_version_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    routine_id: Mapped[int] = mapped_column(ForeignKey("routine.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20))
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# --- Step 6: the collaboration plan (samverkansplan), marketing and follow-up (migration 0014) ------------


class CollaborationPlan(InWorkspace, Base):
    """The network's local collaboration plan: vision, overall goals ("det gör vi bl.a. genom att")
    and the plan period (a first calendar year and a number of years; the handbook's år 1, 2, 3).
    Status goes utkast → överenskommelse with the date the network agreed it."""

    __tablename__ = "collaboration_plan"
    __table_args__ = (UniqueConstraint("workspace_id", name="uq_collaboration_plan_workspace"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vision: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_year: Mapped[int] = mapped_column(Integer)
    years: Mapped[int] = mapped_column(Integer, default=3)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PlanGoal(InWorkspace, SoftDeleted, Base):
    """A delmål: its text, the unit its targets count (e.g. "lagförda sexköpare") and optionally the
    network statistics series whose yearly values are its actuals."""

    __tablename__ = "plan_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(120), default="")
    series_key: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PlanGoalYear(Base):
    """One year of a delmål (1 = the plan's first year): its target and a hand-entered actual."""

    __tablename__ = "plan_goal_year"
    __table_args__ = (UniqueConstraint("goal_id", "year", name="uq_plan_goal_year_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_goal.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    target: Mapped[float | None] = mapped_column(Float, nullable=True)
    actual: Mapped[float | None] = mapped_column(Float, nullable=True)


class PlanActivity(InWorkspace, SoftDeleted, Base):
    """An activity (insats) of a delmål in one plan year, with the organisation responsible and its status."""

    __tablename__ = "plan_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_goal.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(160), default="", info={"personal": "name"})
    status: Mapped[str] = mapped_column(String(20), default="planned")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PlanSwotLink(Base):
    """SWOT → delmål: a SWOT item (a post-it of step 6's SWOT) the delmål was drawn from."""

    __tablename__ = "plan_swot_link"
    __table_args__ = (UniqueConstraint("note_id", "goal_id", name="uq_plan_swot_link_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("note.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_goal.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MarketingRow(InWorkspace, SoftDeleted, Base):
    """Marknadsföring: the handbook's five questions for one target group (vem behöver veta → the group)."""

    __tablename__ = "marketing_row"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_group: Mapped[str] = mapped_column(String(160))
    important: Mapped[str] = mapped_column(Text, default="")
    channels: Mapped[str] = mapped_column(Text, default="")
    tone: Mapped[str] = mapped_column(Text, default="")
    helpers: Mapped[str] = mapped_column(Text, default="", info={"personal": "name"})
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
