"""The practice's services and active staff (with weekly hours and offered services), read from
the database once per process for each version of them.

Nearly every live function asks for them and they change rarely (the practice file, the
dashboard). A trigger on each of their tables (services, staff, working_hours, staff_services)
gives the company a new random `roster_version` in the transaction that changes them, so every
process sees the change with its next read. A process keeps one detached copy per company and
version and merges it into each session without a query (`merge(load=False)`); each call reads
the version again, so a change made earlier in the same transaction is seen as well (the read
flushes it first). A version from a transaction that rolls back is never read again.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from frontdesk.scheduling.models import Service, Staff, WorkingHours, staff_services
from frontdesk.tenancy.models import Company


@dataclass(frozen=True)
class _Roster:
    version: str
    services: tuple[Service, ...]  # active, by id
    staff: tuple[Staff, ...]  # active, by id, each with hours and services loaded


_cache: dict[int, _Roster] = {}
_lock = threading.Lock()

# Built once with bound parameters: building a statement cost more CPU than running it.
_VERSION = select(Company.roster_version).where(Company.id == bindparam("company_id"))
_SERVICES = (
    select(Service)
    .where(Service.company_id == bindparam("company_id"), Service.active.is_(True))
    .order_by(Service.id)
)
_STAFF = (
    select(Staff)
    .where(Staff.company_id == bindparam("company_id"), Staff.active.is_(True))
    .order_by(Staff.id)
)
_HOURS = (
    select(WorkingHours)
    .join(Staff, Staff.id == WorkingHours.staff_id)
    .where(Staff.company_id == bindparam("company_id"))
    .order_by(WorkingHours.staff_id, WorkingHours.weekday, WorkingHours.start_time)
)
_OFFERED = (
    select(staff_services.c.staff_id, Service)
    .join(Service, Service.id == staff_services.c.service_id)
    .where(Service.company_id == bindparam("company_id"))
    .order_by(Service.id)
)


def services(session: Session, company_id: int) -> list[Service]:
    """The company's active services, by id, in this session."""
    roster = _current(session, company_id)
    return [session.merge(s, load=False) for s in roster.services]


def staff(session: Session, company_id: int) -> list[Staff]:
    """The company's active staff, by id, in this session, each with its weekly hours and
    offered services loaded."""
    roster = _current(session, company_id)
    return [session.merge(m, load=False) for m in roster.staff]


def _current(session: Session, company_id: int) -> _Roster:
    version = session.scalar(_VERSION, {"company_id": company_id}) or ""
    cached = _cache.get(company_id)
    if cached is not None and version and cached.version == version:
        return cached
    fresh = _load(session, company_id, version)
    if version:  # a company without a version (never given one) is read every time
        with _lock:
            _cache[company_id] = fresh
    return fresh


def _load(session: Session, company_id: int, version: str) -> _Roster:
    """Read in a session of its own on the same connection (so within this transaction), whose
    objects are detached when it closes: copies no session shares."""
    params = {"company_id": company_id}
    with Session(bind=session.connection(), autoflush=False) as side:
        found = list(side.scalars(_SERVICES, params))
        members = list(side.scalars(_STAFF, params))
        hours: dict[int, list[WorkingHours]] = defaultdict(list)
        for row in side.scalars(_HOURS, params):
            hours[row.staff_id].append(row)
        offered: dict[int, list[Service]] = defaultdict(list)
        for staff_id, service in side.execute(_OFFERED, params).tuples():
            offered[staff_id].append(service)
        for member in members:
            set_committed_value(member, "hours", hours[member.id])
            set_committed_value(member, "services", offered[member.id])
            for row in hours[member.id]:
                set_committed_value(row, "staff", member)
    return _Roster(version, tuple(found), tuple(members))
