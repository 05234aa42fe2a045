"""The daily housekeeping of a workspace: what the retention rules say must go, goes.

One entry point for everything kept only for a time: advertiser references (step 2's ad log,
`sff_core.ads.purge_references`, 90 days) and names given in live activities (`sff_core.erasure.
pseudonymise_expired`, the workspace's `name_retention_days` after the activity closed). The app runs
it at most once a day per process and workspace (`run_if_due`); `python -m sff_core housekeeping`
runs it for every workspace from a cron job, so a workspace nobody opens is still cleaned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from sff_core import ads
from sff_core.privacy import erasure
from sff_core.store import audit
from sff_core.store.db import session_scope
from sff_core.store.models import Workspace


@dataclass(frozen=True)
class HousekeepingResult:
    workspace_id: int
    references_purged: int
    names_pseudonymised: int
    activities: int


def run_due(engine: Engine, workspace_id: int, today: date | None = None) -> HousekeepingResult:
    """Run every retention rule of one workspace as of `today` (both are idempotent)."""
    today = today or date.today()
    with audit.acting_as("housekeeping"):
        purged = ads.purge_references(engine, workspace_id, today)
        names = erasure.pseudonymise_expired(engine, workspace_id, today)
    return HousekeepingResult(workspace_id, purged, names.participants, names.activities)


_ran_on: dict[tuple[str, int], date] = {}


def run_if_due(engine: Engine, workspace_id: int, today: date | None = None) -> HousekeepingResult | None:
    """`run_due` at most once a day per process and workspace (cheap to call on every page load)."""
    today = today or date.today()
    key = (engine.url.render_as_string(), workspace_id)
    if _ran_on.get(key) == today:
        return None
    result = run_due(engine, workspace_id, today)
    _ran_on[key] = today
    return result


def run_all(engine: Engine, today: date | None = None) -> list[HousekeepingResult]:
    """`run_due` for every workspace (the cron job's command)."""
    with session_scope(engine) as session:
        ids = list(session.scalars(select(Workspace.id).order_by(Workspace.id)))
    return [run_due(engine, workspace_id, today) for workspace_id in ids]
