"""After a booking changes: the confirmation, the moved or cancelled note, and the reminder
the evening before, each as its own job and each sent once."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.conversations.sms import SmsSetup, deliver, sender_for
from frontdesk.db.core import Database
from frontdesk.followup import service as followup_service
from frontdesk.identity.models import Customer
from frontdesk.jobs import service as job_service
from frontdesk.jobs.runner import JobView, Outcome, PermanentJobError
from frontdesk.messaging import service as messaging
from frontdesk.messaging import texts
from frontdesk.messaging.timing import reminder_at
from frontdesk.scheduling.booking_rules import REVIEW_REASON as PENDING_REVIEW
from frontdesk.scheduling.models import ACTIVE_STATUSES, PENDING, Appointment
from frontdesk.tenancy.models import Company

SMS_REMINDER = "sms.reminder"
_PURPOSE = {"booked": "confirmation", "moved": "moved", "cancelled": "cancelled"}


def recipient(session: Session, appointment: Appointment) -> str | None:
    """The mobile number to write to: the caller ID of the booking call, else the number the
    caller gave (kept on the customer). A fixed line gets no SMS."""
    call = session.get(Call, appointment.call_id) if appointment.call_id else None
    customer = session.get(Customer, appointment.customer_id) if appointment.customer_id else None
    candidates = [
        call.from_number_e164 if call is not None and not call.caller_id_withheld else None,
        customer.phone_e164 if customer is not None else None,
    ]
    return next((n for n in candidates if n and messaging.is_mobile(n)), None)


def facts_of(company: Company, appointment: Appointment) -> texts.AppointmentFacts:
    return texts.AppointmentFacts(
        practice=company.name,
        service=appointment.service.name,
        start_local=appointment.starts_at.astimezone(ZoneInfo(company.timezone)),
        staff=appointment.staff.name,
    )


def _load(session: Session, view: JobView) -> tuple[Company, Appointment]:
    appointment = session.get(Appointment, int(view.payload["appointment_id"]))
    company = session.get(Company, view.company_id) if view.company_id else None
    if appointment is None or company is None or appointment.company_id != company.id:
        raise PermanentJobError(f"appointment {view.payload.get('appointment_id')} not found")
    return company, appointment


def _body(change: str, appointment: Appointment, facts: texts.AppointmentFacts) -> str:
    if change == "moved":
        return texts.moved(facts)
    if change == "cancelled":
        return texts.cancelled(facts)
    return texts.confirmation(facts, pending=appointment.status == PENDING)


def _reminder_time(company: Company, appointment: Appointment) -> datetime:
    settings = company.settings or {}
    lead = settings.get("reminder_lead_hours")
    at = str(settings.get("reminder_time") or "18:00")
    hour, minute = (int(part) for part in at.split(":", 1))
    return reminder_at(
        appointment.starts_at,
        ZoneInfo(company.timezone),
        local_time=time(hour, minute),
        lead_hours=float(lead) if lead is not None else None,
    )


def _plan_reminder(
    session: Session, company: Company, appointment: Appointment, now: datetime
) -> str:
    when = _reminder_time(company, appointment)
    if when <= now:
        return "none: booked after the reminder time (the confirmation says it all)"
    job_service.enqueue(
        session=session,
        kind=SMS_REMINDER,
        key=f"sms.reminder:appointment:{appointment.id}",
        company_id=company.id,
        payload={"appointment_id": appointment.id, "starts_at": appointment.starts_at.isoformat()},
        run_at=when,
    )
    return when.isoformat()


def _note_unsent(session: Session, appointment: Appointment, why: str) -> None:
    """A pending booking's review item says that no SMS will ask for the name."""
    if appointment.status != PENDING or appointment.call_id is None:
        return
    followup_service.open_item(
        session=session,
        company_id=appointment.company_id,
        reason=PENDING_REVIEW,
        call_id=appointment.call_id,
        details={"sms": why},
    )


def on_appointment_changed(database: Database, setup: SmsSetup, view: JobView) -> Outcome:
    change = str(view.payload.get("change", "booked"))
    with database.unit_of_work() as session:
        company, appointment = _load(session, view)
        if change != "cancelled" and appointment.status not in ACTIVE_STATUSES:
            return Outcome({"sms": "skipped", "reason": f"appointment is {appointment.status}"})
        reminder = None
        if change != "cancelled":
            reminder = _plan_reminder(session, company, appointment, view.now)
        number = recipient(session, appointment)
        if number is None:
            _note_unsent(session, appointment, "Keine Mobilnummer bekannt: keine SMS möglich.")
            return Outcome({"sms": "skipped", "reason": "no_mobile_number", "reminder": reminder})
        if setup.gateway is None:
            _note_unsent(session, appointment, "SMS ist nicht eingerichtet: keine SMS versandt.")
        draft = messaging.Draft(
            company_id=company.id,
            purpose=_PURPOSE.get(change, "confirmation"),
            dedupe_key=f"{_PURPOSE.get(change, 'confirmation')}:appointment:{appointment.id}",
            number=number,
            practice_number=sender_for(company, setup),
            body=_body(change, appointment, facts_of(company, appointment)),
            customer_id=appointment.customer_id,
            call_id=appointment.call_id,
            appointment_id=appointment.id,
        )
    outcome = deliver(database, setup, draft)
    return Outcome({**outcome.result, "reminder": reminder}, outcome.defer_until)


def on_reminder(database: Database, setup: SmsSetup, view: JobView) -> Outcome:
    with database.unit_of_work() as session:
        company, appointment = _load(session, view)
        if appointment.status not in ACTIVE_STATUSES:
            return Outcome({"sms": "skipped", "reason": f"appointment is {appointment.status}"})
        if appointment.starts_at.isoformat() != view.payload.get("starts_at"):
            return Outcome({"sms": "skipped", "reason": "appointment moved"})
        if appointment.starts_at <= view.now + timedelta(hours=1):
            return Outcome({"sms": "skipped", "reason": "too late for a reminder"})
        number = recipient(session, appointment)
        if number is None:
            return Outcome({"sms": "skipped", "reason": "no_mobile_number"})
        facts = facts_of(company, appointment)
        draft = messaging.Draft(
            company_id=company.id,
            purpose="reminder",
            dedupe_key=f"reminder:appointment:{appointment.id}",
            number=number,
            practice_number=sender_for(company, setup),
            body=texts.reminder(facts, today=view.now.astimezone(facts.start_local.tzinfo).date()),
            customer_id=appointment.customer_id,
            call_id=appointment.call_id,
            appointment_id=appointment.id,
        )
    return deliver(database, setup, draft)
