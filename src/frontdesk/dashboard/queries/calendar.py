"""The calendar of one company as a resource view: for each day one column per staff member,
with their working hours, breaks, absences, closures, holidays, external busy times and
appointments placed by wall-clock minutes.

Working hours come from scheduling's own rules (`slots.working_intervals` over the date
overrides, holidays and absences that `closures` adds), so the grid shows exactly the hours
in which scheduling would book."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload, selectinload

from frontdesk.dashboard.queries.calendar_layout import minute_of_day, place, visible_hours
from frontdesk.identity.models import Customer
from frontdesk.scheduling import closures, slots
from frontdesk.scheduling.holidays import holidays_between
from frontdesk.scheduling.models import (
    ACTIVE_STATUSES,
    PENDING,
    Appointment,
    CalendarBusyBlock,
    DateOverride,
    Service,
    Staff,
    StaffAbsence,
)
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.tenancy.models import Company

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

    @property
    def hours(self) -> list[int]:
        return list(range(self.first_hour, self.end_hour))

    @property
    def span(self) -> int:
        """Visible minutes of a day."""
        return (self.end_hour - self.first_hour) * 60


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _overrides(
    session: Session, company: Company, staff_ids: list[int], first: date, last: date
) -> closures.Overrides:
    """Date overrides, public holidays and absences, as scheduling reads them for slots."""
    overrides: closures.Overrides = defaultdict(list)
    for row in session.scalars(
        select(DateOverride).where(
            DateOverride.company_id == company.id,
            DateOverride.day >= first,
            DateOverride.day <= last,
        )
    ):
        overrides[(row.staff_id, row.day)].append(row)
    closures.add_holidays(company, overrides, first, last)
    closures.add_absences(session, company, staff_ids, overrides, first, last)
    return overrides


def _absent_days(
    session: Session, company_id: int, staff_ids: list[int], first: date, last: date
) -> dict[tuple[int, date], str]:
    """(staff, day) -> the absence's note, to tell an absence from another day off."""
    found: dict[tuple[int, date], str] = {}
    for absence in session.scalars(
        select(StaffAbsence).where(
            StaffAbsence.company_id == company_id,
            StaffAbsence.staff_id.in_(staff_ids),
            StaffAbsence.first_day <= last,
            StaffAbsence.last_day >= first,
        )
    ):
        day = max(absence.first_day, first)
        while day <= min(absence.last_day, last):
            found[(absence.staff_id, day)] = absence.note or ""
            day += timedelta(days=1)
    return found


def _closed_label(rows: list[DateOverride], holidays: dict[date, str], day: date) -> str:
    note = next((r.note for r in rows if r.note), None)
    if day in holidays and note == holidays[day]:
        return f"Feiertag: {note}"
    return f"Praxis geschlossen: {note}" if note else "Praxis geschlossen"


def _day_bands(
    member: Staff,
    day: date,
    overrides: closures.Overrides,
    absent: dict[tuple[int, date], str],
    holidays: dict[date, str],
    tz: ZoneInfo,
) -> tuple[list[tuple[int, int]], tuple[str, str] | None]:
    """The member's working minutes of `day`, and (kind, label) when the whole day is off."""
    intervals = slots.working_intervals(member, day, overrides, tz)
    minutes = [(minute_of_day(lo, day, tz), minute_of_day(hi, day, tz)) for lo, hi in intervals]
    if minutes:
        return minutes, None
    own = overrides.get((member.id, day)) or []
    company_rows = overrides.get((None, day)) or []
    if (member.id, day) in absent:
        why = absent[(member.id, day)]
        return [], ("absence", f"Abwesend: {why}" if why else "Abwesend")
    if any(r.closed for r in own):
        note = next((r.note for r in own if r.note), None)
        return [], ("off", f"Frei: {note}" if note else "Frei")
    if not own and any(r.closed for r in company_rows):
        kind = "holiday" if day in holidays else "closed"
        return [], (kind, _closed_label(company_rows, holidays, day))
    return [], None  # not a working day for this member


def _weekly_day(member: Staff, day: date) -> bool:
    """Whether `day` is one of the member's usual working weekdays (closed or not)."""
    return any(h.weekday == day.weekday() for h in member.hours)


def _appointments(
    session: Session, company_id: int, begin: datetime, end: datetime, staff_id: int | None
) -> tuple[Sequence[Appointment], dict[int, Patient]]:
    # Service and staff come from the identity map (both are loaded before): no join per row.
    query = (
        select(Appointment)
        .where(
            Appointment.company_id == company_id,
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.starts_at >= begin,
            Appointment.starts_at < end,
        )
        .options(lazyload(Appointment.service), lazyload(Appointment.staff))
    )
    if staff_id is not None:
        query = query.where(Appointment.staff_id == staff_id)
    appointments = session.scalars(query.order_by(Appointment.starts_at, Appointment.id)).all()
    ids = {a.customer_id for a in appointments if a.customer_id}
    patients: dict[int, Patient] = {}
    if ids:
        rows = session.execute(
            select(
                Customer.id,
                Customer.first_name,
                Customer.last_name,
                Customer.label,
                Customer.status,
            ).where(Customer.company_id == company_id, Customer.id.in_(ids))
        )
        patients = {row[0]: Patient(*row[1:]) for row in rows}
    return appointments, patients


def _busy_blocks(
    session: Session, company_id: int, staff_ids: list[int], begin: datetime, end: datetime
) -> Sequence[CalendarBusyBlock]:
    """Busy times of the members' external calendars as last pulled (never pulled here)."""
    return session.scalars(
        select(CalendarBusyBlock).where(
            CalendarBusyBlock.company_id == company_id,
            CalendarBusyBlock.staff_id.in_(staff_ids),
            CalendarBusyBlock.starts_at < end,
            CalendarBusyBlock.ends_at > begin,
        )
    ).all()


def calendar(
    *,
    session: Session,
    company_id: int,
    tz: ZoneInfo,
    start: date,
    days: int,
    staff_id: int | None,
    hide_idle_days: bool = False,
) -> CalendarView:
    """Active appointments from `start` for `days` days, in one column per staff member (or
    only the selected one's), with each member's working hours and blocked areas.

    `hide_idle_days` leaves out days that are nobody's working weekday and have nothing booked
    (the weekend of a weekday practice), so the other days get the width; a closed weekday
    stays, to show why."""
    company = session.get(Company, company_id)
    if company is None:
        raise LookupError(f"no company {company_id}")
    everyone = session.scalars(
        select(Staff)
        .where(Staff.company_id == company_id)
        .options(selectinload(Staff.hours))
        .order_by(Staff.name, Staff.id)
    ).all()
    active = [s for s in everyone if s.active]
    selected = next((s for s in everyone if s.id == staff_id), None)
    # Every service (inactive ones too) so that appointments find theirs in the identity map.
    every_service = session.scalars(
        select(Service).where(Service.company_id == company_id).order_by(Service.name)
    ).all()
    services = [s for s in every_service if s.active]
    first, last = start, start + timedelta(days=days - 1)
    begin = datetime.combine(first, time.min, tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tz).astimezone(UTC)
    appointments, customers = _appointments(
        session, company_id, begin, end, selected.id if selected else None
    )
    # An inactive member keeps a column while they still have appointments: nothing is hidden.
    booked_staff = {a.staff_id for a in appointments}
    shown = (
        [selected]
        if selected is not None
        else [s for s in everyone if s.active or s.id in booked_staff]
    )
    shown_ids = [s.id for s in shown]
    overrides = _overrides(session, company, shown_ids, first, last)
    absent = _absent_days(session, company_id, shown_ids, first, last)
    holidays = holidays_between(closures.holiday_region(company), first, last)
    busy = _busy_blocks(session, company_id, shown_ids, begin, end)

    by_cell: dict[tuple[date, int], list[tuple[Entry, int, int]]] = defaultdict(list)
    spans: list[tuple[int, int]] = []
    for appt in appointments:
        day = appt.starts_at.astimezone(tz).date()
        lo = minute_of_day(appt.starts_at, day, tz)
        hi = max(minute_of_day(appt.ends_at, day, tz), lo + 1)
        entry = Entry(
            appt,
            customers.get(appt.customer_id or 0),
            starts=appt.starts_at.astimezone(tz).strftime("%H:%M"),
            ends=appt.ends_at.astimezone(tz).strftime("%H:%M"),
        )
        by_cell[(day, appt.staff_id)].append((entry, lo, hi))
        spans.append((lo, hi))

    raw: list[tuple[date, Staff, list[tuple[int, int]], tuple[str, str] | None]] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        for member in shown:
            working, whole_day = _day_bands(member, day, overrides, absent, holidays, tz)
            raw.append((day, member, working, whole_day))
            spans.extend(working)
    first_hour, end_hour = visible_hours(spans)
    origin, span = first_hour * 60, (end_hour - first_hour) * 60

    def band(kind: str, lo: int, hi: int, label: str = "") -> Band:
        lo, hi = max(lo, origin), min(hi, origin + span)
        return Band(kind, lo - origin, max(hi - lo, 0), label)

    busy_by_cell: dict[tuple[date, int], list[tuple[int, int]]] = defaultdict(list)
    for block in busy:
        day = block.starts_at.astimezone(tz).date()
        while day <= min(last, block.ends_at.astimezone(tz).date()):
            if day >= first:
                lo = minute_of_day(block.starts_at, day, tz)
                hi = minute_of_day(block.ends_at, day, tz)
                busy_by_cell[(day, block.staff_id)].append((lo, hi))
            day += timedelta(days=1)

    cells: dict[date, list[StaffDay]] = defaultdict(list)
    for day, member, working, whole_day in raw:
        cell = StaffDay(member, day, colour=shown.index(member))
        cell.working = [band("work", lo, hi) for lo, hi in working]
        cell.blocked = [
            band("break", prev_hi, lo, "Pause")
            for (_, prev_hi), (lo, _) in pairwise(working)
            if lo > prev_hi
        ]
        if whole_day is not None:
            cell.blocked.append(band(whole_day[0], origin, origin + span, whole_day[1]))
        cell.blocked.extend(
            band("busy", lo, hi, "extern belegt") for lo, hi in busy_by_cell[(day, member.id)]
        )
        cell.entries = [
            replace(p.item, top=p.top - origin, length=p.length, lane=p.lane, lanes=p.lanes)
            for p in place(by_cell.get((day, member.id), []))
        ]
        cells[day].append(cell)

    columns = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        staff_days = cells[day]
        if hide_idle_days and not any(
            c.working or c.entries or _weekly_day(c.staff, day) for c in staff_days
        ):
            continue
        company_rows = overrides.get((None, day)) or []
        closed = (
            _closed_label(company_rows, holidays, day)
            if any(r.closed for r in company_rows)
            else None
        )
        entries = sorted(
            (e for c in staff_days for e in c.entries),
            key=lambda e: (e.appointment.starts_at, e.appointment.staff.name),
        )
        columns.append(DayColumn(day, entries, staff_days, closed))
    return CalendarView(
        start=start,
        days=days,
        staff=active,
        shown=shown,
        selected=selected,
        services=services,
        columns=columns,
        first_hour=first_hour,
        end_hour=end_hour,
        step_minutes=SchedulingSettings.of(company).slot_step_minutes,
    )
