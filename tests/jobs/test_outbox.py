"""The job outbox: written with its cause, claimed once, retried with backoff, ended in a row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.jobs import service as job_service
from frontdesk.jobs.models import DONE, FAILED, PENDING, RUNNING, Job
from frontdesk.jobs.runner import JobView, Outcome, PermanentJobError, TransientJobError, run_one
from frontdesk.tenancy import service as tenancy_service

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def _company(database: Database) -> int:
    with database.unit_of_work() as session:
        return tenancy_service.create(session=session, name="Praxis Jobtest").id


def _job(database: Database, company_id: int, kind: str = "test.kind", key: str = "k1") -> int:
    with database.unit_of_work() as session:
        return job_service.enqueue(
            session=session, kind=kind, key=key, company_id=company_id, run_at=NOW
        )


def test_a_job_exists_only_if_its_cause_committed(database: Database) -> None:
    company_id = _company(database)
    with pytest.raises(RuntimeError), database.unit_of_work() as session:
        job_service.enqueue(session=session, kind="x", key="lost", company_id=company_id)
        raise RuntimeError("the booking failed")
    with database.unit_of_work() as session:
        assert job_service.by_key(session=session, key="lost") is None


def test_the_same_key_is_one_job_however_often_it_is_written(database: Database) -> None:
    company_id = _company(database)
    first = _job(database, company_id)
    second = _job(database, company_id)
    assert first == second
    with database.unit_of_work() as session:
        assert len(session.scalars(select(Job)).all()) == 1


def test_only_one_worker_claims_a_job_and_a_dead_workers_job_comes_back(database: Database) -> None:
    company_id = _company(database)
    job_id = _job(database, company_id)
    lease = timedelta(minutes=5)
    with database.unit_of_work() as session:
        assert job_service.claim(session=session, job_id=job_id, now=NOW, lease=lease) is not None
    with database.unit_of_work() as session:
        assert job_service.claim(session=session, job_id=job_id, now=NOW, lease=lease) is None
        assert job_service.due_ids(session=session, now=NOW + timedelta(minutes=4)) == []
        assert job_service.due_ids(session=session, now=NOW + timedelta(minutes=6)) == [job_id]
        again = job_service.claim(
            session=session, job_id=job_id, now=NOW + timedelta(minutes=6), lease=lease
        )
        assert again is not None and again.status == RUNNING and again.attempts == 2


def _run(database: Database, job_id: int, handler: object, at: datetime = NOW) -> str:
    return run_one(
        database=database,
        job_id=job_id,
        handlers={"test.kind": handler},  # type: ignore[dict-item]
        clock=lambda: at,
    )


def test_a_done_job_records_what_it_did_and_never_runs_again(database: Database) -> None:
    company_id = _company(database)
    job_id = _job(database, company_id)
    calls: list[int] = []

    def handler(_db: Database, view: JobView) -> Outcome:
        calls.append(view.id)
        return Outcome({"sent": 1})

    assert _run(database, job_id, handler) == DONE
    assert _run(database, job_id, handler) == "not_due"
    assert calls == [job_id]
    with database.unit_of_work() as session:
        job = session.get(Job, job_id)
        assert job is not None and job.status == DONE and job.result == {"sent": 1}


def test_transient_errors_back_off_then_give_up_with_a_review_item(database: Database) -> None:
    company_id = _company(database)
    job_id = _job(database, company_id)

    def handler(_db: Database, _view: JobView) -> Outcome:
        raise TransientJobError("provider down")

    at = NOW
    outcomes = []
    for _ in range(6):
        outcomes.append(_run(database, job_id, handler, at))
        with database.unit_of_work() as session:
            job = session.get(Job, job_id)
            assert job is not None
            if job.status == PENDING:
                assert job.run_at > at  # backoff: not due at once
                at = job.run_at
    assert outcomes == ["retry"] * 5 + ["failed"]
    with database.unit_of_work() as session:
        job = session.get(Job, job_id)
        assert (
            job is not None and job.status == FAILED and "provider down" in (job.last_error or "")
        )
        items = session.scalars(select(ReviewItem).where(ReviewItem.reason == "job_failed")).all()
        assert len(items) == 1 and items[0].details["job_id"] == job_id


def test_a_permanent_error_gives_up_at_once_and_retry_revives_it(database: Database) -> None:
    company_id = _company(database)
    job_id = _job(database, company_id)

    def broken(_db: Database, _view: JobView) -> Outcome:
        raise PermanentJobError("appointment 7 not found")

    assert _run(database, job_id, broken) == "failed"
    with database.unit_of_work() as session:
        assert [j.id for j in job_service.list_jobs(session=session, failed_only=True)] == [job_id]
        job_service.retry(session=session, job_id=job_id, now=NOW)
    assert _run(database, job_id, lambda _db, _v: Outcome({"ok": True})) == DONE


def test_a_deferred_job_waits_without_spending_an_attempt(database: Database) -> None:
    company_id = _company(database)
    job_id = _job(database, company_id)
    later = NOW + timedelta(hours=10)

    def quiet(_db: Database, _view: JobView) -> Outcome:
        return Outcome({"held": True}, defer_until=later)

    assert _run(database, job_id, quiet) == "deferred"
    with database.unit_of_work() as session:
        job = session.get(Job, job_id)
        assert job is not None and job.status == PENDING and job.run_at == later
        assert job.attempts == 0
    assert _run(database, job_id, quiet, NOW + timedelta(hours=1)) == "not_due"


def test_an_unknown_kind_fails_for_good(database: Database) -> None:
    company_id = _company(database)
    job_id = _job(database, company_id, kind="nobody.handles.this")
    assert _run(database, job_id, lambda _db, _v: Outcome()) == "failed"
