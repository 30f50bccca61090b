"""A call_inbound that failed while the phone rang is settled by replay, not skipped forever."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from frontdesk.calls import inbox
from frontdesk.calls.models import CallEvent
from frontdesk.db.core import Database
from frontdesk.voice.replay import processor_for
from frontdesk.voice.retell import routes
from frontdesk.voice.retell.payloads import inbound_event
from tests.voice.retell.helpers import DEMO_NUMBER, post_signed
from tests.voice.retell.test_webhook import seed_company

CALL_ID = "call_1nb0und0000000000000000000001"


def test_a_failed_call_inbound_is_replayed(
    client: httpx.Client, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_company(database)
    original = routes.answer_inbound

    def database_gone(**_kwargs: object) -> object:
        raise ConnectionError("server closed the connection unexpectedly")

    monkeypatch.setattr(routes, "answer_inbound", database_gone)
    payload = inbound_event(from_number="+4915112345678", to_number=DEMO_NUMBER, call_id=CALL_ID)
    assert post_signed(client, "/retell/inbound", payload).status_code == 200
    monkeypatch.setattr(routes, "answer_inbound", original)
    with database.sessions() as session:
        failed = inbox.pending(session=session, failed_only=True)
        assert [(e.event_type, e.status) for e in failed] == [("call_inbound", "failed")]
        event_id = failed[0].id
    processor = processor_for("retell", "call_inbound")
    assert processor is not None
    status = inbox.process(
        session_factory=database.sessions, event_id=event_id, processor=processor
    )
    assert status == "processed"
    with database.sessions() as session:
        event = session.scalars(select(CallEvent)).one()
        assert event.status == "processed" and event.error is None


def test_an_inbound_to_an_unknown_number_replays_as_such(database: Database) -> None:
    with database.unit_of_work() as session:
        stored = inbox.store_raw(
            session=session,
            provider="retell",
            dedupe_key="retell:call_inbound:x",
            body=b"{}",
            payload=inbound_event(from_number="anonymous", to_number="+4930999999", call_id=None),
            event_type="call_inbound",
            provider_call_id=None,
            status="failed",
        )
        event_id = stored.id
    processor = processor_for("retell", "call_inbound")
    assert processor is not None
    status = inbox.process(
        session_factory=database.sessions, event_id=event_id, processor=processor
    )
    assert status == "unknown_number"
