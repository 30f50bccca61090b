"""Running one job: claim it, let its handler work in its own units of work, record the end."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import structlog

from frontdesk.db.core import Database, utcnow
from frontdesk.followup import service as followup_service
from frontdesk.jobs import service as job_service
from frontdesk.jobs.models import Job

log = structlog.get_logger(__name__)
DEFAULT_LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class JobView:
    """What a handler learns of its job (a detached copy: the handler opens its own sessions)."""

    id: int
    kind: str
    key: str
    company_id: int | None
    payload: dict[str, Any]
    attempt: int
    now: datetime


@dataclass(frozen=True)
class Outcome:
    """What the handler did, or when to try again without spending an attempt."""

    result: dict[str, Any] = field(default_factory=dict)
    defer_until: datetime | None = None


class TransientJobError(Exception):
    """Worth trying again later (a provider or the network was down)."""


class PermanentJobError(Exception):
    """Trying again cannot help (the data says no); the job gives up at once."""


Handler = Callable[[Database, JobView], Outcome]


def _describe(error: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(error), error)).strip()


def run_one(
    *,
    database: Database,
    job_id: int,
    handlers: Mapping[str, Handler],
    lease: timedelta = DEFAULT_LEASE,
    clock: Callable[[], datetime] = utcnow,
) -> str:
    """Run the job if it is due and nobody else has it; returns what became of it."""
    with database.unit_of_work() as session:
        job = job_service.claim(session=session, job_id=job_id, now=clock(), lease=lease)
        if job is None:
            return "not_due"
        view = JobView(
            id=job.id,
            kind=job.kind,
            key=job.key,
            company_id=job.company_id,
            payload=dict(job.payload or {}),
            attempt=job.attempts,
            now=clock(),
        )
    handler = handlers.get(view.kind)
    if handler is None:
        return _record_failure(
            database, view, f"no handler for job kind {view.kind!r}", True, clock
        )
    try:
        outcome = handler(database, view)
    except PermanentJobError as error:
        return _record_failure(database, view, _describe(error), True, clock)
    except Exception as error:  # any other error may pass: retried with backoff, then given up
        log.warning("job_attempt_failed", job_id=view.id, kind=view.kind, error=_describe(error))
        return _record_failure(database, view, _describe(error), False, clock)
    with database.unit_of_work() as session:
        job = session.get(Job, view.id)
        if job is None:
            return "vanished"
        if outcome.defer_until is not None:
            job_service.defer(
                session=session, job=job, until=outcome.defer_until, result=outcome.result
            )
            return "deferred"
        job_service.complete(session=session, job=job, result=outcome.result, now=clock())
    return "done"


def _record_failure(
    database: Database,
    view: JobView,
    error: str,
    permanent: bool,
    clock: Callable[[], datetime],
) -> str:
    with database.unit_of_work() as session:
        job = session.get(Job, view.id)
        if job is None:
            return "vanished"
        gave_up = job_service.fail_attempt(
            session=session, job=job, error=error, now=clock(), permanent=permanent
        )
        if not gave_up:
            return "retry"
        log.error("job_failed", job_id=view.id, kind=view.kind, error=error)
        if view.company_id is not None:
            followup_service.open_item(
                session=session,
                company_id=view.company_id,
                reason="job_failed",
                call_id=view.payload.get("call_id"),
                priority=followup_service.PRIORITY_HIGH,
                summary=f"Hintergrundaufgabe {view.kind} (Nr. {view.id}) ist endgültig "
                f"fehlgeschlagen: {error[:300]}",
                details={"job_id": view.id, "kind": view.kind, "error": error[:1000]},
            )
    return "failed"
