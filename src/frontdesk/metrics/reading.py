"""Where a scrape reads from, so that reading the figures never delays a live call.

On SQLite every transaction of the app's engine queues for the in-process write lock
(`db.core._serialise_transactions`): a scrape through it would hold up live function calls for
as long as its aggregates take (about half a second on 500k rows). A scrape therefore reads
through its own read-only connections: in WAL mode readers neither wait for the writer nor
block it. On PostgreSQL readers never wait for writers anyway, so the app's sessions serve.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.db.core import Database, make_engine

_readers: WeakKeyDictionary[Database, sessionmaker[Session]] = WeakKeyDictionary()
_readers_lock = threading.Lock()


def read_sessions(db: Database) -> Callable[[], Session]:
    """A session factory for read-only work on `db` that never waits for its writers."""
    if not db.is_sqlite or db.engine.url.database in (None, "", ":memory:"):
        # PostgreSQL; or an in-memory SQLite, which a second engine could not see.
        return db.sessions
    with _readers_lock:
        # One engine (and its pool) per database for the app's lifetime, not one per scrape.
        sessions = _readers.get(db)
        if sessions is None:
            sessions = _readers[db] = sessionmaker(_read_only_engine(db.url))
        return sessions


def _read_only_engine(url: str) -> Engine:
    engine = make_engine(url, serialise=False)
    event.listen(engine, "connect", _query_only)
    event.listen(engine, "begin", _begin_snapshot)
    return engine


def _query_only(dbapi_connection: Any, _record: Any) -> None:
    # A scrape has no business writing; SQLite refuses it outright on these connections.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _begin_snapshot(conn: Connection) -> None:
    # The driver runs in autocommit (db.core sets isolation_level None): without a BEGIN each
    # query would see its own moment; with it, all of a scrape's queries see one snapshot.
    conn.exec_driver_sql("BEGIN")
