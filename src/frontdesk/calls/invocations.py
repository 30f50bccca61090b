"""Recording the agent's function calls; a repeated side-effecting call is answered once.

A side-effecting call is claimed before it runs: its row (unique idempotency key, no result yet)
is inserted first, in the same transaction as the work and its result. A twin that arrives while
the first attempt still runs (Retell retries a function after its timeout) waits, inside the
database, for the first transaction: on PostgreSQL for a transaction-level advisory lock on the
key, which every claim takes with its insert in one statement (so a twin sees that one runs
without touching the row), across processes; on SQLite at BEGIN IMMEDIATE, which serialises
writers. When the first
commits, the twin reads its answer; when it rolls back or its process dies, the twin's insert
goes through and it runs the function itself. Claim, work and result commit together, so no
claim is ever left behind without its result. The wait is bounded (`IN_FLIGHT_WAIT_S`): past it
the twin reports the first attempt as still running and changes nothing."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from frontdesk.calls.models import FunctionInvocation
from frontdesk.db.core import insert_unless_present


def idempotency_key(
    provider_call_id: str, name: str, arguments: dict[str, Any], side_effect: bool
) -> str:
    """Same call, function and arguments -> same key; read-only functions get a fresh key."""
    if not side_effect:
        return f"{provider_call_id}:{name}:{uuid.uuid4().hex}"
    canonical = json.dumps(arguments, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    return f"{provider_call_id}:{name}:{digest}"


def find(*, session: Session, key: str) -> FunctionInvocation | None:
    return session.scalars(
        select(FunctionInvocation).where(FunctionInvocation.idempotency_key == key)
    ).one_or_none()


def record(
    *,
    session: Session,
    key: str,
    call_id: int | None,
    company_id: int | None,
    name: str,
    arguments: dict[str, Any],
    result: dict[str, Any],
    duration_ms: float,
    error: str | None = None,
) -> int | None:
    """Store a read-only or refused call with its answer; returns the row's id.

    Its key is fresh (`idempotency_key` makes a new one for read-only calls), so no twin holds
    it: one textual INSERT, without the unit of work's cost for a row nobody reads back."""
    values = {
        "idempotency_key": key,
        "call_id": call_id,
        "company_id": company_id,
        "name": name,
        "arguments": arguments,
        "result": result,
        "duration_ms": duration_ms,
        "error": error,
    }
    return insert_unless_present(session, FunctionInvocation, values, key="idempotency_key")


# How long a twin waits for the first attempt: under the 8 s per-attempt timeout frontdesk
# provisions for its tools (voice/retell/agent.py), so the twin answers while Retell listens.
IN_FLIGHT_WAIT_S = 5.0
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for a lock_timeout that ran out


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming a side-effecting call: run it, repeat an answer, or wait."""

    invocation_id: int | None = None  # ours: run the function, then `complete`
    earlier: dict[str, Any] | None = None  # the first attempt's answer, to repeat
    still_running: bool = False  # the first attempt outlasted the wait; nothing was done


def _repeat(session: Session, earlier: FunctionInvocation) -> Claim:
    if earlier.result is None:  # a row from before results and claims committed together
        return Claim(still_running=True)
    earlier.repeats += 1
    session.flush()
    return Claim(earlier=dict(earlier.result))


def _lock_not_available(exc: OperationalError) -> bool:
    return getattr(exc.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE


# PostgreSQL: whoever holds an uncommitted claim row also holds this transaction-level lock
# on its key, so a twin learns that one runs without waiting on the row itself.
_KEY_LOCK = "hashtextextended(CAST(:idempotency_key AS TEXT), 0)"
_WAIT_FOR_KEY = text(f"SELECT pg_advisory_xact_lock({_KEY_LOCK})")


def _insert_if_free(session: Session, row: dict[str, Any]) -> int | None:
    """PostgreSQL: the claim's INSERT, made only when no twin holds the key's lock (taking
    it), in one round trip; nothing is inserted when the lock is taken or the key is there."""
    return insert_unless_present(
        session,
        FunctionInvocation,
        row,
        key="idempotency_key",
        only_if=f"pg_try_advisory_xact_lock({_KEY_LOCK})",
    )


def _insert_waiting_at_most(session: Session, row: dict[str, Any], wait_s: float) -> int | None:
    """PostgreSQL, when a twin holds the key: wait at most `wait_s` for its lock, then insert.

    Only this wait: a savepoint around it, whose rollback undoes the SET as well. Savepoint
    and SETs are plain statements without parameters, so each pair travels in one round trip."""
    session.flush()  # what is pending belongs to the outer work, not to the savepoint
    connection = session.connection()
    wait_ms = int(wait_s * 1000)
    connection.exec_driver_sql(f"SAVEPOINT claim; SET LOCAL lock_timeout = '{wait_ms}ms'")
    try:
        session.execute(_WAIT_FOR_KEY, {"idempotency_key": row["idempotency_key"]})
        new_id = insert_unless_present(session, FunctionInvocation, row, key="idempotency_key")
    except OperationalError as exc:
        if _lock_not_available(exc):
            connection.exec_driver_sql("ROLLBACK TO SAVEPOINT claim")
        raise
    connection.exec_driver_sql("SET LOCAL lock_timeout TO DEFAULT; RELEASE SAVEPOINT claim")
    return new_id


def claim(
    *,
    session: Session,
    key: str,
    call_id: int | None,
    company_id: int | None,
    name: str,
    arguments: dict[str, Any],
    wait_s: float | None = None,
) -> Claim:
    """Claim the side-effecting call `key` before running it (see the module doc); `wait_s`
    bounds the wait for a twin still running (default `IN_FLIGHT_WAIT_S`)."""
    wait_s = IN_FLIGHT_WAIT_S if wait_s is None else wait_s
    row = {
        "idempotency_key": key,
        "call_id": call_id,
        "company_id": company_id,
        "name": name,
        "arguments": arguments,
    }
    if session.get_bind().dialect.name != "postgresql":
        # BEGIN IMMEDIATE serialises writers: a twin's transaction starts after ours ended.
        new_id = insert_unless_present(session, FunctionInvocation, row, key="idempotency_key")
    else:
        new_id = _insert_if_free(session, row)
        if new_id is None and find(session=session, key=key) is None:
            # Neither inserted nor there: a twin still running holds the key.
            try:
                new_id = _insert_waiting_at_most(session, row, wait_s)
            except OperationalError as exc:
                if not _lock_not_available(exc):
                    raise
                return Claim(still_running=True)
    if new_id is not None:
        return Claim(invocation_id=new_id)
    earlier = find(session=session, key=key)
    assert earlier is not None  # the conflicting row is committed (or ours, in this session)
    return _repeat(session, earlier)


_COMPLETE = (
    update(FunctionInvocation)
    .where(FunctionInvocation.id == bindparam("invocation_id"))
    .values(
        result=bindparam("new_result"),
        duration_ms=bindparam("new_duration_ms"),
        error=bindparam("new_error"),
    )
    .execution_options(synchronize_session=False)  # the claimed row is never loaded
)


def complete(
    *,
    session: Session,
    invocation_id: int,
    result: dict[str, Any],
    duration_ms: float,
    error: str | None = None,
) -> None:
    """Store the answer of a claimed call (same transaction as the claim and the work)."""
    # On the session's connection: the ORM's bulk-update path keys the statement anew on every
    # call and flushes first, neither of which this row (never loaded) needs.
    session.connection().execute(
        _COMPLETE,
        {
            "invocation_id": invocation_id,
            "new_result": result,
            "new_duration_ms": duration_ms,
            "new_error": error,
        },
    )
