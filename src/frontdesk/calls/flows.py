"""Cross-domain orchestration of a call's life: what happens when an event arrives."""

from __future__ import annotations

from sqlalchemy.orm import Session

from frontdesk.calls import service as call_service
from frontdesk.calls.commands import CallEventCommand
from frontdesk.calls.models import Call


def handle_call_event(*, session: Session, command: CallEventCommand) -> Call:
    """Fold the event into the call row, then let identity react to the call's new state."""
    return call_service.apply_event(session=session, command=command)
