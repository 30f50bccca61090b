"""Writing jobs into the outbox, claiming them, and recording how they ended."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from frontdesk.db.core import insert_unless_present, utcnow
from frontdesk.jobs.models import DONE, FAILED, PENDING, RUNNING, Job

# Ids of jobs written in a session, dispatched to the queue once the session commits.
NEW_JOBS = "frontdesk.new_jobs"
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600


def enqueue(
    *,
    session: Session,
    kind: str,
    key: str,
    company_id: int | None,
    payload: dict[str, Any] | None = None,
    run_at: datetime | None = None,
    max_attempts: int = 6,
) -> int:
    """Write the need for work in the caller's transaction; the same key is one job, ever.

    Returns the job's id (the existing job's, for a key written before)."""
    run_at = run_at or utcnow()
    job_id = insert_unless_present(
        session,
        Job,
        {
            "kind": kind,
            "key": key[:200],
            "company_id": company_id,
            "payload": payload or {},
            "run_at": run_at,
            "max_attempts": max_attempts,
        },
        key="key",
    )
    if job_id is None:
        existing = by_key(session=session, key=key)
        assert existing is not None  # the conflicting row is committed, or ours
        return existing.id
    session.info.setdefault(NEW_JOBS, []).append((job_id, run_at))
    return job_id


def by_key(*, session: Session, key: str) -> Job | None:
    return session.scalars(select(Job).where(Job.key == key[:200])).first()


def _due_clause(now: datetime) -> Any:
    return or_(
        and_(Job.status == PENDING, Job.run_at <= now),
        and_(Job.status == RUNNING, Job.lease_until < now),
    )


def due_ids(*, session: Session, now: datetime, limit: int = 500) -> list[int]:
    """Jobs to run now: pending and due, or claimed by a worker whose lease ran out."""
    query = select(Job.id).where(_due_clause(now)).order_by(Job.run_at, Job.id).limit(limit)
    return list(session.scalars(query))


def next_due_at(*, session: Session) -> datetime | None:
    return session.scalar(select(Job.run_at).where(Job.status == PENDING).order_by(Job.run_at))


def claim(*, session: Session, job_id: int, now: datetime, lease: timedelta) -> Job | None:
    """Take the job for this worker, atomically; None when it is not due or another has it."""
    claimed = session.execute(
        update(Job)
        .where(Job.id == job_id, _due_clause(now))
        .values(status=RUNNING, lease_until=now + lease, attempts=Job.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    job = session.get(Job, job_id)
    if job is not None:
        session.refresh(job)
    return job


def complete(*, session: Session, job: Job, result: dict[str, Any], now: datetime) -> None:
    job.status = DONE
    job.result = result
    job.lease_until = None
    job.finished_at = now
    session.flush()


def defer(*, session: Session, job: Job, until: datetime, result: dict[str, Any]) -> None:
    """Not yet (quiet hours, a reminder's time): due again later, no attempt spent."""
    job.status = PENDING
    job.run_at = until
    job.lease_until = None
    job.attempts = max(0, job.attempts - 1)
    job.result = result
    session.info.setdefault(NEW_JOBS, []).append((job.id, until))
    session.flush()


def backoff(attempts: int) -> timedelta:
    return timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(0, attempts - 1), BACKOFF_MAX_SECONDS)
    )


def fail_attempt(*, session: Session, job: Job, error: str, now: datetime, permanent: bool) -> bool:
    """Record a failed attempt; retry later with backoff unless it failed for good.

    Returns True when the job gave up (the caller opens a review item)."""
    job.last_error = error[:4000]
    job.lease_until = None
    if permanent or job.attempts >= job.max_attempts:
        job.status = FAILED
        job.finished_at = now
        session.flush()
        return True
    job.status = PENDING
    job.run_at = now + backoff(job.attempts)
    session.info.setdefault(NEW_JOBS, []).append((job.id, job.run_at))
    session.flush()
    return False


def retry(*, session: Session, job_id: int, now: datetime | None = None) -> Job | None:
    """Give a failed job a fresh set of attempts (an operator's `jobs retry`)."""
    job = session.get(Job, job_id)
    if job is None:
        return None
    if job.status != FAILED:
        return job
    job.status = PENDING
    job.attempts = 0
    job.run_at = now or utcnow()
    job.finished_at = None
    session.info.setdefault(NEW_JOBS, []).append((job.id, job.run_at))
    session.flush()
    return job


def list_jobs(
    *, session: Session, failed_only: bool = False, company_id: int | None = None, limit: int = 200
) -> Sequence[Job]:
    query = select(Job)
    if failed_only:
        query = query.where(Job.status == FAILED)
    if company_id is not None:
        query = query.where(Job.company_id == company_id)
    return session.scalars(query.order_by(Job.id.desc()).limit(limit)).all()


def job_as_dict(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "company_id": job.company_id,
        "kind": job.kind,
        "key": job.key,
        "status": job.status,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "run_at": job.run_at.isoformat(),
        "result": job.result,
        "last_error": job.last_error,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "payload": job.payload,
    }
