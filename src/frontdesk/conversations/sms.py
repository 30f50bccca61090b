"""Sending one SMS for one cause, exactly once: the message row is written before the provider
is asked, so a job that runs again finds it and never sends twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from frontdesk.db.core import Database, utcnow
from frontdesk.followup import service as followup_service
from frontdesk.jobs.runner import Outcome, TransientJobError
from frontdesk.messaging import service as messaging
from frontdesk.messaging.models import FINAL_FAILURES, Message
from frontdesk.messaging.ports import OutgoingSms, SendFailed, SmsGateway
from frontdesk.messaging.timing import QuietHours, next_allowed
from frontdesk.tenancy.models import Company

SMS_FAILED = "sms_failed"
# Purposes whose loss a person must hear of: the patient believes nothing or the wrong thing.
_MUST_ARRIVE = ("confirmation", "moved", "cancelled")


@dataclass(frozen=True)
class SmsSetup:
    """How this process sends: the provider (None: SMS is off), the default sending number,
    quiet hours, and the URL Twilio posts delivery statuses to."""

    gateway: SmsGateway | None
    sender: str
    quiet: QuietHours | None
    status_callback: str | None = None
    clock: Callable[[], datetime] = utcnow


def sender_for(company: Company, setup: SmsSetup) -> str:
    """A practice may send from its own number (practice settings: `sms_from_number`)."""
    own = (company.settings or {}).get("sms_from_number")
    return own if isinstance(own, str) and own else setup.sender


def open_sms_review(session: Session, message: Message, summary: str) -> None:
    item = followup_service.open_item(
        session=session,
        company_id=message.company_id,
        reason=SMS_FAILED,
        call_id=message.call_id,
        customer_id=message.customer_id,
        priority=followup_service.PRIORITY_HIGH,
        summary=summary,
        details={"message_id": message.id, "number": message.number, "body": message.body},
    )
    message.review_item_id = item.id


def deliver(database: Database, setup: SmsSetup, draft: messaging.Draft) -> Outcome:
    """Send the draft's message unless its cause was already served; respects opt-outs and
    quiet hours (the job is deferred, not failed)."""
    now = setup.clock()
    with database.unit_of_work() as session:
        ready = _prepare(session, setup, draft, now)
        if isinstance(ready, Outcome):
            return ready
        message_id, outgoing = ready
    assert setup.gateway is not None  # _prepare refuses when SMS is off
    try:
        sent = setup.gateway.send(outgoing)
    except SendFailed as error:
        return _failed(database, message_id, error)
    with database.unit_of_work() as session:
        message = session.get(Message, message_id)
        if message is not None:
            messaging.set_status(
                message, sent.status or "queued", provider_id=sent.provider_id, now=now
            )
    return Outcome({"sms": "sent", "message_id": message_id, "provider_id": sent.provider_id})


def _prepare(
    session: Session, setup: SmsSetup, draft: messaging.Draft, now: datetime
) -> Outcome | tuple[int, OutgoingSms]:
    if messaging.is_opted_out(session=session, company_id=draft.company_id, number=draft.number):
        message = messaging.hold(session=session, draft=draft, status="skipped", error="opted_out")
        return Outcome({"sms": "skipped", "reason": "opted_out", "message_id": message.id})
    if setup.gateway is None:
        message = messaging.hold(session=session, draft=draft, status="skipped", error="sms_off")
        return Outcome({"sms": "skipped", "reason": "sms_off", "message_id": message.id})
    message = messaging.hold(session=session, draft=draft)
    if message.status == "sending":  # a worker died while asking the provider: never resend
        messaging.set_status(message, "unknown", error="worker stopped while sending")
        open_sms_review(
            session, message, "SMS-Versand ungewiss: bitte prüfen, ob die Nachricht ankam."
        )
        return Outcome({"sms": "unknown", "message_id": message.id})
    if message.status not in messaging.SENDABLE:
        return Outcome({"sms": "already", "status": message.status, "message_id": message.id})
    company = session.get(Company, draft.company_id)
    tz = ZoneInfo(company.timezone if company else "Europe/Berlin")
    allowed = next_allowed(now, tz, setup.quiet)
    if allowed > now:
        return Outcome(
            {"sms": "held", "until": allowed.isoformat(), "message_id": message.id},
            defer_until=allowed,
        )
    message.status = "sending"
    session.flush()
    outgoing = OutgoingSms(
        to=draft.number,
        sender=draft.practice_number,
        body=draft.body,
        status_callback=setup.status_callback,
    )
    return message.id, outgoing


def _failed(database: Database, message_id: int, error: SendFailed) -> Outcome:
    with database.unit_of_work() as session:
        message = session.get(Message, message_id)
        if message is None:
            return Outcome({"sms": "vanished"})
        if error.transient:
            message.status = "retrying"
            message.error = str(error)[:2000]
        else:
            messaging.set_status(message, "failed", error_code=error.code, error=str(error))
            if message.purpose in _MUST_ARRIVE:
                open_sms_review(
                    session,
                    message,
                    f"SMS an {message.number} abgelehnt ({error.code or 'Fehler'}): "
                    "bitte den Patienten anrufen.",
                )
    if error.transient:
        raise TransientJobError(f"SMS provider: {error}")
    return Outcome({"sms": "failed", "code": error.code, "message_id": message_id})


def apply_delivery_status(
    *,
    session: Session,
    provider_id: str,
    status: str,
    error_code: str | None,
) -> Message | None:
    """A provider's status callback: move the row forward; a lost confirmation opens review."""
    message = messaging.by_provider_id(session=session, provider_id=provider_id)
    if message is None:
        return None
    moved = messaging.set_status(
        message,
        status,
        error_code=error_code or None,
        error=f"provider: {status}" if status in FINAL_FAILURES else None,
    )
    if moved and status in FINAL_FAILURES and message.purpose in _MUST_ARRIVE:
        open_sms_review(
            session,
            message,
            f"SMS an {message.number} nicht zugestellt ({error_code or status}): "
            "bitte den Patienten anrufen.",
        )
    session.flush()
    return message
