"""The name matcher (sff_core/privacy/names.py) that erasure and the access report share (issue 20, High 4)."""

from __future__ import annotations

import pytest

from sff_core.privacy.names import (
    lone_parts,
    lower_case_pattern,
    name_parts,
    name_pattern,
    normal,
    part_pattern,
    replace_name,
    same_name,
    stem,
)

GUNNEL = "Gunnel Kvarnström"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunnel Kvarnström ringer", "Deltagare 7 ringer"),
        ("Gunnel Kvarnströms rapport", "Deltagare 7:s rapport"),  # genitive
        ("GUNNEL KVARNSTRÖM:S LISTA", "Deltagare 7:s LISTA"),
        ("Gunnel Kvarnström's bok", "Deltagare 7:s bok"),  # the apostrophe people write anyway
        ("gunnel kvarnström", "Deltagare 7"),
        ("Gunnel Kvarnstro\u0308m", "Deltagare 7"),  # NFD
        ("Gunnel\u00a0Kvarnström", "Deltagare 7"),  # no-break space
        ("Gunnel \t\n  Kvarnström", "Deltagare 7"),
        ("Gunnel\u202fKvarnström", "Deltagare 7"),  # narrow no-break space
        ("Gunnel Kvarn\u00adström", "Deltagare 7"),  # soft hyphen inside
        ("Gunnel\u200bKvarnström", "Deltagare 7"),  # zero-width space only
        ("'Gunnel Kvarnström' sa", "'Deltagare 7' sa"),  # a quote, not a genitive
        ("(Gunnel Kvarnström)", "(Deltagare 7)"),
        ("Gunnel Kvarnström-Lind", "Deltagare 7-Lind"),  # a dash ends a word: rather too much than too little
        ("Gunnel Kvarnströmsson", "Gunnel Kvarnströmsson"),  # another word
        ("Gunnel Kvarnströmska huset", "Gunnel Kvarnströmska huset"),
        ("Agunnel Kvarnström", "Agunnel Kvarnström"),
        ("Gunnel", "Gunnel"),  # a part alone is never replaced
    ],
)
def test_the_full_name_is_found_as_swedish_writes_it(text, expected):
    assert replace_name(text, name_pattern(GUNNEL), "Deltagare 7") == expected


def test_the_name_may_be_typed_in_any_form_too():
    for typed in ("Gunnel Kvarnstro\u0308m", " gunnel   KVARNSTRÖM ", "Gunnel\u00a0Kvarnström"):
        assert replace_name("Gunnel Kvarnströms bok", name_pattern(typed), "D") == "D:s bok"
    assert same_name("gunnel  kvarnstro\u0308m", GUNNEL) and normal("Gunnel\u00ad Kvarnström") == GUNNEL


def test_a_name_ending_in_s_x_or_z_has_the_apostrophe_genitive():
    pattern = name_pattern("Lars Nils")
    assert replace_name("Lars Nils' bok", pattern, "D 1") == "D 1:s bok"
    assert replace_name("Lars Nils bok", pattern, "D 1") == "D 1 bok"  # the genitive written like the name
    assert replace_name("Max Fox' idé", name_pattern("Max Fox"), "D 2") == "D 2:s idé"


def test_several_spellings_the_longest_first_and_a_hyphen_as_any_dash():
    pattern = name_pattern(["Anna Berg", "Anna Berg Lund", "Anna-Karin Berg"])
    assert replace_name("Anna Berg Lund och Anna–Karin Berg", pattern, "D") == "D och D"
    with pytest.raises(ValueError):
        name_pattern(["", "  "])


def test_a_first_or_last_name_alone_is_found_capitalised_and_not_inside_other_known_names():
    parts = part_pattern(name_parts([GUNNEL]))
    known = name_pattern(["Gunnel Lind", GUNNEL])
    text = "Gunnel sa att Kvarnströms gäng och Gunnel Lind och Gunnel Kvarnström, men inte gunnel eller Gunnelsson."
    assert [m.group(0) for m in lone_parts(text, parts, known)] == ["Gunnel", "Kvarnströms"]
    assert part_pattern(name_parts(["Bo"])) is None  # one word: no parts to look for alone


def test_a_last_name_written_as_an_ordinary_word_is_recognised_in_lower_case_only():
    pattern = lower_case_pattern(name_parts(["Anna Berg"], first=False))
    assert [stem(m) for m in pattern.finditer("Ett berg, Berg och bergs topp")] == ["berg", "berg"]
    assert name_parts(["Anna Berg", "Anna-Karin Lund"], last=False) == ["Anna", "Anna-Karin"]
