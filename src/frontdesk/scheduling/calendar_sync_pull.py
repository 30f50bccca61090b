"""Reading a staff member's external calendar: busy blocks in, external changes to frontdesk's
own events out as review items.

A pull is three steps so that no network call has to sit inside a transaction: `plan_pull`
(read the rows), `fetch` (talk to the server through the port), `store` (write what was
read). The periodic job runs them in separate units of work; an offer computed from stale data
runs them inside its own transaction (`busy_ranges`, bounded by the adapter's timeout and by
RETRY_AFTER after a failure), and a failure there never stops the offer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import structlog
from sqlalchemy import DateTime, bindparam, delete, select, type_coerce
from sqlalchemy.orm import Session

from frontdesk.scheduling import calendar_sync as rules
from frontdesk.scheduling import calendar_sync_review as review
from frontdesk.scheduling import roster
from frontdesk.scheduling.calendar_sync_ports import (
    CalendarAccount,
    CalendarConnector,
    CalendarUnreachable,
    RemoteEvent,
)
from frontdesk.scheduling.models import (
    CALENDAR_EVENT_DELETED_EXTERNALLY,
    CALENDAR_EVENT_MOVED_EXTERNALLY,
    CALENDAR_EVENT_PRESENT,
    Appointment,
    CalendarBusyBlock,
    CalendarEventLink,
    Staff,
    StaffCalendar,
)
from frontdesk.tenancy.models import Company

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class OwnEvent:
    """An event frontdesk wrote that the pull compares with what it finds."""

    link_id: int
    uid: str
    href: str | None
    verify: bool  # fetched by href when the window does not hold it (moved out or deleted?)


@dataclass(frozen=True)
class PullPlan:
    calendar_id: int
    company_id: int
    staff_id: int
    account: CalendarAccount
    lo: datetime
    hi: datetime
    own: tuple[OwnEvent, ...]


@dataclass
class Fetched:
    plan: PullPlan
    started_at: datetime
    events: list[RemoteEvent] = field(default_factory=list)
    own: dict[str, RemoteEvent | None] = field(default_factory=dict)
    error: str | None = None


@dataclass
class PullReport:
    calendar_id: int
    staff_id: int
    staff: str
    ok: bool
    error: str | None = None
    events: int = 0
    busy_blocks: int = 0
    conflicts: list[int] = field(default_factory=list)  # review items opened or refreshed
    unreachable_item_id: int | None = None
    skipped: bool = False  # a newer pull had already stored its result

    def as_dict(self) -> dict[str, object]:
        return {
            "calendar_id": self.calendar_id,
            "staff_id": self.staff_id,
            "staff": self.staff,
            "ok": self.ok,
            "error": self.error,
            "events": self.events,
            "busy_blocks": self.busy_blocks,
            "conflicts": self.conflicts,
            "unreachable_item_id": self.unreachable_item_id,
            "skipped": self.skipped,
        }


# The slot search asks for the staff's calendars on every load: built once (see slots._BUSY).
_ACTIVE_OF_STAFF = (
    select(StaffCalendar)
    .where(
        StaffCalendar.active.is_(True),
        StaffCalendar.company_id == bindparam("company_id"),
        StaffCalendar.staff_id.in_(bindparam("staff_ids", expanding=True)),
    )
    .order_by(StaffCalendar.id)
)


def calendars(
    session: Session, *, company_id: int | None = None, staff_ids: Sequence[int] | None = None
) -> list[StaffCalendar]:
    if company_id is not None and staff_ids is not None:
        params = {"company_id": company_id, "staff_ids": list(staff_ids)}
        return list(session.scalars(_ACTIVE_OF_STAFF, params))
    query = select(StaffCalendar).where(StaffCalendar.active.is_(True))
    if company_id is not None:
        query = query.where(StaffCalendar.company_id == company_id)
    if staff_ids is not None:
        query = query.where(StaffCalendar.staff_id.in_(staff_ids))
    return list(session.scalars(query.order_by(StaffCalendar.id)))


def plan_pull(session: Session, row: StaffCalendar, now: datetime) -> PullPlan:
    company = session.get(Company, row.company_id)
    assert company is not None
    lo, hi = rules.pull_window(company, now)
    links = session.scalars(
        select(CalendarEventLink).where(
            CalendarEventLink.calendar_id == row.id,
            CalendarEventLink.state.in_(
                (
                    CALENDAR_EVENT_PRESENT,
                    CALENDAR_EVENT_MOVED_EXTERNALLY,
                    CALENDAR_EVENT_DELETED_EXTERNALLY,
                )
            ),
            CalendarEventLink.pushed_ends_at > lo,
        )
    )
    own = tuple(
        OwnEvent(
            link_id=link.id,
            uid=link.uid,
            href=link.href,
            verify=link.state != CALENDAR_EVENT_DELETED_EXTERNALLY,
        )
        for link in links
    )
    return PullPlan(
        calendar_id=row.id,
        company_id=row.company_id,
        staff_id=row.staff_id,
        account=rules.account_of(row),
        lo=lo,
        hi=hi,
        own=own,
    )


def fetch(connector: CalendarConnector, plan: PullPlan, now: datetime) -> Fetched:
    """Read the window and, for own events not in it, their own address (no database)."""
    fetched = Fetched(plan=plan, started_at=now)
    try:
        connection = connector.open(plan.account)
        try:
            fetched.events = connection.events(plan.lo, plan.hi)
            found: dict[str, RemoteEvent] = {}
            for event in fetched.events:
                if rules.is_own(event.uid):
                    found.setdefault(event.uid, event)
            for own in plan.own:
                if own.uid in found:
                    fetched.own[own.uid] = found[own.uid]
                elif own.verify:
                    fetched.own[own.uid] = connection.get(own.href) if own.href else None
        finally:
            connection.close()
    except CalendarUnreachable as exc:
        fetched.error = str(exc) or type(exc).__name__
    return fetched


def store(session: Session, fetched: Fetched, now: datetime) -> PullReport:
    """Write what a fetch read (or that it failed) in the caller's transaction."""
    plan = fetched.plan
    row = session.get(StaffCalendar, plan.calendar_id, with_for_update=True, populate_existing=True)
    company = session.get(Company, plan.company_id)
    staff = session.get(Staff, plan.staff_id)
    assert company is not None and staff is not None
    report = PullReport(
        calendar_id=plan.calendar_id, staff_id=plan.staff_id, staff=staff.name, ok=True
    )
    if row is None or not row.active:
        report.skipped = True
        return report
    row.last_attempt_at = now
    if fetched.error is not None:
        row.last_error = fetched.error[:500]
        report.ok, report.error = False, fetched.error
        if rules.is_stale(row, now):
            item = review.note_unreachable(session, company, row, staff.name, fetched.error, now)
            report.unreachable_item_id = item.id
        session.flush()
        return report
    if row.last_pulled_at is not None and row.last_pulled_at > fetched.started_at:
        report.skipped = True
        return report
    zone = ZoneInfo(company.timezone)
    session.execute(delete(CalendarBusyBlock).where(CalendarBusyBlock.calendar_id == row.id))
    for event in fetched.events:
        span = rules.busy_range(event, zone)
        if span is None:
            continue
        session.add(
            CalendarBusyBlock(
                company_id=row.company_id,
                staff_id=row.staff_id,
                calendar_id=row.id,
                starts_at=span[0],
                ends_at=span[1],
                uid=event.uid[:300],
            )
        )
        report.busy_blocks += 1
    report.events = len(fetched.events)
    for own in plan.own:
        item_id = _reconcile(session, company, row, own, fetched)
        if item_id is not None:
            report.conflicts.append(item_id)
    row.last_pulled_at = fetched.started_at
    row.pulled_from, row.pulled_until = plan.lo, plan.hi
    row.last_error = None
    review.resolve_unreachable(session, row)
    session.flush()
    return report


def _reconcile(
    session: Session, company: Company, row: StaffCalendar, own: OwnEvent, fetched: Fetched
) -> int | None:
    """Compare one own event with what frontdesk last wrote; a difference is a review item."""
    if own.uid not in fetched.own:
        return None
    link = session.get(CalendarEventLink, own.link_id)
    if link is None or link.calendar_id != row.id:
        return None
    if link.pushed_at is not None and link.pushed_at > fetched.started_at:
        return None  # frontdesk wrote it after this read began: the read is older
    appointment = session.get(Appointment, link.appointment_id)
    pushed = (link.pushed_starts_at, link.pushed_ends_at)
    if appointment is None or not appointment.active or pushed[0] is None or pushed[1] is None:
        return None  # a push is on its way (cancelled) or nothing was written
    remote = fetched.own[own.uid]
    if remote is None:
        if link.state == CALENDAR_EVENT_DELETED_EXTERNALLY:
            return None
        link.state = CALENDAR_EVENT_DELETED_EXTERNALLY
        link.etag = None
        link.remote_starts_at = link.remote_ends_at = None
        return review.open_conflict(session, company, link, appointment, "deleted").id
    zone = ZoneInfo(company.timezone)
    span = (rules.as_utc(remote.starts_at, zone), rules.as_utc(remote.ends_at, zone))
    link.etag = remote.etag
    link.href = remote.href or link.href
    if span == pushed:
        if link.state != CALENDAR_EVENT_PRESENT:  # put back as it was: nothing to review
            link.state = CALENDAR_EVENT_PRESENT
            link.remote_starts_at = link.remote_ends_at = None
        return None
    seen = (link.remote_starts_at, link.remote_ends_at)
    if link.state == CALENDAR_EVENT_MOVED_EXTERNALLY and seen == span:
        return None
    link.state = CALENDAR_EVENT_MOVED_EXTERNALLY
    link.remote_starts_at, link.remote_ends_at = span
    return review.open_conflict(session, company, link, appointment, "moved", span).id


def pull_now(
    session: Session, connector: CalendarConnector, row: StaffCalendar, now: datetime
) -> PullReport | None:
    """Plan, fetch and store in the caller's transaction; never raises (an offer goes on)."""
    try:
        fetched = fetch(connector, plan_pull(session, row, now), now)
        with session.begin_nested():
            return store(session, fetched, now)
    except Exception as error:  # the offer is computed from the stored state instead
        log.warning("calendar_pull_failed", calendar_id=row.id, error=repr(error))
        return None


def _naive_utc(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def busy_ranges(
    session: Session,
    company: Company,
    staff_ids: Sequence[int],
    lo: datetime,
    hi: datetime,
    now: datetime,
) -> list[tuple[int, datetime, datetime]]:
    """External busy ranges (naive UTC) of the staff meeting [lo, hi), for slots.

    Calendars read longer ago than they allow are pulled first, once (see module doc)."""
    if not roster.current(session, company.id).calendar_staff.intersection(staff_ids):
        return []  # the common case, known without a query
    rows = calendars(session, company_id=company.id, staff_ids=staff_ids)
    if not rows:
        return []
    connector = rules.installed_connector()
    if connector is not None:
        for row in rows:
            if rules.may_pull_on_demand(row, now):
                pull_now(session, connector, row, now)
    query = select(
        CalendarBusyBlock.staff_id,
        type_coerce(CalendarBusyBlock.starts_at, DateTime(timezone=True)),
        type_coerce(CalendarBusyBlock.ends_at, DateTime(timezone=True)),
    ).where(
        CalendarBusyBlock.calendar_id.in_([r.id for r in rows]),
        CalendarBusyBlock.starts_at < hi,
        CalendarBusyBlock.ends_at > lo,
    )
    return [
        (staff_id, _naive_utc(start), _naive_utc(end))
        for staff_id, start, end in session.execute(query).tuples()
    ]
