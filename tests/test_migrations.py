"""Migrations run up, down and up again on this run's database kind, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from app.db import make_engine
from app.migrations_runner import downgrade_to_base, upgrade_to_head
from tests.conftest import drop_postgres_database, fresh_database_url, is_postgres


def test_upgrade_downgrade_upgrade_and_models_match(tmp_path_factory):
    url = fresh_database_url(tmp_path_factory, "migrations")
    try:
        upgrade_to_head(url)
        downgrade_to_base(url)
        engine = make_engine(url)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        upgrade_to_head(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
        engine.dispose()
        assert differences == [], "models and migrations differ: write a migration"
    finally:
        if is_postgres(url):
            drop_postgres_database(url)


def test_is_at_head_reads_the_history_without_alembic(tmp_path_factory):
    """A restart skips Alembic when the database has every migration; any doubt runs it."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from app.migrations_runner import alembic_config, head_revisions, is_at_head

    assert head_revisions() == frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())
    url = fresh_database_url(tmp_path_factory, "at_head")
    engine = make_engine(url)
    try:
        assert not is_at_head(engine)  # empty: no version table
        upgrade_to_head(url)
        assert is_at_head(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        assert not is_at_head(engine)  # behind: Alembic must run
    finally:
        engine.dispose()
        if is_postgres(url):
            drop_postgres_database(url)
