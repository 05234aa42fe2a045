"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL.

Tests that need PostgreSQL or Chromium skip with a reason on a laptop without them, but under
CI (CI=true) a missing service is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated once per test session; each test gets a copy (a copy is far cheaper
    than running every migration again)."""
    template = tmp_path_factory.mktemp("template") / "migrated.db"
    engine = db.make_engine(f"sqlite:///{template}")
    db.migrate(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return template


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine | None]:
    """The TEST_DATABASE_URL server, migrated once per test session (None when not configured)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield None
        return
    engine = _reset_postgres(url)
    yield engine
    engine.dispose()


def _truncate(engine: Engine) -> None:
    """Every table emptied and its ids restarted: a fresh database without migrating again."""
    names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path) -> Iterator[Engine]:
    """A migrated, empty database: a copy of the migrated SQLite file, or the emptied TEST_DATABASE_URL server."""
    if request.param == "sqlite":
        target = tmp_path / "test.db"
        shutil.copyfile(migrated_sqlite, target)
        engine = db.make_engine(f"sqlite:///{target}")
    else:
        engine = request.getfixturevalue("postgres_engine")
        if engine is None:
            skip_or_fail("TEST_DATABASE_URL is not set (PostgreSQL tests)")
        _truncate(engine)
    yield engine
    if request.param == "sqlite":
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_sqlite: Path) -> Iterator[str]:
    """DATABASE_URL pointing at a fresh (copied, already migrated) SQLite file, with every cached engine forgotten."""
    target = tmp_path / "app.db"
    shutil.copyfile(migrated_sqlite, target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("DATABASE_URL", url)
    db.dispose_engines()
    yield url
    db.dispose_engines()


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """Tests only: argon2 with minimal cost (the app's own parameters are untouched elsewhere)."""
    from argon2 import PasswordHasher

    from sff_core import workspaces

    real = workspaces._hasher
    workspaces._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    workspaces._hasher = real
