from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from sff_core.store import db
from sff_core.store.models import Base
from sff_core.workspaces import create_workspace, list_workspaces


def test_migrations_match_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrating_again_keeps_every_row(engine):
    create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    db.migrate(engine)
    assert [w.city for w in list_workspaces(engine)] == ["Ystad"]
    assert "alembic_version" in inspect(engine).get_table_names()


def test_sqlite_pragmas(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10000
    engine.dispose()


def test_one_cached_engine_per_url(sqlite_url):
    assert db.get_engine() is db.get_engine(sqlite_url)


def test_session_scope_rolls_back_on_error(engine):
    try:
        with db.session_scope(engine) as session:
            session.execute(text("INSERT INTO audit_event (action, actor, detail, at) VALUES ('x', '', '{}', '2026-01-01')"))
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_event")).scalar() == 0


def test_without_migrating_at_start_an_old_database_is_refused_with_a_message(tmp_path, monkeypatch):
    import pytest

    url = f"sqlite:///{tmp_path / 'old.db'}"
    monkeypatch.setenv("SFF_MIGRATE_AT_START", "0")
    db.dispose_engines()
    with pytest.raises(db.SchemaOutOfDate, match="init-db"):
        db.get_engine(url)
    engine = db.make_engine(url)
    db.migrate(engine)  # what `python -m sff_core init-db` does, once, before the app processes start
    engine.dispose()
    assert db.get_engine(url) is not None
    db.dispose_engines()
