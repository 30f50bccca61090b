"""Which adapter re-processes a stored event of a given provider and type."""

from __future__ import annotations

from frontdesk.calls.inbox import Processor
from frontdesk.voice.retell.routes import process_call_event

# Stored requests that were answered live, not call events: replaying one would repeat a
# booking or a cancellation, and the call-event parser cannot read it anyway.
_ANSWERED_LIVE = ("function:",)


def processor_for(provider: str, event_type: str | None) -> Processor | None:
    """The inbox processor for this event; None for events that need no processing."""
    if event_type is None or event_type == "call_inbound" or event_type.startswith(_ANSWERED_LIVE):
        return None
    if provider == "retell":
        return process_call_event
    return None
