"""The practice's services and active staff (with weekly hours and offered services), its date
overrides and staff absences, and which staff have an external calendar: read from the database
once per process for each version of them.

Nearly every live function asks for them and they change rarely (the practice file, the
dashboard). A trigger on each of their tables (services, staff, working_hours, staff_services,
date_overrides, staff_absences, staff_calendars) gives the company a new random `roster_version`
in the transaction that changes them, so every process sees the change with its next read. A
process keeps one detached copy per company and version. Services and staff are merged into each
session without a query (`merge(load=False)`); overrides and absences are handed out as they are,
read-only. A session reads the version once and again after it writes to one of those tables
(a flush of their rows, an INSERT, UPDATE or DELETE naming one, plain SQL naming one), rolls back
a savepoint or ends its transaction, so a change made earlier in the same transaction is seen as
well. A version from a transaction that rolls back is never read again.
When the session loaded the company row itself in this transaction and wrote nothing since, the
version comes with that row instead of a query of its own.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import TextClause, bindparam, event, select
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.attributes import set_committed_value

from frontdesk.scheduling.models import (
    DateOverride,
    Service,
    Staff,
    StaffAbsence,
    StaffCalendar,
    WorkingHours,
    staff_services,
)
from frontdesk.tenancy.models import Company


@dataclass(frozen=True)
class Roster:
    """One version of a company's configuration; shared by threads, so never changed."""

    version: str
    services: tuple[Service, ...]  # active, by id
    staff: tuple[Staff, ...]  # active, by id, each with hours and services loaded
    overrides: tuple[DateOverride, ...]  # by day, then id
    absences: tuple[StaffAbsence, ...]  # by id
    calendar_staff: frozenset[int]  # staff with an active external calendar
    _days: list[date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_days", [row.day for row in self.overrides])

    def overrides_between(self, first: date, last: date) -> Sequence[DateOverride]:
        """The date overrides (company-wide and staff) on days first..last, by day, then id."""
        return self.overrides[bisect_left(self._days, first) : bisect_right(self._days, last)]

    def absences_between(
        self, staff_ids: Sequence[int], first: date, last: date
    ) -> Iterator[StaffAbsence]:
        """The absences of `staff_ids` that meet first..last, by id."""
        wanted = set(staff_ids)
        for row in self.absences:
            if row.staff_id in wanted and row.first_day <= last and row.last_day >= first:
                yield row


_cache: dict[int, Roster] = {}
_lock = threading.Lock()
# session.info keys: what a session was handed (_Seen); versions of company rows it loaded
_SEEN = "frontdesk.roster"
_LOADED = "frontdesk.roster.loaded"

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
_OVERRIDES = (
    select(DateOverride)
    .where(DateOverride.company_id == bindparam("company_id"))
    .order_by(DateOverride.day, DateOverride.id)
)
_ABSENCES = (
    select(StaffAbsence)
    .where(StaffAbsence.company_id == bindparam("company_id"))
    .order_by(StaffAbsence.id)
)
_CALENDAR_STAFF = select(StaffCalendar.staff_id).where(
    StaffCalendar.company_id == bindparam("company_id"), StaffCalendar.active.is_(True)
)


def services(session: Session, company_id: int) -> list[Service]:
    """The company's active services, by id, in this session."""
    seen = _seen(session, company_id)
    if seen.services is None:
        seen.services = [session.merge(s, load=False) for s in seen.roster.services]
    return list(seen.services)


def staff(session: Session, company_id: int) -> list[Staff]:
    """The company's active staff, by id, in this session, each with its weekly hours and
    offered services loaded."""
    seen = _seen(session, company_id)
    if seen.staff is None:
        seen.staff = [_merged_member(session, seen, m) for m in seen.roster.staff]
    return list(seen.staff)


def staff_member(session: Session, company_id: int, staff_id: int) -> Staff | None:
    """One active staff member by id, in this session (hours and services loaded), or None.
    Merges that member alone: a merge copies the hours and services too, and a booking needs
    one member, not the whole practice."""
    seen = _seen(session, company_id)
    for member in seen.roster.staff:
        if member.id == staff_id:
            return _merged_member(session, seen, member)
    return None


def _merged_member(session: Session, seen: _Seen, member: Staff) -> Staff:
    merged = seen.members.get(member.id)
    if merged is None:
        merged = seen.members[member.id] = session.merge(member, load=False)
    return merged


def current(session: Session, company_id: int) -> Roster:
    """The company's configuration as this session sees it (overrides, absences and
    calendars are read-only copies, in no session)."""
    return _seen(session, company_id).roster


@dataclass
class _Seen:
    """What one session was handed for a company: checked again after the session writes,
    kept (merged copies included) while the version stays."""

    company_id: int
    roster: Roster
    services: list[Service] | None = None  # merged into the session when first asked for
    staff: list[Staff] | None = None
    members: dict[int, Staff] = field(default_factory=dict)  # merged so far, by id
    checked: bool = True  # False once the session wrote or its transaction ended


def _seen(session: Session, company_id: int) -> _Seen:
    if session.autoflush and (session.new or session.dirty or session.deleted):
        # Pending changes first, as the version read would flush them; a flush that writes
        # roster rows asks for a new read.
        session.flush()
    seen: _Seen | None = session.info.get(_SEEN)
    if seen is not None and seen.company_id != company_id:
        seen = None
    if seen is not None and seen.checked:
        return seen
    roster = _current(session, company_id)
    if seen is None or seen.roster is not roster:
        seen = _Seen(company_id, roster)
        session.info[_SEEN] = seen
    seen.checked = True
    return seen


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_SEEN, None)
    session.info.pop(_LOADED, None)


def _remember_version(company: Company, context: Any) -> None:
    """A company row loaded by the session carries the version as of now in this transaction."""
    version = company.__dict__.get("roster_version")
    if version:
        context.session.info.setdefault(_LOADED, {})[company.id] = version


_CLASSES = (Service, Staff, WorkingHours, DateOverride, StaffAbsence, StaffCalendar)
_TABLES = frozenset({*(cls.__tablename__ for cls in _CLASSES), staff_services.name})
# A whole identifier, so a column such as staff_id is no table name.
_NAMES_A_TABLE = re.compile(rf"\b({'|'.join(sorted(_TABLES))})\b", re.IGNORECASE)


def _recheck(session: Session) -> None:
    session.info.pop(_LOADED, None)
    seen: _Seen | None = session.info.get(_SEEN)
    if seen is not None:
        seen.checked = False


def _recheck_after_flush(session: Session, _context: Any) -> None:
    # Still lists what was flushed; offered services change through Staff.services.
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, _CLASSES) for obj in changed):
        _recheck(session)


def _recheck_after_write(state: ORMExecuteState) -> None:
    if state.is_select:
        return
    statement = state.statement
    if isinstance(statement, TextClause):  # plain SQL: by the tables it names
        if _NAMES_A_TABLE.search(statement.text):
            _recheck(state.session)
        return
    table = getattr(statement, "table", None)  # INSERT, UPDATE, DELETE name theirs
    if table is None or getattr(table, "name", None) in _TABLES:
        _recheck(state.session)


def _after_commit(session: Session) -> None:
    # Also fired when a savepoint is released: the transaction goes on, what was seen holds.
    if not session.in_nested_transaction():
        _forget(session)


def _after_rollback(session: Session, *_args: Any) -> None:
    # A savepoint rolled back may have undone a version this session read inside it.
    if session.in_nested_transaction():
        _recheck(session)
    else:
        _forget(session)


# A write that may change the version (to the triggers' tables, or plain SQL naming one) has
# the version read again, so does a savepoint rolled back; the end of a transaction forgets all.
event.listen(Session, "after_flush", _recheck_after_flush)
event.listen(Session, "do_orm_execute", _recheck_after_write)
event.listen(Company, "load", _remember_version)
event.listen(Session, "after_commit", _after_commit)
event.listen(Session, "after_rollback", _after_rollback)
event.listen(Session, "after_soft_rollback", _after_rollback)


def _current(session: Session, company_id: int) -> Roster:
    loaded: dict[int, str] = session.info.get(_LOADED, {})
    version = loaded.pop(company_id, None) or session.scalar(_VERSION, {"company_id": company_id})
    version = version or ""
    cached = _cache.get(company_id)
    if cached is not None and version and cached.version == version:
        return cached
    fresh = _load(session, company_id, version)
    if version:  # a company without a version (never given one) is read every time
        with _lock:
            _cache[company_id] = fresh
    return fresh


def _load(session: Session, company_id: int, version: str) -> Roster:
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
        overrides = tuple(side.scalars(_OVERRIDES, params))
        absences = tuple(side.scalars(_ABSENCES, params))
        calendar_staff = frozenset(side.scalars(_CALENDAR_STAFF, params))
    return Roster(version, tuple(found), tuple(members), overrides, absences, calendar_staff)
