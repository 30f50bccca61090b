"""Which adapter re-processes a stored event of a given provider and type."""

from __future__ import annotations

from sqlalchemy.orm import Session

from frontdesk.calls import inbox
from frontdesk.calls.inbox import Processor
from frontdesk.calls.models import CallEvent
from frontdesk.conversations.inbound import answer_inbound
from frontdesk.db.core import Database, utcnow
from frontdesk.sms.twilio import routes as twilio_routes
from frontdesk.voice.retell import events
from frontdesk.voice.retell.routes import process_call_event
from frontdesk.voice.retell.schemas import InboundPayload

# Stored requests that were answered live, not call events: replaying one would repeat a
# booking or a cancellation, and the call-event parser cannot read it anyway.
_ANSWERED_LIVE = ("function:",)


def process_inbound(session: Session, event: CallEvent) -> str:
    """A call_inbound that failed (the database went away while the phone rang), once more.

    Its answer went to Retell long ago, so nothing is sent; running the ring-time lookups again
    settles the event, which `replay --failed` would otherwise skip and leave failed for good
    (found by bench/faults.py when PostgreSQL restarted during a ring)."""
    payload = InboundPayload.model_validate(event.payload or {})
    answer = answer_inbound(session=session, inbound=events.to_inbound(payload), now=utcnow())
    return "processed" if answer.company is not None else "unknown_number"


def processor_for(provider: str, event_type: str | None) -> Processor | None:
    """The inbox processor for this event; None for events that need no processing."""
    if event_type is None or event_type.startswith(_ANSWERED_LIVE):
        return None
    if event_type == "call_inbound":
        return process_inbound if provider == "retell" else None
    if provider == "retell":
        return process_call_event
    if provider == twilio_routes.PROVIDER:
        return {
            twilio_routes.INCOMING: twilio_routes.process_incoming,
            twilio_routes.STATUS: twilio_routes.process_status,
        }.get(event_type)
    return None


def recover_orphans(db: Database) -> dict[str, int]:
    """Process every event orphaned by a crash (stored, never processed). Run at start and
    periodically; safe with several processes, since folding an event twice changes nothing."""
    with db.sessions() as session:
        todo = [(e.id, e.provider, e.event_type) for e in inbox.orphaned(session=session)]
    counts: dict[str, int] = {}
    for event_id, provider, event_type in todo:
        processor = processor_for(provider, event_type)
        if processor is None:
            with db.unit_of_work() as session:
                event = session.get(CallEvent, event_id)
                if event is not None and event.status == "received":
                    inbox.mark_processed(session=session, event=event, status="ignored")
            counts["skipped"] = counts.get("skipped", 0) + 1
            continue
        status = inbox.process(session_factory=db.sessions, event_id=event_id, processor=processor)
        counts[status] = counts.get(status, 0) + 1
    return counts
