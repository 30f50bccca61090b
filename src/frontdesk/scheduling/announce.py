"""Booked, moved, cancelled: each change writes its follow-up job in the same transaction, so
a crash after the commit can never lose the confirmation or the reminder it implies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from frontdesk.jobs import service as job_service
from frontdesk.scheduling import calendar_sync_push
from frontdesk.scheduling.models import Appointment

APPOINTMENT_CHANGED = "appointment.changed"
# A cancellation or a move frees a slot: the waiting list is offered it.
WAITLIST_FREED = "waitlist.freed"
Change = Literal["booked", "moved", "cancelled"]


def appointment_changed(
    session: Session,
    appointment: Appointment,
    change: Change,
    now: datetime,
    previous_id: int | None = None,
) -> None:
    payload: dict[str, int | str] = {"appointment_id": appointment.id, "change": change}
    if previous_id is not None:
        payload["previous_id"] = previous_id
    if appointment.call_id is not None:
        payload["call_id"] = appointment.call_id
    job_service.enqueue(
        session=session,
        kind=APPOINTMENT_CHANGED,
        key=f"appointment.{change}:{appointment.id}",
        company_id=appointment.company_id,
        payload=payload,
        run_at=now,
    )
    # The external calendar's event, by its own job (retried alone while the server is down).
    calendar_sync_push.enqueue_push(session, appointment, change, now, previous_id)
    freed = appointment.id if change == "cancelled" else previous_id
    if freed is not None:
        job_service.enqueue(
            session=session,
            kind=WAITLIST_FREED,
            key=f"{WAITLIST_FREED}:{freed}",
            company_id=appointment.company_id,
            payload={"appointment_id": freed},
            run_at=now,
        )
