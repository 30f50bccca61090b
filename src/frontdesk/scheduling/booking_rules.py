"""Rules a booking follows: whose it is, how sure we are, what a person must look at."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.followup import service as followup_service
from frontdesk.identity.models import Customer
from frontdesk.scheduling.errors import SchedulingError
from frontdesk.scheduling.models import CONFIRMED, PENDING, Appointment

CONFIDENT = 0.9
REVIEW_REASON = "pending_confirmation"


@dataclass(frozen=True)
class Identity:
    customer: Customer | None
    confidence: float | None
    status: str  # confirmed | pending_confirmation


def _unit(value: float | None) -> float | None:
    """Confidence on 0..1 (values above 1 are read as percent, as the old system stored)."""
    if value is None:
        return None
    return value / 100 if value > 1 else value


def current_customer(
    session: Session, company_id: int, customer_id: int | None, call: Call | None
) -> Customer | None:
    """The customer to book for: the one given, else the call's; merged records followed."""
    wanted = customer_id if customer_id is not None else (call.customer_id if call else None)
    customer = session.get(Customer, wanted) if wanted is not None else None
    seen: set[int] = set()
    while customer is not None and customer.status == "merged" and customer.merged_into_id:
        if customer.id in seen:
            break
        seen.add(customer.id)
        customer = session.get(Customer, customer.merged_into_id)
    if customer is not None and customer.company_id != company_id:
        raise SchedulingError(f"customer {customer.id} belongs to another company")
    return customer


def decide_identity(
    session: Session,
    company_id: int,
    customer_id: int | None,
    call: Call | None,
    confidence: float | None,
) -> Identity:
    """Confirmed when the caller is known with high confidence, else pending confirmation.

    An explicit `confidence` decides. Otherwise, once identity has judged the call
    (link_status set), only a link ("linked", confidence >= 0.9 or unscored) is confident;
    before that, an active (non-provisional) customer is."""
    customer = current_customer(session, company_id, customer_id, call)
    if confidence is not None:
        score = _unit(confidence)
        sure = score is not None and score >= CONFIDENT
    elif call is not None and call.link_status:
        score = _unit(call.link_confidence)
        sure = call.link_status == "linked" and (score is None or score >= CONFIDENT)
        sure = sure and customer is not None
    else:
        score = 1.0 if customer is not None and customer.status == "active" else None
        sure = score is not None
    return Identity(customer=customer, confidence=score, status=CONFIRMED if sure else PENDING)


def open_review(session: Session, company_id: int, appointment: Appointment, spoken: str) -> None:
    """A priority-1 review item: a person confirms who the pending appointment is for."""
    details: dict[str, object] = {
        "appointment_id": appointment.id,
        "starts_at": appointment.starts_at.isoformat(),
        "service": appointment.service.name if appointment.service else None,
        "staff": appointment.staff.name if appointment.staff else None,
        "booked_for_name": appointment.booked_for_name,
        "confidence": appointment.confidence,
    }
    previous: list[int] = []
    if appointment.call_id is not None:
        for item in followup_service.open_items(
            session=session, company_id=company_id, call_id=appointment.call_id
        ):
            if item.reason == REVIEW_REASON:
                previous = [int(x) for x in item.details.get("appointment_ids", [])]
    details["appointment_ids"] = sorted({*previous, appointment.id})
    followup_service.open_item(
        session=session,
        company_id=company_id,
        reason=REVIEW_REASON,
        call_id=appointment.call_id,
        customer_id=appointment.customer_id,
        priority=followup_service.PRIORITY_HIGH,
        summary=f"Termin bestätigen: {spoken}, Anrufer nicht sicher erkannt",
        details=details,
    )


def is_overlap(exc: IntegrityError) -> bool:
    """The database refused an overlapping active appointment (either backend)."""
    text = str(exc.orig)
    return (
        getattr(exc.orig, "sqlstate", None) == "23P01"
        or "appointment_overlap" in text
        or "ex_appointments_staff_no_overlap" in text
    )


def is_overlap_deadlock(exc: OperationalError) -> bool:
    """PostgreSQL broke a deadlock between two bookings checking the overlap constraint against
    each other ("while checking exclusion constraint"): the other booking goes through, so for
    this one the slot is taken."""
    return getattr(exc.orig, "sqlstate", None) == "40P01" and "exclusion constraint" in str(
        exc.orig
    )


def is_duplicate_request(exc: IntegrityError) -> bool:
    return "idempotency_key" in str(exc.orig)
