"""Engine, sessions and migrations. One engine per process and URL; sessions are short."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import CursorResult, Engine, Result, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from sff_core.config import PROJECT_ROOT, database_url, migrate_at_start

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")  # erased names are zeroed in the file, not left in free space (issue 14)
    cursor.close()


def make_engine(url: str) -> Engine:
    """A new engine for `url` (SQLite gets WAL, foreign keys and a busy timeout)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def alembic_config(url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the database to the newest schema (keeps every row)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class SchemaOutOfDate(RuntimeError):
    """The database is not at the app's schema and migrating at start is switched off."""


def check_schema(engine: Engine) -> None:
    """Refuse to run on a database whose schema is not the newest (when the app may not migrate it)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine.url.render_as_string(hide_password=False))).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != head:
        raise SchemaOutOfDate(
            f"Databasen har schemaversion {current or 'ingen'}, appen behöver {head}. "
            "Kör `python -m sff_core init-db` en gång innan apparna startas (SFF_MIGRATE_AT_START=0)."
        )


def get_engine(url: str | None = None) -> Engine:
    """The process's engine for `url` (default: the configured one), migrated on first use.

    A shared deployment that starts several app processes sets SFF_MIGRATE_AT_START=0 and migrates
    once beforehand (`python -m sff_core init-db`); each process then only checks the schema.
    """
    url = url or database_url()
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = make_engine(url)
            if migrate_at_start():
                migrate(engine)
            else:
                check_schema(engine)
            _engines[url] = engine
        return engine


def dispose_engines() -> None:
    """Forget cached engines (tests switch databases between cases)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


_sessionmakers: dict[int, sessionmaker[Session]] = {}


def rowcount(result: Result[Any]) -> int:
    """How many rows an INSERT, UPDATE or DELETE touched. `Session.execute` is typed to return a
    `Result`; for these statements it is a `CursorResult`, which has `rowcount`."""
    return cast("CursorResult[Any]", result).rowcount


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One short unit of work: commit on success, roll back on any error."""
    factory = _sessionmakers.get(id(engine))
    if factory is None or factory.kw.get("bind") is not engine:
        factory = sessionmaker(bind=engine, expire_on_commit=False)
        _sessionmakers[id(engine)] = factory
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
