"""Small input checks shared by the services; each raises InputError with a Swedish message."""

from __future__ import annotations

from sff_core.errors import InputError

MAX_NAME = 120
MAX_TEXT = 4000


def required_text(value: str | None, field: str, max_length: int = MAX_NAME) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise InputError("required", field=field, field_label=field)
    if len(cleaned) > max_length:
        raise InputError("too_long", field=field, field_label=field, max=max_length, length=len(cleaned))
    return cleaned


def optional_text(value: str | None, field: str, max_length: int = MAX_TEXT) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_length:
        raise InputError("too_long", field=field, field_label=field, max=max_length, length=len(cleaned))
    return cleaned


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
