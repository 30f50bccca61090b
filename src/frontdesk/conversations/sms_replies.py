"""A patient's SMS reply: matched to the conversation it answers, then confirmed, cancelled,
opted out, taken as their name, or handed to a person with the text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.conversations import waitlist_flow
from frontdesk.conversations.followups import facts_of
from frontdesk.followup import service as followup_service
from frontdesk.identity import collection
from frontdesk.identity.models import Customer
from frontdesk.messaging import service as messaging
from frontdesk.messaging import texts
from frontdesk.messaging.models import Message
from frontdesk.messaging.replies import classify
from frontdesk.names.validator import validate_name
from frontdesk.phones import normalise_phone
from frontdesk.scheduling import service as scheduling_service
from frontdesk.scheduling.models import ACTIVE_STATUSES, PENDING, Appointment
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company

SMS_REPLY = "sms_reply"


@dataclass(frozen=True)
class IncomingSms:
    provider_id: str
    from_number: str
    to_number: str
    body: str


@dataclass(frozen=True)
class ReplyOutcome:
    outcome: str  # confirmed | cancelled | opted_out | opted_in | named | review | ...
    answer: str | None  # the German text sent back in the same exchange (TwiML), if any
    company_id: int | None = None
    message_id: int | None = None


def _company(session: Session, sms: IncomingSms, last: Message | None) -> Company | None:
    """The company that owns the conversation: the sender of our last message to this
    number from the number replied to, else the company owning the number replied to."""
    if last is not None:
        return session.get(Company, last.company_id)
    return tenancy_service.company_for_called_number(session=session, number=sms.to_number)


def _open_appointment(
    session: Session, company_id: int, number: str, last: Message | None, now: datetime
) -> Appointment | None:
    """The appointment the reply is about: our last message's, while it is still ahead;
    else the number's next pending or upcoming appointment in this company."""
    if last is not None and last.appointment_id is not None:
        appointment = session.get(Appointment, last.appointment_id)
        while appointment is not None and appointment.replaced_by_id is not None:
            appointment = session.get(Appointment, appointment.replaced_by_id)
        if (
            appointment is not None
            and appointment.status in ACTIVE_STATUSES
            and appointment.starts_at > now
        ):
            return appointment
    customer_ids = select(Customer.id).where(
        Customer.company_id == company_id, Customer.phone_e164 == number
    )
    call_ids = select(Call.id).where(Call.company_id == company_id, Call.from_number_e164 == number)
    query = (
        select(Appointment)
        .where(
            Appointment.company_id == company_id,
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.starts_at > now,
            or_(Appointment.customer_id.in_(customer_ids), Appointment.call_id.in_(call_ids)),
        )
        .order_by(Appointment.status != PENDING, Appointment.starts_at)
    )
    return session.scalars(query).first()


def handle_incoming(*, session: Session, sms: IncomingSms, now: datetime) -> ReplyOutcome:
    number = normalise_phone(sms.from_number) or sms.from_number
    practice_number = normalise_phone(sms.to_number) or sms.to_number
    last = messaging.last_outbound_to(
        session=session, number=number, practice_number=practice_number
    )
    company = _company(session, sms, last)
    if company is None:
        return ReplyOutcome("unknown_number", None)
    appointment = _open_appointment(session, company.id, number, last, now)
    message, is_new = messaging.record_incoming(
        session=session,
        company_id=company.id,
        provider_id=sms.provider_id,
        number=number,
        practice_number=practice_number,
        body=sms.body,
        customer_id=appointment.customer_id
        if appointment
        else (last.customer_id if last else None),
        call_id=appointment.call_id if appointment else (last.call_id if last else None),
        appointment_id=appointment.id if appointment else None,
    )
    if not is_new:  # the provider posted the same reply again: it was handled already
        return ReplyOutcome("duplicate", None, company.id, message.id)
    outcome = _act(session, company, number, appointment, message, now)
    message.status = outcome.outcome  # an incoming message's status says what it did
    session.flush()
    return ReplyOutcome(outcome.outcome, outcome.answer, company.id, message.id)


def _act(
    session: Session,
    company: Company,
    number: str,
    appointment: Appointment | None,
    message: Message,
    now: datetime,
) -> ReplyOutcome:
    reply = classify(message.body or "")
    if reply.intent == "stop":
        messaging.opt_out(session=session, company_id=company.id, number=number, keyword=reply.text)
        # Twilio answers STOP itself and blocks every later message; a reply would not arrive.
        return ReplyOutcome("opted_out", None)
    if reply.intent == "start":
        messaging.opt_in(session=session, company_id=company.id, number=number)
        return ReplyOutcome("opted_in", None)
    if reply.intent == "confirm":
        booked = waitlist_flow.accept_by_reply(session, company, number, now)
        if booked is not None:
            return ReplyOutcome("waitlist_booked", booked)
    if appointment is None and reply.intent in ("confirm", "cancel"):
        return ReplyOutcome("nothing_open", texts.reply_nothing_open())
    if reply.intent == "confirm" and appointment is not None:
        scheduling_service.confirm(
            session=session,
            company_id=company.id,
            appointment_id=appointment.id,
            resolution="sms_confirmed",
        )
        return ReplyOutcome("confirmed", texts.reply_confirmed(facts_of(company, appointment)))
    if reply.intent == "cancel" and appointment is not None:
        return _cancel(session, company, number, appointment, now)
    return _text(session, company, appointment, message, reply.text)


def _cancel(
    session: Session, company: Company, number: str, appointment: Appointment, now: datetime
) -> ReplyOutcome:
    facts = facts_of(company, appointment)
    answer = texts.reply_cancelled(facts)
    # The answer in this exchange is the cancellation notice: the job must not send another.
    messaging.hold(
        session=session,
        draft=messaging.Draft(
            company_id=company.id,
            purpose="cancelled",
            dedupe_key=f"cancelled:appointment:{appointment.id}",
            number=number,
            practice_number=message_practice_number(session, appointment) or "",
            body=answer,
            customer_id=appointment.customer_id,
            call_id=appointment.call_id,
            appointment_id=appointment.id,
        ),
        status="skipped",
        error="answered in the reply",
    )
    scheduling_service.cancel(
        session=session,
        company_id=company.id,
        appointment_id=appointment.id,
        reason="Per SMS abgesagt",
        now=now,
    )
    return ReplyOutcome("cancelled", answer)


def message_practice_number(session: Session, appointment: Appointment) -> str | None:
    return session.scalars(
        select(Message.practice_number)
        .where(Message.appointment_id == appointment.id, Message.practice_number.is_not(None))
        .limit(1)
    ).first()


def _text(
    session: Session,
    company: Company,
    appointment: Appointment | None,
    message: Message,
    text: str,
) -> ReplyOutcome:
    """A name (for a booking still waiting for one) finalises identity; anything else goes to
    a person with the text."""
    call = session.get(Call, appointment.call_id) if appointment and appointment.call_id else None
    waiting_for_name = (
        appointment is not None
        and call is not None
        and (appointment.status == PENDING or call.link_status != "linked")
    )
    if waiting_for_name and call is not None and appointment is not None:
        verdict = validate_name(text, agent_names=company.agent_names)
        if verdict.ok:
            result = collection.save_name(
                session=session, company_id=company.id, call_id=call.id, name=text, method=SMS_REPLY
            )
            if result.ok:
                if call.link_status in ("linked", "new_customer"):
                    call.link_method = SMS_REPLY
                scheduling_service.confirm(
                    session=session,
                    company_id=company.id,
                    appointment_id=appointment.id,
                    resolution="sms_name",
                )
                message.customer_id = call.customer_id
                return ReplyOutcome(
                    "named", texts.reply_name_thanks(facts_of(company, appointment))
                )
    item = followup_service.open_item(
        session=session,
        company_id=company.id,
        reason=SMS_REPLY,
        call_id=call.id if call else message.call_id,
        customer_id=message.customer_id,
        priority=followup_service.PRIORITY_HIGH
        if appointment
        else followup_service.PRIORITY_NORMAL,
        summary=f"SMS von {message.number}: „{text[:300]}“",
        details={"message_id": message.id, "text": text, "number": message.number},
    )
    message.review_item_id = item.id
    return ReplyOutcome("review", texts.reply_not_understood())
