"""A processing bug keeps the event with its error; replay processes it once fixed."""

from __future__ import annotations

import time

import httpx
import pytest
from sqlalchemy import select

from frontdesk.calls import inbox
from frontdesk.calls.models import Call, CallEvent
from frontdesk.conversations import call_events
from frontdesk.db.core import Database
from frontdesk.voice.replay import processor_for
from frontdesk.voice.retell.payloads import call_event, phone_call
from tests.voice.retell.helpers import DEMO_NUMBER, post_signed

CALL_ID = "call_fa11ed0000000000000000000001"


def withheld_call(call_id: str) -> dict[str, object]:
    """A call from a withheld number to the demo practice, starting now."""
    return phone_call(
        call_id=call_id,
        from_number="anonymous",
        to_number=DEMO_NUMBER,
        start_timestamp=int(time.time() * 1000),
    )


def test_failure_is_kept_and_replayed(
    client: httpx.Client, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = call_events.handle_call_event

    def broken(**_kwargs: object) -> Call:
        raise RuntimeError("injected processing bug")

    monkeypatch.setattr(call_events, "handle_call_event", broken)
    payload = call_event("call_started", withheld_call(CALL_ID))
    response = post_signed(client, "/retell/webhook", payload)
    assert response.status_code == 204  # Retell retrying a bug helps nobody
    with database.sessions() as session:
        event = session.scalars(select(CallEvent)).one()
        assert event.status == "failed"
        assert "injected processing bug" in (event.error or "")
        assert session.scalars(select(Call)).first() is None

    monkeypatch.setattr(call_events, "handle_call_event", original)
    with database.sessions() as session:
        todo = inbox.pending(session=session, failed_only=True)
        assert [e.provider_call_id for e in todo] == [CALL_ID]
        event_id, event_type = todo[0].id, todo[0].event_type
    processor = processor_for("retell", event_type)
    assert processor is not None
    assert (
        inbox.process(session_factory=database.sessions, event_id=event_id, processor=processor)
        == "processed"
    )
    with database.sessions() as session:
        assert session.scalars(select(Call)).one().provider_call_id == CALL_ID
        event = session.get(CallEvent, event_id)
        assert event is not None and event.status == "processed" and event.attempts == 2


def test_replay_leaves_live_function_requests_alone(
    client: httpx.Client, database: Database
) -> None:
    """`frontdesk replay` once ran stored function requests through the call-event parser and
    marked healthy ones failed; they were answered live and are not call events."""
    from typer.testing import CliRunner

    from frontdesk.cli import app
    from frontdesk.settings import get_settings

    call = withheld_call(CALL_ID)
    assert (
        post_signed(client, "/retell/webhook", call_event("call_started", call)).status_code == 204
    )
    reply = post_signed(
        client,
        "/retell/functions/identify_caller",
        {"name": "identify_caller", "call": call, "args": {}},
    )
    assert reply.status_code == 200
    assert processor_for("retell", "function:identify_caller") is None
    get_settings.cache_clear()
    result = CliRunner().invoke(
        app,
        ["replay"],
        env={
            "FRONTDESK_DATABASE_URL": str(database.engine.url.render_as_string(hide_password=False))
        },
    )
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "skipped=1" in result.output
    with database.sessions() as session:
        statuses = {e.event_type: e.status for e in session.scalars(select(CallEvent))}
    assert statuses["function:identify_caller"] == "processed"
    assert statuses["call_started"] == "processed"


def test_events_orphaned_by_a_crash_are_recovered(client: httpx.Client, database: Database) -> None:
    """Stored but never processed (the process died in between): `replay --failed` and the
    sweep that runs at start and periodically both pick them up."""
    from datetime import timedelta

    from frontdesk.db.core import utcnow
    from frontdesk.voice.replay import recover_orphans

    orphan_id = "call_0rphan0000000000000000000001"
    payload = call_event("call_started", withheld_call(orphan_id))
    # The practice and its number come from the demo fixture the client's server uses.
    assert post_signed(client, "/retell/webhook", payload).status_code == 204
    with database.unit_of_work() as session:
        event = session.scalars(select(CallEvent)).one()
        event.status = "received"  # as if the process died before processing it
        event.received_at = utcnow() - timedelta(minutes=5)
        session.execute(Call.__table__.delete())
    with database.sessions() as session:
        assert [e.provider_call_id for e in inbox.pending(session=session, failed_only=True)] == [
            orphan_id
        ]
    assert recover_orphans(database) == {"processed": 1}
    with database.sessions() as session:
        assert session.scalars(select(Call)).one().provider_call_id == orphan_id
        assert session.scalars(select(CallEvent)).one().status == "processed"
    assert recover_orphans(database) == {}
