"""A refused start explained: why it cannot be booked, and the free slots nearest to it.

A person at the desk who asked for a start that is not free needs the reason (taken, outside
the working hours, a closed day, in the past, ...) and a few free starts close to it. The
reasons follow the same rules as `slots.free_slots`, checked one by one in the order a person
would name them; the nearest slots come from `slots.free_slots` itself, so what is offered can
always be booked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from frontdesk.scheduling import closures, slots
from frontdesk.scheduling.models import DateOverride, Service, Staff
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.tenancy.models import Company


class Reason(StrEnum):
    PAST = "past"  # the start has passed
    TOO_SOON = "too_soon"  # within the minimum notice
    BEYOND_HORIZON = "beyond_horizon"  # after the last bookable day
    NOT_OFFERED = "not_offered"  # the staff member does not do this service
    CLOSED = "closed"  # the practice is closed that day (holiday, closure)
    ABSENT = "absent"  # the staff member is away that day
    OUTSIDE_HOURS = "outside_hours"  # not within the staff member's working hours
    OFF_GRID = "off_grid"  # between the starts the practice offers (slot step)
    TAKEN = "taken"  # another appointment, a hold or an external event is there


@dataclass(frozen=True)
class Refusal:
    reason: Reason
    note: str | None = None  # the holiday's name or the absence's note, when known
    # The staff member's working hours on that day (local wall-clock starts and ends).
    hours: Sequence[tuple[datetime, datetime]] = field(default_factory=tuple)
    # The company's rules behind the reason (notice, horizon, slot step).
    settings: SchedulingSettings = field(default_factory=SchedulingSettings)


def _overrides(session: Session, company: Company, member: Staff, day: date) -> closures.Overrides:
    """The day's overrides as slots reads them: rows, public holidays, absences."""
    return closures.overrides_between(session, company, [member.id], day, day)


def _closed_note(rows: Sequence[DateOverride]) -> str | None:
    return next((r.note for r in rows if r.closed and r.note), None)


def why_not_bookable(
    *,
    session: Session,
    company: Company,
    service: Service,
    member: Staff,
    start: datetime,
    now: datetime,
) -> Refusal:
    """Why `service` with `member` cannot start at `start` (aware), the first rule that fails.

    When every rule of the calendar allows it, the slot is occupied: TAKEN."""
    settings = SchedulingSettings.of(company)
    zone = ZoneInfo(company.timezone)
    start = start.astimezone(UTC)
    local = start.astimezone(zone)
    if start < now:
        return Refusal(Reason.PAST, settings=settings)
    if start < now + timedelta(minutes=settings.min_notice_minutes):
        return Refusal(Reason.TOO_SOON, settings=settings)
    if local.date() > slots.today_in(company, now) + timedelta(days=settings.horizon_days):
        return Refusal(Reason.BEYOND_HORIZON, settings=settings)
    if not any(s.id == service.id for s in member.services):
        return Refusal(Reason.NOT_OFFERED, settings=settings)
    day = local.date()
    overrides = _overrides(session, company, member, day)
    intervals = slots.working_intervals(member, day, overrides, zone)
    hours = tuple((lo.astimezone(zone), hi.astimezone(zone)) for lo, hi in intervals)
    if not intervals:
        own = overrides.get((member.id, day), [])
        practice = overrides.get((None, day), [])
        if any(r.closed for r in own):
            return Refusal(Reason.ABSENT, _closed_note(own), settings=settings)
        if any(r.closed for r in practice):
            return Refusal(Reason.CLOSED, _closed_note(practice), settings=settings)
        return Refusal(Reason.OUTSIDE_HOURS, settings=settings)
    end = start + timedelta(minutes=service.duration_minutes)
    inside = [(lo, hi) for lo, hi in intervals if lo <= start and end <= hi]
    if not inside:
        return Refusal(Reason.OUTSIDE_HOURS, hours=hours, settings=settings)
    step = timedelta(minutes=max(1, settings.slot_step_minutes))
    if (start - inside[0][0]) % step:
        return Refusal(Reason.OFF_GRID, hours=hours, settings=settings)
    return Refusal(Reason.TAKEN, hours=hours, settings=settings)


def nearest_free_slots(
    *,
    session: Session,
    company: Company,
    service: Service,
    staff: Sequence[Staff],
    around: datetime,
    now: datetime,
    limit: int = 3,
) -> list[slots.Slot]:
    """The `limit` free slots whose starts lie nearest to `around` (before or after), nearest
    first; one per start time. Searched outwards a few days at a time, so a full week costs a
    wider search but an ordinary refusal reads only the days around it."""
    zone = ZoneInfo(company.timezone)
    centre = around.astimezone(zone).date()
    today = slots.today_in(company, now)
    last_bookable = today + timedelta(days=SchedulingSettings.of(company).horizon_days)
    radius = 0
    while True:
        found = slots.free_slots(
            session=session,
            company=company,
            service=service,
            staff=staff,
            first_day=centre - timedelta(days=radius),
            last_day=centre + timedelta(days=radius),
            now=now,
        )
        chosen = _nearest(found, around, limit)
        # Every start nearer to `around` than the searched days' edges has been seen.
        first = centre - timedelta(days=radius)
        after_last = centre + timedelta(days=radius + 1)
        reach = min(
            around - slots.local_datetime(first, time(0), zone),
            slots.local_datetime(after_last, time(0), zone) - around,
        )
        farthest = max((abs(s.starts_at - around) for s in chosen), default=None)
        complete = len(chosen) == limit and farthest is not None and farthest <= reach
        covers_all = centre - timedelta(days=radius) <= today and (
            centre + timedelta(days=radius) >= last_bookable
        )
        if complete or covers_all:
            return chosen
        radius = radius * 2 if radius else 1


def _nearest(found: Sequence[slots.Slot], around: datetime, limit: int) -> list[slots.Slot]:
    ordered = sorted(found, key=lambda s: (abs(s.starts_at - around), s.starts_at, s.staff_id))
    chosen: list[slots.Slot] = []
    for slot in ordered:
        if len(chosen) == limit:
            break
        if all(c.starts_at != slot.starts_at for c in chosen):
            chosen.append(slot)
    return sorted(chosen, key=lambda s: (s.starts_at, s.staff_id))
