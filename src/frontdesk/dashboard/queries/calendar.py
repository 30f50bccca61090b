"""The calendar of one company as a resource view: for each day one column per staff member,
with their working hours, breaks, absences, closures, holidays, external busy times and
appointments placed by wall-clock minutes.

Working hours come from scheduling's own rules (`slots.working_intervals` over the date
overrides, holidays and absences that `closures` adds), so the grid shows exactly the hours
in which scheduling would book."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload, selectinload

from frontdesk.dashboard.queries.calendar_layout import minute_of_day, place, visible_hours
from frontdesk.dashboard.queries.calendar_model import (
    CalendarView,
    DayColumn,
    Entry,
    Frame,
    Patient,
    StaffDay,
)
from frontdesk.identity.models import Customer
from frontdesk.scheduling import closures, slots
from frontdesk.scheduling.holidays import holidays_between
from frontdesk.scheduling.models import (
    ACTIVE_STATUSES,
    Appointment,
    CalendarBusyBlock,
    DateOverride,
    Service,
    Staff,
    StaffAbsence,
)
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.tenancy.models import Company


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _overrides(
    session: Session, company: Company, staff_ids: list[int], first: date, last: date
) -> closures.Overrides:
    """Date overrides, public holidays and absences, as scheduling reads them for slots."""
    return closures.overrides_between(session, company, staff_ids, first, last)


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


def _entries_by_cell(
    appointments: Sequence[Appointment], patients: dict[int, Patient], tz: ZoneInfo
) -> dict[tuple[date, int], list[tuple[Entry, int, int]]]:
    """(day, staff) -> (entry, start minute, end minute) of each appointment."""
    cells: dict[tuple[date, int], list[tuple[Entry, int, int]]] = defaultdict(list)
    for appt in appointments:
        starts, ends = appt.starts_at.astimezone(tz), appt.ends_at.astimezone(tz)
        lo = minute_of_day(starts, starts.date(), tz)
        hi = max(minute_of_day(ends, starts.date(), tz), lo + 1)
        entry = Entry(
            appt,
            patients.get(appt.customer_id or 0),
            starts=starts.strftime("%H:%M"),
            ends=ends.strftime("%H:%M"),
        )
        cells[(starts.date(), appt.staff_id)].append((entry, lo, hi))
    return cells


def _busy_by_cell(
    blocks: Sequence[CalendarBusyBlock], tz: ZoneInfo, first: date, last: date
) -> dict[tuple[date, int], list[tuple[int, int]]]:
    """(day, staff) -> minute ranges of external busy times (a block may span days)."""
    cells: dict[tuple[date, int], list[tuple[int, int]]] = defaultdict(list)
    for block in blocks:
        day = block.starts_at.astimezone(tz).date()
        while day <= min(last, block.ends_at.astimezone(tz).date()):
            if day >= first:
                lo = minute_of_day(block.starts_at, day, tz)
                cells[(day, block.staff_id)].append((lo, minute_of_day(block.ends_at, day, tz)))
            day += timedelta(days=1)
    return cells


def _staff_day(
    cell: StaffDay,
    working: list[tuple[int, int]],
    whole_day: tuple[str, str] | None,
    busy: list[tuple[int, int]],
    entries: list[tuple[Entry, int, int]],
    frame: Frame,
) -> StaffDay:
    """Fill one member's column of one day: hours, breaks between them, the day off (why),
    external busy times and the placed entries."""
    cell.working = [frame.band("work", lo, hi) for lo, hi in working]
    cell.blocked = [
        frame.band("break", prev_hi, lo, "Pause")
        for (_, prev_hi), (lo, _) in pairwise(working)
        if lo > prev_hi
    ]
    if whole_day is not None:
        kind, label = whole_day
        cell.blocked.append(frame.band(kind, frame.origin, frame.origin + frame.span, label))
    cell.blocked.extend(frame.band("busy", lo, hi, "extern belegt") for lo, hi in busy)
    cell.entries = [
        replace(p.item, top=p.top - frame.origin, length=p.length, lane=p.lane, lanes=p.lanes)
        for p in place(entries)
    ]
    return cell


def calendar(
    *,
    session: Session,
    company_id: int,
    tz: ZoneInfo,
    start: date,
    days: int,
    staff_id: int | None,
    hide_idle_days: bool = False,
    now: datetime | None = None,
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
    selected = next((s for s in everyone if s.id == staff_id), None)
    # Every service (inactive ones too) so that appointments find theirs in the identity map.
    every_service = session.scalars(
        select(Service).where(Service.company_id == company_id).order_by(Service.name)
    ).all()
    first, last = start, start + timedelta(days=days - 1)
    begin = datetime.combine(first, time.min, tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, tz).astimezone(UTC)
    appointments, patients = _appointments(
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
    busy = _busy_by_cell(_busy_blocks(session, company_id, shown_ids, begin, end), tz, first, last)
    entries = _entries_by_cell(appointments, patients, tz)

    dates = [first + timedelta(days=offset) for offset in range(days)]
    bands = {
        (day, member.id): _day_bands(member, day, overrides, absent, holidays, tz)
        for day in dates
        for member in shown
    }
    spans = [lh for working, _ in bands.values() for lh in working]
    spans += [(lo, hi) for cell in entries.values() for _, lo, hi in cell]
    first_hour, end_hour = visible_hours(spans)
    frame = Frame(first_hour * 60, (end_hour - first_hour) * 60)

    columns = []
    for day in dates:
        staff_days = [
            _staff_day(
                StaffDay(member, day, colour=index),
                *bands[(day, member.id)],
                busy.get((day, member.id), []),
                entries.get((day, member.id), []),
                frame,
            )
            for index, member in enumerate(shown)
        ]
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
        agenda = sorted(
            (e for c in staff_days for e in c.entries),
            key=lambda e: (e.appointment.starts_at, e.appointment.staff.name),
        )
        columns.append(DayColumn(day, agenda, staff_days, closed))
    return CalendarView(
        start=start,
        days=days,
        staff=[s for s in everyone if s.active],
        shown=shown,
        selected=selected,
        services=[s for s in every_service if s.active],
        columns=columns,
        first_hour=first_hour,
        end_hour=end_hour,
        step_minutes=SchedulingSettings.of(company).slot_step_minutes,
        now_top=_now_top(now, tz, first, last, frame),
    )


def _now_top(
    now: datetime | None, tz: ZoneInfo, first: date, last: date, frame: Frame
) -> int | None:
    """Minutes of `now` from the view's first hour, when it falls inside the shown hours."""
    if now is None:
        return None
    local = now.astimezone(tz)
    top = minute_of_day(local, local.date(), tz) - frame.origin
    return top if first <= local.date() <= last and 0 <= top <= frame.span else None
