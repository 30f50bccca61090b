"""Who gets the caller when they name nobody: their usual staff member first, then whoever
has the fewest booked minutes that day, so offers spread the load."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from frontdesk.scheduling.models import ACTIVE_STATUSES, CANCELLED, Appointment
from frontdesk.scheduling.slots import Slot, local_datetime
from frontdesk.tenancy.models import Company

# Built once with bound parameters (asked on every offer; see slots._BUSY).
_SEEN_BY = (
    select(Appointment.staff_id, func.count(), func.max(Appointment.starts_at))
    .where(
        Appointment.company_id == bindparam("company_id"),
        Appointment.customer_id == bindparam("customer_id"),
        Appointment.status != CANCELLED,
    )
    .group_by(Appointment.staff_id)
)
_BOOKED = select(Appointment.staff_id, Appointment.starts_at, Appointment.ends_at).where(
    Appointment.company_id == bindparam("company_id"),
    Appointment.staff_id.in_(bindparam("staff_ids", expanding=True)),
    Appointment.status.in_(ACTIVE_STATUSES),
    Appointment.starts_at >= bindparam("lo"),
    Appointment.starts_at < bindparam("hi"),
)


def usual_staff(session: Session, company_id: int, customer_id: int | None) -> int | None:
    """The staff member the customer saw most often (ties: the most recent)."""
    if customer_id is None:
        return None
    rows = session.execute(_SEEN_BY, {"company_id": company_id, "customer_id": customer_id}).all()
    if not rows:
        return None
    return int(max(rows, key=lambda row: (row[1], row[2]))[0])


def booked_minutes(
    session: Session, company: Company, staff_ids: Sequence[int], first: date, last: date
) -> Counter[tuple[int, date]]:
    """Booked minutes per (staff member, local day) in first..last."""
    zone = ZoneInfo(company.timezone)
    lo = local_datetime(first, datetime.min.time(), zone)
    hi = local_datetime(last + timedelta(days=1), datetime.min.time(), zone)
    minutes: Counter[tuple[int, date]] = Counter()
    params = {"company_id": company.id, "staff_ids": list(staff_ids), "lo": lo, "hi": hi}
    rows = session.execute(_BOOKED, params).all()
    for staff_id, starts, ends in rows:
        day = starts.astimezone(zone).date()
        minutes[(staff_id, day)] += int((ends - starts).total_seconds() // 60)
    return minutes


def in_preferred_order(
    session: Session, company: Company, found: list[Slot], usual: int | None
) -> list[Slot]:
    """The slots by start, and at the same start the preferred staff member first."""
    if not found:
        return found
    days = [s.local_start.date() for s in found]
    load = booked_minutes(
        session, company, sorted({s.staff_id for s in found}), min(days), max(days)
    )
    return sorted(
        found,
        key=lambda s: (
            s.starts_at,
            s.staff_id != usual,
            load[(s.staff_id, s.local_start.date())],
            s.staff_id,
        ),
    )
