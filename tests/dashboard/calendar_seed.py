"""A practice with three staff members for the calendar's tests and screenshots: breaks, an
absence, a short day, a closed day, 15- and 10-minute appointments back to back, unconfirmed
appointments, a provisional patient and a very long name, all in next week."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.accounts import service as accounts_service
from frontdesk.identity import records
from frontdesk.scheduling.models import (
    CONFIRMED,
    PENDING,
    RESCHEDULED,
    Appointment,
    Service,
    Staff,
)
from frontdesk.scheduling.practice import load_practice
from frontdesk.scheduling.practice_schema import parse_practice
from tests.dashboard.seed import BERLIN, PASSWORD, next_monday

OWNER = "owner@markt.test"

_PRACTICE = """
company:
  name: Praxis am Markt
  timezone: Europe/Berlin
  numbers: ["+4930555000111"]
scheduling:
  min_notice_minutes: 0
  horizon_days: 60
  slot_step_minutes: 5
services:
  - {{name: Kontrolle, duration_minutes: 15}}
  - {{name: Blutabnahme, duration_minutes: 10}}
  - {{name: Beratung, duration_minutes: 30}}
  - {{name: Untersuchung, duration_minutes: 45}}
staff:
  - name: Dr. Anna Sommer
    key: sommer
    services: [Kontrolle, Blutabnahme, Beratung, Untersuchung]
    hours: {{mo: "08:00-12:00, 13:00-17:00", di: "08:00-12:00, 13:00-17:00",
            mi: "08:00-12:00, 13:00-17:00", do: "08:00-12:00, 13:00-17:00", fr: "08:00-13:00"}}
  - name: Dr. Jonas Winter
    key: winter
    services: [Kontrolle, Beratung, Untersuchung]
    hours: {{mo: "09:00-13:00, 14:00-18:00", di: "09:00-13:00, 14:00-18:00",
            mi: "09:00-13:00, 14:00-18:00", do: "09:00-13:00, 14:00-18:00", fr: "09:00-13:00"}}
    absences: [{{from: {wednesday}, to: {wednesday}, note: Fortbildung}}]
  - name: Lea Herbst
    key: herbst
    services: [Kontrolle, Blutabnahme]
    hours: {{mo: "07:30-15:30", di: "07:30-15:30", mi: "07:30-15:30", do: "07:30-15:30",
            fr: "07:30-12:30"}}
overrides:
  - {{date: {thursday}, closed: true, note: Betriebsausflug}}
"""

LONG_NAME = ("Maximiliane-Theodora", "von Hohenzollern-Sigmaringen-Wittelsbach")


@dataclass
class CalendarSeeded:
    company_id: int
    monday: date
    staff: dict[str, int]  # key -> id
    services: dict[str, int]  # name -> id
    appointments: dict[str, int] = field(default_factory=dict)  # label -> id
    names: dict[str, str] = field(default_factory=dict)  # label -> patient name (day view)
    by_surname: dict[str, str] = field(default_factory=dict)  # label -> "Meyer, Jutta" (week)


def seed_calendar(session: Session) -> CalendarSeeded:
    monday = next_monday()
    practice = parse_practice(
        _PRACTICE.format(
            wednesday=(monday + timedelta(days=2)).isoformat(),
            thursday=(monday + timedelta(days=3)).isoformat(),
        )
    )
    company_id = load_practice(session=session, practice=practice).company_id
    accounts_service.create_user(
        session=session, company_id=company_id, email=OWNER, role="owner", password=PASSWORD
    )
    staff = {
        s.key: s.id for s in session.scalars(select(Staff).where(Staff.company_id == company_id))
    }
    services = {
        s.name: s for s in session.scalars(select(Service).where(Service.company_id == company_id))
    }
    seeded = CalendarSeeded(company_id, monday, staff, {name: s.id for name, s in services.items()})
    people = [
        ("Jutta", "Meyer"),
        ("Peter", "Schulz"),
        ("Eva", "Krüger"),
        ("Paul", "Neumann"),
        ("Sabine", "Hartmann"),
        ("Thomas", "Zimmermann"),
        LONG_NAME,
        ("Lena", "Wolf"),
    ]
    customers = [
        records.create_customer(
            session, company_id=company_id, status="active", first_name=first, last_name=last
        )
        for first, last in people
    ]
    provisional = records.create_customer(
        session,
        company_id=company_id,
        status="provisional",
        first_name="Karin",
        last_name="Vorläufig",
        label="Anruferin vom Montag",
    )

    def add(
        label: str,
        day: int,
        at: str,
        staff_key: str,
        service: str,
        customer_index: int | None,
        status: str = CONFIRMED,
    ) -> None:
        chosen = services[service]
        begin = datetime.combine(monday + timedelta(days=day), time.fromisoformat(at), BERLIN)
        end = begin + timedelta(minutes=chosen.duration_minutes)
        customer = provisional if customer_index is None else customers[customer_index]
        row = Appointment(
            company_id=company_id,
            customer_id=customer.id,
            service_id=chosen.id,
            staff_id=staff[staff_key],
            starts_at=begin,
            ends_at=end,
            blocked_from=begin,
            blocked_until=end,
            status=status,
            confidence=1.0 if status == CONFIRMED else 0.5,
        )
        session.add(row)
        session.flush()
        seeded.appointments[label] = row.id
        seeded.names[label] = customer.full_name or ""
        seeded.by_surname[label] = f"{customer.last_name}, {customer.first_name}"

    # Monday: a morning of 15-minute controls back to back for each of the three.
    for i, at in enumerate(("08:00", "08:15", "08:30", "08:45", "09:00")):
        add(f"sommer-{at}", 0, at, "sommer", "Kontrolle", i % len(customers))
    for i, at in enumerate(("09:00", "09:15", "09:30", "09:45")):
        add(f"winter-{at}", 0, at, "winter", "Kontrolle", (i + 3) % len(customers))
    add("herbst-07:30", 0, "07:30", "herbst", "Blutabnahme", 6)  # the very long name
    add("herbst-07:40", 0, "07:40", "herbst", "Blutabnahme", 1)  # 10 minutes: drawn as 15
    add("herbst-08:00", 0, "08:00", "herbst", "Kontrolle", 2, PENDING)
    add("herbst-08:15", 0, "08:15", "herbst", "Kontrolle", None, PENDING)  # provisional
    add("sommer-10:00", 0, "10:00", "sommer", "Beratung", 7)
    add("winter-10:00", 0, "10:00", "winter", "Untersuchung", 4)
    add("sommer-14:00", 0, "14:00", "sommer", "Untersuchung", 5)
    # Tuesday and Friday: a few more, some unconfirmed.
    add("tue-sommer-09:00", 1, "09:00", "sommer", "Beratung", 0)
    add("tue-winter-11:00", 1, "11:00", "winter", "Kontrolle", 6, PENDING)
    add("tue-herbst-08:00", 1, "08:00", "herbst", "Kontrolle", 3)
    add("fri-sommer-11:00", 4, "11:00", "sommer", "Kontrolle", 5)
    add("fri-herbst-09:00", 4, "09:00", "herbst", "Blutabnahme", None, PENDING)
    return seeded


def current(session: Session, appointment_id: int) -> tuple[int, datetime, str, int]:
    """(staff, local start, status, id) of what the appointment became: moves replace it."""
    row = session.get(Appointment, appointment_id)
    while row is not None and row.status == RESCHEDULED and row.replaced_by_id:
        row = session.get(Appointment, row.replaced_by_id)
    assert row is not None
    return row.staff_id, row.starts_at.astimezone(BERLIN), row.status, row.id
