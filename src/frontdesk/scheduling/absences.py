"""Staff absences: no slots on the absent days, and every appointment that falls into a new
absence listed and put in front of a person for rebooking (never silently kept or deleted)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.followup import service as followup_service
from frontdesk.scheduling.booking import company_or_raise, staff_for
from frontdesk.scheduling.errors import SchedulingError
from frontdesk.scheduling.models import ACTIVE_STATUSES, Appointment, StaffAbsence
from frontdesk.scheduling.slots import local_datetime
from frontdesk.scheduling.spoken import spoken_date, spoken_datetime

REVIEW_REASON = "staff_absent"


@dataclass(frozen=True)
class AbsenceReport:
    absence: StaffAbsence
    affected: Sequence[Appointment]  # active appointments inside it, each with a review item


def add_absence(
    *,
    session: Session,
    company_id: int,
    staff: str | int,
    first_day: date,
    last_day: date,
    note: str | None = None,
    source: str = "manual",
) -> AbsenceReport:
    if first_day > last_day:
        raise SchedulingError("an absence's first day must not lie after its last day")
    members = staff_for(session, company_id, staff)
    if len(members) != 1:
        raise SchedulingError(f"staff {staff!r} is not one member of this practice")
    absence = StaffAbsence(
        company_id=company_id,
        staff_id=members[0].id,
        first_day=first_day,
        last_day=last_day,
        note=note,
        source=source,
    )
    session.add(absence)
    session.flush()
    return AbsenceReport(absence, review_affected(session, absence))


def affected_appointments(session: Session, absence: StaffAbsence) -> Sequence[Appointment]:
    company = company_or_raise(session, absence.company_id)
    zone = ZoneInfo(company.timezone)
    lo = local_datetime(absence.first_day, time(0), zone)
    hi = local_datetime(absence.last_day + timedelta(days=1), time(0), zone)
    return session.scalars(
        select(Appointment)
        .where(
            Appointment.company_id == absence.company_id,
            Appointment.staff_id == absence.staff_id,
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.starts_at >= lo,
            Appointment.starts_at < hi,
        )
        .order_by(Appointment.starts_at)
    ).all()


def review_affected(session: Session, absence: StaffAbsence) -> Sequence[Appointment]:
    """One review item per appointment in the absence: who, when, what to do."""
    company = company_or_raise(session, absence.company_id)
    zone = ZoneInfo(company.timezone)
    affected = affected_appointments(session, absence)
    span = f"{spoken_date(absence.first_day)} bis {spoken_date(absence.last_day)}"
    for appointment in affected:
        followup_service.open_item(
            session=session,
            company_id=absence.company_id,
            reason=REVIEW_REASON,
            customer_id=appointment.customer_id,
            priority=followup_service.PRIORITY_HIGH,
            summary=(
                f"{appointment.staff.name} ist {span} abwesend"
                f"{f' ({absence.note})' if absence.note else ''}: der Termin "
                f"{spoken_datetime(appointment.starts_at.astimezone(zone))} "
                f"({appointment.service.name}) muss umgebucht werden."
            ),
            details={"appointment_id": appointment.id, "absence_id": absence.id},
        )
    return affected


def absences_of(*, session: Session, company_id: int) -> Sequence[StaffAbsence]:
    return session.scalars(
        select(StaffAbsence)
        .where(StaffAbsence.company_id == company_id)
        .order_by(StaffAbsence.first_day, StaffAbsence.id)
    ).all()
