"""The calendar sync's jobs: pushing one appointment chain's event, and the periodic pull.

Network calls happen between units of work, never inside one: plan (rows), talk to the
server (through the adapter), record (rows). A server that cannot be reached makes a push
job try again later (TransientJobError, the queue's backoff); a pull records the failure,
and the scheduling rules decide whether it needs a review item."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.calendars.caldav import CaldavConnector
from frontdesk.db.core import Database
from frontdesk.jobs.runner import Handler, JobView, Outcome, TransientJobError
from frontdesk.jobs.service import enqueue
from frontdesk.scheduling import calendar_sync, calendar_sync_pull, calendar_sync_push
from frontdesk.scheduling.calendar_sync_ports import CalendarConnector, CalendarUnreachable

PUSH = calendar_sync.PUSH
PULL = calendar_sync.PULL
# Live offers wait at most this long for a stale calendar before using the stored state.
ON_DEMAND_TIMEOUT_SECONDS = 3


def default_connector(timeout_seconds: int = 10) -> CalendarConnector:
    return CaldavConnector(timeout_seconds=timeout_seconds)


def install_on_demand_pull() -> None:
    """Let slot computations refresh stale calendars themselves (the app and the worker)."""
    calendar_sync.install_connector(default_connector(ON_DEMAND_TIMEOUT_SECONDS))


def schedule_pull(session: Session, now: datetime) -> bool:
    """The periodic pull's job for this minute, when any calendar is set up at all."""
    if not calendar_sync_pull.calendars(session):
        return False
    enqueue(session=session, kind=PULL, key=f"{PULL}:{now:%Y%m%d%H%M}", company_id=None, run_at=now)
    return True


def push(database: Database, connector: CalendarConnector, view: JobView) -> Outcome:
    previous = view.payload.get("previous_id")
    with database.unit_of_work() as session:
        plan = calendar_sync_push.plan_push(
            session,
            int(view.payload["appointment_id"]),
            int(previous) if previous is not None else None,
        )
    if plan is None:
        return Outcome({"calendar": "none"})
    try:
        result = calendar_sync_push.apply_push(connector, plan)
    except CalendarUnreachable as exc:
        raise TransientJobError(f"calendar unreachable: {exc}") from exc
    with database.unit_of_work() as session:
        return Outcome(calendar_sync_push.record_push(session, plan, result, view.now))


def pull(
    database: Database,
    connector: CalendarConnector,
    now: datetime,
    *,
    company_id: int | None = None,
    staff_ids: Sequence[int] | None = None,
    only_due: bool = True,
) -> list[calendar_sync_pull.PullReport]:
    """Pull the calendars (those due, unless told otherwise); one failing spoils no other."""
    with database.unit_of_work() as session:
        rows = calendar_sync_pull.calendars(session, company_id=company_id, staff_ids=staff_ids)
        plans = [
            calendar_sync_pull.plan_pull(session, row, now)
            for row in rows
            if not only_due or calendar_sync.due_for_periodic_pull(row, now)
        ]
    reports = []
    for plan in plans:
        fetched = calendar_sync_pull.fetch(connector, plan, now)
        with database.unit_of_work() as session:
            reports.append(calendar_sync_pull.store(session, fetched, now))
    return reports


def pull_job(database: Database, connector: CalendarConnector, view: JobView) -> Outcome:
    reports = pull(database, connector, view.now, company_id=view.company_id)
    result: dict[str, Any] = {
        "pulled": len(reports),
        "unreachable": [r.staff_id for r in reports if not r.ok],
        "conflicts": sum(len(r.conflicts) for r in reports),
    }
    return Outcome(result)


def handlers(connector: CalendarConnector | None = None) -> dict[str, Handler]:
    chosen = connector or default_connector()

    def push_handler(database: Database, view: JobView) -> Outcome:
        return push(database, chosen, view)

    def pull_handler(database: Database, view: JobView) -> Outcome:
        return pull_job(database, chosen, view)

    return {PUSH: push_handler, PULL: pull_handler}
