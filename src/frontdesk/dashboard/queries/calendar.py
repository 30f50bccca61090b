"""The calendar of one company: staff, services and appointments for a day or a week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.identity.models import Customer
from frontdesk.scheduling.models import ACTIVE_STATUSES, Appointment, Service, Staff

DAY_START_HOUR = 7
DAY_END_HOUR = 20


@dataclass(frozen=True)
class Entry:
    appointment: Appointment
    customer: Customer | None
    top_pct: float  # position within the visible day, in percent
    height_pct: float


@dataclass
class DayColumn:
    day: date
    entries: list[Entry]


@dataclass
class CalendarView:
    start: date
    days: int
    staff: Sequence[Staff]
    selected: Staff | None
    services: Sequence[Service]
    columns: list[DayColumn]
    hours: list[int]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _position(value: datetime, tz: ZoneInfo) -> float:
    local = value.astimezone(tz)
    minutes = (local.hour - DAY_START_HOUR) * 60 + local.minute
    span = (DAY_END_HOUR - DAY_START_HOUR) * 60
    return max(0.0, min(100.0, minutes * 100.0 / span))


def calendar(
    *,
    session: Session,
    company_id: int,
    tz: ZoneInfo,
    start: date,
    days: int,
    staff_id: int | None,
) -> CalendarView:
    """Active appointments from `start` for `days` days, of one staff member (or all)."""
    staff = session.scalars(
        select(Staff)
        .where(Staff.company_id == company_id, Staff.active.is_(True))
        .order_by(Staff.name)
    ).all()
    selected = next((s for s in staff if s.id == staff_id), None)
    services = session.scalars(
        select(Service)
        .where(Service.company_id == company_id, Service.active.is_(True))
        .order_by(Service.name)
    ).all()
    begin = datetime.combine(start, time.min, tz)
    end = datetime.combine(start + timedelta(days=days), time.min, tz)
    query = select(Appointment).where(
        Appointment.company_id == company_id,
        Appointment.status.in_(ACTIVE_STATUSES),
        Appointment.starts_at >= begin,
        Appointment.starts_at < end,
    )
    if selected is not None:
        query = query.where(Appointment.staff_id == selected.id)
    appointments = session.scalars(query.order_by(Appointment.starts_at)).all()
    ids = {a.customer_id for a in appointments if a.customer_id}
    customers = (
        {
            c.id: c
            for c in session.scalars(
                select(Customer).where(Customer.company_id == company_id, Customer.id.in_(ids))
            )
        }
        if ids
        else {}
    )
    columns = [DayColumn(start + timedelta(days=i), []) for i in range(days)]
    for appt in appointments:
        index = (appt.starts_at.astimezone(tz).date() - start).days
        if 0 <= index < days:
            top = _position(appt.starts_at, tz)
            height = max(_position(appt.ends_at, tz) - top, 2.5)
            customer = customers.get(appt.customer_id or 0)
            columns[index].entries.append(Entry(appt, customer, top, height))
    return CalendarView(
        start=start,
        days=days,
        staff=staff,
        selected=selected,
        services=services,
        columns=columns,
        hours=list(range(DAY_START_HOUR, DAY_END_HOUR)),
    )
