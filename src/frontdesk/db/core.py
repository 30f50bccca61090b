"""Engine, sessions and the declarative base shared by every domain's models."""

from __future__ import annotations

import functools
import select
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    Column,
    ColumnDefault,
    DateTime,
    Engine,
    MetaData,
    Table,
    TextClause,
    bindparam,
    create_engine,
    event,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError, InvalidatePoolError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSONB on PostgreSQL, JSON text on SQLite.
JsonType = JSON().with_variant(JSONB(), "postgresql")


T = TypeVar("T")


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both backends (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; frontdesk stores aware UTC times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class naive_utc(FunctionElement[datetime]):  # noqa: N801 (a SQL function, named as one)
    """A timestamp column read as naive UTC wall time, converted by the database: PostgreSQL
    hands timestamptz to the driver as aware values, and converting hundreds of them per
    calendar load in Python cost more than the query. SQLite stores naive UTC already."""

    type = DateTime(timezone=False)
    inherit_cache = True


@compiles(naive_utc)
def _naive_utc_as_stored(element: naive_utc, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(naive_utc, "postgresql")
def _naive_utc_postgresql(element: naive_utc, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC')"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


_registry = {"complete": False}


def declare_all_tables_loaded() -> None:
    """Called once by `frontdesk.tables`, which imports every package's models."""
    _registry["complete"] = True


def all_tables() -> MetaData:
    """The metadata of every table, for code that must see them all (merging customers).

    Domains cannot import the registry (it sits above them), so the application loads it at
    start (`import frontdesk.tables`) and code that would silently miss a table refuses instead."""
    if not _registry["complete"]:
        raise RuntimeError("frontdesk.tables was not imported: not every table is known")
    return Base.metadata


def insert_once(session: Session, row: T, find: Callable[[], T | None]) -> tuple[T, bool]:
    """Insert a row that a unique key makes one of a kind, or return the one already there
    (also when a concurrent transaction inserted it first). Returns (row, is_new)."""
    existing = find()
    if existing is not None:
        return existing, False
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return found, False
    return row, True


def insert_unless_present(
    session: Session,
    model: type[Base],
    values: dict[str, Any],
    *,
    key: str,
    only_if: str | None = None,
) -> int | None:
    """INSERT .. ON CONFLICT (`key`) DO NOTHING RETURNING id: the new row's id, or None when a
    row with that key is there (also one a concurrent transaction committed meanwhile; on
    PostgreSQL the insert waits for that transaction). Omitted columns get their defaults.
    `only_if`: a SQL condition over the row's bound values; when false nothing is inserted
    (and None is returned), in the same round trip.

    One statement where `insert_once` needs a lookup and a savepoint around its INSERT."""
    table = model.__table__
    assert isinstance(table, Table)
    row = _with_defaults(table, values)
    session.flush()  # rows it may refer to first, as the unit of work would order them
    dialect = session.get_bind().dialect if only_if is not None else None
    statement = _insert_unless_present(table, tuple(row), key, only_if, dialect)
    return session.execute(statement, row).scalar()


def _with_defaults(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """`values` plus the Python-side defaults of the columns it omits (for textual INSERTs,
    which SQLAlchemy does not fill in)."""
    row = dict(values)
    for column in table.columns:
        if column.name not in row and column.default is not None and not column.primary_key:
            row[column.name] = _default_of(column)
    return row


def _default_of(column: Column[Any]) -> Any:
    default = column.default
    assert isinstance(default, ColumnDefault)
    # SQLAlchemy wraps a callable default into one that takes an execution context; the
    # defaults here (utcnow, dict, list) ignore it.
    arg: Any = default.arg
    return arg(None) if default.is_callable else arg


@functools.cache
def _insert_unless_present(
    table: Table,
    columns: tuple[str, ...],
    key: str,
    only_if: str | None = None,
    dialect: Dialect | None = None,
) -> TextClause:
    # Textual on purpose, in the syntax PostgreSQL and SQLite (>= 3.35) share: the dialects'
    # INSERT .. ON CONFLICT constructs have no cache key, so SQLAlchemy would compile them anew
    # on every execution (two thirds of the cost of storing a provider event); text is
    # compiled once.
    names = ", ".join(f'"{name}"' for name in columns)
    if only_if is None:
        source = "VALUES (" + ", ".join(f":{name}" for name in columns) + ")"
    else:
        # A SELECT list gives PostgreSQL no target types to infer: each value is cast.
        assert dialect is not None
        casts = ", ".join(
            f"CAST(:{name} AS {table.c[name].type.compile(dialect=dialect)})" for name in columns
        )
        source = f"SELECT {casts} WHERE {only_if}"
    return text(
        f'INSERT INTO "{table.name}" ({names}) {source}'
        f' ON CONFLICT ("{key}") DO NOTHING RETURNING id'
    ).bindparams(*(bindparam(name, type_=table.c[name].type) for name in columns))


def utcnow() -> datetime:
    return datetime.now(UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook issue BEGIN itself instead of pysqlite's implicit one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


LOCK_TIMEOUT_SECONDS = 30.0


def _serialise_transactions(engine: Engine) -> None:
    """One SQLite transaction at a time, queued in-process.

    SQLite's own BEGIN is deferred; BEGIN IMMEDIATE takes the write lock up front, which is what
    makes check-then-insert (a booking's overlap check) safe. Waiting for that lock inside
    SQLite means its busy handler's sleeps (up to 100 ms each), which put seconds into the tail
    under concurrency; a process-wide lock taken before BEGIN and released after COMMIT or
    ROLLBACK hands the database from one request to the next without sleeping. (Other
    processes on the same file still meet SQLite's lock and busy timeout.)"""
    # A plain Lock: a web request may begin its transaction in one worker thread and commit it
    # in another (FastAPI runs a dependency's setup and teardown separately).
    lock = threading.Lock()
    holders: set[int] = set()
    dialect = engine.dialect
    do_commit, do_rollback = dialect.do_commit, dialect.do_rollback

    def begin(conn: Any) -> None:
        if not lock.acquire(timeout=LOCK_TIMEOUT_SECONDS):
            raise TimeoutError("the SQLite database stayed busy; giving up on this transaction")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            lock.release()
            raise
        holders.add(id(conn.connection.dbapi_connection))

    def release(connection: Any) -> None:
        # SQLAlchemy passes the pool's proxy here; the raw DBAPI connection identifies it.
        key = id(getattr(connection, "dbapi_connection", connection))
        if key in holders:
            holders.discard(key)
            lock.release()

    def commit(dbapi_connection: Any) -> None:
        try:
            do_commit(dbapi_connection)
        finally:
            release(dbapi_connection)

    def rollback(dbapi_connection: Any) -> None:
        try:
            do_rollback(dbapi_connection)
        finally:
            release(dbapi_connection)

    event.listen(engine, "begin", begin)
    dialect.do_commit = commit  # type: ignore[method-assign]
    dialect.do_rollback = rollback  # type: ignore[method-assign]


def make_engine(url: str, *, serialise: bool = True) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, a busy timeout and (unless told
    otherwise, as migrations do) transactions serialised in-process."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        if serialise:
            _serialise_transactions(engine)
        return engine
    engine = create_engine(url, pool_size=10, max_overflow=20)
    event.listen(engine, "checkout", _closed_by_server)
    return engine


def _closed_by_server(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A pooled PostgreSQL connection the server has closed is discarded at checkout, with
    every connection older than it (as a failed pre-ping would), without a round trip.

    An idle connection's socket has nothing to read: a server that ends a session (restart,
    terminated backend, crash) sends its last message and closes, so a readable socket is a
    dead connection. A ping would cost every request a round trip to learn the same."""
    if dbapi_connection.closed or dbapi_connection.broken:
        raise InvalidatePoolError("connection closed")
    readable, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
    if readable:
        raise InvalidatePoolError("the server closed the connection while it was idle")


class Database:
    """One engine and its session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: commit on success, roll back on error (faces own the transaction)."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
