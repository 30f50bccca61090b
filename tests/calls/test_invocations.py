"""Retell's retry of a live function whose first attempt still runs: one execution, one answer.

Over real HTTP on both backends. The first attempt is slowed (a sleep before the real handler)
so the retry surely arrives while it is in flight, as Retell's does after its timeout."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text

from frontdesk.calls import invocations
from frontdesk.calls.models import FunctionInvocation
from frontdesk.conversations import live_registry
from frontdesk.db.core import Database
from frontdesk.scheduling import practice
from frontdesk.scheduling.models import Appointment
from frontdesk.voice.retell.payloads import phone_call
from tests.conftest import backend
from tests.voice.retell.helpers import API_KEY, DEMO_NUMBER, post_signed

PRACTICE = Path(__file__).resolve().parents[2] / "examples" / "praxis-sonnenschein.yaml"
CALL_ID = "call_1f11ght0000000000000000000000001"
FIRST_ATTEMPT_S = 0.8


@pytest.fixture
def demo(database: Database) -> Database:
    with database.unit_of_work() as session:
        practice.load_file(session=session, path=PRACTICE)
    return database


def _post(base_url: str, name: str, args: dict[str, Any], transcript: str) -> dict[str, Any]:
    call = phone_call(
        call_id=CALL_ID,
        from_number="anonymous",
        to_number=DEMO_NUMBER,
        start_timestamp=int(time.time() * 1000),
        transcript=transcript,
    )
    with httpx.Client(base_url=base_url, timeout=30) as client:
        response = post_signed(
            client, f"/retell/functions/{name}", {"name": name, "call": call, "args": args}
        )
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


def _slowed(monkeypatch: pytest.MonkeyPatch, name: str) -> list[float]:
    """Make the named handler sleep first; returns the start times of its executions."""
    real: Callable[..., Any] = live_registry.HANDLERS[name]
    started: list[float] = []

    def slow(ctx: Any, args: Any) -> Any:
        started.append(time.monotonic())
        time.sleep(FIRST_ATTEMPT_S)
        return real(ctx, args)

    monkeypatch.setitem(live_registry.HANDLERS, name, slow)
    return started


def _at_once(*jobs: Callable[[], dict[str, Any]], gap_s: float = 0.2) -> list[dict[str, Any]]:
    """Start each job `gap_s` after the previous one (a retry while the first is in flight)."""
    results: list[dict[str, Any]] = [{} for _ in jobs]

    def run(index: int) -> None:
        results[index] = jobs[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
        time.sleep(gap_s)
    for thread in threads:
        thread.join(timeout=60)
    return results


def _offered_slot(base_url: str) -> str:
    offer = _post(
        base_url,
        "check_availability",
        {"service": "Kontrolle", "date": "übernächste Woche Dienstag", "time": "9 Uhr"},
        "User: Einen Termin bitte.\n",
    )
    return str(offer["slots"][0]["slot_id"])


@pytest.mark.parametrize("same_body", [True, False], ids=["same-body", "longer-transcript"])
def test_a_retry_while_the_first_booking_runs_gets_its_answer_and_books_once(
    live_server: Any, demo: Database, monkeypatch: pytest.MonkeyPatch, same_body: bool
) -> None:
    base_url = live_server.url
    slot_id = _offered_slot(base_url)
    executions = _slowed(monkeypatch, "book_appointment")
    args = {"slot_id": slot_id, "for_name": "Gertrud Hoffmann"}
    said = "User: Dann den ersten bitte.\n"
    # Retell's retry carries the call object of its moment: the same body, or a longer transcript.
    retried = said if same_body else said + "Agent: Einen Moment bitte.\n"
    first, second = _at_once(
        lambda: _post(base_url, "book_appointment", args, said),
        lambda: _post(base_url, "book_appointment", args, retried),
    )
    assert first["booked"] is True, first
    assert second == first
    assert len(executions) == 1
    with demo.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Appointment)) == 1
        invocation = session.scalars(
            select(FunctionInvocation).where(FunctionInvocation.name == "book_appointment")
        ).one()
        assert invocation.repeats == 1 and invocation.result == first


def test_three_attempts_at_once_book_once_by_words(
    live_server: Any, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No slot id: each attempt would pick its own free slot, so only the claim prevents a
    second appointment for the same request."""
    base_url = live_server.url
    executions = _slowed(monkeypatch, "book_appointment")
    args = {"service": "Beratung", "date": "nächste Woche Mittwoch", "time": "um zehn"}
    replies = _at_once(
        *(
            (lambda n=n: _post(base_url, "book_appointment", args, f"User: Termin {n}\n"))
            for n in range(3)
        ),
        gap_s=0.15,
    )
    assert replies[0]["booked"] is True, replies[0]
    assert replies[1] == replies[0] and replies[2] == replies[0]
    assert len(executions) == 1
    with demo.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Appointment)) == 1


def test_different_arguments_are_not_a_retry(
    live_server: Any, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url = live_server.url
    executions = _slowed(monkeypatch, "request_callback")
    first, second = _at_once(
        lambda: _post(base_url, "request_callback", {"reason": "Befund"}, "User: a\n"),
        lambda: _post(base_url, "request_callback", {"reason": "Rezept"}, "User: b\n"),
    )
    assert len(executions) == 2
    assert first["callback_id"] and second["callback_id"]
    with demo.sessions() as session:
        assert session.scalar(select(func.count()).select_from(FunctionInvocation)) == 2


def _post_at_root(base_url: str, name: str, body: bytes) -> dict[str, Any]:
    """Args at the root, the call id in Retell's header: no call object to update."""
    from frontdesk.voice.retell.signing import sign

    with httpx.Client(base_url=base_url, timeout=30) as client:
        response = client.post(
            f"/retell/functions/{name}",
            content=body,
            headers={
                "content-type": "application/json",
                "x-retell-signature": sign(body, API_KEY),
                "x-retell-call-id": CALL_ID,
            },
        )
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


def test_a_retry_at_the_root_with_reordered_arguments_books_once(
    live_server: Any, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing else serialises these two: no call object, and bodies that differ in bytes."""
    base_url = live_server.url
    slot_id = _offered_slot(base_url)
    executions = _slowed(monkeypatch, "book_appointment")
    one = json.dumps({"slot_id": slot_id, "for_name": "Otto Kranz"}).encode()
    other = json.dumps({"for_name": "Otto Kranz", "slot_id": slot_id}).encode()
    first, second = _at_once(
        lambda: _post_at_root(base_url, "book_appointment", one),
        lambda: _post_at_root(base_url, "book_appointment", other),
    )
    assert first["booked"] is True, first
    assert second == first
    assert len(executions) == 1
    with demo.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Appointment)) == 1


@pytest.mark.skipif(
    backend() != "postgres", reason="SQLite serialises writers: a twin waits its turn there"
)
def test_a_first_attempt_longer_than_the_wait_leaves_the_retry_told_to_come_back(
    live_server: Any, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url = live_server.url
    slot_id = _offered_slot(base_url)
    monkeypatch.setattr(invocations, "IN_FLIGHT_WAIT_S", FIRST_ATTEMPT_S / 4)
    executions = _slowed(monkeypatch, "book_appointment")
    one = json.dumps({"slot_id": slot_id, "for_name": "Otto Kranz"}).encode()
    other = json.dumps({"for_name": "Otto Kranz", "slot_id": slot_id}).encode()
    first, second = _at_once(
        lambda: _post_at_root(base_url, "book_appointment", one),
        lambda: _post_at_root(base_url, "book_appointment", other),
    )
    # Whichever claimed first books (on a loaded machine the later request may get there
    # first); the other waited its bounded time and is told to come back.
    booked, waiting = (first, second) if "booked" in first else (second, first)
    assert booked["booked"] is True, (first, second)
    assert waiting["error"] == "still_running" and "noch einmal" in waiting["say"]
    third = _post_at_root(base_url, "book_appointment", b" " + other)
    assert third == booked
    assert len(executions) == 1
    with demo.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Appointment)) == 1


def test_a_claim_bounds_only_its_own_wait(demo: Database) -> None:
    """The claim's lock_timeout ends with the claim: the function's own work may wait longer."""
    with demo.unit_of_work() as session:
        before = str(session.scalar(text("SHOW lock_timeout"))) if not demo.is_sqlite else None
        claimed = invocations.claim(
            session=session,
            key="call_x:book_appointment:abc",
            call_id=None,
            company_id=None,
            name="book_appointment",
            arguments={},
        )
        assert claimed.invocation_id is not None
        if before is not None:
            assert str(session.scalar(text("SHOW lock_timeout"))) == before
        again = invocations.claim(
            session=session,
            key="call_x:book_appointment:abc",
            call_id=None,
            company_id=None,
            name="book_appointment",
            arguments={},
        )
        # Claimed in this very transaction and not completed yet: the twin is told to wait.
        assert again.still_running and again.invocation_id is None


def _claim(session: Any, key: str, wait_s: float | None = None) -> invocations.Claim:
    return invocations.claim(
        session=session,
        key=key,
        call_id=None,
        company_id=None,
        name="book_appointment",
        arguments={},
        wait_s=wait_s,
    )


@pytest.mark.skipif(backend() != "postgres", reason="the key's lock is PostgreSQL's")
def test_a_claim_nobody_else_holds_is_one_statement(demo: Database) -> None:
    from sqlalchemy import event

    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        sent.append(statement)

    with demo.unit_of_work() as session:
        session.connection()
        event.listen(demo.engine, "before_cursor_execute", record)
        try:
            claimed = _claim(session, "call_y:book_appointment:one")
        finally:
            event.remove(demo.engine, "before_cursor_execute", record)
    assert claimed.invocation_id is not None
    assert len(sent) == 1 and "pg_try_advisory_xact_lock" in sent[0]


@pytest.mark.skipif(backend() != "postgres", reason="the key's lock is PostgreSQL's")
def test_every_wait_for_a_twin_stays_bounded_after_a_first_attempt_rolled_back(
    demo: Database,
) -> None:
    """A's attempt rolls back while B waits; B then runs with the claim row. C, arriving
    during B's run, must wait only its bound: B holds the key's lock, as A did."""
    key = "call_z:book_appointment:two"
    b_claimed = threading.Event()
    b_may_finish = threading.Event()
    outcome: dict[str, Any] = {}

    def second() -> None:
        with demo.unit_of_work() as session:
            outcome["b"] = _claim(session, key, wait_s=10)
            b_claimed.set()
            b_may_finish.wait(30)

    with demo.sessions() as first:
        assert _claim(first, key).invocation_id is not None
        waiter = threading.Thread(target=second)
        waiter.start()
        time.sleep(0.3)  # B is waiting for A's key
        first.rollback()
    assert b_claimed.wait(30)
    assert outcome["b"].invocation_id is not None  # A rolled back: B runs it
    try:
        started = time.monotonic()
        with demo.unit_of_work() as session:
            third = _claim(session, key, wait_s=0.3)
        waited = time.monotonic() - started
    finally:
        b_may_finish.set()
        waiter.join(30)
    assert third.still_running and third.invocation_id is None
    assert waited < 5
