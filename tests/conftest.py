"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL.

Tests that need PostgreSQL or Chromium skip with a reason on a laptop without them, but under
CI (CI=true) a missing service is a failure, never a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from sff_core import db
from sff_core.models import Base

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs this to run: {reason}")
    pytest.skip(reason)


def _reset_postgres(url: str) -> Engine:
    engine = db.make_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.migrate(engine)
    return engine


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database: a temporary SQLite file, or the TEST_DATABASE_URL server."""
    if request.param == "sqlite":
        engine = db.make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        db.migrate(engine)
    else:
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            skip_or_fail("TEST_DATABASE_URL is not set (PostgreSQL tests)")
        engine = _reset_postgres(url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """DATABASE_URL pointing at a fresh SQLite file, with every cached engine forgotten."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    db.dispose_engines()
    yield url
    db.dispose_engines()
