"""One call's whole story for operators: row, events, invocations, customer."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from frontdesk.calls import service as call_service
from frontdesk.identity.models import Customer


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
