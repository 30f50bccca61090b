"""Cross-domain orchestration of a call's life: what happens when an event arrives."""

from __future__ import annotations

from sqlalchemy.orm import Session

from frontdesk.calls import requests
from frontdesk.calls import service as call_service
from frontdesk.calls.commands import CallEventCommand, CallEventKind
from frontdesk.calls.models import Call
from frontdesk.conversations import enrichment
from frontdesk.db.core import utcnow
from frontdesk.followup import service as followup_service
from frontdesk.identity import service as identity_service
from frontdesk.scheduling import service as scheduling_service

_FINAL_KINDS = (CallEventKind.ENDED, CallEventKind.ANALYZED)
# A booking made before the caller was identified is confirmed once identity is this sure.
CONFIRM_AT = 0.9


def handle_call_event(*, session: Session, command: CallEventCommand) -> Call:
    """Fold the event into the call row, then let identity and scheduling react to the call's
    new state.

    Identity works from the call's merged state, not from the event, so a late, repeated or
    out-of-order event leads to the same customer, link status and review items."""
    call = call_service.apply_event(session=session, command=command)
    if call.company_id is None:
        return call
    if call.customer_id is None:
        identity_service.open_for_call(session=session, call=call)
    if command.kind in _FINAL_KINDS or call.status in ("ended", "analyzed"):
        identity_service.finalise_call(session=session, call=call)
        _after_call(session, call, call.company_id)
    if command.kind == CallEventKind.ANALYZED:
        enrichment.enqueue_for_call(session, call)
    session.flush()
    return call


def _after_call(session: Session, call: Call, company_id: int) -> None:
    """Once the call is over: free its slot holds, confirm what identity now vouches for, and
    make sure its review items keep what the caller asked for."""
    scheduling_service.release_holds_for_call(
        session=session, company_id=company_id, call_id=call.id, now=utcnow()
    )
    if call.link_status == "linked" and (call.link_confidence or 0.0) >= CONFIRM_AT:
        scheduling_service.confirm_pending_for_call(
            session=session, company_id=company_id, call_id=call.id
        )
    keep_request_in_review(session=session, call=call, company_id=company_id)


def keep_request_in_review(*, session: Session, call: Call, company_id: int) -> None:
    """Attach the caller's appointment wish to the call's open review items (idempotent)."""
    wish = requests.appointment_request(session=session, call=call)
    if wish is None:
        return
    line = requests.describe(wish)
    for item in followup_service.open_items(
        session=session, company_id=company_id, call_id=call.id
    ):
        if item.details.get("appointment_request") != wish:
            item.details = {**item.details, "appointment_request": wish}
        if line not in (item.summary or ""):
            item.summary = f"{item.summary} – {line}" if item.summary else line
