"""Live participation: a facilitator opens an activity on an exercise; people join by code or QR.

Answers are written straight into the generic response store for the activity's work session
(respondent "participant:<id>", or "member:<id>" when people answer as core-group members), as
short idempotent upserts: a reconnect or a double-tap changes an answer, never adds one. When
the activity closes its answers simply are the exercise's answers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from sff_core import throttle
from sff_core.config import hash_key
from sff_core.errors import InputError
from sff_core.responses import Answer, SaveResult, save_answers, section_or_error
from sff_core.store.db import session_scope
from sff_core.store.models import LiveActivity, Member, Note, Participant, Response, utcnow
from sff_core.store.uow import unit_of_work
from sff_core.validation import check_process_date, is_token, optional_text, required_text

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L look-alikes
CODE_LENGTH = 6
IDENTITY_MODES = ("named", "anonymous", "member")
JOIN_SCOPE = "join"  # wrong codes per network address
JOIN_SESSION_SCOPE = "join-session"  # codes tried per browser session (right ones given back)
WRONG_CODE_SESSION_LIMIT = 10  # one phone's page: a person mistypes a few times, a script many
WRONG_CODE_ADDRESS_LIMIT = 150  # a venue's Wi-Fi: 40 phones mistyping a few times each stay well below
WRONG_CODE_WINDOW = timedelta(minutes=10)
WRONG_CODE_DELAY_SECONDS = 0.4


@dataclass(frozen=True)
class ActivityInfo:
    id: int
    workspace_id: int
    step_key: str
    section_key: str
    code: str
    identity_mode: str
    session_date: date
    status: str
    results_visible: bool
    names_on_wall: bool = False
    votes_per_person: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class ParticipantInfo:
    id: int
    activity_id: int
    token: str
    display_name: str | None
    organisation: str | None
    member_id: int | None

    @property
    def respondent(self) -> str:
        return f"member:{self.member_id}" if self.member_id is not None else f"participant:{self.id}"


def _activity(row: LiveActivity) -> ActivityInfo:
    return ActivityInfo(
        row.id,
        row.workspace_id,
        row.step_key,
        row.section_key,
        row.code,
        row.identity_mode,
        row.session_date,
        row.status,
        row.results_visible,
        bool(row.names_on_wall),
        row.votes_per_person,
    )


def _participant(row: Participant) -> ParticipantInfo:
    return ParticipantInfo(row.id, row.activity_id, row.token, row.display_name, row.organisation, row.member_id)


def generate_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(code: str | None) -> str:
    """What people type: any case, spaces or dashes ('abc-234' is 'ABC234')."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def is_live_capable(step_key: str, section_key: str) -> bool:
    """Whether the exercise can be opened as a live activity (its registered type says so)."""
    from sff_core.registry import type_of

    section = section_or_error(step_key, section_key)
    return type_of(section).can_run_live(section)


def open_activity(
    engine: Engine, workspace_id: int, step_key: str, section_key: str, session_date: date, identity_mode: str = "named"
) -> ActivityInfo:
    """Open a live activity on an exercise (an already open one on it is returned as it is)."""
    if not is_live_capable(step_key, section_key):
        raise InputError("not_live_capable", field="section")
    if identity_mode not in IDENTITY_MODES:
        raise InputError("not_allowed", field="identity_mode", field_label="identity_mode", value=identity_mode)
    existing = open_activity_for(engine, workspace_id, step_key, section_key)
    if existing is not None:
        return existing
    for _ in range(10):  # a code collision is rare; draw again
        try:
            with unit_of_work(engine, workspace_id) as uow:
                check_process_date(uow.session, workspace_id, session_date, "session_date")
                row = LiveActivity(
                    workspace_id=workspace_id,
                    step_key=step_key,
                    section_key=section_key,
                    code=generate_code(),
                    identity_mode=identity_mode,
                    session_date=session_date,
                    status="open",
                    results_visible=False,
                )
                uow.session.add(row)
                uow.session.flush()
                uow.audit("live.open", activity_id=row.id, section=f"{step_key}.{section_key}")
                return _activity(row)
        except IntegrityError:
            continue
    raise RuntimeError("could not draw a unique join code")


def close_activity(engine: Engine, workspace_id: int, activity_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        row = uow.owned(LiveActivity, activity_id, "unknown_code")
        row.status, row.closed_at = "closed", utcnow()
        uow.audit("live.close", activity_id=activity_id)


def set_names_on_wall(engine: Engine, workspace_id: int, activity_id: int, shown: bool) -> None:
    """Whether the wall shows who answered what (off by default: in a room with police and social
    services, names on the wall discourage honest answers)."""
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(LiveActivity, activity_id, "unknown_code").names_on_wall = shown
        uow.audit("live.names", activity_id=activity_id, shown=shown)


def set_results_visible(engine: Engine, workspace_id: int, activity_id: int, visible: bool) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.owned(LiveActivity, activity_id, "unknown_code").results_visible = visible
        uow.audit("live.reveal" if visible else "live.hide", activity_id=activity_id)


def get_activity(engine: Engine, workspace_id: int, activity_id: int) -> ActivityInfo:
    with unit_of_work(engine, workspace_id) as uow:
        return _activity(uow.owned(LiveActivity, activity_id, "unknown_code"))


def open_activity_for(engine: Engine, workspace_id: int, step_key: str, section_key: str) -> ActivityInfo | None:
    with session_scope(engine) as session:
        row = session.scalar(
            select(LiveActivity)
            .where(
                LiveActivity.workspace_id == workspace_id,
                LiveActivity.step_key == step_key,
                LiveActivity.section_key == section_key,
                LiveActivity.status == "open",
            )
            .order_by(LiveActivity.id.desc())
            .limit(1)
        )
        return _activity(row) if row else None


@dataclass(frozen=True)
class Guesser:
    """Who typed a join code, as the throttle counts it: keyed hashes of the network address (every
    phone on a venue's Wi-Fi shares one) and of the browser session (one phone's page)."""

    address: str
    session: str


def _lookup_code(engine: Engine, cleaned: str) -> ActivityInfo | None:
    if not cleaned:
        return None
    with session_scope(engine) as session:
        row = session.scalar(select(LiveActivity).where(LiveActivity.code == cleaned))
        return _activity(row) if row else None


def _too_many(window: timedelta) -> InputError:
    return InputError("too_many_codes", field="code", minutes=int(window.total_seconds() // 60))


def _admit(engine: Engine, guesser: Guesser, window: timedelta) -> None:
    """Count the attempt against the browser session before the code is looked at (one atomic statement,
    so parallel attempts each get their own number): beyond its limit, or once the session has guessed
    wrong while its network is over the network's limit, the code is refused unchecked."""
    attempt = throttle.count_attempt(engine, JOIN_SESSION_SCOPE, "*", guesser.session, window)
    if attempt == WRONG_CODE_SESSION_LIMIT + 1:
        throttle.log.warning("join codes throttled: browser session %s", guesser.session[:8])
    if attempt > WRONG_CODE_SESSION_LIMIT:
        raise _too_many(window)
    guessed_before = attempt > 1  # right codes are given back, so what remains are wrong ones
    if guessed_before and throttle.attempts_in_window(engine, JOIN_SCOPE, "*", guesser.address, window) >= WRONG_CODE_ADDRESS_LIMIT:
        raise _too_many(window)


def find_by_code(engine: Engine, code: str | None, must_be_open: bool = True, guesser: Guesser | None = None) -> ActivityInfo:
    """The activity for a join code; InputError for an unknown or (by default) closed one.

    With `guesser` (a code typed or linked on a phone that has not joined) wrong codes are throttled
    and a right code never is: each wrong one costs a short delay a person never notices and counts
    against the phone's browser session (WRONG_CODE_SESSION_LIMIT) and its network address
    (WRONG_CODE_ADDRESS_LIMIT, generous: a room full of phones shares one). A session past its own
    limit is refused unchecked; past the network's, only sessions that have already guessed wrong are,
    so a new phone with the QR code always gets in. Without `guesser` (a joined phone, a service call)
    nothing is counted.
    """
    cleaned = normalise_code(code)
    window = WRONG_CODE_WINDOW
    if guesser is not None:
        _admit(engine, guesser, window)
    activity = _lookup_code(engine, cleaned)
    if activity is None:
        if guesser is not None:
            wrong = throttle.count_attempt(engine, JOIN_SCOPE, "*", guesser.address, window)
            if wrong == WRONG_CODE_ADDRESS_LIMIT:
                throttle.log.warning("join codes throttled: network %s", guesser.address[:8])
            time.sleep(WRONG_CODE_DELAY_SECONDS)
            if wrong > WRONG_CODE_ADDRESS_LIMIT:
                raise _too_many(window)
        raise InputError("unknown_code", field="code", code=cleaned or "–")
    if guesser is not None:
        throttle.refund(engine, JOIN_SESSION_SCOPE, "*", guesser.session)  # a right code is not a guess
    if must_be_open and not activity.is_open:
        raise InputError("closed_code", field="code", code=cleaned)
    return activity


def browser_participant_token(browser: str, activity_id: int) -> str:
    """The participant token a browser has in an activity: derived from the browser's own token (kept in
    a cookie), so the same browser re-joining the same activity – a closed tab, a re-scan – is the same
    participant with the same answers, notes and votes. A keyed hash: neither the browser's token nor its
    participant in another activity can be worked out from it."""
    key = hash_key() or throttle.FALLBACK_KEY.encode()
    digest = hmac.new(key, f"participant:{activity_id}:{browser}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode("ascii")


def participant_for_browser(engine: Engine, activity: ActivityInfo, browser: str | None) -> ParticipantInfo | None:
    """The participant this browser already is in the activity (None for a browser that has not joined it)."""
    if not is_token(browser):
        return None
    return participant_for(engine, activity.code, browser_participant_token(str(browser), activity.id))


def _join_values(activity: ActivityInfo, display_name: str | None, organisation: str | None, member_id: int | None) -> dict[str, object]:
    values: dict[str, object] = {"display_name": None, "organisation": None, "member_id": None}
    if activity.identity_mode == "member":
        if member_id is None:
            raise InputError("pick_member", field="member")
        values["member_id"] = member_id
    elif activity.identity_mode == "named" and ((display_name or "").strip() or (organisation or "").strip()):
        values["display_name"] = required_text(display_name, "name")  # an organisation alone is not dropped silently
        values["organisation"] = optional_text(organisation, "organisation", 160) or None
    elif activity.identity_mode == "anonymous" and (organisation or "").strip():
        # steps 6–7: a network participant names only their organisation, so answers can be grouped by it
        values["organisation"] = optional_text(organisation, "organisation", 160) or None
    return values


def join(
    engine: Engine,
    code: str,
    display_name: str | None = None,
    organisation: str | None = None,
    member_id: int | None = None,
    browser: str | None = None,
) -> ParticipantInfo:
    """Join an open activity as its identity mode allows; returns the participant with their token.

    With `browser` (the browser's own token) joining is idempotent: a browser that has joined the
    activity before gets the same participant back, whatever it types this time, so its vote budget
    and notes stay one person's however often it re-joins."""
    activity = find_by_code(engine, code)
    known = participant_for_browser(engine, activity, browser)
    if known is not None:
        return known
    values = _join_values(activity, display_name, organisation, member_id)
    token = browser_participant_token(str(browser), activity.id) if is_token(browser) else secrets.token_urlsafe(24)
    try:
        return _add_participant(engine, activity, token, values)
    except IntegrityError:  # the same browser joining twice at once, or two phones picking one member
        again = participant_for_browser(engine, activity, browser)
        if again is not None:
            return again
        raise InputError("member_taken", field="member", name=_member_name(engine, values["member_id"])) from None


def _member_name(engine: Engine, member_id: object) -> str:
    with session_scope(engine) as session:
        member = session.get(Member, member_id) if isinstance(member_id, int) else None
        return member.name if member is not None else "–"


def _add_participant(engine: Engine, activity: ActivityInfo, token: str, values: dict[str, object]) -> ParticipantInfo:
    with unit_of_work(engine, activity.workspace_id) as uow:
        session = uow.session
        if values["member_id"] is not None:
            member = session.get(Member, values["member_id"])
            if member is None or member.workspace_id != activity.workspace_id or member.deleted_at is not None:
                raise InputError("unknown_member", field="member")
            claimed = session.scalar(
                select(Participant.id).where(Participant.activity_id == activity.id, Participant.member_id == member.id)
            )
            if claimed is not None:
                raise InputError("member_taken", field="member", name=member.name)
        row = Participant(activity_id=activity.id, token=token, **values)
        session.add(row)
        session.flush()
        uow.audit("live.join", activity_id=activity.id, participant_id=row.id)
        return _participant(row)


def participant_for(engine: Engine, code: str, token: str | None) -> ParticipantInfo | None:
    """The participant with this token in this activity (None for a stranger's or a stale token)."""
    if not is_token(token):
        return None
    with session_scope(engine) as session:
        row = session.scalar(
            select(Participant).join(LiveActivity).where(Participant.token == token, LiveActivity.code == normalise_code(code))
        )
        return _participant(row) if row else None


def submit(engine: Engine, code: str, token: str, answers: dict[str, Answer], loaded: dict[str, Answer] | None = None) -> SaveResult:
    """A participant's answers: only to their own open activity, only as themselves.

    `loaded` is what the phone's form was filled with; then only changed answers are written
    and an answer changed meanwhile elsewhere (member mode: the facilitator's laptop) is an
    EditConflict rather than silently overwritten.
    """
    activity = find_by_code(engine, code)
    participant = participant_for(engine, code, token)
    if participant is None:
        raise InputError("unknown_participant", field="participant")
    return save_answers(
        engine,
        activity.workspace_id,
        activity.step_key,
        activity.section_key,
        participant.respondent,
        activity.session_date,
        answers,
        loaded=loaded,
    )


def my_answers(engine: Engine, code: str, token: str) -> dict[str, Answer]:
    from sff_core.responses import answers_for, load_responses

    activity = find_by_code(engine, code, must_be_open=False)
    participant = participant_for(engine, code, token)
    if participant is None:
        return {}
    frame = load_responses(engine, activity.workspace_id, activity.step_key, activity.section_key, activity.session_date)
    # Whoever picks a member on a phone must not see what was stored for that member before
    # this phone joined (answers typed in by the facilitator, comments).
    joined_at = _joined_at(engine, participant.id)
    frame = frame[frame["updated_at"] >= joined_at]
    return answers_for(frame, participant.respondent)


def _joined_at(engine: Engine, participant_id: int) -> datetime | None:
    with session_scope(engine) as session:
        return session.scalar(select(Participant.created_at).where(Participant.id == participant_id))


@dataclass(frozen=True)
class LiveCount:
    joined: int
    answered: int


def live_count(engine: Engine, activity: ActivityInfo) -> LiveCount:
    """How many joined, and how many of them have at least one stored answer."""
    with session_scope(engine) as session:
        participants = session.execute(select(Participant.id, Participant.member_id).where(Participant.activity_id == activity.id)).all()
        respondents = {f"member:{m}" if m is not None else f"participant:{p}" for p, m in participants}
        answered = set(
            session.scalars(
                select(Response.respondent)
                .distinct()
                .where(
                    Response.workspace_id == activity.workspace_id,
                    Response.step_key == activity.step_key,
                    Response.section_key == activity.section_key,
                    Response.session_date == activity.session_date,
                )
            ).all()
        )
        answered |= set(  # post-its are notes of their own
            session.scalars(
                select(Note.respondent)
                .distinct()
                .where(
                    Note.workspace_id == activity.workspace_id,
                    Note.step_key == activity.step_key,
                    Note.section_key == activity.section_key,
                    Note.session_date == activity.session_date,
                    Note.deleted_at.is_(None),
                )
            ).all()
        )
    return LiveCount(joined=len(respondents), answered=len(respondents & answered))


def participant_labels(engine: Engine, workspace_id: int, anonymous_label: str = "Anonym") -> dict[str, str]:
    """Display names for participant respondents: 'Name (Organisation)' or 'Anonym N'."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(Participant.id, Participant.display_name, Participant.organisation)
            .join(LiveActivity)
            .where(LiveActivity.workspace_id == workspace_id, Participant.member_id.is_(None))
            .order_by(Participant.id)
        ).all()
    labels = {}
    for number, (pid, name, organisation) in enumerate(rows, start=1):
        label = f"{name} ({organisation})" if name and organisation else name or f"{anonymous_label} {number}"
        labels[f"participant:{pid}"] = label
    return labels


def unclaimed_members(engine: Engine, activity: ActivityInfo) -> list[tuple[int, str]]:
    """Core-group members nobody has picked yet in this activity (names only, for the join form)."""
    with session_scope(engine) as session:
        claimed = select(Participant.member_id).where(Participant.activity_id == activity.id, Participant.member_id.is_not(None))
        rows = session.execute(
            select(Member.id, Member.name)
            .where(Member.workspace_id == activity.workspace_id, Member.deleted_at.is_(None), Member.id.not_in(claimed))
            .order_by(Member.name)
        ).all()
    return [(row.id, row.name) for row in rows]


def count_participants(engine: Engine, activity_id: int) -> int:
    with session_scope(engine) as session:
        return int(session.scalar(select(func.count(Participant.id)).where(Participant.activity_id == activity_id)) or 0)


def join_url(base_url: str, code: str) -> str:
    """The link a QR code carries: `<base>/?join=CODE`."""
    return f"{base_url.rstrip('/')}/?{urlencode({'join': code})}"


def qr_png(url: str, scale: int = 10) -> bytes:
    """A QR code for the join link, as PNG bytes."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
