"""Message rows: one per cause, their delivery status, opt-outs, and finding the conversation a
reply belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import phonenumbers
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from frontdesk.db.core import insert_once, utcnow
from frontdesk.messaging.models import INBOUND, OUTBOUND, Message, SmsOptOut
from frontdesk.messaging.segments import count_segments

# Twilio's delivery statuses in the order they happen; a late callback never moves back.
_STATUS_RANK = {
    "held": 0,
    "sending": 1,
    "retrying": 1,
    "accepted": 2,
    "queued": 2,
    "sending_provider": 3,
    "sent": 4,
    "delivered": 5,
    "undelivered": 5,
    "failed": 5,
    "unknown": 5,
    "skipped": 5,
}
# A row in one of these may be (re)sent by its job; any other already went out or ended.
SENDABLE = ("held", "retrying")


def is_mobile(e164: str | None) -> bool:
    """Whether a number can receive SMS (a mobile number; fixed lines cannot)."""
    if not e164:
        return False
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(parsed)
    return kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def is_opted_out(*, session: Session, company_id: int, number: str) -> bool:
    return (
        session.scalar(
            select(SmsOptOut.id).where(
                SmsOptOut.company_id == company_id, SmsOptOut.number == number
            )
        )
        is not None
    )


def opt_out(*, session: Session, company_id: int, number: str, keyword: str) -> None:
    insert_once(
        session,
        SmsOptOut(company_id=company_id, number=number, keyword=keyword[:20]),
        lambda: session.scalars(
            select(SmsOptOut).where(SmsOptOut.company_id == company_id, SmsOptOut.number == number)
        ).first(),
    )


def opt_in(*, session: Session, company_id: int, number: str) -> None:
    session.execute(
        delete(SmsOptOut).where(SmsOptOut.company_id == company_id, SmsOptOut.number == number)
    )


@dataclass(frozen=True)
class Draft:
    """An outbound message a job wants to send, with everything it refers to."""

    company_id: int
    purpose: str
    dedupe_key: str
    number: str
    practice_number: str
    body: str
    customer_id: int | None = None
    call_id: int | None = None
    appointment_id: int | None = None


def by_key(*, session: Session, dedupe_key: str) -> Message | None:
    return session.scalars(select(Message).where(Message.dedupe_key == dedupe_key)).first()


def hold(
    *, session: Session, draft: Draft, status: str = "held", error: str | None = None
) -> Message:
    """The message's row for its cause, created once (`held` until it is sent)."""
    count = count_segments(draft.body)
    message, _ = insert_once(
        session,
        Message(
            company_id=draft.company_id,
            direction=OUTBOUND,
            purpose=draft.purpose,
            dedupe_key=draft.dedupe_key,
            number=draft.number,
            practice_number=draft.practice_number,
            body=draft.body,
            segments=count.segments,
            encoding=count.encoding,
            status=status,
            error=error,
            customer_id=draft.customer_id,
            call_id=draft.call_id,
            appointment_id=draft.appointment_id,
        ),
        lambda: by_key(session=session, dedupe_key=draft.dedupe_key),
    )
    return message


def set_status(
    message: Message,
    status: str,
    *,
    provider_id: str | None = None,
    error_code: str | None = None,
    error: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Move a message forward (never back: callbacks can arrive out of order)."""
    if _STATUS_RANK.get(status, 5) < _STATUS_RANK.get(message.status, 0):
        return False
    message.status = status
    if provider_id:
        message.provider_id = provider_id
    if error_code is not None:
        message.error_code = error_code
    if error is not None:
        message.error = error[:2000]
    if status in ("queued", "accepted", "sent") and message.sent_at is None:
        message.sent_at = now or utcnow()
    return True


def by_provider_id(*, session: Session, provider_id: str) -> Message | None:
    return session.scalars(select(Message).where(Message.provider_id == provider_id)).first()


def last_outbound_to(
    *, session: Session, number: str, practice_number: str | None
) -> Message | None:
    """The latest message we sent to this number from this practice number: the conversation
    a reply belongs to, and the company that owns it."""
    query = select(Message).where(Message.direction == OUTBOUND, Message.number == number)
    if practice_number:
        query = query.where(Message.practice_number == practice_number)
    return session.scalars(query.order_by(Message.created_at.desc(), Message.id.desc())).first()


def record_incoming(
    *,
    session: Session,
    company_id: int,
    provider_id: str,
    number: str,
    practice_number: str,
    body: str,
    customer_id: int | None,
    call_id: int | None,
    appointment_id: int | None,
) -> tuple[Message, bool]:
    """Store a reply once (Twilio may post it again); returns (message, is_new)."""
    key = f"incoming:{provider_id}"
    existing = by_key(session=session, dedupe_key=key)
    if existing is not None:
        return existing, False
    count = count_segments(body)
    message = Message(
        company_id=company_id,
        direction=INBOUND,
        purpose="incoming",
        dedupe_key=key,
        number=number,
        practice_number=practice_number,
        body=body,
        segments=count.segments,
        encoding=count.encoding,
        status="received",
        provider_id=provider_id,
        customer_id=customer_id,
        call_id=call_id,
        appointment_id=appointment_id,
    )
    session.add(message)
    session.flush()
    return message, True


def list_messages(
    *,
    session: Session,
    company_id: int | None = None,
    call_id: int | None = None,
    customer_id: int | None = None,
    limit: int = 200,
) -> Sequence[Message]:
    query = select(Message)
    if company_id is not None:
        query = query.where(Message.company_id == company_id)
    if call_id is not None:
        query = query.where(Message.call_id == call_id)
    if customer_id is not None:
        query = query.where(Message.customer_id == customer_id)
    return session.scalars(
        query.order_by(Message.created_at.desc(), Message.id.desc()).limit(limit)
    ).all()


def message_as_dict(message: Message) -> dict[str, Any]:
    return {
        "id": message.id,
        "direction": message.direction,
        "purpose": message.purpose,
        "number": message.number,
        "practice_number": message.practice_number,
        "body": message.body,
        "status": message.status,
        "segments": message.segments,
        "encoding": message.encoding,
        "error_code": message.error_code,
        "error": message.error,
        "call_id": message.call_id,
        "customer_id": message.customer_id,
        "appointment_id": message.appointment_id,
        "created_at": message.created_at.isoformat(),
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
    }
