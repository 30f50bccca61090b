"""The inbox stores a message once per key; repeats only count (one statement when new)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from frontdesk.calls import inbox
from frontdesk.calls import service as call_service
from frontdesk.calls.commands import CallEventCommand, CallEventKind, CallSnapshot
from frontdesk.calls.models import CallEvent
from frontdesk.tenancy.models import Company, PhoneNumber

pytestmark = pytest.mark.db


def _store(session: Session, key: str, body: bytes = b"{}") -> inbox.Stored:
    return inbox.store_raw(
        session=session,
        provider="retell",
        dedupe_key=key,
        body=body,
        payload={"event": "call_started"},
        event_type="call_started",
        provider_call_id="call_inbox_1",
    )


def test_new_message_is_stored_with_defaults_in_one_statement(session: Session) -> None:
    statements: list[str] = []
    engine = session.get_bind().engine  # type: ignore[union-attr]

    def count(_conn: object, _cursor: object, sql: str, *_rest: object) -> None:
        statements.append(sql)

    event.listen(engine, "before_cursor_execute", count)
    try:
        stored = _store(session, "retell:call_started:call_inbox_1:a")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert stored.is_new and stored.status == "received"
    assert [s.split()[0] for s in statements if not s.startswith("BEGIN")] == ["INSERT"]
    row = session.get(CallEvent, stored.id)
    assert row is not None and row.status == "received" and row.body == b"{}"
    assert row.payload == {"event": "call_started"} and row.provider_call_id == "call_inbox_1"
    assert row.attempts == 0 and row.duplicates == 0 and row.received_at.tzinfo is not None


def test_repeat_is_the_same_event_counted_as_duplicate(session: Session) -> None:
    first = _store(session, "retell:call_started:call_inbox_1:b")
    again = _store(session, "retell:call_started:call_inbox_1:b", b'{"other": 1}')
    third = _store(session, "retell:call_started:call_inbox_1:b")
    assert first.is_new and not again.is_new and not third.is_new
    assert again.id == first.id == third.id
    row = session.get(CallEvent, first.id)
    assert row is not None and row.duplicates == 2
    assert row.body == b"{}"  # the first delivery's bytes are kept
    rows = session.scalars(
        select(CallEvent).where(CallEvent.dedupe_key == "retell:call_started:call_inbox_1:b")
    ).all()
    assert len(rows) == 1


def _command(kind: CallEventKind, digest: str) -> CallEventCommand:
    snapshot = CallSnapshot(
        provider="retell",
        provider_call_id="call_inbox_derive",
        from_number="+4915112345678",
        to_number="+4930999000111",
    )
    return CallEventCommand(kind=kind, snapshot=snapshot, digest=digest)


def test_unchanged_event_still_derives_a_company_added_since(session: Session) -> None:
    """An event that changes no field skips re-deriving, except while the company is unknown."""
    call = call_service.apply_event(session=session, command=_command(CallEventKind.STARTED, "a"))
    assert call.company_id is None and call.from_number_e164 == "+4915112345678"
    company = Company(name="Neue Praxis", timezone="Europe/Berlin", region="DE")
    session.add(company)
    session.flush()
    session.add(PhoneNumber(company_id=company.id, e164="+4930999000111"))
    session.flush()
    # A function call (an earlier kind) changes no field of the started call.
    again = call_service.apply_event(
        session=session, command=_command(CallEventKind.FUNCTION_CALL, "b")
    )
    assert again.id == call.id
    assert again.company_id == company.id
