"""How much opening time lies in a stretch of time: the practice is open while any active staff
member works (weekly hours and date overrides, exactly as the booking calendar sees them)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.scheduling.lookup import staff_of
from frontdesk.scheduling.models import DateOverride
from frontdesk.scheduling.slots import working_intervals
from frontdesk.tenancy.models import Company

Interval = tuple[datetime, datetime]


def _overrides(
    session: Session, company_id: int, first: date, last: date
) -> dict[tuple[int | None, date], list[DateOverride]]:
    found: dict[tuple[int | None, date], list[DateOverride]] = defaultdict(list)
    rows = session.scalars(
        select(DateOverride).where(
            DateOverride.company_id == company_id,
            DateOverride.day >= first,
            DateOverride.day <= last,
        )
    )
    for row in rows:
        found[(row.staff_id, row.day)].append(row)
    return found


def _merged(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def open_intervals(
    *, session: Session, company: Company, since: datetime, until: datetime
) -> list[Interval]:
    """The practice's opening time within [since, until), merged, as UTC instants."""
    zone = ZoneInfo(company.timezone)
    # From the day before: an interval ending at midnight belongs to the day it started on.
    first = since.astimezone(zone).date() - timedelta(days=1)
    last = until.astimezone(zone).date()
    overrides = _overrides(session, company.id, first, last)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    raw = [
        interval
        for member in staff_of(session=session, company_id=company.id)
        for day in days
        for interval in working_intervals(member, day, overrides, zone)
    ]
    clipped = [(max(lo, since), min(hi, until)) for lo, hi in raw]
    return _merged([(lo, hi) for lo, hi in clipped if lo < hi])


def open_minutes(*, session: Session, company: Company, since: datetime, until: datetime) -> float:
    intervals = open_intervals(session=session, company=company, since=since, until=until)
    return sum((hi - lo).total_seconds() for lo, hi in intervals) / 60
