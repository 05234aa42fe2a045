"""Step 2 'Internet/escortsidor': the handbook's advertisement log, made safe.

Per search occasion: date, site, number of ads, counts per coarse origin and indicator flags.
No names, phone numbers, photos or addresses are ever stored. An optional advertiser reference
(to recognise repeats) is kept only as an HMAC-SHA256 with a key from the environment or
secrets – never the database – and is purged after the retention period.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Engine, select, update

from sff_core import config
from sff_core.errors import InputError
from sff_core.privacy.personal_data import reject_personal_data
from sff_core.store.db import rowcount, session_scope
from sff_core.store.models import AdObservation
from sff_core.store.uow import unit_of_work
from sff_core.validation import check_characters, check_process_date, count, required_text

RETENTION_DAYS = 90
ORIGINS = ("sweden", "eu", "outside_eu", "unknown")
FLAGS = ("same_phone", "third_party", "minor", "moving")
MAX_ADS = 100_000
OBSERVATION_COLUMNS = [
    "id",
    "observed_on",
    "site",
    "ads_count",
    *[f"origin_{o}" for o in ORIGINS],
    *[f"flag_{f}" for f in FLAGS],
    "has_reference",
]


def hash_key() -> bytes | None:
    """The key for advertiser references: SFF_HASH_KEY (environment or secrets), never the database."""
    return config.hash_key()


def keyed_hash(reference: str, key: bytes) -> str:
    normalised = unicodedata.normalize("NFKC", reference).strip().lower()
    normalised = "".join(normalised.split())
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Observation:
    observed_on: date | None
    site: str
    ads_count: int
    origins: dict[str, int]
    flags: dict[str, bool]
    advertiser_reference: str | None = None


def validate(observation: Observation, today: date) -> dict[str, object]:
    if observation.observed_on is None:
        raise InputError("required", field="observed_on", field_label="observed_on")
    if observation.observed_on > today:
        raise InputError("future_date", field="observed_on", date=observation.observed_on.isoformat())
    ads = count(observation.ads_count, "ads_count")
    origins = {o: count(observation.origins.get(o, 0), f"origin_{o}") for o in ORIGINS}
    if sum(origins.values()) > ads:
        raise InputError("origins_exceed", field="origins", total=sum(origins.values()), ads=ads)
    site = reject_personal_data(required_text(observation.site, "site"), "site")
    return {
        "observed_on": observation.observed_on,
        "site": site,
        "ads_count": ads,
        **{f"origin_{o}": n for o, n in origins.items()},
        **{f"flag_{f}": bool(observation.flags.get(f)) for f in FLAGS},
    }


def record_observation(
    engine: Engine, workspace_id: int, observation: Observation, today: date | None = None, key: bytes | None = None
) -> int:
    """Store one search occasion; the advertiser reference only as a keyed hash, or refused."""
    today = today or date.today()
    values = validate(observation, today)
    reference = check_characters((observation.advertiser_reference or "").strip(), "advertiser_reference")
    if reference:
        key = key or hash_key()
        if key is None:
            raise InputError("no_hash_key", field="advertiser_reference")
        values["advertiser_hash"] = keyed_hash(reference, key)
    with unit_of_work(engine, workspace_id) as uow:
        check_process_date(uow.session, workspace_id, values["observed_on"], "observed_on")
        row = AdObservation(workspace_id=workspace_id, **values)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("ad_observation.add", observation_id=row.id)
        observation_id = row.id
    purge_references(engine, workspace_id, today)
    return observation_id


def purge_references(engine: Engine, workspace_id: int, today: date | None = None, retention_days: int = RETENTION_DAYS) -> int:
    """Forget advertiser hashes older than the retention period; returns how many were purged."""
    cutoff = (today or date.today()) - timedelta(days=retention_days)
    with unit_of_work(engine, workspace_id) as uow:
        result = uow.session.execute(
            update(AdObservation)
            .where(
                AdObservation.workspace_id == workspace_id, AdObservation.observed_on < cutoff, AdObservation.advertiser_hash.is_not(None)
            )
            .values(advertiser_hash=None)
        )
        return rowcount(result)


def remove_observation(engine: Engine, workspace_id: int, observation_id: int) -> None:
    with unit_of_work(engine, workspace_id) as uow:
        uow.soft_delete(AdObservation, observation_id, "unknown_observation", "ad_observation.remove")


_purged_on: dict[tuple[str, int], date] = {}


def purge_if_due(engine: Engine, workspace_id: int, today: date | None = None) -> None:
    """Purge expired references at most once a day per process and workspace (reads stay cheap)."""
    today = today or date.today()
    key = (engine.url.render_as_string(), workspace_id)
    if _purged_on.get(key) != today:
        purge_references(engine, workspace_id, today)
        _purged_on[key] = today


def load_observations(engine: Engine, workspace_id: int, today: date | None = None) -> pd.DataFrame:
    """Every observation (expired references purged), with whether it has a reference."""
    purge_if_due(engine, workspace_id, today)
    with session_scope(engine) as session:
        rows = session.scalars(
            select(AdObservation)
            .where(AdObservation.workspace_id == workspace_id, AdObservation.deleted_at.is_(None))
            .order_by(AdObservation.observed_on, AdObservation.id)
        ).all()
        data = [
            {
                **{c: getattr(r, c) for c in OBSERVATION_COLUMNS if c != "has_reference"},
                "has_reference": r.advertiser_hash is not None,
                "advertiser_hash": r.advertiser_hash,
            }
            for r in rows
        ]
    return pd.DataFrame(data, columns=[*OBSERVATION_COLUMNS, "advertiser_hash"])


def per_occasion(observations: pd.DataFrame) -> pd.DataFrame:
    """Pure: totals per search occasion (date), over all sites."""
    if observations.empty:
        return pd.DataFrame(columns=["observed_on", "sites", "ads_count", *[f"origin_{o}" for o in ORIGINS], *[f"flag_{f}" for f in FLAGS]])
    sums = {c: "sum" for c in ["ads_count", *[f"origin_{o}" for o in ORIGINS], *[f"flag_{f}" for f in FLAGS]]}
    table = observations.groupby("observed_on").agg(sites=("site", "nunique"), **{c: (c, how) for c, how in sums.items()})
    return table.reset_index()


def per_month(observations: pd.DataFrame) -> pd.DataFrame:
    """Pure: ads per month and site (the flow over time), months as 'YYYY-MM'."""
    if observations.empty:
        return pd.DataFrame(columns=["month", "site", "ads_count", "occasions"])
    frame = observations.assign(month=pd.to_datetime(observations["observed_on"]).dt.strftime("%Y-%m"))
    table = frame.groupby(["month", "site"]).agg(ads_count=("ads_count", "sum"), occasions=("id", "count"))
    return table.reset_index().sort_values(["month", "site"], ignore_index=True)


def repeated_references(observations: pd.DataFrame) -> int:
    """Pure: how many distinct (hashed) advertisers were seen on more than one occasion."""
    if observations.empty:
        return 0
    seen = observations.dropna(subset=["advertiser_hash"])
    occasions = seen.groupby("advertiser_hash")["observed_on"].nunique()
    return int((occasions > 1).sum())
