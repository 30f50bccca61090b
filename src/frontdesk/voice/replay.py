"""Which adapter re-processes a stored event of a given provider and type."""

from __future__ import annotations

from frontdesk.calls.inbox import Processor
from frontdesk.voice.retell.routes import process_call_event


def processor_for(provider: str, event_type: str | None) -> Processor | None:
    """The inbox processor for this event; None for events that need no processing."""
    if provider == "retell" and event_type not in (None, "call_inbound"):
        return process_call_event
    return None
