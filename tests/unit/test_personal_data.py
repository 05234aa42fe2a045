"""The personal-data guard: every way a personnummer or phone number is typed is caught; dates, times and counts pass.

All numbers here are made up. Tables run through `_find` with a fixed TODAY, since the
date-and-time exception depends on the date; a few tests go through the public API.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sff_core.errors import InputError
from sff_core.privacy.personal_data import _find, _luhn_valid, _personnummer_kind, find_personal_data, reject_personal_data

TODAY = date(2026, 11, 28)
PNR = "personnummer"
TEL = "telefonnummer"


def _check_digit(nine: str) -> str:
    """The Luhn check digit that completes nine digits (YYMMDDNNN)."""
    return next(d for d in "0123456789" if _luhn_valid(nine + d))


PERSONNUMMER_CASES = [
    # 850101-1234 has a wrong check digit, 850101-1236 the right one: both are caught.
    "850101-1234",
    "850101-1236",
    "8501011236",
    "8501011234",
    "198501011236",
    "198501011234",
    "19850101-1234",
    "850101–1234",  # en dash
    "850101—1234",  # em dash
    "850101−1234",  # minus sign
    "850101‑1234",  # non-breaking hyphen
    "850101 - 1234",
    "850101 – 1234",
    "19850101 - 1234",
    "850101-12 34",
    "19850101-12 34",
    "850101 1234",
    "850101+1234",  # over 100 years old
    "８５０１０１－１２３４",  # full-width
    "８５０１０１１２３４",
    "850101\u00a01234",  # non-breaking space
    "850101\u2009-\u20091234",  # thin spaces
    "850101\u200b1234",  # zero-width space
    "850101\u00ad-1234",  # soft hyphen
    "٨٥٠١٠١-١٢٣٤",  # Arabic-Indic digits
    "850161-1234",  # samordningsnummer, day 1 + 60
    "850161-1233",  # samordningsnummer with the right check digit
    "19850191-1234",  # samordningsnummer, day 31 + 60
    "1985-01-01-1234",
    "85 01 01-1234",
    "000229-1235",  # 29 February 2000
    "840289-1231",  # samordningsnummer on 29 February 1984
    "121212-1212",
    "20190301-0900",  # reads as a date and a time, but not a recent one
    "20240301-0909",  # a recent date and a time, but the check digit is right
    "Anna, 850101-1234, tips från hotell",
    "Hon uppgav personnummer 19850101-1234 vid besöket.",
    "pnr:850101-1236",
    "Personen (850101 - 1234) bor i Malmö",
    "Han är född 850101–1234 och kom hit 2019.",
    "Hennes samordningsnummer är 850161 1234.",
]

PHONE_CASES = [
    "070-123 45 67",
    "0701234567",
    "070-1234567",
    "070 123 45 67",
    "070.123.45.67",
    "070–123 45 67",
    "070/123 45 67",
    "070 - 123 45 67",
    "(070) 123 45 67",
    "070\u00a0123\u00a045\u00a067",
    "０７０－１２３ ４５ ６７",
    "08-123 45 67",
    "08-123 456 78",
    "0411-123 45",
    "031-12 34 56",
    "+46 70 123 45 67",
    "+46701234567",
    "+46 (0)70-123 45 67",
    "+46 8 123 456 78",
    "0046 70 123 45 67",
    "0046701234567",
    "46701234567",
    "46 70 123 45 67",
    "70 123 45 67",
    "70-123 45 67",
    "73 765 43 21",
    "+47 912 34 567",  # Norway
    "+47 22 12 34 56",
    "0047 912 34 567",
    "+45 12 34 56 78",  # Denmark
    "0045 12 34 56 78",
    "+358 40 123 4567",  # Finland
    "+358 9 123 4567",
    "+354 555 1234",  # Iceland
    "+44 7911 123456",  # United Kingdom
    "07911 123456",
    "+44 20 7946 0958",
    "020 7946 0958",
    "Ring henne på 070-123 45 67 i morgon",
    "Kontakt: +46 70 123 45 67, fråga efter Anna",
    "Mötet 2024-03-01, ring 08-123 45 67 innan",
    "tel.0701234567",
    "Annonsör Kalle 070-1234567",
    "Hon svarar på 073-123 45 67 eller 072-765 43 21.",
    "numret var 076 123 45 67!",
    "Annonsen hade numret 46 70 123 45 67 och en bild.",
    "Hans norska nummer är +47 912 34 567.",
    "2024-03-01 070-123 45 67",
]

NEGATIVE_CASES = [
    "",
    "Inga siffror här alls.",
    "2017",
    "2017–2022",
    "år 2017 2018 2019",
    "2024-03-01",
    "1/3 2024",
    "01.03.2024",
    "01.03.2024 kl 09.00",
    "20240301-0900",  # a date and a time, check digit wrong
    "20240301 0900",
    "202403010900",
    "240301-0900",
    "20261201-1000",  # planned for next month
    "2024-03-01 09:00",
    "09:00–12:00",
    "kl 0900-1200",
    "kl. 09.00–12.00",
    "08.00-12.00 13.00-16.00",
    "2024-03-01–2024-03-31",
    "2019-03-01–2019-03-31",
    "1 234 567 kr",
    "100 000",
    "+15 000 000 kr",
    "211 20 Malmö",
    "SFS 2018:1197",
    "556677-8899",  # organisation number
    "212000-1355",  # organisation number (a municipality)
    "3, 5, 7, 12",
    "45 %",
    "12,5 procent",
    "12 34 56",
    "1.2.3",
    "v. 12",
    "2024-W09",
    "0,5",
    "1–5",
    "8–20 poäng",
    "5050-1055",  # bankgiro
    "Dnr 2024/123",
    "KS 2024/00123",
    "5000-1234",
    "850132-1234",  # no 32 January
    "851301-1234",  # no 13th month
    "850229-1234",  # 1985 was no leap year
    "850192-1234",  # samordningsnummer day 32
    "05 10 15 20",
    "tips från hotell, 2 personer, 2025",
    "ärende 12 av 40",
    "år 2024 ökade det",
    "Under 2023 identifierades 45 personer, 12 av dem barn; 2022 var siffran 38 och 2021 31.",
    "Mellan 2019 och 2023 ökade antalet från 120 till 1 450 personer (+12 %).",
    "2021 2022 2023: 31 38 45",
    "IBAN SE45 5000 0000 0583 9825 7466",
]


@pytest.mark.parametrize("text", PERSONNUMMER_CASES)
def test_personnummer_is_caught(text):
    assert _find(text, TODAY) == PNR


@pytest.mark.parametrize("text", PHONE_CASES)
def test_phone_number_is_caught(text):
    assert _find(text, TODAY) == TEL


@pytest.mark.parametrize("text", NEGATIVE_CASES)
def test_dates_times_and_counts_pass(text):
    assert _find(text, TODAY) is None


def test_there_are_enough_cases():
    assert len(PERSONNUMMER_CASES) + len(PHONE_CASES) >= 60
    assert len(NEGATIVE_CASES) >= 30


@pytest.mark.parametrize(
    "text, kind",
    [
        ("850101-1234", PNR),
        ("ring 070-123 45 67", TEL),
        ("070-123 45 67 eller 850101-1234", PNR),  # a personnummer anywhere wins
        ("850101-1234, tel 070-123 45 67", PNR),
        ("0701234567", TEL),  # a date too (2007-01-23), but a wrong check digit: a phone number
        ("0701234569", PNR),  # the same with a right check digit
        ("+46 70 123 45 67", TEL),
        ("Inget här", None),
    ],
)
def test_the_kind_is_named(text, kind):
    assert _find(text, TODAY) == kind
    assert find_personal_data(text) == kind  # these do not depend on today


def test_public_api_agrees_with_today():
    assert find_personal_data("850101-1234") == PNR
    assert find_personal_data("ring 070-123 45 67") == TEL
    assert find_personal_data("Möte 2024-03-01 09:00, 1 234 kr") is None


# --- Luhn and samordningsnummer -----------------------------------------------------------------


@pytest.mark.parametrize(
    "number, valid",
    [
        ("8501011236", True),
        ("8501011234", False),
        ("1212121212", True),
        ("1212121213", False),
        ("8501611233", True),
        ("8501611234", False),
        ("0002291235", True),
        ("0000000000", True),
    ],
)
def test_luhn(number, valid):
    assert _luhn_valid(number) is valid


def test_exactly_one_check_digit_fits():
    rng = random.Random(7)
    for _ in range(200):
        nine = "".join(rng.choice("0123456789") for _ in range(9))
        assert sum(_luhn_valid(nine + d) for d in "0123456789") == 1


@pytest.mark.parametrize("day, is_date", [(61, True), (75, True), (91, True), (60, False), (92, False), (99, False), (0, False)])
def test_samordningsnummer_day_plus_sixty(day, is_date):
    nine = f"8501{day:02d}123"
    right = _check_digit(nine)
    for digits in (nine + right, nine + str((int(right) + 5) % 10)):
        assert (_personnummer_kind(digits, TODAY) == PNR) is is_date


def test_samordningsnummer_needs_a_real_date_under_the_sixty():
    assert _find("850289-1234", TODAY) is None  # 29 February 1985 + 60
    assert _find("840289-1234", TODAY) == PNR  # 29 February 1984 + 60
    assert _find("850431-1234", TODAY) is None  # 31 April
    assert _find("850491-1234", TODAY) is None  # 31 April + 60


def test_both_check_digits_for_every_day_of_a_year():
    day = date(1990, 1, 1)
    while day.year == 1990:
        nine = day.strftime("%y%m%d") + "123"
        right = _check_digit(nine)
        wrong = str((int(right) + 5) % 10)
        for digits in (nine + right, nine + wrong):
            assert _find(f"{digits[:6]}-{digits[6:]}", TODAY) == PNR, digits
        day += timedelta(days=1)


# --- the date-and-time exception ----------------------------------------------------------------


def test_a_recent_date_and_time_passes_but_an_old_one_is_a_personnummer():
    assert _find("20240301-0900", TODAY) is None
    assert _find("20240301-0900", date(2027, 3, 2)) == PNR  # three years and a day later
    assert _find("20240301-2400", TODAY) == PNR  # not a time
    assert _find("20240301-0960", TODAY) == PNR  # not a time
    assert _find("20240301-0909", TODAY) == PNR  # right check digit: a person, whatever it looks like
    assert _find("20291231-2359", TODAY) is None  # in the future: nobody is born then


def test_two_digit_years_are_stamps_only_close_to_today():
    assert _find("240301-0900", TODAY) is None
    assert _find("270301-0900", TODAY) is None  # within a year ahead
    assert _find("290301-0900", TODAY) == PNR  # 1929 rather than 2029
    assert _find("850101-1234", TODAY) == PNR  # 1985, not 2085
    assert _find("240301+0900", TODAY) == PNR  # '+': a person over 100, never a stamp


def test_the_stamp_exception_follows_the_real_today():
    stamp = date.today() - timedelta(days=30)
    times = (f"{hour:02d}{minute:02d}" for hour in range(8, 18) for minute in (0, 15, 30, 45))
    digits = next(stamp.strftime("%Y%m%d") + t for t in times if not _luhn_valid(stamp.strftime("%y%m%d") + t))
    assert find_personal_data(f"Möte {digits[:8]}-{digits[8:]} i stadshuset") is None
    old = date.today().replace(year=date.today().year - 10, month=6, day=15)
    assert find_personal_data(f"{old:%Y%m%d}-{digits[8:]}") == PNR


# --- robustness ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "\x00",
        "\x00850101-1234\x00",
        "\ud800",
        "\udfff 070-123 45 67 \ud800",
        "\u202e850101-1234",
        "\t\n\r\x0b\x0c",
        "+" * 1000,
        "-" * 1000,
        "0" * 1000,
        "(" * 500 + "0" * 500,
        "\ufeff",
        "①②③④⑤⑥⑦⑧⑨⑩",
        "²³¹",
        "𝟎𝟕𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕",
    ],
)
def test_odd_input_never_raises(text):
    assert _find(text, TODAY) in (None, PNR, TEL)
    assert find_personal_data(text) in (None, PNR, TEL)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_any_text(text):
    assert find_personal_data(text) in (None, PNR, TEL)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 -+./()–\u00a0:,", max_size=80))
def test_never_raises_on_numbers_and_separators(text):
    assert _find(text, TODAY) in (None, PNR, TEL)


@settings(max_examples=200, deadline=None)
@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    serial=st.integers(min_value=0, max_value=999),
    coordination=st.booleans(),
    layout=st.sampled_from(["{y2}{md}-{tail}", "{y4}{md}{tail}", "{y4}{md}-{tail}", "{y2}{md} - {t1} {t2}", "{y2}{md}–{tail}"]),
    before=st.sampled_from(["", "Anna ", "pnr: ", "(", "född "]),
    after=st.sampled_from(["", " i Malmö", ", 2 barn", ")", "."]),
)
def test_any_real_personnummer_is_caught(born, serial, coordination, layout, before, after):
    day = born.day + 60 if coordination else born.day
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    tail = nine[6:] + _check_digit(nine)
    number = layout.format(y2=f"{born:%y}", y4=f"{born:%Y}", md=f"{born:%m}{day:02d}", tail=tail, t1=tail[:2], t2=tail[2:])
    assert _find(before + number + after, TODAY) == PNR


@pytest.mark.parametrize(
    "text",
    [
        "".join(random.Random(1).choice("0123456789 ") for _ in range(100_000)),
        " ".join(str(i % 10) for i in range(50_000)),
        "0 " * 50_000,
        "00 " * 33_000,
        "07 " * 33_000,
        "070 " * 25_000,
        "+1 " * 33_000,
        "1-" * 50_000,
        "1" * 100_000,
        "1    " * 20_000,
        "08.00 " * 16_000,
        "12 34 " * 16_000,
        "".join(random.Random(2).choice("0123456789 .-/()+–\u00a0:,x") for _ in range(100_000)),
    ],
)
def test_huge_input_finishes_quickly(text):
    started = time.perf_counter()
    assert _find(text, TODAY) in (None, PNR, TEL)
    assert time.perf_counter() - started < 5


def test_a_long_ordinary_text_is_cheap():
    text = (
        "Under 2023 identifierades 45 personer i Malmö, 12 av dem barn. Samverkan sedan 2017–2022; "
        "socialtjänsten (Dnr 2024/123) rapporterar 1 234 ärenden, 0,5 procent ökning. Möte 2024-03-01 09:00–12:00. "
    )
    text = (text * 40)[:4000]
    started = time.perf_counter()
    for _ in range(100):
        assert find_personal_data(text) is None
    assert time.perf_counter() - started < 5


# --- reject_personal_data -----------------------------------------------------------------------


def test_reject_returns_clean_text_unchanged():
    text = "Tips från hotell 2024-03-01 kl 09.00, 2 personer."
    assert reject_personal_data(text, "note") is text


@pytest.mark.parametrize("text, kind", [("Anna 850101-1234", PNR), ("ring 070-123 45 67", TEL)])
def test_reject_raises_a_swedish_input_error(text, kind):
    with pytest.raises(InputError) as caught:
        reject_personal_data(text, "note")
    error = caught.value
    assert error.key == "personal_data"
    assert error.field == "note"
    assert error.params["kind"] == kind
    assert f"verkar innehålla ett {kind}" in str(error)
    assert "Inget sparades" in str(error)


# --- the attack's table (issue 20, Low 11) ------------------------------------------------------
# What an adversarial test typed past the guard, and the ordinary text it must keep letting
# through. Norwegian fødselsnummer here carry two valid mod-11 check digits; all are made up.

ATTACK_CAUGHT = [
    # Polish and Romanian numbers in 3-3-3 grouping
    ("+48 601 234 567", TEL),
    ("0048 601 234 567", TEL),
    ("+48601234567", TEL),
    ("Numer: +48 601-234-567", TEL),
    ("+40 721 234 567", TEL),
    ("0040 721 234 567", TEL),
    ("+40 721 234 567 (telefon)", TEL),
    ("+48 22 123 45 67", TEL),
    # Norwegian fødselsnummer (DDMMYY + 5, two mod-11 check digits) and D-number (day + 40)
    ("01018512366", PNR),
    ("010185 12366", PNR),
    ("fødselsnummer 150385 43226", PNR),
    ("31129987688", PNR),
    ("41018512430", PNR),  # D-nummer
    # Danish CPR (DDMMYY-XXXX)
    ("010185-1234", PNR),
    ("CPR 150385-4321", PNR),
    ("cpr-nr. 311299-1234", PNR),
    ("010185 1234", PNR),
    # runs of four spaces
    ("070    123    45    67", TEL),
    ("08    123 45 67", TEL),
    ("850101    1234", PNR),
    # invisible and odd separators
    ("070\u2028123 45 67", TEL),
    ("070\u2029123\u202945\u202967", TEL),
    ("070\u202f123\u202f45\u202f67", TEL),
    ("070\u2009123\u200945\u200967", TEL),
    ("070\u200b123\u200b45\u200b67", TEL),
    ("070\u2060123 45 67", PNR),  # dropped: 070123 45 67 reads as a date first
    ("070\ufeff123 45 67", PNR),  # dropped: 070123 45 67 reads as a date first
    ("0\u200b7\u200b0\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7", TEL),
    ("070\u180e123 45 67", PNR),  # dropped: 070123 45 67 reads as a date first
    ("070\u2028\u2028123 45 67", TEL),
    ("850101\u2028-\u20281234", PNR),
    ("850101\u00a0\u00a0\u00a0\u00a01234", PNR),
    # superscript, subscript and other Unicode digits
    ("⁰⁷⁰-¹²³ ⁴⁵ ⁶⁷", TEL),
    ("₀₇₀₁₂₃₄₅₆₇", TEL),
    ("𝟎𝟕𝟎-𝟏𝟐𝟑 𝟒𝟓 𝟔𝟕", TEL),
    ("०७०-१२३ ४५ ६७", TEL),
    ("+٤٦ ٧٠ ١٢٣ ٤٥ ٦٧", TEL),
    ("⁸⁵⁰¹⁰¹-¹²³⁶", PNR),
    ("৮৫০১০১-১২৩৬", PNR),
]

ATTACK_PASSES = [
    "2024",
    "1 200 kr",
    "ärende 2023-45",
    "114 14",
    "112",
    "Polisen 114 14 eller 112",
    "1177 Vårdguiden",
    "år 2023 och 2024",
    "2023–2024",
    "1 200 000 kr",
    "12 000 000 kr",
    "+1 200 000 kr",
    "+15 000 000 kr",
    "+150 000 000 kr",
    "211 20 Malmö",
    "252 21 Helsingborg",
    "Dnr 2023/456",
    "ärende 2023-45-12",
    "v. 12–14",
    "kl 09.00–12.00",
    "2024-03-01",
    "1/3-2024",
    "3 av 12",
    "Sida 12 av 40",
    "tabell    2024    2025    2026",
    "12    34    56    78",
    "1 200    1 450    1 600",
    "2024\u20282025",
    "år\u00a02024",
    "1\u202f200 kr",
    "1\u00a0200\u00a0000 kr",
    "120 m²",
    "m³ 1 200",
    "50 000 invånare",
    "Org.nr 556677-8899",
    "Bankgiro 5050-1055",
    "ISBN 978-91-7343-123-4",
    "Telefontid 08.00–12.00",
    "1 200 samtal till 112 under 2023",
    "240301-0900",  # a recent date (YYMMDD) and a time
    "250326-1400",  # a recent date (YYMMDD or DDMMYY) and a time
    "12345678901",  # eleven digits without valid check digits
    "Fakturanummer 31129987680",  # a date, but the check digits are wrong
    "Ordernummer 15038543227",
    "¹²³",
    "2023 ⁽¹⁾",
    "45 personer (2023), 38 (2022)",
]


@pytest.mark.parametrize("text, kind", ATTACK_CAUGHT)
def test_the_attacks_numbers_are_caught(text, kind):
    assert _find(text, TODAY) == kind


@pytest.mark.parametrize("text", ATTACK_PASSES)
def test_the_attacks_ordinary_text_passes(text):
    assert _find(text, TODAY) is None
