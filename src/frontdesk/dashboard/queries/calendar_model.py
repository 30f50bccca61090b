"""What the calendar page shows: a staff member's day of working hours, blocked areas and
entries, the day columns and the whole view. Built by queries.calendar, read by templates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from frontdesk.dashboard.labels import label
from frontdesk.scheduling.models import PENDING, Appointment, Service, Staff

PROVISIONAL = "provisional"


@dataclass(frozen=True)
class Patient:
    """What an entry shows of its customer (a few columns, not the whole record)."""

    first_name: str | None
    last_name: str | None
    label: str | None
    status: str


@dataclass(frozen=True)
class Entry:
    """One appointment in a staff member's column; minutes count from the view's first hour.
    Times are wall-clock strings already (hundreds of entries render per page)."""

    appointment: Appointment
    customer: Patient | None
    starts: str = ""  # "08:15"
    ends: str = ""
    top: int = 0
    length: int = 0
    lane: int = 0
    lanes: int = 1

    @property
    def patient(self) -> str:
        customer = self.customer
        name = (
            " ".join(p for p in (customer.first_name, customer.last_name) if p)
            if customer is not None
            else None
        )
        return (
            name
            or self.appointment.booked_for_name
            or (customer.label if customer is not None else None)
            or "ohne Namen"
        )

    @property
    def patient_by_surname(self) -> str:
        """ "Meyer, Jutta": in a narrow column the part that tells patients apart comes first."""
        customer = self.customer
        if customer is not None and customer.last_name and customer.first_name:
            return f"{customer.last_name}, {customer.first_name}"
        return self.patient

    @property
    def provisional(self) -> bool:
        return self.customer is not None and self.customer.status == PROVISIONAL

    @property
    def pending(self) -> bool:
        return self.appointment.status == PENDING

    @property
    def about(self) -> str:
        """Everything in one line, for the tooltip: time, service, patient, staff, status."""
        a = self.appointment
        parts = [
            f"{self.starts}–{self.ends}",
            a.service.name,
            self.patient,
            a.staff.name,
            label(a.status, "appointment_status"),
        ]
        if self.provisional and self.customer is not None:
            parts.append("Patient " + label(self.customer.status, "customer_status"))
        return " · ".join(parts)

    @property
    def minutes(self) -> int:
        return int((self.appointment.ends_at - self.appointment.starts_at).total_seconds() // 60)


@dataclass(frozen=True)
class Band:
    """A stretch of a staff member's day: working time, or a blocked area and why."""

    kind: str  # work | break | absence | off | closed | holiday | busy
    top: int
    length: int
    label: str = ""


@dataclass
class StaffDay:
    staff: Staff
    day: date
    colour: int = 0  # the member's place among the shown staff, for a steady colour
    working: list[Band] = field(default_factory=list)
    blocked: list[Band] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


@dataclass
class DayColumn:
    day: date
    entries: list[Entry]  # every shown staff member's, by time (the overview's agenda)
    staff_days: list[StaffDay]
    closed: str | None = None  # why the whole practice is closed, if it is


@dataclass
class CalendarView:
    start: date
    days: int
    staff: Sequence[Staff]  # every active member (filters, booking form)
    shown: Sequence[Staff]  # the columns of each day
    selected: Staff | None
    services: Sequence[Service]
    columns: list[DayColumn]
    first_hour: int
    end_hour: int
    step_minutes: int
    now_top: int | None = None  # where the current time is, in today's columns (if shown)

    @property
    def hours(self) -> list[int]:
        return list(range(self.first_hour, self.end_hour))

    @property
    def span(self) -> int:
        """Visible minutes of a day."""
        return (self.end_hour - self.first_hour) * 60


@dataclass(frozen=True)
class Frame:
    """The visible part of a day: minutes `origin` .. `origin + span` of the wall clock."""

    origin: int
    span: int

    def band(self, kind: str, lo: int, hi: int, label: str = "") -> Band:
        lo, hi = max(lo, self.origin), min(hi, self.origin + self.span)
        return Band(kind, lo - self.origin, max(hi - lo, 0), label)
