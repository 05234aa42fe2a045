from datetime import date

import pandas as pd
import pytest

from sff_core.errors import InputError
from sff_core.indicators import (
    averages_by_sector,
    categories,
    category_average,
    create_link,
    link_by_token,
    load_surveys,
    save_survey,
    set_link_active,
    submit_via_link,
    survey_scores,
)
from sff_core.workspaces import create_workspace

TODAY = date(2026, 11, 28)
STATEMENTS = [key for keys in categories().values() for key in keys]


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")


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
