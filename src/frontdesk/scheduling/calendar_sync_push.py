"""Writing frontdesk's appointments into the staff members' external calendars.

Every booking, move and cancellation enqueues one push job in its own transaction
(`enqueue_push`, called by announce.py). The job does not replay the change it was written
for: it makes the external event of the appointment's chain (a move keeps the event's UID)
match the chain's newest appointment, so a job that runs twice, late or out of order writes
nothing twice. Three steps keep the network out of transactions: `plan_push` (rows),
`apply_push` (server, through the port), `record_push` (rows).

Writes carry preconditions: a new event only if nothing is there, a replacement or deletion
only if the event still has the ETag frontdesk last saw. A failed precondition that is not
frontdesk's own earlier write (a retry after a crash) means someone changed the event by
hand: it is not overwritten, a `calendar_conflict` review item says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from frontdesk.db.core import insert_once
from frontdesk.jobs import service as job_service
from frontdesk.scheduling import calendar_sync as rules
from frontdesk.scheduling import calendar_sync_review as review
from frontdesk.scheduling import roster
from frontdesk.scheduling.calendar_sync_ports import (
    CalendarAccount,
    CalendarConnection,
    CalendarConnector,
    EventDraft,
    PreconditionFailed,
    RemoteEvent,
)
from frontdesk.scheduling.models import (
    CALENDAR_EVENT_DELETED,
    CALENDAR_EVENT_DELETED_EXTERNALLY,
    CALENDAR_EVENT_MOVED_EXTERNALLY,
    CALENDAR_EVENT_PRESENT,
    PENDING,
    Appointment,
    CalendarEventLink,
    StaffCalendar,
)
from frontdesk.tenancy.models import Company

UNCHANGED = "unchanged"
CREATED = "created"
UPDATED = "updated"
DELETED = "deleted"
CONFLICT = "conflict"


_LINKED = (
    select(CalendarEventLink.id)
    .where(CalendarEventLink.appointment_id.in_(bindparam("ids", expanding=True)))
    .limit(1)
)


def enqueue_push(
    session: Session,
    appointment: Appointment,
    change: str,
    now: datetime,
    previous_id: int | None = None,
) -> bool:
    """Write the push job for a change, in the change's transaction; only when a calendar is
    involved (the staff member's, the previous one's, or an event written before)."""
    ids = [appointment.id] if previous_id is None else [appointment.id, previous_id]
    staff_ids = {appointment.staff_id}
    if previous_id is not None:  # a move: the previous appointment's staff member too
        staff_ids |= set(
            session.scalars(select(Appointment.staff_id).where(Appointment.id.in_(ids)))
        )
    involved = bool(roster.current(session, appointment.company_id).calendar_staff & staff_ids)
    if not involved and change != "booked":
        # An event written before, for an appointment that changes (a new one has none yet).
        involved = session.scalar(_LINKED, {"ids": ids}) is not None
    if not involved:
        return False
    payload: dict[str, Any] = {"appointment_id": appointment.id, "change": change}
    if previous_id is not None:
        payload["previous_id"] = previous_id
    job_service.enqueue(
        session=session,
        kind=rules.PUSH,
        key=f"{rules.PUSH}:{change}:{appointment.id}",
        company_id=appointment.company_id,
        payload=payload,
        run_at=now,
        max_attempts=rules.PUSH_MAX_ATTEMPTS,
    )
    return True


@dataclass(frozen=True)
class Place:
    """A calendar and where in it the event is (or goes)."""

    calendar_id: int
    account: CalendarAccount


@dataclass(frozen=True)
class PushPlan:
    link_id: int
    uid: str
    appointment_id: int  # the chain's newest appointment
    draft: EventDraft | None  # None: the event should not exist
    target: Place | None  # where the draft goes
    current: Place | None  # where the event is now (None: nowhere, as far as frontdesk knows)
    href: str | None
    etag: str | None
    unchanged: bool


@dataclass(frozen=True)
class PushResult:
    action: str
    calendar_id: int | None = None
    href: str | None = None
    etag: str | None = None
    remote: RemoteEvent | None = None  # what was found instead (a conflict)
    conflict_found_nothing: bool = False


def _chain(session: Session, appointment: Appointment, previous_id: int | None) -> list[int]:
    """The ids of the appointment's chain known from here: predecessors, it, its successors."""
    ids = [previous_id] if previous_id is not None else []
    ids.append(appointment.id)
    current, seen = appointment, {appointment.id}
    while current.replaced_by_id is not None and current.replaced_by_id not in seen:
        successor = session.get(Appointment, current.replaced_by_id)
        if successor is None:
            break
        ids.append(successor.id)
        seen.add(successor.id)
        current = successor
    return ids


def _find_link(session: Session, ids: list[int]) -> CalendarEventLink | None:
    return session.scalars(
        select(CalendarEventLink)
        .where(CalendarEventLink.appointment_id.in_(ids))
        .order_by(CalendarEventLink.id)
    ).first()


def _link_before(session: Session, first_id: int) -> CalendarEventLink | None:
    """The link of an older predecessor (a move whose own push has not run yet)."""
    current, seen = first_id, {first_id}
    for _ in range(50):
        before = session.scalar(select(Appointment.id).where(Appointment.replaced_by_id == current))
        if before is None or before in seen:
            return None
        link = _find_link(session, [before])
        if link is not None:
            return link
        seen.add(before)
        current = before
    return None


def draft_for(
    session: Session, company: Company, link_uid: str, appointment: Appointment
) -> EventDraft:
    """What the event says: the service and the patient; no phone numbers, no birth dates."""
    pending = appointment.status == PENDING
    summary = f"{appointment.service.name}: {review.patient_name(session, appointment)}"
    zone = ZoneInfo(company.timezone)
    description = (
        f"Gebucht über frontdesk (Termin Nr. {appointment.id}, "
        f"{appointment.starts_at.astimezone(zone):%d.%m.%Y %H:%M} Uhr). "
        "Bitte Termine in frontdesk verlegen oder absagen: Änderungen hier werden dort als "
        "Konflikt zur Prüfung gemeldet."
    )
    return EventDraft(
        uid=link_uid,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        summary=summary + (" (unbestätigt)" if pending else ""),
        description=description,
        tentative=pending,
    )


def _place(session: Session, calendar_id: int | None) -> Place | None:
    row = session.get(StaffCalendar, calendar_id) if calendar_id is not None else None
    if row is None or not row.active:
        return None
    return Place(calendar_id=row.id, account=rules.account_of(row))


def plan_push(
    session: Session, appointment_id: int, previous_id: int | None = None
) -> PushPlan | None:
    """What the push job has to do for this appointment's chain; None: nothing at all."""
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        return None
    company = session.get(Company, appointment.company_id)
    assert company is not None
    ids = _chain(session, appointment, previous_id)
    latest = session.get(Appointment, ids[-1])
    assert latest is not None
    link = _find_link(session, ids) or (
        _link_before(session, ids[0]) if previous_id is not None else None
    )
    calendar = session.scalars(
        select(StaffCalendar).where(
            StaffCalendar.staff_id == latest.staff_id, StaffCalendar.active.is_(True)
        )
    ).first()
    target = Place(calendar.id, rules.account_of(calendar)) if calendar is not None else None
    wanted = latest.active and target is not None
    if link is None:
        if not wanted:
            return None
        link, _ = insert_once(
            session,
            CalendarEventLink(
                company_id=company.id,
                appointment_id=latest.id,
                uid=rules.uid_for(company, ids[0]),
                state=CALENDAR_EVENT_DELETED,
            ),
            lambda: _find_link(session, ids),
        )
        assert link is not None
    if link.appointment_id != latest.id:
        link.appointment_id = latest.id
    session.flush()
    exists = link.state in (CALENDAR_EVENT_PRESENT, CALENDAR_EVENT_MOVED_EXTERNALLY)
    current = _place(session, link.calendar_id) if exists else None
    draft = draft_for(session, company, link.uid, latest) if wanted else None
    if draft is not None and target is not None and current is not None:
        same = current.calendar_id == target.calendar_id
        unchanged = same and (link.pushed_starts_at, link.pushed_ends_at) == (
            draft.starts_at,
            draft.ends_at,
        )
    else:
        unchanged = draft is None and current is None
    return PushPlan(
        link_id=link.id,
        uid=link.uid,
        appointment_id=latest.id,
        draft=draft,
        target=target if wanted else None,
        current=current,
        href=link.href,
        etag=link.etag,
        unchanged=unchanged,
    )


def _same_times(remote: RemoteEvent | None, draft: EventDraft) -> bool:
    return (
        remote is not None
        and isinstance(remote.starts_at, datetime)
        and remote.starts_at == draft.starts_at
        and remote.ends_at == draft.ends_at
    )


def _write(
    connection: CalendarConnection, href: str, draft: EventDraft, etag: str | None, place: Place
) -> PushResult:
    action = CREATED if etag is None else UPDATED
    try:
        new_etag = connection.put(href, draft, etag=etag)
    except PreconditionFailed:
        remote = connection.get(href)
        if _same_times(remote, draft):  # frontdesk's own earlier write (a retried job)
            assert remote is not None
            return PushResult(action, place.calendar_id, href, remote.etag)
        if etag is None and remote is not None and rules.is_own(remote.uid):
            # An event at frontdesk's own address, under its own UID, that frontdesk does not
            # know of: its own write whose recording was lost. Replace it.
            new_etag = connection.put(href, draft, etag=remote.etag)
        else:
            return PushResult(
                CONFLICT,
                place.calendar_id,
                href,
                remote.etag if remote else None,
                remote,
                conflict_found_nothing=remote is None,
            )
    if new_etag is None:
        found = connection.get(href)
        new_etag = found.etag if found is not None else None
    return PushResult(action, place.calendar_id, href, new_etag)


def apply_push(connector: CalendarConnector, plan: PushPlan) -> PushResult:
    """Talk to the server(s): no database. CalendarUnreachable goes to the caller (retry)."""
    if plan.unchanged:
        return PushResult(UNCHANGED)
    moving = plan.current is not None and (
        plan.target is None or plan.target.calendar_id != plan.current.calendar_id
    )
    if plan.current is not None and moving and plan.href is not None:
        connection = connector.open(plan.current.account)
        try:
            try:
                connection.delete(plan.href, etag=plan.etag)
            except PreconditionFailed:
                remote = connection.get(plan.href)
                if remote is not None:
                    return PushResult(
                        CONFLICT, plan.current.calendar_id, plan.href, remote.etag, remote
                    )
        finally:
            connection.close()
        if plan.draft is None or plan.target is None:
            return PushResult(DELETED, plan.current.calendar_id)
    if plan.draft is None or plan.target is None:
        return PushResult(UNCHANGED)
    connection = connector.open(plan.target.account)
    try:
        if plan.current is not None and not moving and plan.href is not None:
            return _write(connection, plan.href, plan.draft, plan.etag, plan.target)
        return _write(connection, connection.href_for(plan.uid), plan.draft, None, plan.target)
    finally:
        connection.close()


def record_push(
    session: Session, plan: PushPlan, result: PushResult, now: datetime
) -> dict[str, Any]:
    """Remember what was written (or why not) on the link; a conflict opens its item."""
    outcome: dict[str, Any] = {"calendar": result.action, "uid": plan.uid}
    if result.action == UNCHANGED:
        return outcome
    link = session.get(CalendarEventLink, plan.link_id)
    if link is None:
        return outcome
    link.pushed_at = now
    if result.action in (CREATED, UPDATED) and plan.draft is not None:
        link.calendar_id = result.calendar_id
        link.href, link.etag = result.href, result.etag
        link.state = CALENDAR_EVENT_PRESENT
        link.pushed_starts_at, link.pushed_ends_at = plan.draft.starts_at, plan.draft.ends_at
        link.remote_starts_at = link.remote_ends_at = None
    elif result.action == DELETED:
        link.state = CALENDAR_EVENT_DELETED
        link.etag = None
        link.pushed_starts_at = link.pushed_ends_at = None
        link.remote_starts_at = link.remote_ends_at = None
    elif result.action == CONFLICT:
        outcome["review_item_id"] = _record_conflict(session, link, result)
    session.flush()
    return outcome


def _record_conflict(session: Session, link: CalendarEventLink, result: PushResult) -> int:
    appointment = session.get(Appointment, link.appointment_id)
    company = session.get(Company, link.company_id)
    assert appointment is not None and company is not None
    link.calendar_id = result.calendar_id or link.calendar_id
    link.href = result.href or link.href
    link.etag = result.etag
    remote = result.remote
    if remote is None:
        link.state = CALENDAR_EVENT_DELETED_EXTERNALLY
        link.remote_starts_at = link.remote_ends_at = None
        kind: review.Conflict = "deleted" if appointment.active else "changed_before_write"
        return review.open_conflict(session, company, link, appointment, kind).id
    zone = ZoneInfo(company.timezone)
    span = (rules.as_utc(remote.starts_at, zone), rules.as_utc(remote.ends_at, zone))
    link.state = CALENDAR_EVENT_MOVED_EXTERNALLY
    link.remote_starts_at, link.remote_ends_at = span
    return review.open_conflict(
        session, company, link, appointment, "changed_before_write", span
    ).id
