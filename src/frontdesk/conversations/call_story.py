"""One call's whole story for operators: row, events, invocations, customer, appointments."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.calls import service as call_service
from frontdesk.calls.models import EnrichmentStep
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.messaging import service as messaging
from frontdesk.scheduling.models import Appointment


def call_story(*, session: Session, provider_call_id: str) -> dict[str, Any] | None:
    call = call_service.get_by_provider_id(session=session, provider_call_id=provider_call_id)
    if call is None:
        return None
    story = call_service.call_as_dict(call)
    story["events"] = [
        {
            "id": e.id,
            "type": e.event_type,
            "status": e.status,
            "error": e.error,
            "duplicates": e.duplicates,
            "received_at": e.received_at.isoformat(),
        }
        for e in call_service.events_for(session=session, provider_call_id=provider_call_id)
    ]
    story["function_invocations"] = [
        {
            "name": i.name,
            "arguments": i.arguments,
            "result": i.result,
            "error": i.error,
            "duration_ms": i.duration_ms,
            "repeats": i.repeats,
        }
        for i in call_service.invocations_for(session=session, call_id=call.id)
    ]
    story["appointments"] = [
        {
            "id": a.id,
            "status": a.status,
            "starts_at": a.starts_at.isoformat(),
            "service": a.service.name,
            "staff": a.staff.name,
            "customer_id": a.customer_id,
            "booked_for_name": a.booked_for_name,
        }
        for a in session.scalars(
            select(Appointment).where(Appointment.call_id == call.id).order_by(Appointment.id)
        )
    ]
    story["review_items"] = [
        {
            "id": r.id,
            "reason": r.reason,
            "status": r.status,
            "priority": r.priority,
            "summary": r.summary,
        }
        for r in session.scalars(
            select(ReviewItem).where(ReviewItem.call_id == call.id).order_by(ReviewItem.id)
        )
    ]
    story["messages"] = [
        {
            "direction": m.direction,
            "purpose": m.purpose,
            "number": m.number,
            "body": m.body,
            "status": m.status,
            "created_at": m.created_at.isoformat(),
        }
        for m in reversed(messaging.list_messages(session=session, call_id=call.id))
    ]
    story["enrichment"] = [
        {"step": e.step, "status": e.status, "result": e.result, "error": e.error}
        for e in session.scalars(
            select(EnrichmentStep)
            .where(EnrichmentStep.call_id == call.id)
            .order_by(EnrichmentStep.id)
        )
    ]
    customer = session.get(Customer, call.customer_id) if call.customer_id else None
    story["customer"] = (
        {
            "id": customer.id,
            "status": customer.status,
            "name": customer.full_name,
            "label": customer.label,
            "phone": customer.phone_e164,
        }
        if customer
        else None
    )
    return story
