"""SMS conversations of one company: a call's, a customer's, and a review item's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from frontdesk.dashboard.labels import LABELS
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.messaging import service as messaging_service
from frontdesk.messaging.models import FINAL_FAILURES, INBOUND, Message

LIMIT = 200
# One mapping for every page: the labels module.
DIRECTIONS = LABELS["message_direction"]
PURPOSES = LABELS["message_purpose"]
OUTBOUND_STATUSES = LABELS["message_status"]
INBOUND_STATUSES = LABELS["reply_status"]  # what an incoming reply did
_BAD = {*FINAL_FAILURES, "unknown"}


@dataclass(frozen=True)
class MessageView:
    message: Message
    direction: str  # "Gesendet" | "Empfangen"
    purpose: str | None
    status: str
    bad: bool  # not delivered, or nobody knows
    focus: bool = False  # the message a review item is about


def view(message: Message, focus_id: int | None = None) -> MessageView:
    inbound = message.direction == INBOUND
    labels = INBOUND_STATUSES if inbound else OUTBOUND_STATUSES
    return MessageView(
        message=message,
        direction=DIRECTIONS.get(message.direction, message.direction),
        purpose=None if inbound else PURPOSES.get(message.purpose, message.purpose),
        status=labels.get(message.status, message.status),
        bad=not inbound and message.status in _BAD,
        focus=focus_id is not None and message.id == focus_id,
    )


def _chat(messages: Sequence[Message], focus_id: int | None = None) -> list[MessageView]:
    """Newest first, like every list of the dashboard (the queries fetch the newest `LIMIT`)."""
    ordered = sorted(messages, key=lambda m: (m.sent_at or m.created_at, m.id), reverse=True)
    return [view(m, focus_id) for m in ordered]


def for_call(*, session: Session, company_id: int, call_id: int) -> list[MessageView]:
    return _chat(
        messaging_service.list_messages(
            session=session, company_id=company_id, call_id=call_id, limit=LIMIT
        )
    )


def _by_number_or_customer(
    session: Session, company_id: int, number: str | None, customer_id: int | None
) -> Sequence[Message]:
    matches = []
    if number:
        matches.append(Message.number == number)
    if customer_id is not None:
        matches.append(Message.customer_id == customer_id)
    if not matches:
        return []
    return session.scalars(
        select(Message)
        .where(Message.company_id == company_id, or_(*matches))
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(LIMIT)
    ).all()


def for_customer(*, session: Session, company_id: int, customer: Customer) -> list[MessageView]:
    """Messages linked to the customer, or to and from the customer's phone number."""
    if customer.company_id != company_id:
        return []
    return _chat(_by_number_or_customer(session, company_id, customer.phone_e164, customer.id))


def for_item(*, session: Session, company_id: int, item: ReviewItem) -> list[MessageView]:
    """The message the item is about (marked), within the whole conversation with its number."""
    if item.company_id != company_id:
        return []
    details = item.details if isinstance(item.details, dict) else {}
    message_id = details.get("message_id")
    message = session.get(Message, message_id) if isinstance(message_id, int) else None
    if message is not None and message.company_id != company_id:
        message = None
    number = message.number if message is not None else details.get("number")
    if not isinstance(number, str) or not number:
        return [view(message, message.id)] if message is not None else []
    found = list(_by_number_or_customer(session, company_id, number, None))
    if message is not None and all(m.id != message.id for m in found):
        found.append(message)  # older than the newest LIMIT: still shown
        found.sort(key=lambda m: (m.created_at, m.id), reverse=True)
    return _chat(found, message.id if message is not None else None)
