"""What a person does to the calendar: booking for a patient, cancelling (with an undo), the
waiting list and staff absences, always within one company.

Booking and undoing go through scheduling's booking (its rules, no double booking); a refused
booking is explained by scheduling.refusals and offers the nearest free slots. Removing a
waiting entry is a plain status change (nothing is held for a waiting entry); adding an absence
goes through scheduling, which lists the appointments in it and opens a review item for
each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from sqlalchemy import update
from sqlalchemy.orm import Session

from frontdesk.dashboard import ports
from frontdesk.dashboard.errors import ActionRefused, NotFound
from frontdesk.dashboard.formats import day_label
from frontdesk.dashboard.labels import label
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.db.core import utcnow
from frontdesk.identity import records
from frontdesk.identity.linking import evidence_from, match
from frontdesk.identity.models import Customer
from frontdesk.identity.normalise import parse_birth_date
from frontdesk.names.validator import validate_name
from frontdesk.phones import normalise_phone
from frontdesk.scheduling import absences, refusals, restore, slots
from frontdesk.scheduling.errors import SlotUnavailable
from frontdesk.scheduling.models import Appointment, Service, Staff
from frontdesk.scheduling.refusals import Reason
from frontdesk.scheduling.waitlist.models import WAITING, WaitlistEntry
from frontdesk.tenancy.models import Company

CANCELLED = "cancelled"
NOTE_MAX = 200  # StaffAbsence.note
SOURCE = "dashboard"  # Customer.source of patients created at the desk
DUPLICATE = "Diesen Patienten gibt es schon – bitte wählen Sie ihn unten aus."

log = structlog.get_logger(__name__)


def remove_from_waitlist(*, session: Session, company_id: int, user_id: int, entry_id: int) -> None:
    """A waiting entry is no longer offered slots. An entry with an open offer, a booked or
    removed one is refused: its state belongs to the offer (JA or expiry) or is final."""
    entry = get_owned(session, WaitlistEntry, entry_id, company_id)
    changed = session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.id == entry.id,
            WaitlistEntry.company_id == company_id,
            WaitlistEntry.status == WAITING,  # not if an offer went out meanwhile
        )
        .values(status=CANCELLED)
        .execution_options(synchronize_session=False)
    )
    session.refresh(entry)
    if getattr(changed, "rowcount", 0) != 1:
        raise ActionRefused("Nur wartende Einträge können von der Warteliste genommen werden.")
    log.info("waitlist_entry_removed", company_id=company_id, entry_id=entry.id, user_id=user_id)


def add_absence(
    *,
    session: Session,
    company_id: int,
    user_id: int,
    staff_id: int,
    first_day: date,
    last_day: date,
    note: str | None,
) -> absences.AbsenceReport:
    """A manual absence of one of the company's staff; refused in German when the days or the
    note do not fit."""
    member = get_owned(session, Staff, staff_id, company_id)
    if first_day > last_day:
        raise ActionRefused("„Bis“ liegt vor „von“. Bitte prüfen Sie die Tage.")
    if note is not None and len(note) > NOTE_MAX:
        raise ActionRefused(f"Die Notiz darf höchstens {NOTE_MAX} Zeichen lang sein.")
    with ports.refusals():
        report = absences.add_absence(
            session=session,
            company_id=company_id,
            staff=member.id,
            first_day=first_day,
            last_day=last_day,
            note=note,
        )
    log.info(
        "staff_absence_added",
        company_id=company_id,
        absence_id=report.absence.id,
        staff_id=member.id,
        affected=len(report.affected),
        user_id=user_id,
    )
    return report


class FormRefused(ActionRefused):
    """A booking form that cannot be done as filled in: the form comes back filled, with why
    (in German) and, for a start that is not free, the nearest free slots to pick instead."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 409,
        alternatives: Sequence[slots.Slot] = (),
        suggestions: Sequence[Customer] = (),
        nearest_searched: bool = False,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.alternatives = list(alternatives)
        self.suggestions = list(suggestions)
        self.nearest_searched = nearest_searched  # alternatives were looked for (maybe none)


@dataclass(frozen=True)
class NewPatient:
    """A patient typed into the form (no customer picked): created through the validator."""

    name: str = ""
    birth_date: str = ""
    phone: str = ""

    @property
    def given(self) -> bool:
        return bool(self.name.strip() or self.birth_date.strip() or self.phone.strip())


@dataclass(frozen=True)
class BookingRequest:
    staff_id: int
    service_id: int
    starts_at: datetime  # aware, the company's zone
    customer_id: int | None
    new_patient: NewPatient


@dataclass(frozen=True)
class Booked:
    appointment_id: int
    customer_id: int


def _new_patient_fields(
    patient: NewPatient, agent_names: Sequence[str], region: str, today: date
) -> dict[str, Any]:
    """The new customer's fields, each validated; a refusal names the field in German."""
    if not patient.name.strip():
        raise FormRefused(
            "Bitte wählen Sie einen Patienten aus oder geben Sie den Namen eines neuen Patienten "
            "ein.",
            status_code=422,
        )
    verdict = validate_name(patient.name, agent_names=agent_names, addressed=True)
    if not verdict.ok or verdict.last_name is None:
        why = label(verdict.reason, "rejection_reason")
        raise FormRefused(
            f"„{patient.name.strip()}“ ist kein gültiger Name ({why}). Bitte Vor- und Nachname "
            "eingeben.",
            status_code=422,
        )
    born = None
    if patient.birth_date.strip():
        born = parse_birth_date(patient.birth_date, today=today)
        if born is None:
            raise FormRefused(
                f"Das Geburtsdatum „{patient.birth_date.strip()}“ ist ungültig (z. B. 12.06.1992).",
                status_code=422,
            )
    phone = None
    if patient.phone.strip():
        phone = normalise_phone(patient.phone, region)
        if phone is None:
            raise FormRefused(
                f"Die Telefonnummer „{patient.phone.strip()}“ ist ungültig.", status_code=422
            )
    return {
        "first_name": verdict.first_name,
        "last_name": verdict.last_name,
        "salutation": verdict.salutation,
        "birth_date": born,
        "phone_e164": phone,
        "name": verdict.name,
    }


def _known_already(session: Session, company: Company, fields: dict[str, Any]) -> list[Customer]:
    """Customers the matcher would link the typed patient to: a second record is refused."""
    evidence = evidence_from(
        first_name=fields["first_name"],
        last_name=fields["last_name"],
        birth_date=fields["birth_date"],
        phone=fields["phone_e164"],
        region=company.region or "DE",
    )
    decision = match(session=session, company=company, evidence=evidence)
    if decision.decision != "link" or decision.customer_id is None:
        return []
    known = session.get(Customer, decision.customer_id)
    return [known] if known is not None and known.company_id == company.id else []


def book_for_patient(
    *,
    session: Session,
    company_id: int,
    user_id: int,
    request: BookingRequest,
    agent_names: Sequence[str] = (),
    now: datetime | None = None,
) -> Booked:
    """Book for the picked customer, or for a new one created from the form (only if the
    booking succeeds). Refused in German with the nearest free slots, the form kept."""
    now = now or utcnow()
    member = get_owned(session, Staff, request.staff_id, company_id)
    service = get_owned(session, Service, request.service_id, company_id)
    company = session.get(Company, company_id)
    if company is None:
        raise NotFound()
    picked = None
    if request.customer_id is not None:
        picked = get_owned(session, Customer, request.customer_id, company_id)
        if picked.status in ("merged", "erased"):
            raise FormRefused(
                "Dieser Patient wurde zusammengeführt oder gelöscht.", status_code=422
            )
    fields: dict[str, Any] = {}
    known: list[Customer] = []
    if picked is None:
        today = now.astimezone(ZoneInfo(company.timezone)).date()
        fields = _new_patient_fields(request.new_patient, agent_names, company.region, today)
        known = _known_already(session, company, fields)  # never a second record of a patient
    # A start scheduling does not offer is explained at once (the booking would refuse it the
    # same way, after searching its own alternatives); a free one is still decided by booking.
    free = _is_free(session, company, service, member, request.starts_at, now)
    if known or not free:
        refused = FormRefused("", status_code=409)
        if not free:
            refused = _refused(session, company, service, member, request.starts_at, now)
        if known:
            refused.message = f"{refused.message} {DUPLICATE}".strip()
            refused.suggestions = known
        raise refused
    with ports.refusals():  # other scheduling errors in German; a taken slot explained here
        try:
            with session.begin_nested():  # a refused booking leaves no new customer behind
                customer = picked or records.create_customer(
                    session,
                    company_id=company_id,
                    status="active",
                    first_name=fields["first_name"],
                    last_name=fields["last_name"],
                    salutation=fields["salutation"],
                    birth_date=fields["birth_date"],
                    phone_e164=fields["phone_e164"],
                    source=SOURCE,
                )
                appointment_id = ports.book(
                    session=session,
                    company_id=company_id,
                    staff_id=member.id,
                    service_id=service.id,
                    starts_at=request.starts_at,
                    customer_id=customer.id,
                    name=fields.get("name"),
                )
        except SlotUnavailable:
            raise _refused(session, company, service, member, request.starts_at, now) from None
    log.info(
        "appointment_booked_at_desk",
        company_id=company_id,
        appointment_id=appointment_id,
        customer_id=customer.id,
        new_customer=picked is None,
        user_id=user_id,
    )
    return Booked(appointment_id=appointment_id, customer_id=customer.id)


def _is_free(
    session: Session,
    company: Company,
    service: Service,
    member: Staff,
    start: datetime,
    now: datetime,
) -> bool:
    """Whether scheduling offers exactly this start (the booking itself decides in the end)."""
    day = start.astimezone(ZoneInfo(company.timezone)).date()
    found = slots.free_slots(
        session=session,
        company=company,
        service=service,
        staff=[member],
        first_day=day,
        last_day=day,
        now=now,
    )
    return any(slot.starts_at == start for slot in found)


def _refused(
    session: Session,
    company: Company,
    service: Service,
    member: Staff,
    start: datetime,
    now: datetime,
) -> FormRefused:
    refusal = refusals.why_not_bookable(
        session=session, company=company, service=service, member=member, start=start, now=now
    )
    nearest = refusals.nearest_free_slots(
        session=session, company=company, service=service, staff=[member], around=start, now=now
    )
    zone = ZoneInfo(company.timezone)
    sentence = refusal_sentence(refusal, service, member, start.astimezone(zone))
    return FormRefused(
        f"Nicht gebucht: {sentence}",
        status_code=409,
        alternatives=nearest,
        nearest_searched=True,
    )


def _hours(refusal: refusals.Refusal) -> str:
    return ", ".join(f"{lo:%H:%M}–{hi:%H:%M}" for lo, hi in refusal.hours)


def refusal_sentence(
    refusal: refusals.Refusal, service: Service, member: Staff, local: datetime
) -> str:
    """Why the start is not bookable, as a receptionist would say it."""
    day = day_label(local.date())
    when = f"{day}, {local:%H:%M}"
    note = f" ({refusal.note})" if refusal.note else ""
    settings = refusal.settings
    reason = refusal.reason
    if reason is Reason.PAST:
        return f"{when} liegt in der Vergangenheit."
    if reason is Reason.TOO_SOON:
        return (
            f"{when} ist zu kurzfristig: gebucht wird mindestens "
            f"{settings.min_notice_minutes} Minuten im Voraus."
        )
    if reason is Reason.BEYOND_HORIZON:
        return (
            f"{when} liegt zu weit in der Zukunft: gebucht wird höchstens "
            f"{settings.horizon_days} Tage im Voraus."
        )
    if reason is Reason.NOT_OFFERED:
        return f"{member.name} bietet „{service.name}“ nicht an."
    if reason is Reason.CLOSED:
        return f"Die Praxis ist am {day} geschlossen{note}."
    if reason is Reason.ABSENT:
        return f"{member.name} ist am {day} abwesend{note}."
    if reason is Reason.OUTSIDE_HOURS:
        if not refusal.hours:
            return f"{member.name} arbeitet am {day} nicht."
        return (
            f"{service.name} um {local:%H:%M} ({service.duration_minutes} min) liegt außerhalb "
            f"der Arbeitszeit von {member.name} (am {day}: {_hours(refusal)})."
        )
    if reason is Reason.OFF_GRID:
        return (
            f"Termine beginnen im {settings.slot_step_minutes}-Minuten-Takt ab Beginn der "
            f"Arbeitszeit ({_hours(refusal)}); {local:%H:%M} liegt dazwischen."
        )
    return f"{when} bei {member.name} ist schon vergeben."


def cancel(*, session: Session, company_id: int, user_id: int, appointment_id: int) -> None:
    """Cancel from the desk (scheduling's rule); the undo stays possible for a while."""
    appointment = get_owned(session, Appointment, appointment_id, company_id)
    with ports.refusals():
        ports.cancel_appointment(
            session=session, company_id=company_id, appointment_id=appointment.id
        )
    log.info(
        "appointment_cancelled_at_desk",
        company_id=company_id,
        appointment_id=appointment.id,
        user_id=user_id,
    )


def undo_cancel(
    *,
    session: Session,
    company_id: int,
    user_id: int,
    appointment_id: int,
    now: datetime | None = None,
) -> int:
    """Book the cancelled appointment again at its start (scheduling's rules: a slot given
    away meanwhile is refused); the restored appointment's id."""
    appointment = get_owned(session, Appointment, appointment_id, company_id)
    minutes = int(restore.UNDO_WINDOW.total_seconds() // 60)
    try:
        with ports.refusals():
            restored = restore.restore_cancelled(
                session=session, company_id=company_id, appointment_id=appointment.id, now=now
            )
    except ActionRefused as exc:
        cause = exc.__cause__
        if isinstance(cause, restore.UndoExpired):
            raise ActionRefused(
                f"Die Absage kann nur {minutes} Minuten lang rückgängig gemacht werden; "
                "bitte buchen Sie den Termin neu."
            ) from cause
        if isinstance(cause, SlotUnavailable):
            raise ActionRefused(
                "Rückgängig nicht möglich: Der Termin ist inzwischen anderweitig vergeben "
                "oder nicht mehr buchbar."
            ) from cause
        raise
    log.info(
        "appointment_cancel_undone_at_desk",
        company_id=company_id,
        appointment_id=appointment.id,
        restored_id=restored.id,
        user_id=user_id,
    )
    return restored.id
