"""Opening and closing review items: due times, a call's items closed together, and the
database's priority agreeing with the Python rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.db.core import UtcDateTime
from frontdesk.followup import service, stakes
from tests.identity.helpers import company


def _call(session: Session, company_id: int, key: str) -> Call:
    call = Call(provider="retell", provider_call_id=key, company_id=company_id)
    session.add(call)
    session.flush()
    return call


def test_an_item_is_due_by_its_kinds_deadline(session: Session) -> None:
    own = company(session)
    before = datetime.now(UTC)
    item = service.open_item(session=session, company_id=own.id, reason="callback_request")
    assert item.due_at is not None and item.created_at is not None
    assert item.due_at - item.created_at == timedelta(hours=2)
    assert before <= item.created_at <= datetime.now(UTC)


def test_resolving_with_the_call_closes_all_its_open_items_and_only_those(
    session: Session,
) -> None:
    own, other = company(session), company(session, "Praxis B")
    call, second = _call(session, own.id, "c1"), _call(session, own.id, "c2")
    link = service.open_item(
        session=session, company_id=own.id, reason="uncertain_link", call_id=call.id
    )
    callback = service.open_item(
        session=session, company_id=own.id, reason="callback_request", call_id=call.id
    )
    elsewhere = service.open_item(
        session=session, company_id=own.id, reason="callback_request", call_id=second.id
    )
    lone = service.open_item(session=session, company_id=own.id, reason="sms_failed")
    closed = service.resolve_with_call(
        session=session, company_id=own.id, item=callback, resolution="called_back", note="ok"
    )
    assert [i.id for i in closed] == [callback.id, link.id]
    assert {(i.status, i.resolution, i.resolution_note) for i in closed} == {
        ("resolved", "called_back", "ok")
    }
    assert link.resolved_at == callback.resolved_at
    assert {i.id for i in service.closed_with(session=session, company_id=own.id, item=link)} == {
        link.id,
        callback.id,
    }
    assert elsewhere.status == "open" and lone.status == "open"
    with pytest.raises(ValueError):
        service.resolve_with_call(
            session=session, company_id=other.id, item=lone, resolution="done", note=None
        )
    assert lone.status == "open"
    assert service.resolve_with_call(
        session=session, company_id=own.id, item=lone, resolution="done", note=""
    ) == [lone]
    assert lone.resolution_note is None


def test_the_databases_priority_is_the_python_rule(session: Session) -> None:
    now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    kinds = ["callback_request", "sms_failed", "uncertain_link", "merge_proposal", "unknown"]
    offsets: list[timedelta | None] = [
        None,
        timedelta(hours=1),
        timedelta(hours=47),
        timedelta(hours=49),
        timedelta(days=9),
    ]
    for kind in kinds:
        for offset in offsets:
            at = None if offset is None else now + offset
            kind_col = literal(kind).label("k")
            at_col = literal(at, UtcDateTime()) if at is not None else literal(None, UtcDateTime())
            expected = stakes.priority(kind, at, now)
            got = session.scalar(select(stakes.priority_sql(kind_col, at_col, now)))
            assert got == expected, (kind, offset)
            due = stakes.due_at(kind, now)
            got_due = session.scalar(select(stakes.due_sql(literal(due, UtcDateTime()), at_col)))
            assert got_due == stakes.due_at(kind, now, at), (kind, offset)
