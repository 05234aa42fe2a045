"""Workspaces: one city's process, protected by a facilitator passphrase (argon2 hash only)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select

from sff_core import audit
from sff_core.db import session_scope
from sff_core.errors import InputError
from sff_core.models import AuditEvent, Workspace, utcnow
from sff_core.validation import required_text

RECOMMENDED_MONTHS = (12, 18)
MIN_PASSPHRASE = 8
MAX_FAILED_UNLOCKS = 5
LOCKOUT_MINUTES = 10
_hasher = PasswordHasher()


@dataclass(frozen=True)
class WorkspaceInfo:
    id: int
    slug: str
    city: str
    municipality: str
    period_start: date
    period_end: date
    language: str
    is_demo: bool
    small_count_threshold: int = 3

    @property
    def period_months(self) -> float:
        return period_months(self.period_start, self.period_end)

    @property
    def period_outside_recommendation(self) -> bool:
        low, high = RECOMMENDED_MONTHS
        return not low <= round(self.period_months) <= high


def period_months(start: date, end: date) -> float:
    return (end - start).days / 30.44


def _info(row: Workspace) -> WorkspaceInfo:
    return WorkspaceInfo(id=row.id, slug=row.slug, city=row.city, municipality=row.municipality,
                         period_start=row.period_start, period_end=row.period_end,
                         language=row.language, is_demo=row.is_demo,
                         small_count_threshold=row.small_count_threshold or 3)


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].strip("-") or "stad"


def validate_period(start: date | None, end: date | None) -> None:
    if start is None or end is None:
        raise InputError("period_missing", field="period")
    if end <= start:
        raise InputError("period_order", field="period_end", start=start.isoformat(), end=end.isoformat())


def create_workspace(engine: Engine, city: str, municipality: str, period_start: date | None,
                     period_end: date | None, passphrase: str, language: str = "sv",
                     is_demo: bool = False) -> WorkspaceInfo:
    """Create a workspace; the passphrase is stored only as a salted argon2 hash."""
    city = required_text(city, "city")
    municipality = required_text(municipality or city, "municipality")
    validate_period(period_start, period_end)
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise InputError("passphrase_short", field="passphrase", min=MIN_PASSPHRASE)
    if language not in ("sv", "en"):
        raise InputError("not_allowed", field="language", field_label="language", value=language)
    slug = slugify(city)
    with session_scope(engine) as session:
        if session.scalar(select(Workspace.id).where(Workspace.slug == slug)) is not None:
            raise InputError("workspace_exists", field="city", city=city)
        row = Workspace(slug=slug, city=city, municipality=municipality, period_start=period_start,
                        period_end=period_end, language=language,
                        passphrase_hash=_hasher.hash(passphrase), is_demo=is_demo)
        session.add(row)
        session.flush()
        audit.record(session, row.id, "workspace.create", city=city)
        return _info(row)


def list_workspaces(engine: Engine) -> list[WorkspaceInfo]:
    """Names and periods only; nothing inside a workspace is shown before unlocking."""
    with session_scope(engine) as session:
        rows = session.scalars(select(Workspace).order_by(Workspace.city)).all()
        return [_info(r) for r in rows]


def get_workspace(engine: Engine, workspace_id: int) -> WorkspaceInfo:
    with session_scope(engine) as session:
        row = session.get(Workspace, workspace_id)
        if row is None:
            raise InputError("unknown_workspace", field="workspace")
        return _info(row)


def find_by_slug(engine: Engine, slug: str) -> WorkspaceInfo | None:
    with session_scope(engine) as session:
        row = session.scalar(select(Workspace).where(Workspace.slug == slug))
        return _info(row) if row else None


def unlock_workspace(engine: Engine, workspace_id: int | None, passphrase: str) -> WorkspaceInfo:
    """The workspace if the passphrase matches; otherwise InputError and nothing else."""
    if workspace_id is None:
        raise InputError("unknown_workspace", field="workspace")
    with session_scope(engine) as session:
        row = session.get(Workspace, workspace_id)
        if row is None:
            raise InputError("unknown_workspace", field="workspace")
        info, stored_hash = _info(row), row.passphrase_hash
        since = utcnow() - timedelta(minutes=LOCKOUT_MINUTES)
        failures = session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.workspace_id == workspace_id, AuditEvent.action == "workspace.unlock_failed",
            AuditEvent.at >= since))
    if (failures or 0) >= MAX_FAILED_UNLOCKS:  # slows guessing; the facilitator waits a few minutes at worst
        raise InputError("too_many_attempts", field="passphrase", minutes=LOCKOUT_MINUTES)
    try:
        _hasher.verify(stored_hash, passphrase or "")
    except (VerificationError, InvalidHashError):
        with session_scope(engine) as session:
            audit.record(session, info.id, "workspace.unlock_failed")
        raise InputError("wrong_passphrase", field="passphrase") from None
    return info


def set_small_count_threshold(engine: Engine, workspace_id: int, threshold: int) -> None:
    """Counts below this are shown as "<N" in projector mode and in exports shared outside the core group."""
    if isinstance(threshold, bool) or not isinstance(threshold, int) or not 1 <= threshold <= 20:
        raise InputError("score_range", field="threshold", low=1, high=20, value=threshold, prompt="threshold")
    with session_scope(engine) as session:
        row = session.get(Workspace, workspace_id)
        if row is None:
            raise InputError("unknown_workspace", field="workspace")
        row.small_count_threshold = threshold
        audit.record(session, workspace_id, "workspace.threshold", threshold=threshold)


def update_workspace(engine: Engine, workspace_id: int, city: str, municipality: str,
                     period_start: date | None, period_end: date | None, language: str) -> WorkspaceInfo:
    city = required_text(city, "city")
    municipality = required_text(municipality, "municipality")
    validate_period(period_start, period_end)
    if language not in ("sv", "en"):
        raise InputError("not_allowed", field="language", field_label="language", value=language)
    with session_scope(engine) as session:
        row = session.get(Workspace, workspace_id)
        if row is None:
            raise InputError("unknown_workspace", field="workspace")
        row.city, row.municipality = city, municipality
        row.period_start, row.period_end, row.language = period_start, period_end, language
        audit.record(session, row.id, "workspace.update")
        return _info(row)
