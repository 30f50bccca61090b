"""The real queue (SqliteHuey, and RedisHuey on the local Redis): the doorbell rings after the
commit, a lost doorbell is found by the sweep, and burst runs everything due."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
from huey import Huey

from frontdesk.db.core import Database, utcnow
from frontdesk.jobs import service as job_service
from frontdesk.jobs.models import DONE, Job
from frontdesk.jobs.queue import JobQueue, dispatch_after_commit, make_huey, queue_file_beside
from frontdesk.jobs.runner import JobView, Outcome, run_one
from frontdesk.tenancy import service as tenancy_service

REDIS_URL = os.environ.get("FRONTDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")


@pytest.fixture(params=["sqlite", "redis"])
def huey(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Huey]:
    name = f"frontdesk-test-{uuid.uuid4().hex[:8]}"
    if request.param == "redis":
        _redis_or_skip()
        queue = make_huey(redis_url=REDIS_URL, queue_path="", database_url="", name=name)
    else:
        queue = make_huey(
            redis_url="", queue_path=str(tmp_path / "queue.db"), database_url="", name=name
        )
    yield queue
    queue.flush()


@pytest.fixture
def own_database(database: Database) -> Iterator[Database]:
    """A second engine on the test database, so the queue's commit hook stays with this test."""
    db = Database(database.url)
    yield db
    db.dispose()


def _queue(huey: Huey, db: Database, ran: list[int]) -> JobQueue:
    def handler(_db: Database, view: JobView) -> Outcome:
        ran.append(view.id)
        return Outcome({"ok": True})

    def runner(job_id: int) -> str:
        return run_one(database=db, job_id=job_id, handlers={"test.kind": handler})

    queue = JobQueue(huey, db, runner)
    dispatch_after_commit(db.sessions, queue)
    return queue


def _enqueue(db: Database, key: str, run_at: datetime | None = None) -> int:
    with db.unit_of_work() as session:
        company = tenancy_service.create(session=session, name="Praxis Queue")
        return job_service.enqueue(
            session=session, kind="test.kind", key=key, company_id=company.id, run_at=run_at
        )


def test_the_doorbell_rings_only_after_commit(huey: Huey, own_database: Database) -> None:
    ran: list[int] = []
    queue = _queue(huey, own_database, ran)
    with pytest.raises(RuntimeError), own_database.unit_of_work() as session:
        company = tenancy_service.create(session=session, name="Praxis Rollback")
        job_service.enqueue(session=session, kind="test.kind", key="k-rb", company_id=company.id)
        raise RuntimeError("rolled back")
    assert huey.pending_count() == 0
    job_id = _enqueue(own_database, "k-1")
    assert huey.pending_count() == 1
    assert queue.burst() == {DONE: 1}
    assert ran == [job_id]


def test_a_lost_doorbell_is_found_by_the_sweep(huey: Huey, own_database: Database) -> None:
    ran: list[int] = []
    queue = _queue(huey, own_database, ran)
    job_id = _enqueue(own_database, "k-lost")
    huey.flush()  # Redis flushed, or the process died between commit and enqueue
    assert huey.pending_count() == 0
    assert queue.burst() == {DONE: 1}
    assert ran == [job_id]
    with own_database.unit_of_work() as session:
        job = session.get(Job, job_id)
        assert job is not None and job.status == DONE


def test_a_job_for_later_waits_for_its_time(huey: Huey, own_database: Database) -> None:
    ran: list[int] = []
    queue = _queue(huey, own_database, ran)
    _enqueue(own_database, "k-later", run_at=utcnow() + timedelta(hours=2))
    assert queue.burst() == {}
    assert ran == []
    assert huey.scheduled_count() == 1


def test_a_duplicate_doorbell_runs_the_job_once(huey: Huey, own_database: Database) -> None:
    ran: list[int] = []
    queue = _queue(huey, own_database, ran)
    job_id = _enqueue(own_database, "k-dup")
    queue.dispatch(job_id)
    queue.dispatch(job_id)
    counts = queue.burst()
    assert ran == [job_id]
    assert counts[DONE] == 1 and counts["not_due"] == 2


def test_the_queue_file_sits_beside_the_database() -> None:
    assert queue_file_beside("sqlite:///var/frontdesk.db") == Path("var/frontdesk.queue.db")
    assert queue_file_beside("postgresql+psycopg://x/y") == Path("var/queue.db")
    assert datetime.now(UTC) > datetime(2026, 1, 1, tzinfo=UTC)


def test_the_embedded_queue_writes_without_a_disk_flush_per_doorbell(tmp_path: Path) -> None:
    """A doorbell need not survive a power cut (the sweep finds its job): WAL and
    synchronous=NORMAL, not huey's FULL, which flushed the disk on every enqueue."""
    queue = make_huey(redis_url="", queue_path=str(tmp_path / "q.db"), database_url="")
    queue.storage.enqueue(b"ring")
    conn = queue.storage.conn
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert conn.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL
    assert queue.storage.dequeue() == b"ring"
