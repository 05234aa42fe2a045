"""Input checks shared by the services; each raises InputError with a Swedish message.

Every free-text field passes `required_text` or `optional_text`, so every one of them refuses
control characters (NUL included: PostgreSQL cannot store it), right-to-left overrides (they make
text read differently from how it is stored), text made only of invisible characters, and
personal identity or phone numbers (the personal-data detector). Nothing is changed silently:
the text is stored as typed, less surrounding whitespace, or refused with a message.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sff_core.errors import InputError
from sff_core.privacy.personal_data import reject_personal_data

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_NAME = 120
MAX_TEXT = 4000
EARLIEST_DATE = date(2000, 1, 1)  # the method is from the 2020s; no date of a process comes before this
PROCESS_MARGIN = timedelta(days=3 * 366)  # dates of a workspace's work: its period, give or take three years
LATEST_PERIOD_YEARS = 5  # a process runs 12–18 months; a period may start at most this far ahead

# Bidirectional overrides and isolates, and the invisible marks that steer them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
LINE_CHARACTERS = frozenset("\n\r\t")
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe issues


def check_characters(value: str, field: str, multiline: bool = False, label: str | None = None) -> str:
    """The text unchanged, or InputError naming the first character that cannot be stored or shown safely."""
    label = label or field
    for character in value:
        category = unicodedata.category(character)
        if character in BIDI_CONTROLS:
            raise InputError("bidi_control", field=field, field_label=label, code=f"U+{ord(character):04X}")
        if category == "Cc" and not (multiline and character in LINE_CHARACTERS):
            raise InputError("control_character", field=field, field_label=label, code=f"U+{ord(character):04X}")
        if category == "Cs":
            raise InputError("control_character", field=field, field_label=label, code=f"U+{ord(character):04X}")
    return value


def is_token(value: object) -> bool:
    """Whether a token from an address bar can be one we issued; anything else (NUL, surrogates,
    20 000 characters) matches no row and must not reach the database, which may not store it."""
    return isinstance(value, str) and TOKEN.fullmatch(value) is not None


def has_visible_character(value: str) -> bool:
    """False for text made only of spaces, zero-width and other format characters."""
    return any(not (character.isspace() or unicodedata.category(character) in ("Cf", "Zs", "Zl", "Zp", "Mn")) for character in value)


def required_text(value: str | None, field: str, max_length: int = MAX_NAME) -> str:
    cleaned = check_characters((value or "").strip(), field, multiline=max_length > 200)
    if not has_visible_character(cleaned):
        raise InputError("required", field=field, field_label=field)
    if len(cleaned) > max_length:
        raise InputError("too_long", field=field, field_label=field, max=max_length, length=len(cleaned))
    return reject_personal_data(cleaned, field)


def optional_text(value: str | None, field: str, max_length: int = MAX_TEXT, label: str | None = None) -> str:
    """Free text (may be empty): characters checked, length checked, no personal numbers."""
    label = label or field
    cleaned = check_characters((value or "").strip(), field, multiline=max_length > 200, label=label)
    if cleaned and not has_visible_character(cleaned):
        raise InputError("invisible_only", field=field, field_label=label)
    if len(cleaned) > max_length:
        raise InputError("too_long", field=field, field_label=label, max=max_length, length=len(cleaned))
    return reject_personal_data(cleaned, field, label)


def one_of(value: str | None, allowed: list[str], field: str, optional: bool = False) -> str | None:
    if value in (None, "") and optional:
        return None
    if value not in allowed:
        raise InputError("not_allowed", field=field, field_label=field, value=value)
    return value


def count(value: object, field: str, maximum: int = 100_000) -> int:
    """A whole, non-negative, plausible number typed into a form."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("not_a_number", field=field, field_label=field, value=value)
    if value < 0:
        raise InputError("negative_count", field=field, field_label=field, value=value)
    if value > maximum:
        raise InputError("too_large", field=field, field_label=field, value=value, max=maximum)
    return value


def number_in_range(value: object, field: str, low: int, high: int, optional: bool = False) -> int | None:
    """A whole number between low and high (a setting or a level, not a score)."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError("number_range", field=field, field_label=field, low=low, high=high, value=value)
    return value


def date_in_window(value: object, field: str, low: date, high: date) -> date:
    """A date between low and high (both included); InputError naming the window otherwise."""
    if not isinstance(value, date):
        raise InputError("required", field=field, field_label=field)
    if not low <= value <= high:
        raise InputError("date_window", field=field, field_label=field, date=value.isoformat(), low=low.isoformat(), high=high.isoformat())
    return value


def process_window(period_start: date, period_end: date) -> tuple[date, date]:
    """The dates a workspace's work can have: its period, give or take three years."""
    return max(EARLIEST_DATE, period_start - PROCESS_MARGIN), period_end + PROCESS_MARGIN


def workspace_window(session: Session, workspace_id: int) -> tuple[date, date]:
    """`process_window` of a stored workspace (the whole plausible range when it is unknown)."""
    from sff_core.store.models import Workspace

    row = session.get(Workspace, workspace_id)
    if row is None:
        raise InputError("unknown_workspace", field="workspace")
    return process_window(row.period_start, row.period_end)


def check_process_date(session: Session, workspace_id: int, value: object, field: str) -> date:
    """A date of the workspace's work (a work session, an observation, a deadline) inside its window."""
    return date_in_window(value, field, *workspace_window(session, workspace_id))


def check_period_dates(start: date, end: date, today: date | None = None) -> None:
    """A workspace period inside what a process can have: from 2000, starting at most five years
    ahead, and lasting at most five years."""
    latest = (today or date.today()).replace(month=12, day=31) + timedelta(days=366 * LATEST_PERIOD_YEARS)
    date_in_window(start, "period_start", EARLIEST_DATE, latest)
    date_in_window(end, "period_end", start, start + timedelta(days=366 * LATEST_PERIOD_YEARS))
