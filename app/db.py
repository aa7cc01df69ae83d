"""Database engine, metadata conventions and the per-request unit of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Column, DateTime, Integer, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

from app import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION
metadata: MetaData = SQLModel.metadata


# Execution option a unit of work sets when it will write (see `begin_write`).
WRITE_INTENT = "stapwijzer_write_intent"


def begin_write(session: Session) -> None:
    """Declare that this transaction will write, before its first statement."""
    session.connection(execution_options={WRITE_INTENT: True})


def utcnow() -> datetime:
    """The current instant from the app's one clock (frozen in tests that freeze it)."""
    return clock.utcnow()


def make_engine(database_url: str) -> Engine:
    """Create the engine; on SQLite turn on WAL and foreign keys and fix SAVEPOINT handling."""
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            database_url, connect_args={"check_same_thread": False, "timeout": 30}
        )

        @event.listens_for(engine, "connect")
        def _sqlite_on_connect(dbapi_connection, _record):
            # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_on_begin(connection):
            # A write request begins IMMEDIATE: it takes the write lock up front, so two writers
            # queue on busy_timeout instead of failing when a read lock cannot be upgraded.
            if connection.get_execution_options().get(WRITE_INTENT):
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.exec_driver_sql("BEGIN")

        return engine
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    return create_engine(database_url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def make_session_factory(engine_or_connection) -> sessionmaker:
    return sessionmaker(
        bind=engine_or_connection,
        class_=Session,
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
    )


@contextmanager
def unit_of_work(factory: sessionmaker) -> Iterator[Session]:
    """One transaction: commit when the block succeeds, roll back when it raises."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes on both databases (SQLite would hand them back naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use app.db.utcnow() or attach a zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def version_column() -> Column:
    """A fresh `version` column; each versioned table maps it as its `version_id_col`."""
    return Column("version", Integer, nullable=False, server_default="1")


def timestamp_field(**kwargs):
    from sqlmodel import Field

    return Field(default_factory=utcnow, sa_type=UTCDateTime, **kwargs)


def optional_timestamp_field(**kwargs):
    from sqlmodel import Field

    return Field(default=None, sa_type=UTCDateTime, **kwargs)


def str_enum(enum_class) -> sa.Enum:
    """Store an enum as its value in a VARCHAR (no PostgreSQL enum type to migrate)."""
    return sa.Enum(
        enum_class, native_enum=False, create_constraint=False, length=30,
        values_callable=lambda members: [member.value for member in members],
    )
