"""Undoing a cancellation for a short while: the appointment is booked again at the same start
through `booking.book`, so every rule holds (no double booking: a slot given away meanwhile
is refused with SlotUnavailable), and the follow-ups (SMS, external calendar) see a booking."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.core import utcnow
from frontdesk.scheduling import booking
from frontdesk.scheduling.errors import SchedulingError
from frontdesk.scheduling.models import CANCELLED, Appointment

UNDO_WINDOW = timedelta(minutes=10)


class UndoExpired(SchedulingError):
    """The cancellation is older than the undo window (or the appointment is not cancelled)."""


def undo_deadline(appointment: Appointment, window: timedelta = UNDO_WINDOW) -> datetime | None:
    """Until when the cancellation can be undone; None when it cannot (not cancelled)."""
    if appointment.status != CANCELLED or appointment.cancelled_at is None:
        return None
    return appointment.cancelled_at + window


def _restore_key(company_id: int, appointment_id: int) -> str:
    return f"c{company_id}:restore{appointment_id}"


def restored_as(*, session: Session, company_id: int, appointment_id: int) -> Appointment | None:
    """The appointment a cancellation was undone into, if it was."""
    return session.scalars(
        select(Appointment).where(
            Appointment.company_id == company_id,
            Appointment.idempotency_key == _restore_key(company_id, appointment_id),
        )
    ).first()


def restore_cancelled(
    *,
    session: Session,
    company_id: int,
    appointment_id: int,
    now: datetime | None = None,
    window: timedelta = UNDO_WINDOW,
) -> Appointment:
    """Book the cancelled appointment again (same customer, service, staff, start); returns the
    new appointment. Restoring twice gives the same one (idempotency key of the old id)."""
    now = now or utcnow()
    old = booking.get_appointment_or_raise(
        session=session, company_id=company_id, appointment_id=appointment_id
    )
    deadline = undo_deadline(old, window)
    key = _restore_key(company_id, old.id)
    if deadline is None or now > deadline:
        again = restored_as(session=session, company_id=company_id, appointment_id=old.id)
        if again is not None:
            return again  # restored before: the repeated request gets the same answer
        raise UndoExpired(f"appointment {old.id} cannot be restored any more")
    return booking.book(
        session=session,
        company_id=company_id,
        call_id=old.call_id,
        customer_id=old.customer_id,
        service=old.service_id,
        staff=old.staff_id,
        start=old.starts_at,
        for_name=old.booked_for_name,
        confidence=old.confidence,
        now=now,
        idempotency_key=key,
    )
