"""The other domains' operations the dashboard triggers, and their errors mapped in one place.

Each function here is a thin call into identity or scheduling (the dashboard never merges or
books by itself); `refusals()` turns their domain errors into a German `ActionRefused`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.dashboard.errors import ActionRefused, NotFound
from frontdesk.db.core import utcnow
from frontdesk.identity import merging, records
from frontdesk.identity.merging import MergeError
from frontdesk.identity.models import Customer, MergeAudit
from frontdesk.scheduling import booking, calendar_feed
from frontdesk.scheduling import resize as scheduling_resize
from frontdesk.scheduling import service as scheduling_service
from frontdesk.scheduling.errors import (
    AppointmentNotFound,
    FeedAlreadyRevoked,
    FeedNotFound,
    InvalidSlot,
    SchedulingError,
    SlotUnavailable,
    UnknownService,
    UnknownStaff,
)

MANUAL = "manual"


@contextmanager
def refusals() -> Iterator[None]:
    """Domain errors become ActionRefused with a message a person at the desk understands."""
    try:
        yield
    except SlotUnavailable as exc:
        raise ActionRefused(
            "Der Termin ist schon vergeben oder liegt außerhalb der Zeiten."
        ) from exc
    except (UnknownService, UnknownStaff, InvalidSlot) as exc:
        raise ActionRefused("Leistung, Mitarbeiter oder Zeit passen nicht zusammen.") from exc
    except AppointmentNotFound as exc:
        raise ActionRefused("Den Termin gibt es nicht (mehr).") from exc
    except FeedNotFound as exc:
        raise NotFound() from exc
    except FeedAlreadyRevoked as exc:
        raise ActionRefused("Dieses Kalender-Abo ist bereits widerrufen.") from exc
    except SchedulingError as exc:
        raise ActionRefused(f"Terminplanung: {exc}") from exc
    except MergeError as exc:
        raise ActionRefused(f"Zusammenführen nicht möglich: {exc}") from exc


def _call_link(call: Call | None, status: str, customer_id: int) -> None:
    """Record on the call that a person decided its link (merge undo restores the old one)."""
    if call is None:
        return
    call.customer_id = customer_id
    call.link_status, call.link_method, call.link_confidence = status, MANUAL, 1.0
    call.identified_at = utcnow()


def merge_into(
    *,
    session: Session,
    company_id: int,
    call: Call | None,
    from_id: int,
    into_id: int,
    actor: str,
) -> int:
    """Fold the provisional record into the chosen customer (identity's merge); the audit id."""
    audit = merging.merge(
        session=session,
        company_id=company_id,
        into_id=into_id,
        from_id=from_id,
        actor=actor,
        reason=MANUAL,
    )
    _call_link(call, "linked", into_id)
    session.flush()
    return audit.id


def undo_merge(*, session: Session, company_id: int, audit_id: int, actor: str) -> None:
    """Identity's exact undo (it restores the calls' earlier link state too)."""
    audit = session.get(MergeAudit, audit_id)
    if audit is None or audit.company_id != company_id:
        raise NotFound()
    merging.undo_merge(session=session, audit_id=audit_id, actor=actor)


def promote(
    *,
    session: Session,
    company_id: int,
    call: Call | None,
    customer_id: int,
    first_name: str | None,
    last_name: str,
) -> None:
    """Make the provisional record a real customer under the given (validated) name."""
    record = session.get(Customer, customer_id)
    if record is None or record.company_id != company_id:
        raise NotFound()
    if record.status == "merged":
        raise ActionRefused("Dieser Datensatz wurde bereits zusammengeführt.")
    records.update_customer(
        session, record, first_name=first_name, last_name=last_name, status="active", label=None
    )
    _call_link(call, "new_customer", record.id)
    session.flush()


def confirm_pending(*, session: Session, company_id: int, call_id: int) -> int:
    """The call's pending appointments become confirmed (scheduling's rule)."""
    return scheduling_service.confirm_pending_for_call(
        session=session, company_id=company_id, call_id=call_id
    )


def cancel_appointment(*, session: Session, company_id: int, appointment_id: int) -> None:
    scheduling_service.cancel(
        session=session, company_id=company_id, appointment_id=appointment_id, reason="dashboard"
    )


def book(
    *,
    session: Session,
    company_id: int,
    staff_id: int,
    service_id: int,
    starts_at: datetime,
    customer_id: int | None,
    name: str | None,
) -> int:
    """Book through scheduling (its overlap rules; a person booking is a confident identity)."""
    appointment = booking.book(
        session=session,
        company_id=company_id,
        customer_id=customer_id,
        service=service_id,
        staff=staff_id,
        start=starts_at,
        for_name=name,
        confidence=1.0,
    )
    return appointment.id


def move(
    *,
    session: Session,
    company_id: int,
    appointment_id: int,
    starts_at: datetime,
    staff_id: int | None = None,
) -> int:
    """Reschedule atomically (the new slot is secured before the old one is released), to
    another staff member when `staff_id` is given."""
    appointment = booking.reschedule(
        session=session,
        company_id=company_id,
        appointment_id=appointment_id,
        start=starts_at,
        staff=staff_id,
    )
    return appointment.id


def resize(
    *, session: Session, company_id: int, appointment_id: int, ends_at: datetime, actor: str
) -> int:
    """A new end, the start unchanged (scheduling's hours and overlap rules)."""
    return scheduling_resize.resize(
        session=session,
        company_id=company_id,
        appointment_id=appointment_id,
        ends_at=ends_at,
        actor=actor,
    ).id


def issue_feed(*, session: Session, company_id: int, staff_id: int | None) -> int:
    """The live calendar feed of the practice or one staff member (made on first use); its id."""
    feed, _created = calendar_feed.issue_feed(
        session=session, company_id=company_id, staff_id=staff_id
    )
    return feed.id


def revoke_feed(*, session: Session, company_id: int, feed_id: int) -> None:
    calendar_feed.revoke_feed(session=session, company_id=company_id, feed_id=feed_id)
