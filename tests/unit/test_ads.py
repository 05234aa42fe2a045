from datetime import date

import pytest
from sqlalchemy import inspect, text

from sff_core.ads import (
    FLAGS,
    ORIGINS,
    Observation,
    keyed_hash,
    load_observations,
    per_month,
    per_occasion,
    purge_references,
    record_observation,
    repeated_references,
)
from sff_core.errors import InputError

TODAY = date(2026, 11, 28)
KEY = b"test-key-0123456789abcdef"


def _observation(day, site="Sajt A", ads=10, origins=(2, 3, 4, 1), flags=(True, False, False, True), reference=None):
    return Observation(day, site, ads, dict(zip(ORIGINS, origins, strict=True)), dict(zip(FLAGS, flags, strict=True)), reference)


def test_summaries_per_occasion_and_month(engine, workspace):
    record_observation(engine, workspace.id, _observation(date(2026, 10, 3)), TODAY, KEY)
    record_observation(engine, workspace.id, _observation(date(2026, 10, 3), site="Sajt B", ads=4, origins=(1, 1, 1, 1)), TODAY, KEY)
    record_observation(engine, workspace.id, _observation(date(2026, 11, 7), ads=12, origins=(3, 3, 3, 3)), TODAY, KEY)
    observations = load_observations(engine, workspace.id, TODAY)
    occasions = per_occasion(observations)
    first = occasions[occasions["observed_on"] == date(2026, 10, 3)].iloc[0]
    assert (first["sites"], first["ads_count"], first["origin_eu"], first["flag_same_phone"]) == (2, 14, 4, 2)
    monthly = per_month(observations)
    assert monthly[["month", "site", "ads_count"]].values.tolist() == [
        ["2026-10", "Sajt A", 10],
        ["2026-10", "Sajt B", 4],
        ["2026-11", "Sajt A", 12],
    ]


def test_empty_summaries():
    import pandas as pd

    empty = pd.DataFrame(columns=["id", "observed_on", "site", "ads_count", "advertiser_hash"])
    assert per_month(empty).empty and per_occasion(empty).empty and repeated_references(empty) == 0


def test_reference_is_only_a_keyed_hash_and_never_in_clear_text(engine, workspace):
    reference = "Annonsör Kalle 070-1234567"
    record_observation(engine, workspace.id, _observation(date(2026, 11, 1), reference=reference), TODAY, KEY)
    record_observation(engine, workspace.id, _observation(date(2026, 11, 8), reference=" annonsör kalle 070-1234567 "), TODAY, KEY)
    observations = load_observations(engine, workspace.id, TODAY)
    assert repeated_references(observations) == 1
    assert observations["advertiser_hash"].tolist() == [keyed_hash(reference, KEY)] * 2
    assert keyed_hash(reference, b"another-key-0123456789") != keyed_hash(reference, KEY)
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                dumped = " ".join(str(v) for v in row).lower()
                assert "kalle" not in dumped and "070-1234567" not in dumped, table


def test_reference_needs_a_key(engine, workspace, monkeypatch):
    monkeypatch.delenv("SFF_HASH_KEY", raising=False)
    with pytest.raises(InputError, match="ingen hashnyckel"):
        record_observation(engine, workspace.id, _observation(date(2026, 11, 1), reference="x"), TODAY)
    assert load_observations(engine, workspace.id, TODAY).empty


def test_references_are_purged_after_the_retention_period(engine, workspace):
    record_observation(engine, workspace.id, _observation(date(2026, 8, 1), reference="a"), TODAY, KEY)
    assert load_observations(engine, workspace.id, TODAY)["has_reference"].tolist() == [False]  # expired at once
    record_observation(engine, workspace.id, _observation(date(2026, 10, 1), reference="b"), TODAY, KEY)
    record_observation(engine, workspace.id, _observation(date(2026, 11, 1), reference="c"), TODAY, KEY)
    assert purge_references(engine, workspace.id, TODAY) == 0
    later = date(2027, 1, 15)  # 90 days after mid-October
    assert purge_references(engine, workspace.id, later) == 1
    observations = load_observations(engine, workspace.id, later)
    assert observations["has_reference"].tolist() == [False, False, True]
    assert observations["ads_count"].tolist() == [10, 10, 10]  # the counts stay


@pytest.mark.parametrize(
    "observation, key",
    [
        (_observation(date(2026, 12, 1)), "future_date"),
        (_observation(date(2026, 11, 1), ads=-1), "negative_count"),
        (_observation(date(2026, 11, 1), origins=(-1, 0, 0, 0)), "negative_count"),
        (_observation(date(2026, 11, 1), ads=3, origins=(2, 2, 0, 0)), "origins_exceed"),
        (_observation(date(2026, 11, 1), site=" "), "required"),
        (_observation(None), "required"),
    ],
)
def test_bad_observations_are_refused(engine, workspace, observation, key):
    with pytest.raises(InputError) as caught:
        record_observation(engine, workspace.id, observation, TODAY, KEY)
    assert caught.value.key == key
    assert load_observations(engine, workspace.id, TODAY).empty


def test_repeats_count_occasions_not_sites(engine, workspace):
    record_observation(engine, workspace.id, _observation(date(2026, 11, 1), site="A", reference="x"), TODAY, KEY)
    record_observation(engine, workspace.id, _observation(date(2026, 11, 1), site="B", reference="x"), TODAY, KEY)
    assert repeated_references(load_observations(engine, workspace.id, TODAY)) == 0
    record_observation(engine, workspace.id, _observation(date(2026, 11, 8), site="A", reference="x"), TODAY, KEY)
    assert repeated_references(load_observations(engine, workspace.id, TODAY)) == 1


def test_a_phone_number_as_site_is_refused(engine, workspace):
    with pytest.raises(InputError, match="telefonnummer"):
        record_observation(engine, workspace.id, _observation(date(2026, 11, 1), site="070-123 45 67"), TODAY, KEY)
