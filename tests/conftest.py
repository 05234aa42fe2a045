"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL.

Tests that need PostgreSQL or Chromium skip with a reason on a laptop without them, but under
CI (CI=true) a missing service is a failure, never a skip.

Which tests run on PostgreSQL: every test taking `engine` in a module whose behaviour depends on the
dialect (`POSTGRESQL_MODULES`: upserts, locks, concurrency, erasure, migrations, backup round trips,
sessions, throttle, room, live, statistics, offences, notes, workspaces) and every test marked
`@pytest.mark.postgresql` (the smoke run of every results builder); the others run once, on SQLite.
The PostgreSQL variant is not generated for them (nothing is skipped). SFF_FULL_MATRIX=1 runs every
`engine` test on both. Under pytest-xdist each worker has its own PostgreSQL database
(`<database>_<worker>`, created when missing) and its own SQLite files.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, select, text

from sff_core.store import db
from sff_core.store.models import Base
from sff_core.workspaces import WorkspaceInfo

PROJECT_ROOT = Path(__file__).resolve().parent.parent

POSTGRESQL_MODULES = frozenset(
    {
        "test_backup",
        "test_concurrency",
        "test_crash",
        "test_db",
        "test_erasure",
        "test_live",
        "test_notes",
        "test_offences",
        "test_responses",
        "test_room",
        "test_sessions",
        "test_statistics",
        "test_throttle",
        "test_uow",
        "test_workspaces",
    }
)


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs this to run: {reason}")
    pytest.skip(reason)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The `engine` parameter: SQLite, plus PostgreSQL where the dialect matters (see the module docstring)."""
    if "engine" not in metafunc.fixturenames:
        return
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0]
        if "engine" in (names.replace(" ", "").split(",") if isinstance(names, str) else names):
            return  # the test chose its databases itself
    on_postgresql = (
        os.environ.get("SFF_FULL_MATRIX") == "1"
        or metafunc.module.__name__.rpartition(".")[2] in POSTGRESQL_MODULES
        or metafunc.definition.get_closest_marker("postgresql") is not None
    )
    metafunc.parametrize("engine", ["sqlite", "postgresql"] if on_postgresql else ["sqlite"], indirect=True)


def _reset_postgres(url: str) -> Engine:
    engine = db.make_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.migrate(engine)
    return engine


def _test_database(url: str) -> str:
    """The URL itself, or under pytest-xdist the worker's own database beside it (created when missing); either
    without waiting for each commit to reach the disk (`synchronous_commit=off`: a killed client still loses
    nothing it committed, only a crash of the server itself could – no test's concern)."""
    base = make_url(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        name = f"{base.database}_{worker}"
        server = create_engine(base, isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        server.dispose()
        base = base.set(database=name)
    base = base.update_query_dict({"options": "-c synchronous_commit=off"})
    return base.render_as_string(hide_password=False)


def copy_sqlite(template: Path, target: Path) -> None:
    """`target` becomes a copy of the (checkpointed) SQLite file `template`."""
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)


def _checkpointed(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated once per test session; each test gets a copy (a copy is far cheaper
    than running every migration again)."""
    template = tmp_path_factory.mktemp("template") / "migrated.db"
    engine = db.make_engine(f"sqlite:///{template}")
    db.migrate(engine)
    _checkpointed(engine)
    return template


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine | None]:
    """The TEST_DATABASE_URL server, migrated once per test session (None when not configured)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield None
        return
    engine = _reset_postgres(_test_database(url))
    yield engine
    engine.dispose()


def _truncate(engine: Engine) -> None:
    """Every table emptied and its ids restarted: a fresh database without migrating again."""
    names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def engine(request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path) -> Iterator[Engine]:
    """A migrated, empty database: a copy of the migrated SQLite file, or the emptied TEST_DATABASE_URL server."""
    dialect = getattr(request, "param", "sqlite")
    if dialect == "sqlite":
        target = tmp_path / "test.db"
        shutil.copyfile(migrated_sqlite, target)
        engine = db.make_engine(f"sqlite:///{target}")
    else:
        engine = request.getfixturevalue("postgres_engine")
        if engine is None:
            skip_or_fail("TEST_DATABASE_URL is not set (PostgreSQL tests)")
        _truncate(engine)
    yield engine
    if dialect == "sqlite":
        engine.dispose()


# --- The demo workspace, seeded once per run ----------------------------------------------------------------


@dataclass
class DemoTemplate:
    """Exempelstad seeded once into a SQLite file (and, on first use, into the PostgreSQL server, kept as rows)."""

    sqlite: Path
    workspace: WorkspaceInfo
    postgresql_rows: dict[str, list[dict[str, Any]]] | None = None


def _seed_once(engine: Engine) -> WorkspaceInfo:
    from sff_core.demo import seed_demo

    workspace = seed_demo(engine)
    assert workspace is not None
    return workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> DemoTemplate:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    copy_sqlite(migrated_sqlite, path)
    engine = db.make_engine(f"sqlite:///{path}")
    workspace = _seed_once(engine)
    _checkpointed(engine)
    return DemoTemplate(path, workspace)


def _postgresql_rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    _truncate(engine)
    _seed_once(engine)
    with engine.connect() as connection:
        rows = {
            t.name: [dict(r._mapping) for r in connection.execute(select(t).order_by(*t.primary_key.columns))]
            for t in Base.metadata.sorted_tables
        }
    _truncate(engine)
    return rows


def _restore_postgresql(engine: Engine, rows: dict[str, list[dict[str, Any]]]) -> None:
    """The emptied server gets the demo's rows back, ids and sequences as after seeding."""
    _truncate(engine)
    with engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))  # self references in any order
        for table in Base.metadata.sorted_tables:
            if rows[table.name]:
                connection.execute(table.insert(), rows[table.name])
            if "id" in table.c and table.c.id.autoincrement in (True, "auto"):
                highest = f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1'
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence(:t, 'id'), {highest}, false)"), {"t": table.name})


def _holds_a_workspace(engine: Engine) -> bool:
    from sff_core.store.models import Workspace

    with engine.connect() as connection:
        return connection.execute(select(Workspace.id).limit(1)).first() is not None


@pytest.fixture
def load_demo(demo_template: DemoTemplate) -> Callable[[Engine], WorkspaceInfo]:
    """Puts the demo workspace into an empty test database (a copy of the template, not a new seed). A
    database that already holds a workspace (a test asking for an empty one too) gets the demo seeded
    beside it instead: a copy would replace that workspace."""

    def _load(engine: Engine) -> WorkspaceInfo:
        if _holds_a_workspace(engine):
            return _seed_once(engine)
        if engine.dialect.name == "sqlite":
            engine.dispose()
            assert engine.url.database is not None
            copy_sqlite(demo_template.sqlite, Path(engine.url.database))
        else:
            if demo_template.postgresql_rows is None:
                demo_template.postgresql_rows = _postgresql_rows(engine)
            _restore_postgresql(engine, demo_template.postgresql_rows)
        return demo_template.workspace

    return _load


@pytest.fixture
def demo_loaded(engine: Engine, load_demo: Callable[[Engine], WorkspaceInfo]) -> WorkspaceInfo:
    """`engine` already holds the demo workspace (for `@pytest.mark.usefixtures`: a `seed_demo(engine)` in the
    test then finds it and returns None)."""
    return load_demo(engine)


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


@pytest.fixture
def sqlite_demo(sqlite_url: str, demo_template: DemoTemplate) -> WorkspaceInfo:
    """The DATABASE_URL file holds the demo workspace (copied from the template)."""
    db.dispose_engines()
    existing = db.make_engine(sqlite_url)
    try:
        if _holds_a_workspace(existing):  # a test asking for an empty workspace too: seed beside it
            return _seed_once(existing)
    finally:
        existing.dispose()
    copy_sqlite(demo_template.sqlite, Path(make_url(sqlite_url).database or ""))
    return demo_template.workspace


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """Tests only: argon2 with minimal cost (the app's own parameters are untouched elsewhere)."""
    from argon2 import PasswordHasher

    from sff_core import workspaces

    real = workspaces._hasher
    workspaces._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    workspaces._hasher = real
