"""Names in free text for shared documents (sff_core.privacy.name_scrub): every spelling Swedish writes is
replaced, nothing else is."""

from __future__ import annotations

import unicodedata
from datetime import date

import pandas as pd
import pytest

from sff_core import live
from sff_core.candidates import save_candidate
from sff_core.members import add_member, remove_member
from sff_core.outputs.results import Card, CardsBlock, PlainTextBlock
from sff_core.outputs.sharing import INTERNAL, SharingLevel
from sff_core.privacy.name_scrub import NameScrubber, Person, name_scrubber, without_names
from sff_core.workspaces import create_workspace

PEOPLE = [Person("Gunnel Kvarnström", "Polisen"), Person("Anna Berg", "Socialtjänsten"), Person("Anna Ek", "Skolan")]
SCRUB = NameScrubber(PEOPLE, "en medlem", ["Hotell Berget", "Ek-gården AB"])


@pytest.mark.parametrize(
    ("typed", "shared"),
    [
        ("Ring Gunnel Kvarnström i dag", "Ring Polisen i dag"),
        ("Gunnel Kvarnströms uppgift", "Polisens uppgift"),
        ("GUNNEL KVARNSTRÖM", "Polisen"),
        ("gunnel kvarnström", "Polisen"),
        (unicodedata.normalize("NFD", "Gunnel Kvarnström ringer"), "Polisen ringer"),
        ("Gunnel\u00a0Kvarnström", "Polisen"),
        ("Gunnel\nKvarnström", "Polisen"),
        ("Gunnels förslag", "Polisens förslag"),  # a first name alone, with one organisation
        ("Kvarnström ringer", "Polisen ringer"),  # a last name alone
        ("Anna bokar", "en medlem bokar"),  # two Annas in two organisations
        ("Anna's idé", "en medlems idé"),
        ("Anna Bergs och Anna Eks", "Socialtjänstens och Skolans"),
        ("Evakuering, Annaberg, Gunnelsson", "Evakuering, Annaberg, Gunnelsson"),  # longer words are other words
        ("Berg ringer Hotell Berget", "Socialtjänsten ringer Hotell Berget"),
        ("Ek ringer", "Ek ringer"),  # a word of an organisation's name ("Ek-gården AB") is not taken for a name alone
        ("", ""),
    ],
)
def test_every_spelling_of_a_name_and_nothing_else(typed, shared):
    assert SCRUB(typed) == shared


def test_a_name_that_is_also_a_common_word_is_replaced_only_when_capitalised():
    scrub = NameScrubber([Person("Per Holm", "Polisen"), Person("Bo Lind", "Skolan")], "en medlem")
    assert scrub("Per ringer Bo; 3 per år, bo kvar") == "Polisen ringer Skolan; 3 per år, bo kvar"
    assert scrub("per holm och lind") == "Polisen och lind"  # a full name in any case; "lind" alone is the tree
    assert scrub("ring Lind") == "ring Skolan"


def test_values_tables_and_blocks_are_scrubbed_all_through():
    frame = pd.DataFrame({"Gunnel": ["Anna Berg", 3], "Text": ["ok", None]})
    scrubbed = SCRUB.value(frame)
    assert list(scrubbed.columns) == ["Polisen", "Text"] and scrubbed.iloc[0, 0] == "Socialtjänsten" and scrubbed.iloc[1, 0] == 3
    block = CardsBlock((("Gunnels fråga", (Card("Anna Ek ringer"),)),))
    assert SCRUB.value(block) == CardsBlock((("Polisens fråga", (Card("Skolan ringer"),)),))
    assert SCRUB.value((PlainTextBlock("Kvarnström", "Anna Berg"), {"k": ["Gunnel"]})) == (
        PlainTextBlock("Polisen", "Socialtjänsten"),
        {"k": ["Polisen"]},
    )
    assert frame.iloc[0, 0] == "Anna Berg"  # a copy: the model the screen draws keeps its names


def test_the_workspace_scrubber_knows_members_candidates_participants_also_removed(engine):
    workspace = create_workspace(engine, "Namnstad", "Namnstads kommun", date(2026, 9, 1), date(2027, 12, 31), "namnstad-hemlig")
    add_member(engine, workspace.id, "Olle Berg", "Socialtjänsten Namnstad", "socialtjanst")
    gone = add_member(engine, workspace.id, "Märta Lind", "Polisen Namnstad", "polis")
    remove_member(engine, workspace.id, gone.id)
    save_candidate(engine, workspace.id, "Yusuf Öberg", "Hotell Namnstad", "naringsliv", None, [], "idea")
    activity = live.open_activity(engine, workspace.id, "step1", "jag_och_min_organisation", date(2026, 9, 1))
    live.join(engine, activity.code, "Zelda Ro", "Fritidsgården")
    scrub = name_scrubber(engine, workspace.id)
    said = "Olle, Märtas, Yusuf Öberg och zelda ro ringer Namnstad"
    assert scrub(said) == "Socialtjänsten Namnstad, Polisen Namnstads, Hotell Namnstad och Fritidsgården ringer Namnstad"
    assert without_names(engine, workspace.id, said, INTERNAL) == said
    assert without_names(engine, workspace.id, said, SharingLevel(True)) == scrub(said)
