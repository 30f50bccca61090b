"""Free slots, always computed from the current rows, in the company's time zone.

A candidate start is a wall-clock instant inside a working interval of a staff member (weekly
hours, or that date's overrides), stepped in real elapsed minutes from the interval's start,
so days on which clocks change get exactly the hours that really exist. A candidate is free
when its blocked range (visible range widened by the service's buffers) meets no active
appointment and no live hold of another call, it starts after the minimum notice, and its day
lies within the booking horizon. Nothing is cached: every call reads the tables again.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import CompoundSelect, bindparam, or_, select
from sqlalchemy.orm import Session

from frontdesk.db.core import naive_utc
from frontdesk.scheduling import closures
from frontdesk.scheduling.calendar_sync_pull import busy_ranges as external_busy
from frontdesk.scheduling.errors import InvalidSlot
from frontdesk.scheduling.models import (
    ACTIVE_STATUSES,
    Appointment,
    DateOverride,
    Service,
    SlotHold,
    Staff,
)
from frontdesk.scheduling.ranking import NEARBY, rank_slots, window_for
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.tenancy.models import Company

# No appointment (with buffers) is longer than this; bounds the busy query's index range.
MAX_BLOCK = timedelta(hours=24)
# next_available searches this many days first, then chunks that double.
FIRST_CHUNK_DAYS = 7
# ranked_offers loads at least this many days from today with a window near today, so a
# window without a free slot seldom needs a second load (calendars are fullest soonest).
FIRST_SPAN_DAYS = 14
_SLOT_ID = re.compile(r"^\s*([0-9]+)-([0-9]+)-([0-9]{12})\s*$")


class WishLike(Protocol):
    """What slots need of a parsed wish (frontdesk.scheduling.dates.DateWish fits)."""

    @property
    def date_from(self) -> date | None: ...
    @property
    def date_to(self) -> date | None: ...
    @property
    def time(self) -> time | None: ...
    @property
    def daypart(self) -> str | None: ...


# Inside SlotWish the name `time` is the field; the range fields need the type by another name.
_Clock = time


@dataclass(frozen=True)
class SlotWish:
    """A wish built in code: a day range, a time of day (or a time range) and/or a daypart."""

    date_from: date | None = None
    date_to: date | None = None
    time: time | None = None
    daypart: str | None = None
    # Read by ranking.wished_range, outside WishLike so other wishes need not carry them.
    time_from: _Clock | None = None
    time_to: _Clock | None = None


@dataclass(frozen=True)
class Slot:
    staff_id: int
    staff_name: str
    service_id: int
    service_name: str
    starts_at: datetime  # UTC, what the customer is told
    ends_at: datetime
    blocked_from: datetime  # UTC, buffers included
    blocked_until: datetime
    local_start: datetime  # starts_at in the company's zone

    @property
    def id(self) -> str:
        return encode_slot_id(self.staff_id, self.service_id, self.starts_at)


def encode_slot_id(staff_id: int, service_id: int, starts_at: datetime) -> str:
    """'3-2-202612010800': staff, service and the UTC start; enough to book from alone."""
    return f"{staff_id}-{service_id}-{starts_at.astimezone(UTC):%Y%m%d%H%M}"


def decode_slot_id(slot_id: str) -> tuple[int, int, datetime]:
    match = _SLOT_ID.match(slot_id or "")
    if match is None:
        raise InvalidSlot(f"not a slot id: {slot_id!r}")
    try:
        start = datetime.strptime(match.group(3), "%Y%m%d%H%M").replace(tzinfo=UTC)
    except ValueError as exc:
        raise InvalidSlot(f"not a slot id: {slot_id!r}") from exc
    return int(match.group(1)), int(match.group(2)), start


def blocked_range(service: Service, starts_at: datetime) -> tuple[datetime, datetime, datetime]:
    """(ends_at, blocked_from, blocked_until) of the service starting at `starts_at`."""
    ends_at = starts_at + timedelta(minutes=service.duration_minutes)
    return (
        ends_at,
        starts_at - timedelta(minutes=service.buffer_before_minutes),
        ends_at + timedelta(minutes=service.buffer_after_minutes),
    )


def local_datetime(day: date, wall: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, wall, tzinfo=zone)


def _interval(day: date, start: time, end: time, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """A wall-clock interval as UTC instants; an end of 00:00 is the following midnight."""
    end_day = day + timedelta(days=1) if end == time(0) else day
    return (
        local_datetime(day, start, zone).astimezone(UTC),
        local_datetime(end_day, end, zone).astimezone(UTC),
    )


def _naive_utc(value: datetime) -> datetime:
    """UTC wall time without tzinfo (SQLite returns it so; PostgreSQL returns aware values)."""
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


class _Busy:
    """Merged busy intervals of one staff member (naive UTC), for O(log n) overlap checks."""

    def __init__(self, ranges: Iterable[tuple[datetime, datetime]]) -> None:
        merged: list[list[datetime]] = []
        for lo, hi in sorted(ranges):
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, lo: datetime, hi: datetime) -> bool:
        """Whether [lo, hi) (naive UTC) meets a busy interval."""
        index = bisect_left(self.starts, hi) - 1
        return index >= 0 and self.ends[index] > lo


@dataclass
class _Calendar:
    zone: ZoneInfo
    settings: SchedulingSettings
    service: Service
    staff: Sequence[Staff]
    overrides: dict[tuple[int | None, date], list[DateOverride]]
    busy: dict[int, _Busy]


def _busy_statement(
    ignore_appointment: bool, exclude_call: bool
) -> CompoundSelect[tuple[int, datetime, datetime]]:
    """Active appointments and other calls' live holds of the staff meeting [lo, hi)."""
    # Naive UTC from the database skips UtcDateTime's per-row conversion (hundreds of rows
    # per answer); the interval arithmetic here is in naive UTC.
    booked = select(
        Appointment.staff_id,
        naive_utc(Appointment.blocked_from),
        naive_utc(Appointment.blocked_until),
    ).where(
        Appointment.company_id == bindparam("company_id"),
        Appointment.staff_id.in_(bindparam("staff_ids", expanding=True)),
        Appointment.status.in_(ACTIVE_STATUSES),
        Appointment.blocked_from >= bindparam("booked_from"),
        Appointment.blocked_from < bindparam("hi"),
    )
    if ignore_appointment:
        booked = booked.where(Appointment.id != bindparam("ignore_appointment_id"))
    holds = select(
        SlotHold.staff_id, naive_utc(SlotHold.blocked_from), naive_utc(SlotHold.blocked_until)
    ).where(
        SlotHold.company_id == bindparam("company_id"),
        SlotHold.staff_id.in_(bindparam("staff_ids", expanding=True)),
        SlotHold.released_at.is_(None),
        SlotHold.expires_at > bindparam("now"),
        SlotHold.blocked_from < bindparam("hi"),
        SlotHold.blocked_until > bindparam("lo"),
    )
    if exclude_call:
        holds = holds.where(
            or_(SlotHold.call_id.is_(None), SlotHold.call_id != bindparam("exclude_call_id"))
        )
    return booked.union_all(holds)


# Built once with bound parameters: building these statements and computing their cache keys
# on every load cost more CPU than running them (SQLAlchemy memoises the key per statement).
_BUSY = {(i, e): _busy_statement(i, e) for i in (False, True) for e in (False, True)}


def _load(
    session: Session,
    company: Company,
    service: Service,
    staff: Sequence[Staff],
    first_day: date,
    last_day: date,
    now: datetime,
    exclude_call_id: int | None,
    ignore_appointment_id: int | None = None,
) -> _Calendar:
    zone = ZoneInfo(company.timezone)
    staff_ids = [m.id for m in staff]
    lo = local_datetime(first_day, time(0), zone).astimezone(UTC) - MAX_BLOCK
    hi = local_datetime(last_day + timedelta(days=1), time(0), zone).astimezone(UTC) + MAX_BLOCK
    overrides = closures.overrides_between(session, company, staff_ids, first_day, last_day)
    ranges: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    busy = _BUSY[(ignore_appointment_id is not None, exclude_call_id is not None)]
    params: dict[str, object] = {
        "company_id": company.id,
        "staff_ids": staff_ids,
        "booked_from": lo - MAX_BLOCK,
        "lo": lo,
        "hi": hi,
        "now": now,
    }
    if ignore_appointment_id is not None:
        params["ignore_appointment_id"] = ignore_appointment_id
    if exclude_call_id is not None:
        params["exclude_call_id"] = exclude_call_id
    for staff_id, b_from, b_until in session.execute(busy, params).tuples():
        ranges[staff_id].append((b_from, b_until))
    # Busy times of external calendars (pulled first when older than they allow).
    for staff_id, b_from, b_until in external_busy(session, company, staff_ids, lo, hi, now):
        ranges[staff_id].append((b_from, b_until))
    return _Calendar(
        zone=zone,
        settings=SchedulingSettings.of(company),
        service=service,
        staff=staff,
        overrides=overrides,
        busy={sid: _Busy(ranges.get(sid, ())) for sid in staff_ids},
    )


def working_intervals(
    member: Staff,
    day: date,
    overrides: dict[tuple[int | None, date], list[DateOverride]],
    zone: ZoneInfo,
) -> list[tuple[datetime, datetime]]:
    """The member's working intervals on `day` as UTC instants.

    The member's own overrides for the day replace the weekly hours; else company overrides
    close the day or cut the weekly hours down to the company's hours for that day."""
    weekday = day.weekday()
    weekly = sorted(
        _interval(day, h.start_time, h.end_time, zone) for h in member.hours if h.weekday == weekday
    )
    own = overrides.get((member.id, day))
    company = overrides.get((None, day))
    rows = own or company
    if not rows:
        return weekly
    if any(r.closed for r in rows):
        return []
    given = sorted(
        _interval(day, r.start_time, r.end_time, zone)
        for r in rows
        if r.start_time is not None and r.end_time is not None
    )
    if own:
        return given
    return [
        (max(w_lo, g_lo), min(w_hi, g_hi))
        for w_lo, w_hi in weekly
        for g_lo, g_hi in given
        if max(w_lo, g_lo) < min(w_hi, g_hi)
    ]


def today_in(company: Company, now: datetime) -> date:
    return now.astimezone(ZoneInfo(company.timezone)).date()


def bookable_days(company: Company, now: datetime, first: date, last: date) -> tuple[date, date]:
    """[first, last] clipped to today .. today + horizon in the company's zone."""
    today = today_in(company, now)
    horizon = today + timedelta(days=SchedulingSettings.of(company).horizon_days)
    return max(first, today), min(last, horizon)


def _offering(staff: Sequence[Staff], service: Service) -> list[Staff]:
    return [m for m in staff if any(s.id == service.id for s in m.services)]


def free_slots(
    *,
    session: Session,
    company: Company,
    service: Service,
    staff: Sequence[Staff],
    first_day: date,
    last_day: date,
    now: datetime,
    exclude_call_id: int | None = None,
    ignore_appointment_id: int | None = None,
    first_only: bool = False,
) -> list[Slot]:
    """Free slots of `service` with any of `staff` on local days first_day..last_day.

    Holds of `exclude_call_id` and the appointment `ignore_appointment_id` (one being
    rescheduled) do not count as busy. `first_only`: only the first day that has any (for
    the earliest slot)."""
    first_day, last_day = bookable_days(company, now, first_day, last_day)
    members = _offering(staff, service)
    if first_day > last_day or not members:
        return []
    cal = _load(
        session,
        company,
        service,
        members,
        first_day,
        last_day,
        now,
        exclude_call_id,
        ignore_appointment_id,
    )
    return _free_in(cal, first_day, last_day, now, first_only=first_only)


def _free_in(
    cal: _Calendar, first_day: date, last_day: date, now: datetime, *, first_only: bool = False
) -> list[Slot]:
    """The free slots of a loaded calendar on local days first_day..last_day (within the
    days it was loaded for), by start, then staff. `first_only`: stop after the first day
    with a free slot (its slots come before any later day's), for the earliest one."""
    service = cal.service
    notice = timedelta(minutes=cal.settings.min_notice_minutes)
    earliest = _naive_utc(now) + notice
    step = timedelta(minutes=max(1, cal.settings.slot_step_minutes))
    duration = timedelta(minutes=service.duration_minutes)
    before = timedelta(minutes=service.buffer_before_minutes)
    after = timedelta(minutes=service.buffer_after_minutes)
    slots: list[Slot] = []
    day = first_day
    while day <= last_day and not (first_only and slots):
        for member in cal.staff:
            busy = cal.busy[member.id]
            for start, end in working_intervals(member, day, cal.overrides, cal.zone):
                # Stepping runs on naive UTC (cheap); free slots become aware again.
                naive, naive_end = start.replace(tzinfo=None), end.replace(tzinfo=None)
                while naive + duration <= naive_end:
                    if naive >= earliest and not busy.overlaps(
                        naive - before, naive + duration + after
                    ):
                        moment = naive.replace(tzinfo=UTC)
                        slots.append(
                            Slot(
                                staff_id=member.id,
                                staff_name=member.name,
                                service_id=service.id,
                                service_name=service.name,
                                starts_at=moment,
                                ends_at=moment + duration,
                                blocked_from=moment - before,
                                blocked_until=moment + duration + after,
                                local_start=moment.astimezone(cal.zone),
                            )
                        )
                    naive += step
        day += timedelta(days=1)
    slots.sort(key=lambda s: (s.starts_at, s.staff_id))
    return slots


def next_available(
    *,
    session: Session,
    company: Company,
    service: Service,
    staff: Sequence[Staff],
    now: datetime,
    exclude_call_id: int | None = None,
    chunk_days: int = FIRST_CHUNK_DAYS,
    searched: tuple[date, date] | None = None,
) -> Slot | None:
    """The earliest free slot within the horizon, searched a week first, then in chunks that
    double: a fully booked fortnight costs two calendar loads, not one per week. Days of
    `searched` (first, last), already found to have no free slot, are not loaded again."""
    day, last = bookable_days(company, now, today_in(company, now), date.max - timedelta(days=1))
    chunk = chunk_days
    while day <= last:
        end = min(last, day + timedelta(days=chunk - 1))
        for first_day, last_day in _unsearched(day, end, searched):
            found = free_slots(
                session=session,
                company=company,
                service=service,
                staff=staff,
                first_day=first_day,
                last_day=last_day,
                now=now,
                exclude_call_id=exclude_call_id,
                first_only=True,
            )
            if found:
                return found[0]
        day = end + timedelta(days=1)
        chunk *= 2
    return None


def _unsearched(
    first: date, last: date, searched: tuple[date, date] | None
) -> list[tuple[date, date]]:
    """The parts of [first, last] outside `searched`, in order."""
    if searched is None or searched[1] < first or searched[0] > last:
        return [(first, last)]
    one_day = timedelta(days=1)
    parts = [(first, searched[0] - one_day), (searched[1] + one_day, last)]
    return [(lo, hi) for lo, hi in parts if lo <= hi]


def alternatives_near(
    *,
    session: Session,
    company: Company,
    service: Service,
    staff: Sequence[Staff],
    wish: WishLike | None,
    now: datetime,
    exclude_call_id: int | None = None,
    limit: int = 3,
) -> list[Slot]:
    """Free slots near the wish, best first: the wished time, then other times that day,
    then nearby days at the same time, then anything nearby (at most `limit`)."""
    return [
        slot
        for _tier, slot in ranked_offers(
            session=session,
            company=company,
            service=service,
            staff=staff,
            wish=wish,
            now=now,
            exclude_call_id=exclude_call_id,
            limit=limit,
        )
    ]


def ranked_offers(
    *,
    session: Session,
    company: Company,
    service: Service,
    staff: Sequence[Staff],
    wish: WishLike | None,
    now: datetime,
    exclude_call_id: int | None = None,
    limit: int = 3,
    order: Callable[[list[Slot]], list[Slot]] | None = None,
) -> list[tuple[int, Slot]]:
    """alternatives_near with each slot's tier (ranking.EXACT .. ranking.NEARBY).

    When the searched window starts within FIRST_SPAN_DAYS of today, one calendar load covers
    it and the days from today, where next_available would look first: a window without a
    free slot then mostly costs no second load."""
    today = today_in(company, now)
    window = window_for(wish, today)
    span = window.days
    if window.first_day <= today + timedelta(days=FIRST_SPAN_DAYS):
        span = (today, max(window.last_day, today + timedelta(days=FIRST_SPAN_DAYS - 1)))
    first_day, last_day = bookable_days(company, now, *span)
    members = _offering(staff, service)
    if not members:
        return []
    if first_day <= last_day:
        cal = _load(session, company, service, members, first_day, last_day, now, exclude_call_id)
        found = _free_in(cal, *bookable_days(company, now, *window.days), now)
        if found:
            # Ranking is a stable sort: the order given decides between equal starts.
            return rank_slots(order(found) if order else found, wish, window, limit)
        for part in _unsearched(first_day, last_day, window.days):
            found = _free_in(cal, *part, now, first_only=True)
            if found:
                return [(NEARBY, found[0])]
    later = next_available(
        session=session,
        company=company,
        service=service,
        staff=staff,
        now=now,
        exclude_call_id=exclude_call_id,
        searched=span,
    )
    return [(NEARBY, later)] if later is not None else []
