from datetime import date

import pytest
from sqlalchemy import select

from sff_core.errors import InputError
from sff_core.store.db import session_scope
from sff_core.store.models import AuditEvent, Workspace
from sff_core.workspaces import (
    create_workspace,
    get_workspace,
    list_workspaces,
    slugify,
    unlock_workspace,
    update_workspace,
)

START, END = date(2026, 1, 1), date(2027, 3, 1)


def test_create_and_unlock(engine):
    workspace = create_workspace(engine, "Ystad", "Ystads kommun", START, END, "hemlig fras")
    assert workspace.slug == "ystad"
    assert unlock_workspace(engine, workspace.id, "hemlig fras").city == "Ystad"
    assert [w.city for w in list_workspaces(engine)] == ["Ystad"]


def test_passphrase_stored_only_as_salted_hash(engine):
    first = create_workspace(engine, "Ystad", "Ystad", START, END, "samma fras")
    second = create_workspace(engine, "Lund", "Lund", START, END, "samma fras")
    with session_scope(engine) as session:
        hashes = session.scalars(select(Workspace.passphrase_hash).order_by(Workspace.id)).all()
    assert all(h.startswith("$argon2") and "samma fras" not in h for h in hashes)
    assert hashes[0] != hashes[1]
    assert first.id != second.id


def test_wrong_passphrase_is_refused_and_audited(engine):
    workspace = create_workspace(engine, "Ystad", "Ystad", START, END, "hemlig fras")
    with pytest.raises(InputError) as caught:
        unlock_workspace(engine, workspace.id, "fel")
    assert caught.value.key == "wrong_passphrase"
    assert str(caught.value) == "Fel lösenfras. Försök igen, eller fråga processledaren."
    with session_scope(engine) as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "workspace.unlock_failed" in actions


def test_unknown_workspace(engine):
    with pytest.raises(InputError, match="Arbetsytan finns inte"):
        unlock_workspace(engine, 999, "whatever")
    with pytest.raises(InputError, match="Arbetsytan finns inte"):
        get_workspace(engine, 999)


@pytest.mark.parametrize(
    "city, start, end, passphrase, key",
    [
        ("", START, END, "hemlig fras", "required"),
        ("Ystad", END, START, "hemlig fras", "period_order"),
        ("Ystad", START, START, "hemlig fras", "period_order"),
        ("Ystad", None, END, "hemlig fras", "period_missing"),
        ("Ystad", START, END, "kort", "passphrase_short"),
    ],
)
def test_bad_input_is_rejected_with_a_swedish_message(engine, city, start, end, passphrase, key):
    with pytest.raises(InputError) as caught:
        create_workspace(engine, city, "Kommun", start, end, passphrase)
    assert caught.value.key == key
    assert list_workspaces(engine) == []


def test_period_order_message_names_the_dates(engine):
    with pytest.raises(InputError) as caught:
        create_workspace(engine, "Ystad", "Ystad", date(2026, 5, 1), date(2026, 4, 1), "hemlig fras")
    assert "2026-04-01" in str(caught.value) and "2026-05-01" in str(caught.value)


def test_duplicate_city_is_rejected(engine):
    create_workspace(engine, "Ystad", "Ystad", START, END, "hemlig fras")
    with pytest.raises(InputError, match="finns redan"):
        create_workspace(engine, "Ystad", "Ystad", START, END, "hemlig fras")


def test_period_recommendation_is_12_to_18_months(engine):
    short = create_workspace(engine, "A-stad", "A", date(2026, 1, 1), date(2026, 7, 1), "hemlig fras")
    fine = create_workspace(engine, "B-stad", "B", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    assert short.period_outside_recommendation
    assert not fine.period_outside_recommendation


def test_update_keeps_the_workspace_on_bad_period(engine):
    workspace = create_workspace(engine, "Ystad", "Ystad", START, END, "hemlig fras")
    with pytest.raises(InputError):
        update_workspace(engine, workspace.id, "Ystad", "Ystad", END, START, "sv")
    assert get_workspace(engine, workspace.id).period_end == END


def test_slugify_handles_swedish_letters():
    assert slugify("Hässleholm Östra") == "hassleholm-ostra"


def test_unlocking_is_slowed_after_five_wrong_passphrases(engine):
    workspace = create_workspace(engine, "Ystad", "Ystad", START, END, "hemlig fras")
    for _ in range(5):
        with pytest.raises(InputError, match="Fel lösenfras"):
            unlock_workspace(engine, workspace.id, "gissning")
    with pytest.raises(InputError) as caught:
        unlock_workspace(engine, workspace.id, "hemlig fras")
    assert caught.value.key == "too_many_attempts" and "Vänta 10 minuter" in str(caught.value)


def test_a_very_long_city_name_fits(engine):
    workspace = create_workspace(engine, "Å" * 50 + " " + "b" * 69, "Kommun", START, END, "hemlig fras")
    assert len(workspace.slug) <= 80


def test_cities_without_latin_letters_get_keys_of_their_own(engine):
    from sff_core.workspaces import slugify

    assert slugify("東京") != slugify("大阪") and slugify("東京").startswith("stad-")
    create_workspace(engine, "東京", "東京", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    create_workspace(engine, "大阪", "大阪", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
