"""Obvious personal data in free text: Swedish personal identity numbers and phone numbers.

A guard, not a guarantee: it catches what people most often paste or type by mistake. The
forms also say plainly what must never be written. It runs on every free-text field at the
service layer, so it is linear in the length of the text and never raises.

How it reads a text
-------------------
1. Normalise. NFKC turns full-width, superscript, subscript and other compatibility digits
   (``８５０１０１``, ``⁰⁷⁰``) into ASCII and most exotic spaces into plain spaces. Then every
   space-like character (also the line separator U+2028) counts as a space, every dash-like
   character (‐ ‑ ‒ – — − ﹣ －) as ``-``, invisible format characters (soft hyphen, zero-width
   space, word joiner, BOM …) are dropped, decimal digits of every script (٠١٢, ०१२) become 0-9,
   and a run of spaces reads as one.
2. Cut the text into *runs*: digit groups joined by one to three separator characters (space,
   ``.``, ``/``, ``-``, ``+``, parentheses), optionally led by ``+``, with at least eight digits
   in all. Commas and colons end a run, so counts lists (``3, 5, 7``), decimals (``0,5``) and
   clock times (``09:00``) never join.
3. Look at consecutive groups inside each run (a *window*) and ask whether they spell a
   personnummer or a phone number. Windows only ever start and end at group borders, and each
   kind of number has its own allowed groupings, which is what keeps amounts (``1 234 567``),
   postal codes (``211 20``) and years (``2017 2018``) out. A personnummer anywhere in the
   text is reported before a phone number.

Personnummer and samordningsnummer
----------------------------------
``YYMMDD-NNNN`` (10 digits) or ``YYYYMMDD-NNNN`` (12 digits, YYYY 18xx–20xx). The separator is
optional and may be ``-``, ``+`` (people over 100), spaces or any mix (``850101 - 1234``), and
the last four may be split in two (``850101-12 34``). The date part may also be written with
separators (``1985-01-01-1234``) when the whole run is the number and it ends in ``-NNNN``.
The date must be a real calendar date; a samordningsnummer has day + 60 (61–91).

Why the Luhn check digit: digits that start with a date are common in ordinary text (date
and time stamps, file names, case numbers), while every real personnummer ends in a Luhn
check digit over its 10-digit form – one random number in ten passes by chance. So:

* valid date + valid check digit → a personnummer, in any format, even one that also reads
  as a date and a time;
* valid date + wrong check digit → still a personnummer, since a mistyped number still points
  at a person – unless it reads as a recent date-and-time stamp (``20240301-0900``): the last
  four are a valid HHMM time and the date lies within the last three years or in the future.
  That exception is why meeting notes with a timestamp pass, while a birth date decades back
  (``850101-1234``) does not: such stamps are about recent or planned events, people are not
  born in the future, and few who write in this tool were born in the last three years.

With only two year digits the century is unknown, so there the stamp reading is limited to
three years back and one year ahead; otherwise every 1900s birth date whose last four look like
a time (``850101-1234`` → 2085?) would slip through. The ``+`` separator (people over 100) is
never a stamp. Organisation numbers have a month of 20 or more (``556677-8899``), so they are
never dates and pass.

Norwegian and Danish numbers
----------------------------
A Norwegian fødselsnummer is DDMMYY and five digits (compact or 6 + 5); it counts only with
both mod-11 check digits right (D-numbers add 40 to the day, H-numbers 40 to the month). A
Danish CPR number is DDMMYY-XXXX with a real date; it has had no check digit since 2007, so a
separator is required (a compact one reads as a phone or nothing) and the same date-and-time
exception as above keeps ``250326-1400`` out. Both are reported as ``personnummer``.

Phone numbers
-------------
* ``+`` or ``00``, then a country code and 7–13 more digits (``+46 70 123 45 67``,
  ``0047 912 34 567``, ``+44 20 7946 0958``, ``+46 (0)70-123 45 67``, ``+48 601 234 567``).
  With ``+`` a thousands-grouped amount (``+15 000 000``) is not a phone, unless a two- or
  three-digit country code is followed by exactly 3-3-3 (Polish and Romanian mobiles).
* Swedish national: a leading 0, then 7–10 more digits (``08-123 45 67``, ``0411-123 45``,
  ``070.123.45.67``, UK ``07911 123456``). The first group is an area code, so it is ``08``
  or at least three digits; a bare ``0xxx-xxxx`` (8 digits as 4 + 4) is no Swedish number
  and reads as two times (``0900-1200``) or a case number. Clock times (``08.00-12.00``,
  ``0900-1200``) and dates (``01.03.2024``) are blanked out before phones are looked for.
* ``46`` + nine digits starting with 7 (``46701234567``).
* A mobile without the trunk zero, written in groups: ``70 123 45 67``, ``70-123 45 67``
  (first group 70, 72, 73, 76 or 79, nine digits in all).

A compact ten-digit number with a leading zero (``0701234567``) is both a phone number and,
as a date, a personnummer for someone born 2000–2009; with a wrong check digit it is far
more likely a phone number and is reported as one. It is refused either way.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from sff_core.errors import InputError

PERSONNUMMER = "personnummer"
TELEFONNUMMER = "telefonnummer"

# Characters NFKC leaves alone that still count as a dash or a slash between digit groups.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_SLASHES = "\u2044\u2215\uff0f"
_ANY_DIGIT = re.compile(r"\d")
_SPACE_RUN = re.compile(r" {2,}")
_FOLD_CACHE_LIMIT = 0x30000  # every script's digits and separators lie below; rarer characters are not cached


class _Fold(dict[int, str]):
    """A str.translate table built as characters are met: every space-like character (Zs, and the
    line and paragraph separators U+2028/U+2029) becomes ' ', every invisible format character
    (Cf: zero-width space, word joiner, BOM, soft hyphen, direction marks …) is dropped, every
    dash '-', slash '/', and every decimal digit of any script 0-9. Others stay as they are."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Zs", "Zl", "Zp"):
            folded = " "
        elif category == "Cf":
            folded = ""
        elif category == "Nd":
            folded = str(unicodedata.decimal(char, 0))
        elif category == "Pd" or char in _DASHES:
            folded = "-"
        elif char in _SLASHES:
            folded = "/"
        else:
            folded = char
        if code < _FOLD_CACHE_LIMIT:
            self[code] = folded
        return folded


_FOLD = _Fold()

# A run: digit groups joined by 1–3 separator characters, maybe led by '+'. The separator
# class and the digits are disjoint, so matching is linear (no quantifier can split the same
# characters two ways). The lookahead skips, cheaply, the many short numbers of ordinary text:
# nothing sought has fewer than eight digits.
_SEPARATOR = "[ ./()+\\-]"
_RUN = re.compile(rf"(?=\+?[0-9](?:{_SEPARATOR}{{0,3}}[0-9]){{7}})\+?[0-9]+(?:{_SEPARATOR}{{1,3}}[0-9]+)*")
_GROUPS = re.compile(r"([0-9]+)")

# Blanked out before looking for phone numbers: clock times 08.00 / 8.00 (not part of a longer
# dotted number such as 070.123.45.67), time ranges 0900-1200 and dates 01.03.2024 / 1/3-2024.
_DOTTED_TIME = re.compile(r"(?<![0-9.])(?:[01]?[0-9]|2[0-3])\.[0-5][0-9](?![0-9]|\.[0-9])")
_TIME_RANGE = re.compile(r"(?<![0-9])(?:[01][0-9]|2[0-3])[0-5][0-9] ?- ?(?:[01][0-9]|2[0-3])[0-5][0-9](?![0-9])")
_DAY_MONTH_YEAR = re.compile(r"(?<![0-9])(?:0?[1-9]|[12][0-9]|3[01])([./-])(?:0?[1-9]|1[0-2])(?:\1| )(?:18|19|20)[0-9]{2}(?![0-9])")

_SWEDISH_MOBILE = frozenset({"70", "72", "73", "76", "79"})
_STAMP_YEARS_BACK = 3


def find_personal_data(text: str) -> str | None:
    """'personnummer' or 'telefonnummer' when the text contains one, else None.

    A personnummer anywhere in the text wins over a phone number. See the module docstring
    for the rules.
    """
    return _find(text)


def reject_personal_data(text: str, field: str, label: str | None = None) -> str:
    """The text unchanged, or InputError naming the field (`label`, else the field's name) and
    what was found (nothing is stored)."""
    kind = find_personal_data(text)
    if kind is not None:
        raise InputError("personal_data", field=field, field_label=label or field, kind=kind)
    return text


def _find(text: str, today: date | None = None) -> str | None:
    """find_personal_data with an injectable today (for the date-and-time exception)."""
    if not text or not isinstance(text, str):
        return None
    text = _normalise(text)
    if not _ANY_DIGIT.search(text):
        return None
    today = today or date.today()
    phone = False
    candidates: list[str] = []
    for match in _RUN.finditer(text):
        run = match.group()
        groups, separators, _ = _split(run)
        kind = _personnummer_in_run(groups, separators, today)
        if kind == PERSONNUMMER:
            return PERSONNUMMER
        phone = phone or kind == TELEFONNUMMER
        candidates.append(run)
    if phone:
        return TELEFONNUMMER
    for run in candidates:
        blanked = _DAY_MONTH_YEAR.sub("_", _TIME_RANGE.sub("_", _DOTTED_TIME.sub("_", run)))
        if any(_phone_in_run(*_split(part.group())) for part in _RUN.finditer(blanked)):
            return TELEFONNUMMER
    return None


def _normalise(text: str) -> str:
    """The text as the rules read it: NFKC (full-width, superscript and other compatibility digits
    become 0-9), every space, dash, slash and digit folded to ASCII, invisible characters dropped,
    and a run of spaces read as one."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def _split(run: str) -> tuple[list[str], list[str], bool]:
    """The digit groups of a run, the separators between them, and whether it starts with '+'."""
    parts = _GROUPS.split(run)  # ['' or '+', group, separator, group, …, '']
    return parts[1::2], parts[2:-1:2], parts[0] == "+"


# --- personnummer -------------------------------------------------------------------------------


def _luhn_valid(digits: str) -> bool:
    """True when the last digit is the Luhn check digit of the others (weights 2, 1, 2, 1 …)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _valid_time(hhmm: str) -> bool:
    return int(hhmm[:2]) <= 23 and int(hhmm[2:]) <= 59


def _years_before(today: date, years: int) -> date:
    return _years_after(today, -years)


def _years_after(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def _personnummer_kind(digits: str, today: date, centenarian: bool = False, compact: bool = False) -> str | None:
    """What 10 or 12 digits shaped like YYMMDD+NNNN / YYYYMMDD+NNNN are.

    'personnummer' when the date is real (day + 60 for a samordningsnummer) and the number is
    not a recent date-and-time stamp with a wrong check digit; 'telefonnummer' for a compact
    ten-digit number with a leading zero and a wrong check digit (0701234567); else None.
    `centenarian` is the '+' separator (no stamp is written that way); `compact` means no
    separator between the date and the last four.
    """
    if len(digits) == 12:
        century = int(digits[:2])
        if not 18 <= century <= 20:
            return None
        year = int(digits[:4])
    elif len(digits) == 10:
        year = 2000 + int(digits[:2])  # 2000 is a leap year, so every YY that can be a 29 February is
    else:
        return None
    short = digits[-10:]
    month, day = int(short[2:4]), int(short[4:6])
    birth = _real_date(year, month, day - 60 if day > 60 else day)
    if birth is None:
        return None
    if _luhn_valid(short):
        return PERSONNUMMER
    if compact and len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
        return TELEFONNUMMER
    if day <= 31 and not centenarian and _valid_time(short[6:]):
        earliest = _years_before(today, _STAMP_YEARS_BACK)
        if len(digits) == 12 and birth >= earliest:
            return None
        if len(digits) == 10 and earliest <= birth <= _years_after(today, 1):
            return None
    return PERSONNUMMER


def _personnummer_in_run(groups: list[str], separators: list[str], today: date) -> str | None:
    """The strongest _personnummer_kind of any window of a run (personnummer beats telefonnummer)."""
    lengths = [len(g) for g in groups]
    found: str | None = None
    candidates: list[tuple[str, str, bool]] = []  # digits, date/number separator, compact
    for i, length in enumerate(lengths):
        if length in (10, 12):
            candidates.append((groups[i], "", True))
        elif length in (6, 8) and i + 1 < len(groups):
            if lengths[i + 1] == 4:
                candidates.append((groups[i] + groups[i + 1], separators[i], False))
            elif lengths[i + 1] == 2 and i + 2 < len(groups) and lengths[i + 2] == 2:
                candidates.append((groups[i] + groups[i + 1] + groups[i + 2], separators[i], False))
    # The date written with separators as well (85-01-01-1234, 1985-01-01-12 34): whole run only.
    if lengths in ([2, 2, 2, 4], [2, 2, 2, 2, 2], [4, 2, 2, 4], [4, 2, 2, 2, 2]) and ("-" in separators[2] or "+" in separators[2]):
        candidates.append(("".join(groups), separators[2], False))
    for digits, separator, compact in candidates:
        kind = _personnummer_kind(digits, today, centenarian="+" in separator, compact=compact)
        if kind == PERSONNUMMER:
            return PERSONNUMMER
        found = found or kind
    if _nordic_number_in_run(groups, lengths, today):
        return PERSONNUMMER
    return found


# --- Norwegian fødselsnummer and Danish CPR -----------------------------------------------------

_FNR_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_FNR_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _nordic_number_in_run(groups: list[str], lengths: list[int], today: date) -> bool:
    """A Norwegian fødselsnummer (DDMMYY + five digits, 11 in all, compact or 6 + 5) with both mod-11
    check digits right, or a Danish CPR number written DDMMYY-XXXX (6 + 4, or 6 + 2 + 2).

    The CPR number has had no check digit since 2007, so a real DDMMYY date before a separator is
    what marks it, and the same exception as for Swedish stamps keeps a recent date and a time
    (250326-1400) out. An eleven-digit number needs both Norwegian check digits: one random number
    in about 120 passes, and only those that also start with a date."""
    for i, length in enumerate(lengths):
        following = lengths[i + 1 : i + 3]
        if length == 11 and _fodselsnummer_valid(groups[i]):
            return True
        if length != 6 or not following:
            continue
        if following[0] == 5 and _fodselsnummer_valid(groups[i] + groups[i + 1]):
            return True
        if following[0] == 4 or following == [2, 2]:
            tail = groups[i + 1] if following[0] == 4 else groups[i + 1] + groups[i + 2]
            if _cpr_shaped(groups[i], tail, today):
                return True
    return False


def _ddmmyy(six: str, day_offset: int = 0, month_offset: int = 0) -> date | None:
    day, month = int(six[:2]) - day_offset, int(six[2:4]) - month_offset
    return _real_date(2000 + int(six[4:]), month, day)  # 2000 is a leap year, so every 29 February fits


def _fodselsnummer_valid(digits: str) -> bool:
    """Eleven digits that are a Norwegian fødselsnummer, D-number (day + 40) or H-number (month + 40)."""
    day, month = int(digits[:2]), int(digits[2:4])
    dated = _ddmmyy(digits[:6], 40 if day > 40 else 0, 40 if month > 40 else 0)
    if dated is None:
        return False
    values = [ord(c) - 48 for c in digits]
    first = -sum(v * w for v, w in zip(values[:9], _FNR_WEIGHTS_1, strict=True)) % 11
    second = -sum(v * w for v, w in zip(values[:10], _FNR_WEIGHTS_2, strict=True)) % 11
    return first != 10 and second != 10 and first == values[9] and second == values[10]


def _cpr_shaped(six: str, four: str, today: date) -> bool:
    """DDMMYY and four digits, unless the six read as a recent date (either way round) and the four as a time."""
    born = _ddmmyy(six)
    if born is None:
        return False
    if not _valid_time(four):
        return True
    earliest, latest = _years_before(today, _STAMP_YEARS_BACK), _years_after(today, 1)
    readings = (born, _real_date(2000 + int(six[:2]), int(six[2:4]), int(six[4:])))
    return not any(d is not None and earliest <= d <= latest for d in readings)


# --- phone numbers ------------------------------------------------------------------------------


def _phone_in_run(groups: list[str], separators: list[str], leading_plus: bool) -> bool:
    """Whether some window of consecutive digit groups of a run is a phone number.

    What a window may be is settled by its first group (and the '+' before it); only the
    number of digits and the grouping then vary as the window grows.
    """
    for i, first in enumerate(groups):
        plus = (leading_plus and i == 0) or (i > 0 and separators[i - 1].endswith("+") and separators[i - 1][:-1].endswith(" "))
        head = "".join(groups[i : i + 3])[:3]
        if plus:
            if head[0] == "0":
                continue
            fewest, most = 8, 16  # country code + 7–13 digits
        elif first.startswith("00"):
            if len(head) < 3 or head[2] == "0":
                continue
            fewest, most = 10, 18  # 00 + country code + 7–13 digits
        elif head[0] == "0":
            if len(first) < 3 and first != "08":  # an area code: 08, 0xx or 0xxx
                continue
            fewest, most = 8, 11
        elif first.startswith("46") and head == "467":
            fewest = most = 11
        elif first in _SWEDISH_MOBILE:
            fewest = most = 9
        else:
            continue
        count = 0
        lengths: list[int] = []
        for group in groups[i:]:
            count += len(group)
            lengths.append(len(group))
            if count > most:
                break
            if count >= fewest and not _not_a_phone(lengths, plus):
                return True
    return False


def _not_a_phone(lengths: list[int], plus: bool) -> bool:
    """Groupings that are something else: +15 000 000 (an amount), 0123-2024 (no Swedish number is 4 + 4).

    A country code of two or three digits and nine more in 3-3-3 (+48 601 234 567, Poland and
    Romania write mobiles so) is a phone: an amount in the tens of billions written with '+' is
    far rarer than a Polish number."""
    if plus:
        if lengths[0] in (2, 3) and lengths[1:] == [3, 3, 3]:
            return False
        return len(lengths) >= 3 and lengths[0] <= 3 and all(n == 3 for n in lengths[1:])
    return lengths == [4, 4]
