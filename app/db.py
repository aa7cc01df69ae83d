"""Database engine, metadata conventions and the per-request unit of work."""

from __future__ import annotations

import threading
from collections import deque
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
# Keys in a pooled connection's `info`: its transaction may write without upgrading a read lock
# (SQLite), and it holds its engine's write lane.
CAN_WRITE = "stapwijzer_can_write"
HOLDS_LANE = "stapwijzer_holds_lane"
# Key in `session.info`: what this unit of work noted (see `unit_notes`).
UNIT_NOTES = "stapwijzer_unit_notes"
QUEUED_INSERTS = "queued_inserts"
WROTE = "wrote"  # in the unit notes: `insert_rows` wrote at once (its COMMIT may wait on disk)
SQLITE_BUSY_SECONDS = 30
DML_PREFIXES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def begin_write(session: Session) -> None:
    """Declare that this transaction will write, before its first statement."""
    session.connection(execution_options={WRITE_INTENT: True})


class WriteLane:
    """First come, first served: one SQLite write transaction at a time per engine.

    SQLite's own busy handler retries on a timer, so a steady stream of short writers can keep
    a waiting one out until `busy_timeout` runs out; this queue hands the turn over in order.
    Writers from other processes still wait on `busy_timeout`."""

    def __init__(self, timeout: float = SQLITE_BUSY_SECONDS) -> None:
        self.timeout = timeout
        self._mutex = threading.Lock()
        self._held = False
        self._waiting: deque[threading.Event] = deque()

    def acquire(self) -> None:
        with self._mutex:
            if not self._held:
                self._held = True
                return
            turn = threading.Event()
            self._waiting.append(turn)
        try:
            if not turn.wait(self.timeout):
                raise TimeoutError(f"no turn to write within {self.timeout:.0f} s")
        except BaseException:
            with self._mutex:
                if turn.is_set():
                    self._hand_over()  # the turn came just now: pass it on
                else:
                    self._waiting.remove(turn)
            raise

    def release(self) -> None:
        with self._mutex:
            self._hand_over()

    def _hand_over(self) -> None:
        if self._waiting:
            self._waiting.popleft().set()  # still held: it passes straight to the next writer
        else:
            self._held = False


def utcnow() -> datetime:
    """The current instant from the app's one clock (frozen in tests that freeze it)."""
    return clock.utcnow()


def make_engine(database_url: str, *, pool_size: int = 10, max_overflow: int = 20,
                prepared_statements: bool = True) -> Engine:
    """Create the engine; on SQLite turn on WAL and foreign keys and fix SAVEPOINT handling.
    The pool sizes and prepared statements apply to PostgreSQL (Settings.db_pool_size, …).

    `hide_parameters`: a database error's text (in our logs, uvicorn's traceback, anywhere)
    shows the statement but never its values, which are messages, names and amounts."""
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
            hide_parameters=True,
        )
        lane = WriteLane()

        @event.listens_for(engine, "connect")
        def _sqlite_on_connect(dbapi_connection, _record):
            # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_on_begin(connection):
            # A write begins IMMEDIATE: it takes the write lock up front, so two writers queue
            # instead of failing when a read lock cannot be upgraded. In this process they
            # queue in the lane, in order; other processes' writers on busy_timeout.
            if not connection.get_execution_options().get(WRITE_INTENT):
                # Straight to the driver: every request begins one, and SQLAlchemy's execute
                # path cost more than the statement (nothing listens for a BEGIN).
                connection.connection.driver_connection.execute("BEGIN")
                return
            if not connection.info.get(HOLDS_LANE):
                lane.acquire()
                connection.info[HOLDS_LANE] = True
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            connection.info[CAN_WRITE] = True

        @event.listens_for(engine, "after_cursor_execute")
        def _sqlite_after_execute(connection, _cursor, statement, _params, _context, _many):
            # A transaction that has written holds the write lock until it ends.
            if statement.lstrip()[:7].upper().startswith(DML_PREFIXES):
                connection.info[CAN_WRITE] = True

        @event.listens_for(engine, "commit")
        @event.listens_for(engine, "rollback")
        def _sqlite_on_end(connection):
            connection.info.pop(CAN_WRITE, None)

        @event.listens_for(engine.pool, "checkin")
        def _sqlite_on_checkin(_dbapi_connection, record):
            # Back in the pool means committed or rolled back: the next writer's turn. (The
            # commit event fires before COMMIT runs, too early to hand the turn over.)
            if record.info.pop(HOLDS_LANE, False):
                lane.release()

        return engine
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    # prepare_threshold=None: psycopg never prepares server-side (PgBouncer, transaction mode).
    connect_args = {} if prepared_statements else {"prepare_threshold": None}
    return create_engine(database_url, pool_pre_ping=True, pool_size=pool_size,
                         max_overflow=max_overflow, connect_args=connect_args,
                         hide_parameters=True)


def engine_for(settings) -> Engine:
    """The engine with the settings' connection budget (`Settings.db_pool_size`, …)."""
    return make_engine(settings.database_url, pool_size=settings.db_pool_size,
                       max_overflow=settings.db_max_overflow,
                       prepared_statements=settings.db_prepared_statements)


def make_session_factory(engine_or_connection) -> sessionmaker:
    factory = sessionmaker(
        bind=engine_or_connection,
        class_=Session,
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
    )
    event.listen(factory, "after_soft_rollback", _forget_unit_notes)
    return factory


def _forget_unit_notes(session: Session, previous_transaction) -> None:
    # What the unit of work noted about its writes was undone with them.
    if previous_transaction.parent is None:
        session.info.pop(UNIT_NOTES, None)


def unit_notes(session: Session) -> dict:
    """Notes that live as long as the unit of work's changes: a rollback empties them."""
    return session.info.setdefault(UNIT_NOTES, {})


def may_write_now(session: Session) -> bool:
    """Whether a write now cannot fail on a lock: always on PostgreSQL; on SQLite only when
    this transaction already holds the write lock (a read lock cannot be upgraded while
    another connection writes, and busy_timeout does not help a transaction that has read)."""
    connection = session.connection()
    return connection.dialect.name != "sqlite" or bool(connection.info.get(CAN_WRITE))


def insert_rows(session: Session, model, rows: list[dict]) -> None:
    """Insert `rows` into `model`'s table in one statement: now when that cannot fail on a
    lock, otherwise when the unit of work commits (see `commit`)."""
    if not rows:
        return
    if may_write_now(session):
        _insert_many(session, model, rows)
        unit_notes(session)[WROTE] = True
    else:
        unit_notes(session).setdefault(QUEUED_INSERTS, {}).setdefault(model, []).extend(rows)


def queued_rows(session: Session, model) -> list[dict]:
    """The rows `insert_rows` queued for `model` in this unit of work, oldest first."""
    return list(session.info.get(UNIT_NOTES, {}).get(QUEUED_INSERTS, {}).get(model, ()))


def commit(session: Session) -> None:
    """Commit the unit of work with the rows it queued. A read transaction ends first; its rows
    follow in a short write transaction of their own that waits for its turn in the write lane
    rather than failing. Raises when they cannot be written, so a request answers only a read
    that was logged."""
    queued = unit_notes(session).pop(QUEUED_INSERTS, None)
    if queued and may_write_now(session):
        _insert_queued(session, queued)
        queued = None
    session.commit()
    if queued:
        begin_write(session)
        _insert_queued(session, queued)
        session.commit()


def _insert_queued(session: Session, queued: dict) -> None:
    for model, rows in queued.items():
        _insert_many(session, model, rows)


def _insert_many(session: Session, model, rows: list[dict]) -> None:
    """One INSERT for all `rows`. On PostgreSQL an `INSERT ... SELECT unnest(:array), ...`, one
    array per column: psycopg 3 runs an executemany as one statement per row (100 access-log
    rows of a caseload page were 100 round trips), and a multi-row VALUES is compiled afresh
    for each row count. SQLite runs an executemany in-process: nothing to save there."""
    names = list(rows[0])
    if (len(rows) == 1 or _dialect_name(session) != "postgresql"
            or any(row.keys() != rows[0].keys() for row in rows)):
        session.execute(sa.insert(model), rows)
        return
    table = model.__table__
    columns = []
    for name in names:
        values = [row[name] for row in rows]
        column_type = table.c[name].type
        if all(value == values[0] for value in values):
            # The same in every row (the reader, the area, the time of a list read): one
            # value, not an array psycopg would dump item by item.
            columns.append(sa.bindparam(None, values[0], type_=column_type))
        elif isinstance(column_type, Integer) and None not in values:
            # Ids as one '{1,2,3}' text cast to an array, as in `among`.
            literal = "{" + ",".join(str(int(value)) for value in values) + "}"
            columns.append(sa.func.unnest(sa.cast(sa.bindparam(None, literal, type_=sa.String),
                                                  _INTEGER_ARRAY)))
        else:
            columns.append(sa.func.unnest(sa.bindparam(None, values,
                                                       type_=sa.ARRAY(column_type))))
    if all(isinstance(column, sa.BindParameter) for column in columns):
        session.execute(sa.insert(model), rows)  # rows all alike: nothing to unnest
        return
    session.execute(sa.insert(table).from_select(names, sa.select(*columns)))


@contextmanager
def unit_of_work(factory: sessionmaker) -> Iterator[Session]:
    """One transaction: commit when the block succeeds, roll back when it raises."""
    session = factory()
    try:
        yield session
        commit(session)
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


def among(session: Session, column, values) -> sa.ColumnElement[bool]:
    """`column IN (values)` for a list that grows with the data (a caseload's ids): on PostgreSQL
    `column = ANY(:array)`, one parameter however many values. A 100-item IN list is a long
    statement that psycopg neither caches nor prepares and SQLAlchemy re-renders every time;
    the ANY form is the same short text each time (measured on the caseload: see
    benchmarks/scale.py)."""
    values = list(values)
    if _dialect_name(session) == "postgresql":
        if isinstance(column.type, Integer):
            # Ids as one '{1,2,3}' text cast to an array: psycopg dumps a list of ints item
            # by item in Python (a tenth of the caseload's CPU), a string at once.
            literal = "{" + ",".join(str(int(value)) for value in values) + "}"
            return column == sa.any_(sa.cast(sa.bindparam(None, literal, type_=sa.String),
                                             _INTEGER_ARRAY))
        array = _ARRAY_TYPES.get(column.type)
        if array is None:
            array = _ARRAY_TYPES.setdefault(column.type, sa.ARRAY(column.type))
        return column == sa.any_(sa.bindparam(None, values, type_=array))
    return column.in_(values)


def among_parameter(dialect_name: str, column, name: str) -> sa.ColumnElement[bool]:
    """`among` for a statement built once and run many times: the integer ids come at
    execution, as the parameter `name` holding `among_values(dialect_name, ids)`."""
    if dialect_name == "postgresql":
        return column == sa.any_(sa.cast(sa.bindparam(name, type_=sa.String), _INTEGER_ARRAY))
    return column.in_(sa.bindparam(name, expanding=True))


def among_values(dialect_name: str, values) -> str | list[int]:
    """The value of an `among_parameter` for these ids."""
    if dialect_name == "postgresql":
        return "{" + ",".join(str(int(value)) for value in values) + "}"
    return list(values)


def dialect_name(session: Session) -> str:
    return _dialect_name(session)


_ARRAY_TYPES: dict = {}  # a column's type → the array of it, made once
_INTEGER_ARRAY = sa.ARRAY(Integer)


def reads_on_loop(session: Session) -> bool:
    """Whether a request's reads may run on the event loop rather than in a worker thread.

    On SQLite, yes: a read is a call into the library in this process, cheaper than the
    thread-pool hop it saves (the cached candidate home: CPU per request ×0.6). On PostgreSQL,
    no: a round trip on the loop holds up every other request until the answer comes, where
    worker threads overlap their waits (measured: the same home at 0.47× the requests/s)."""
    return _dialect_name(session) == "sqlite"


def _dialect_name(session: Session) -> str:
    # `bind` is the engine (or the test's connection); get_bind() resolves mappers: slower.
    return (session.bind or session.get_bind()).dialect.name
