"""The doorbell rings when the outer transaction commits, not when a savepoint is released:
a worker on another connection must find the job's row when it answers the bell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from huey import Huey
from sqlalchemy.orm import sessionmaker

from frontdesk.db.core import Database
from frontdesk.jobs import service as job_service
from frontdesk.jobs.models import Job
from frontdesk.jobs.queue import JobQueue, dispatch_after_commit, make_huey


@pytest.fixture
def huey(tmp_path: Path) -> Iterator[Huey]:
    queue = make_huey(
        redis_url="", queue_path=str(tmp_path / "queue.db"), database_url="", name="bell"
    )
    yield queue
    queue.flush()


def test_a_job_written_in_a_savepoint_rings_only_after_the_outer_commit(
    database: Database, huey: Huey
) -> None:
    sessions = sessionmaker(database.engine, expire_on_commit=False)
    dispatch_after_commit(sessions, JobQueue(huey, database))
    with sessions() as session:
        with session.begin_nested():
            job_id = job_service.enqueue(
                session=session, kind="test.bell", key="bell:1", company_id=None
            )
        with session.begin_nested():
            pass  # a later savepoint released before the commit
        assert huey.pending_count() == 0
        if not database.is_sqlite:  # (SQLite: another connection would wait for the lock)
            with database.sessions() as other:  # another connection cannot see the row yet
                assert other.get(Job, job_id) is None
        session.commit()
    assert huey.pending_count() == 1
    with database.sessions() as other:
        assert other.get(Job, job_id) is not None


def test_a_rolled_back_transaction_never_rings(database: Database, huey: Huey) -> None:
    sessions = sessionmaker(database.engine, expire_on_commit=False)
    dispatch_after_commit(sessions, JobQueue(huey, database))
    with sessions() as session:
        job_service.enqueue(session=session, kind="test.bell", key="bell:2", company_id=None)
        session.rollback()
    assert huey.pending_count() == 0
