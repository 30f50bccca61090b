"""Merges move everything that belongs to a person, and undo restores exactly (both backends)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.followup import service as followup_service
from frontdesk.identity import service as identity_service
from frontdesk.identity.merging import MergeError, customer_references
from frontdesk.identity.models import Customer, CustomerSurname
from tests.identity.helpers import START, born, company, customer, event


def _appointment(session: Session, company_id: int, customer_id: int, call_id: int, n: int) -> bool:
    """An appointment row, when the scheduling tables exist in this checkout."""
    try:
        from frontdesk.scheduling.models import Appointment, Service, Staff
    except ImportError:
        return False
    service = Service(company_id=company_id, key=f"s{n}", name="Kontrolle", duration_minutes=30)
    staff = Staff(company_id=company_id, key=f"st{n}", name=f"Dr. {n}")
    session.add_all([service, staff])
    session.flush()
    start = START + timedelta(days=n)
    session.add(
        Appointment(
            company_id=company_id,
            customer_id=customer_id,
            call_id=call_id,
            service_id=service.id,
            staff_id=staff.id,
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
            blocked_from=start,
            blocked_until=start + timedelta(minutes=30),
            idempotency_key=f"k{n}",
        )
    )
    session.flush()
    return True


def _holdings(session: Session) -> dict[str, list[tuple[Any, Any]]]:
    """Every (row id, customer id) of every table that references customers."""
    state = {}
    for table, column in customer_references():
        key = next(iter(table.primary_key.columns))
        rows = session.execute(select(key, column).where(column.is_not(None))).all()
        state[f"{table.name}.{column.name}"] = sorted((r[0], r[1]) for r in rows)
    return state


def _counts(state: dict[str, list[tuple[Any, Any]]], customer_id: int) -> dict[str, int]:
    return {name: sum(1 for _, c in rows if c == customer_id) for name, rows in state.items()}


def _customer_state(session: Session) -> list[tuple[Any, ...]]:
    rows = session.scalars(select(Customer).order_by(Customer.id)).all()
    for row in rows:
        session.refresh(row)
    return [
        (
            c.id,
            c.status,
            c.merged_into_id,
            c.first_name,
            c.last_name,
            c.phone_e164,
            c.email,
            c.birth_date,
            c.last_name_norm,
        )
        for c in rows
    ]


def test_merge_moves_everything_and_undo_restores_exactly(session: Session) -> None:
    praxis = company(session)
    keep = customer(session, praxis.id, "Anna", "Schreiber", birth_date=born("1984-03-12"))
    dupe = customer(
        session, praxis.id, "Anna", "Schreiba", phone_e164="+49301234567", email="anna@web.de"
    )
    calls = [event(session, f"call_{i}") for i in range(3)]
    for call, owner in zip(calls, (keep, dupe, dupe), strict=True):
        call.customer_id = owner.id
    session.flush()
    followup_service.open_item(
        session=session,
        company_id=praxis.id,
        reason="callback_request",
        call_id=calls[1].id,
        customer_id=dupe.id,
    )
    with_appointments = _appointment(session, praxis.id, dupe.id, calls[1].id, 1)
    _appointment(session, praxis.id, keep.id, calls[0].id, 2)
    before = _holdings(session)
    customers_before = _customer_state(session)
    total_before = {name: len(rows) for name, rows in before.items()}

    audit = identity_service.merge(
        session=session, company_id=praxis.id, into_id=keep.id, from_id=dupe.id, actor="test"
    )
    after = _holdings(session)
    assert {name: len(rows) for name, rows in after.items()} == total_before  # nothing lost
    moved_counts, kept_counts = _counts(before, dupe.id), _counts(before, keep.id)
    assert _counts(after, dupe.id) == dict.fromkeys(after, 0)
    assert _counts(after, keep.id) == {n: kept_counts[n] + moved_counts[n] for n in after}
    assert _counts(after, keep.id)["calls.customer_id"] == 3
    assert _counts(after, keep.id)["review_items.customer_id"] == 1
    if with_appointments:
        assert _counts(after, keep.id)["appointments.customer_id"] == 2
    session.refresh(keep)
    assert keep.phone_e164 == "+49301234567" and keep.email == "anna@web.de"  # gaps filled
    assert audit.moved["calls.customer_id"] == sorted(c.id for c in calls[1:])

    identity_service.undo_merge(session=session, audit_id=audit.id, actor="test")
    assert _holdings(session) == before
    assert _customer_state(session) == customers_before
    surnames = {r.last_name_norm: r.n for r in session.scalars(select(CustomerSurname))}
    assert surnames == {"schreiber": 1, "schreiba": 1}
    with pytest.raises(MergeError):
        identity_service.undo_merge(session=session, audit_id=audit.id, actor="test")


def test_merge_never_crosses_companies(session: Session) -> None:
    a, b = company(session), company(session, "Praxis B")
    x = customer(session, a.id, "Anna", "Schreiber")
    y = customer(session, b.id, "Anna", "Schreiber")
    with pytest.raises(MergeError):
        identity_service.merge(
            session=session, company_id=a.id, into_id=x.id, from_id=y.id, actor="test"
        )


def test_a_call_in_use_sees_the_move_and_is_not_read_again(session: Session) -> None:
    """The merge moves rows in SQL: what the session holds of them must say so, while the
    rest of a held call stays loaded (a live save goes on using it)."""
    from sqlalchemy import event as sa_event

    praxis = company(session)
    keep = customer(session, praxis.id, "Anna", "Schreiber")
    dupe = customer(session, praxis.id, "Anna", "Schreiba")
    call = event(session, "call_held")
    call.customer_id = dupe.id
    call.link_status = "unidentified"
    session.flush()
    selects: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM calls" in statement:
            selects.append(statement)

    engine = session.get_bind()
    sa_event.listen(engine, "before_cursor_execute", record)
    try:
        audit = identity_service.merge(
            session=session, company_id=praxis.id, into_id=keep.id, from_id=dupe.id, actor="t"
        )
        assert call.link_status == "unidentified" and call.provider_call_id == "call_held"
        held_selects = [s for s in selects if "calls.customer_id =" not in s]
        assert held_selects == []  # neither the audit's snapshot nor the attributes read above
        assert call.customer_id == keep.id  # the moved column is read again, as stored
    finally:
        sa_event.remove(engine, "before_cursor_execute", record)
    assert audit.before["calls"][str(call.id)]["link_status"] == "unidentified"
    identity_service.undo_merge(session=session, audit_id=audit.id, actor="t")
    assert call.customer_id == dupe.id
