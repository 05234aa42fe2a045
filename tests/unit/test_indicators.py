import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml
from alembic import command
from sqlalchemy import inspect, text

from sff_core.config import CONTENT_DIR
from sff_core.content import get_content
from sff_core.errors import ContentError, InputError
from sff_core.indicators import (
    _receiver_texts,
    averages_by_sector,
    categories,
    category_average,
    create_link,
    link_by_token,
    list_links,
    load_surveys,
    receiver_texts,
    save_survey,
    set_link_active,
    submit_via_link,
    survey_invitation,
    survey_scores,
    survey_section,
)
from sff_core.store import db
from sff_core.workspaces import create_workspace

TODAY = date(2026, 11, 28)
STATEMENTS = [key for keys in categories().values() for key in keys]


def _answers(values):
    return dict(zip(STATEMENTS, values, strict=True))


def test_six_categories_with_two_statements_each():
    groups = categories()
    assert len(groups) == 6 and all(len(keys) == 2 for keys in groups.values())


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"a": 2, "b": 4}, 3.0),  # the handbook: add the two and divide by two
        ({"a": 5, "b": None}, 5.0),  # "vet ej" is left out, not counted as zero
        ({"a": None, "b": None}, None),  # nothing known
        ({}, None),  # not answered at all
        ({"a": 1}, 1.0),
    ],
)
def test_category_average(answers, expected):
    assert category_average(answers, ["a", "b"]) == expected


def test_averages_by_sector_with_n(engine, workspace):
    first = [4, 2] + [None] * 10
    second = [2, None] + [1] * 10
    third = [None, None] + [3] * 10
    save_survey(engine, workspace.id, "Hotell A", "naringsliv", TODAY, "traff", _answers(first), today=TODAY)
    save_survey(engine, workspace.id, "Hotell B", "naringsliv", TODAY, "telefon", _answers(second), today=TODAY)
    save_survey(engine, workspace.id, "Bostad C", "bostadsbolag", TODAY, "traff", _answers(third), today=TODAY)
    table = averages_by_sector(load_surveys(engine, workspace.id))
    generella = table[table["category"] == "generella"].set_index("sector")
    assert generella.loc["naringsliv", "mean"] == 2.5 and generella.loc["naringsliv", "n"] == 2  # (3 + 2) / 2
    assert "bostadsbolag" not in generella.index  # only "vet ej": no value, no n
    sexuell = table[table["category"] == "sexuell_exploatering"].set_index("sector")
    assert sexuell.loc["naringsliv", "n"] == 1 and sexuell.loc["bostadsbolag", "mean"] == 3.0
    assert list(dict.fromkeys(table["category"])) == list(categories())


def test_empty_aggregations():
    empty = pd.DataFrame(columns=["id", "organisation", "sector", "surveyed_on", "method", "source", "answers"])
    assert averages_by_sector(empty).empty
    assert survey_scores(empty).empty


@pytest.mark.parametrize(
    "values, key", [([6] + [1] * 11, "score_range"), ([0] + [1] * 11, "score_range"), (["3"] + [1] * 11, "score_range")]
)
def test_scores_outside_the_scale_are_refused(engine, workspace, values, key):
    with pytest.raises(InputError) as caught:
        save_survey(engine, workspace.id, "Hotell", "naringsliv", TODAY, "traff", _answers(values), today=TODAY)
    assert caught.value.key == key and "mellan 1 och 5" in str(caught.value)
    assert load_surveys(engine, workspace.id).empty


def test_bad_fields_are_refused(engine, workspace):
    with pytest.raises(InputError, match="framtiden"):
        save_survey(engine, workspace.id, "Hotell", "naringsliv", date(2027, 1, 1), "traff", {}, today=TODAY)
    with pytest.raises(InputError, match="tomt"):
        save_survey(engine, workspace.id, " ", "naringsliv", TODAY, "traff", {}, today=TODAY)
    with pytest.raises(InputError):
        save_survey(engine, workspace.id, "Hotell", "rymden", TODAY, "traff", {}, today=TODAY)
    with pytest.raises(InputError):
        save_survey(engine, workspace.id, "Hotell", "naringsliv", TODAY, "traff", {"nope": 3}, today=TODAY)


def test_outside_actor_link_and_double_submit(engine, workspace):
    link = create_link(engine, workspace.id, "Hotell")
    found, workspace_id = link_by_token(engine, link.token)
    assert found.id == link.id and workspace_id == workspace.id
    answers = _answers([3] * 12)
    first = submit_via_link(engine, link.token, "Hotell Exempel", "naringsliv", date.today(), answers, "key-1")
    again = submit_via_link(engine, link.token, "Hotell Exempel", "naringsliv", date.today(), answers, "key-1")
    assert first == again
    surveys = load_surveys(engine, workspace.id)
    assert len(surveys) == 1 and surveys.loc[0, "source"] == "link" and surveys.loc[0, "method"] == "digitalt_formular"
    set_link_active(engine, workspace.id, link.id, False)
    with pytest.raises(InputError, match="okänd eller stängd"):
        submit_via_link(engine, link.token, "Hotell", "naringsliv", date.today(), answers, "key-2")
    with pytest.raises(InputError, match="okänd eller stängd"):
        link_by_token(engine, "not-a-token")


# --- the link carries the sector it is sent to (issue 10, item 7) ---------------------------------


def test_a_link_made_for_hotels_stores_and_shows_its_sector(engine, workspace):
    hotels = create_link(engine, workspace.id, "Hotell i centrum", sector="hotell")
    anyone = create_link(engine, workspace.id, "Till alla")
    assert (hotels.sector, anyone.sector) == ("hotell", None)
    assert [(link.label, link.sector) for link in list_links(engine, workspace.id)] == [("Hotell i centrum", "hotell"), ("Till alla", None)]
    found, workspace_id = link_by_token(engine, hotels.token)
    assert (found.sector, workspace_id) == ("hotell", workspace.id)
    invitation = survey_invitation(engine, hotels.token)
    assert (invitation.city, invitation.link.sector) == ("Ystad", "hotell")
    assert invitation.place == "Ystad"  # the municipality says nothing more


def test_the_invitation_names_the_city_and_municipality(engine):
    workspace = create_workspace(engine, "Exempelby", "Exempelby kommun", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    invitation = survey_invitation(engine, create_link(engine, workspace.id).token)
    assert invitation.place == "Exempelby (Exempelby kommun)"
    with pytest.raises(InputError, match="okänd eller stängd"):
        survey_invitation(engine, "x" * 24)


def test_a_link_for_an_unknown_sector_or_with_personal_data_is_refused(engine, workspace):
    with pytest.raises(InputError) as caught:
        create_link(engine, workspace.id, "Hotell", sector="rymden")
    assert caught.value.key == "not_allowed"
    with pytest.raises(InputError) as caught:
        create_link(engine, workspace.id, "Ring 070-123 45 67", sector="hotell")
    assert caught.value.key == "personal_data"
    assert list_links(engine, workspace.id) == []


def test_an_answer_through_a_hotel_link_is_stored_under_the_chosen_sector(engine, workspace):
    link = create_link(engine, workspace.id, "Hotell", sector="hotell")
    submit_via_link(engine, link.token, "Hotell Exempel", "hotell", date.today(), {STATEMENTS[0]: 2}, "k1")
    submit_via_link(engine, link.token, "Taxi Exempel", "taxi", date.today(), {STATEMENTS[0]: 4}, "k2")  # the receiver changed it
    assert list(load_surveys(engine, workspace.id)["sector"]) == ["hotell", "taxi"]


@pytest.mark.parametrize("sector", [None, ""])
def test_no_sector_is_assumed(engine, workspace, sector):
    link = create_link(engine, workspace.id)
    with pytest.raises(InputError) as caught:
        submit_via_link(engine, link.token, "Hotell Exempel", sector, date.today(), {STATEMENTS[0]: 3}, "k1")
    assert caught.value.key == "choose_sector" and caught.value.field == "sector"
    assert str(caught.value).startswith("Välj vilken sektor eller bransch")
    assert load_surveys(engine, workspace.id).empty


def test_an_empty_survey_is_not_stored(engine, workspace):
    link = create_link(engine, workspace.id)
    with pytest.raises(InputError) as caught:
        submit_via_link(engine, link.token, "Hotell Exempel", "hotell", date.today(), {}, "k1")
    assert caught.value.key == "survey_no_answers" and "minst en fråga" in str(caught.value)
    submit_via_link(engine, link.token, "Hotell Exempel", "hotell", date.today(), {STATEMENTS[0]: None}, "k1")  # "vet ej" is an answer
    assert len(load_surveys(engine, workspace.id)) == 1


def test_the_handbook_branches_are_sectors_and_the_stored_keys_still_are():
    keys = get_content().vocab_keys("sectors")
    stored = ["socialtjanst", "polis", "ovrig_kommun", "ideburen", "naringsliv", "region_halsa", "skola", "bostadsbolag", "annan"]
    branches = ["hotell", "taxi", "restaurang", "kroppsvard", "bygg", "jordbruk", "biltvatt", "bemanning"]
    assert set(stored + branches) <= set(keys) and len(keys) == len(set(keys))
    for lang in ("sv", "en"):
        assert all(get_content().labels("sectors", lang).values())


# --- the survey as its receiver reads it ------------------------------------------------------------


def test_the_receiver_texts_cover_every_statement_and_speak_to_the_receiver():
    texts = receiver_texts()
    assert list(texts.statements) == STATEMENTS
    for lang in ("sv", "en"):
        intro = texts.intro[lang].format(place="Ystad", city="Ystad", n=len(STATEMENTS))
        assert "Ystad" in intro and "12" in intro and "112" in intro
    intro = texts.intro["sv"]
    assert "Ni som är med i kärngruppen" not in intro and "dela på 2" not in intro
    assert "frivilligt" in intro and "Så används svaren" in intro and "inga namn, telefonnummer" in intro
    # shorter than the handbook's statements and their examples, which are written for the core group
    handbook = sum(len(p.text["sv"]) + len((p.help or {}).get("sv", "")) for p in survey_section().prompts)
    receiver = sum(len(statement["sv"]) for statement in texts.statements.values())
    assert receiver < 0.7 * handbook


def _receiver_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda raw: raw["statements"].pop("sexuell_kopare"), "statements"),
        (lambda raw: raw["statements"].update(okand={"sv": "x", "en": "y"}), "statements"),
        (lambda raw: raw["intro"].update(en=""), "intro"),
        (lambda raw: raw["intro"].update(sv="Hej {stad}"), "intro.sv"),
    ],
)
def test_a_broken_receiver_file_names_the_file_and_key(tmp_path, change, where):
    target = _receiver_copy(tmp_path)
    file = target / "survey_link.yaml"
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(raw)
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        _receiver_texts(str(target))
    assert caught.value.file == "survey_link.yaml" and caught.value.key == where


# --- migration 0009 ---------------------------------------------------------------------------------


def test_migration_0009_adds_the_link_sector_and_keeps_existing_links(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = db.alembic_config(url)
    command.upgrade(config, "0008")
    engine = db.make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspace (id, slug, city, municipality, period_start, period_end, language, passphrase_hash, is_demo,"
                " small_count_threshold, created_at) VALUES (1, 'ystad', 'Ystad', 'Ystad', '2026-01-01', '2027-03-01', 'sv', 'x', 0, 3,"
                " '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO survey_link (id, workspace_id, token, label, active, created_at)"
                " VALUES (1, 1, 'abcdefghijklmnopqrstuvwx', 'Hotell', 1, '2026-01-01')"
            )
        )
    command.upgrade(config, "0009")
    assert "sector" in {c["name"] for c in inspect(engine).get_columns("survey_link")}
    link, _ = link_by_token(engine, "abcdefghijklmnopqrstuvwx")
    assert (link.label, link.sector) == ("Hotell", None)
    command.downgrade(config, "0008")
    assert "sector" not in {c["name"] for c in inspect(engine).get_columns("survey_link")}
    engine.dispose()
