"""Obvious personal data in free text: Swedish personal identity numbers and phone numbers.

A guard, not a guarantee: it catches what people most often paste by mistake. The forms also
say plainly what must never be written.
"""

from __future__ import annotations

import re

from sff_core.errors import InputError

# ÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, with or without the dash/plus; also samordningsnummer (day + 60).
PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-8]\d|9[01])[-+ ]?\d{4}(?!\d)")
# 07x-xxx xx xx, 08-123 45 67, +46 70 ..., 0046 ...: 8+ digits with separators, starting with 0 or +46/0046.
PHONE_NUMBER = re.compile(r"(?<![\d])(?:\+46|0046|0)[\s\-()]*\d(?:[\s\-()]*\d){6,11}(?!\d)")


def find_personal_data(text: str) -> str | None:
    """'personnummer' or 'telefonnummer' when the text contains one, else None."""
    if PERSONAL_NUMBER.search(text or ""):
        return "personnummer"
    if PHONE_NUMBER.search(text or ""):
        return "telefonnummer"
    return None


def reject_personal_data(text: str, field: str) -> str:
    """The text unchanged, or InputError naming what was found (nothing is stored)."""
    kind = find_personal_data(text)
    if kind is not None:
        raise InputError("personal_data", field=field, kind=kind)
    return text
