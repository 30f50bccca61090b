"""The calendar's service functions: availability, booking, cancelling, rescheduling, lists.

`book` and `reschedule` live in booking.py (the overlap guarantee) and are re-exported here,
so callers need only `from frontdesk.scheduling import service as scheduling_service`.
Callers own the transaction; these functions only flush.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session

from frontdesk.db.core import utcnow
from frontdesk.followup import service as followup_service
from frontdesk.scheduling import (
    announce,
    booking_rules,
    closures,
    holds,
    lookup,
    slots,
    staff_choice,
)
from frontdesk.scheduling.booking import (
    book,
    call_of_company,
    company_or_raise,
    get_appointment_or_raise,
    reschedule,
    staff_for,
)
from frontdesk.scheduling.errors import SchedulingError
from frontdesk.scheduling.models import ACTIVE_STATUSES, CANCELLED, CONFIRMED, PENDING, Appointment
from frontdesk.scheduling.ranking import EXACT
from frontdesk.scheduling.schemas import Availability, OfferedSlot
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.tenancy.models import Company

__all__ = [
    "book",
    "cancel",
    "check_availability",
    "confirm_pending_for_call",
    "get_appointment_or_raise",
    "next_appointment_for",
    "reassign_customer",
    "release_expired_holds",
    "release_holds_for_call",
    "reschedule",
    "upcoming_for_customer",
]

DEFAULT_QUESTION = "Welchen Tag meinen Sie genau?"
release_holds_for_call = holds.release_holds_for_call
release_expired_holds = holds.release_expired_holds
DEFAULT_QUESTION = "Welchen Tag meinen Sie genau?"


def check_availability(
    *,
    session: Session,
    company_id: int,
    service: str | int,
    wish: slots.WishLike | None = None,
    staff: str | int | None = None,
    call_id: int | None = None,
    now: datetime | None = None,
    limit: int = 3,
    hold: bool = True,
) -> Availability:
    """Up to `limit` free slots for the wish, best first, held for the call (if any)."""
    now = now or utcnow()
    company = company_or_raise(session, company_id)
    if wish is not None and getattr(wish, "ask", False):
        return Availability(question=getattr(wish, "question", None) or DEFAULT_QUESTION)
    chosen = lookup.get_service_or_raise(session=session, company_id=company_id, service=service)
    ranked = slots.ranked_offers(
        session=session,
        company=company,
        service=chosen,
        staff=staff_for(session, company_id, staff, to_read=True),
        wish=wish,
        now=now,
        exclude_call_id=call_id,
        limit=limit,
        order=None if staff is not None else _staff_order(session, company, call_id),
    )
    today = slots.today_in(company, now)
    offered = [OfferedSlot.of(slot, today) for _, slot in ranked]
    if hold and call_id is not None and ranked:
        call_of_company(session, company_id, call_id)
        seconds = SchedulingSettings.of(company).slot_hold_seconds
        held = holds.hold_slots(
            session=session,
            company_id=company_id,
            call_id=call_id,
            slots=[slot for _, slot in ranked],
            now=now,
            seconds=seconds,
        )
        for item, hold_row in zip(offered, held, strict=True):
            item.hold_id = hold_row.id
            item.held_until = hold_row.expires_at
    return Availability(
        service_id=chosen.id,
        service_name=chosen.name,
        exact=bool(ranked) and ranked[0][0] == EXACT,
        slots=offered,
        closed_note=_closed_note(session, company, wish, today),
    )


def _staff_order(
    session: Session, company: Company, call_id: int | None
) -> Callable[[list[slots.Slot]], list[slots.Slot]]:
    """No staff wished: the caller's usual staff member first, then the least booked."""
    call = call_of_company(session, company.id, call_id) if call_id is not None else None
    usual = staff_choice.usual_staff(session, company.id, call.customer_id if call else None)
    return lambda found: staff_choice.in_preferred_order(session, company, found, usual)


def _closed_note(
    session: Session, company: Company, wish: slots.WishLike | None, today: date
) -> str | None:
    """The practice-wide closures within the days the caller asked for (not the whole search)."""
    if wish is None or wish.date_from is None:
        return None
    last = wish.date_to or wish.date_from
    if (last - wish.date_from).days > 31:
        return None
    found = closures.company_closures(session, company, max(wish.date_from, today), last)
    return closures.closure_sentence(found)


def cancel(
    *,
    session: Session,
    company_id: int,
    appointment_id: int,
    call_id: int | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Cancel an appointment (cancelling a cancelled one again changes nothing)."""
    now = now or utcnow()
    appointment = get_appointment_or_raise(
        session=session, company_id=company_id, appointment_id=appointment_id
    )
    if appointment.status == CANCELLED:
        return appointment
    if appointment.status not in ACTIVE_STATUSES:
        raise SchedulingError(f"appointment {appointment_id} was {appointment.status}")
    appointment.status = CANCELLED
    appointment.cancelled_at = now
    if appointment.idempotency_key:
        appointment.idempotency_key = f"{appointment.idempotency_key}#x{appointment.id}"[:200]
    if reason or call_id:
        appointment.note = (reason or "") + (f" (call {call_id})" if call_id else "")
    announce.appointment_changed(session, appointment, "cancelled", now)
    session.flush()
    return appointment


@functools.cache
def _upcoming(limit: int) -> Select[tuple[Appointment]]:
    """Built once per limit with bound parameters (identify, context and listing ask it on
    every call; see slots._BUSY)."""
    return (
        select(Appointment)
        .where(
            Appointment.company_id == bindparam("company_id"),
            Appointment.customer_id == bindparam("customer_id"),
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.starts_at >= bindparam("now"),
        )
        .order_by(Appointment.starts_at, Appointment.id)
        .limit(limit)
    )


def upcoming_for_customer(
    *,
    session: Session,
    company_id: int,
    customer_id: int,
    now: datetime | None = None,
    limit: int = 10,
) -> list[Appointment]:
    """The customer's active appointments that have not started yet, soonest first."""
    params = {"company_id": company_id, "customer_id": customer_id, "now": now or utcnow()}
    return list(session.scalars(_upcoming(limit), params))


def next_appointment_for(
    *, session: Session, company_id: int, customer_id: int, now: datetime | None = None
) -> Appointment | None:
    """The customer's next active appointment (for the greeting), or None."""
    found = upcoming_for_customer(
        session=session, company_id=company_id, customer_id=customer_id, now=now, limit=1
    )
    return found[0] if found else None


def confirm_pending_for_call(
    *, session: Session, company_id: int, call_id: int, now: datetime | None = None
) -> int:
    """Once the call's caller is known for sure: its pending appointments become confirmed
    and the review item is closed. Returns how many were confirmed."""
    rows = session.scalars(
        select(Appointment).where(
            Appointment.company_id == company_id,
            Appointment.call_id == call_id,
            Appointment.status == PENDING,
            Appointment.starts_at >= (now or utcnow()) - timedelta(days=1),
        )
    ).all()
    for row in rows:
        row.status = CONFIRMED
    if rows:
        followup_service.resolve_for_call(
            session=session,
            company_id=company_id,
            call_id=call_id,
            reason=booking_rules.REVIEW_REASON,
            resolution="identity_confirmed",
        )
    session.flush()
    return len(rows)


def confirm(
    *, session: Session, company_id: int, appointment_id: int, resolution: str
) -> Appointment:
    """The patient confirmed a pending appointment (e.g. by SMS): it becomes confirmed and its
    pending-confirmation review item is closed."""
    appointment = get_appointment_or_raise(
        session=session, company_id=company_id, appointment_id=appointment_id
    )
    if appointment.status != PENDING:
        return appointment
    appointment.status = CONFIRMED
    if appointment.call_id is not None:
        followup_service.resolve_for_call(
            session=session,
            company_id=company_id,
            call_id=appointment.call_id,
            reason=booking_rules.REVIEW_REASON,
            resolution=resolution,
        )
    session.flush()
    return appointment


def reassign_customer(
    *, session: Session, company_id: int, from_customer_id: int, to_customer_id: int
) -> int:
    """Move appointments to another customer (identity calls this when merging records)."""
    result = session.execute(
        update(Appointment)
        .where(
            Appointment.company_id == company_id,
            Appointment.customer_id == from_customer_id,
        )
        .values(customer_id=to_customer_id)
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)
