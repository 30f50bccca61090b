"""Abwesenheiten: the company's staff absences, and the appointments that fall into one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.identity.models import Customer
from frontdesk.scheduling import absences as scheduling_absences
from frontdesk.scheduling.models import Appointment, Staff, StaffAbsence

SOURCE_LABELS = {"file": "Praxisdatei", "manual": "manuell"}


@dataclass(frozen=True)
class AbsenceRow:
    absence: StaffAbsence
    staff_name: str

    @property
    def source(self) -> str:
        return SOURCE_LABELS.get(self.absence.source, self.absence.source)


@dataclass(frozen=True)
class AffectedRow:
    appointment: Appointment
    customer: Customer | None  # only a customer of the same company


def absences(*, session: Session, company_id: int) -> list[AbsenceRow]:
    """Every absence of the company by first day, with its staff member's name."""
    rows = scheduling_absences.absences_of(session=session, company_id=company_id)
    staff = {
        s.id: s.name
        for s in session.scalars(select(Staff).where(Staff.company_id == company_id)).all()
    }
    return [AbsenceRow(absence=a, staff_name=staff.get(a.staff_id, "–")) for a in rows]


def find(*, session: Session, company_id: int, absence_id: int) -> StaffAbsence | None:
    """The company's absence, or None (another company's id is the same as none)."""
    absence = session.get(StaffAbsence, absence_id)
    return absence if absence is not None and absence.company_id == company_id else None


def affected(
    *, session: Session, company_id: int, appointments: Sequence[Appointment]
) -> list[AffectedRow]:
    """The appointments with their customers (scoped to the company)."""
    ids = {a.customer_id for a in appointments if a.customer_id}
    customers = (
        {
            c.id: c
            for c in session.scalars(
                select(Customer).where(Customer.company_id == company_id, Customer.id.in_(ids))
            ).all()
        }
        if ids
        else {}
    )
    return [
        AffectedRow(appointment=a, customer=customers.get(a.customer_id) if a.customer_id else None)
        for a in appointments
        if a.company_id == company_id
    ]
