"""The engine's pool on PostgreSQL: a connection the server closed is never handed out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text

from frontdesk.db.core import Database
from tests.conftest import backend

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="a server that ends sessions")


def _backend_pid(db: Database) -> int:
    with db.unit_of_work() as session:
        return int(session.scalar(text("SELECT pg_backend_pid()")))


def test_a_connection_the_server_terminated_is_replaced_at_checkout(database: Database) -> None:
    db = Database(database.url)
    try:
        dead = _backend_pid(db)
        with database.unit_of_work() as other:
            assert other.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": dead})
        _wait_until_gone(database, dead)  # terminating only signals; the backend exits after
        # The pooled connection is gone on the server's side; the next unit of work runs.
        with db.unit_of_work() as session:
            assert session.scalar(text("SELECT 1")) == 1
            assert session.scalar(text("SELECT pg_backend_pid()")) != dead
    finally:
        db.dispose()


def _wait_until_gone(database: Database, pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with database.unit_of_work() as session:
            query = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
            if not session.scalar(query, {"pid": pid}):
                return
        time.sleep(0.01)
    raise AssertionError(f"backend {pid} still there")


def _sent(lines: str) -> list[str]:
    """The client's messages in a libpq trace: (type, text) without the timestamps."""
    sent = []
    for line in lines.splitlines():
        parts = line.split("\t")
        if len(parts) >= 5 and parts[1] == "F":
            sent.append(f"{parts[3]} {parts[4].strip()}")
    return sent


def test_a_live_connection_is_reused_without_a_round_trip_of_its_own(
    database: Database, tmp_path: Path
) -> None:
    db = Database(database.url)
    try:
        first = _backend_pid(db)
        raw = db.engine.raw_connection()
        pgconn = raw.driver_connection.pgconn  # type: ignore[union-attr]
        raw.close()  # back to the pool
        with (tmp_path / "trace").open("w+") as trace:
            pgconn.trace(trace.fileno())
            assert _backend_pid(db) == first
            pgconn.untrace()
            trace.seek(0)
            sent = _sent(trace.read())
        assert sent == ['Query "BEGIN"', 'Query "SELECT pg_backend_pid()"', 'Query "COMMIT"']
    finally:
        db.dispose()
