"""The queue that carries job ids to workers: huey on SQLite (embedded) or Redis (scaled out).

The queue is only a doorbell. A job's row in the outbox is the truth, so a lost queue entry
(a crash between commit and enqueue, a dead worker, a flushed Redis) is found again by the
sweep, which runs every minute in the worker and at the start of every burst."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import structlog
from huey import Huey, RedisHuey, crontab
from huey.storage import SqliteStorage
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.db.core import Database, utcnow
from frontdesk.jobs import service as job_service

log = structlog.get_logger(__name__)
RUN_JOB = "frontdesk.run_job"
SWEEP = "frontdesk.sweep_jobs"


def make_huey(
    *, redis_url: str, queue_path: str, database_url: str, name: str = "frontdesk"
) -> Huey:
    """RedisHuey when a Redis URL is set, else SqliteHuey in a file beside the database."""
    if redis_url:
        return RedisHuey(name, url=redis_url, results=False)
    path = Path(queue_path) if queue_path else queue_file_beside(database_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    return Huey(name, storage_class=_DoorbellStorage, filename=str(path), results=False)


class _DoorbellStorage(SqliteStorage):  # type: ignore[misc]  # huey has no types
    """huey's SQLite storage without a disk flush per enqueue.

    The queue is only a doorbell (see the module doc): WAL with synchronous=NORMAL keeps the
    file whole through any crash and can lose only the last entries on a power cut, which
    the sweep finds again from the outbox. huey's own choice is FULL or OFF."""

    def _create_connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = super()._create_connection()
        conn.execute("pragma synchronous=NORMAL")
        return conn


def queue_file_beside(database_url: str) -> Path:
    """`var/frontdesk.db` -> `var/frontdesk.queue.db`; a server database -> `var/queue.db`."""
    prefix = "sqlite:///"
    if database_url.startswith(prefix) and database_url[len(prefix) :] not in ("", ":memory:"):
        db_path = Path(database_url[len(prefix) :])
        return db_path.with_name(db_path.stem + ".queue.db")
    return Path("var") / "queue.db"


class JobQueue:
    """Huey wiring: one task that runs a job by id, one periodic sweep of the outbox."""

    def __init__(
        self,
        huey: Huey,
        database: Database,
        runner: Callable[[int], str] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.huey = huey
        self.database = database
        self.clock = clock
        self._runner = runner
        self._run_task = huey.task(name=RUN_JOB)(self._run)
        huey.periodic_task(crontab(minute="*"), name=SWEEP)(self.sweep)

    def _run(self, job_id: int) -> str:
        if self._runner is None:  # a producer-only queue (the web app) never executes
            raise RuntimeError("this process only enqueues jobs")
        return self._runner(job_id)

    def dispatch(self, job_id: int, run_at: datetime | None = None) -> None:
        """Ring the doorbell for one job, now or at its time."""
        now = self.clock()
        if run_at is not None and run_at > now + timedelta(seconds=1):
            self._run_task.schedule(args=(job_id,), eta=run_at)
        else:
            self._run_task(job_id)

    def sweep(self) -> int:
        """Enqueue every job that is due by its row (the safety net for lost queue entries)."""
        with self.database.unit_of_work() as session:
            ids = job_service.due_ids(session=session, now=self.clock())
        for job_id in ids:
            self._run_task(job_id)
        return len(ids)

    def burst(self, *, max_rounds: int = 1000) -> dict[str, int]:
        """Run every due job through the queue, then return (`frontdesk worker --burst`).

        Each round drains what the queue holds, then sweeps the outbox for due jobs the queue
        lost, until a round finds nothing to run."""
        counts: dict[str, int] = {}
        for _ in range(max_rounds):
            ran = self._drain(counts)
            self.sweep()
            ran += self._drain(counts)
            if ran == 0:
                break
        return counts

    def _drain(self, counts: dict[str, int]) -> int:
        for task in self.huey.read_schedule(self.clock()):
            self.huey.enqueue(task)
        ran = 0
        while (task := self.huey.dequeue()) is not None:
            if not self.huey.ready_to_run(task):  # a job for later: back to the schedule
                self.huey.add_schedule(task)
                continue
            outcome = self.huey.execute(task)
            if task.name == RUN_JOB:
                counts[str(outcome)] = counts.get(str(outcome), 0) + 1
                ran += outcome != "not_due"
        return ran

    def consume(self, *, workers: int = 2) -> None:
        """Run the huey consumer (with the periodic sweep) until stopped."""
        self.sweep()
        consumer = self.huey.create_consumer(
            workers=workers, worker_type="thread", periodic=True, check_worker_health=True
        )
        consumer.run()


def dispatch_after_commit(sessions: sessionmaker[Session], queue: JobQueue) -> None:
    """Ring the doorbell for the jobs a transaction wrote, once it has committed."""

    def after_commit(session: Session) -> None:
        # SQLAlchemy 2 also calls this when a savepoint is released (begin_nested), while the
        # outer transaction is still open: ringing then lets a worker on another connection look
        # for a row it cannot see yet (PostgreSQL: "not due", the job waits for the sweep).
        if session.in_nested_transaction():
            return
        for job_id, run_at in session.info.pop(job_service.NEW_JOBS, []):
            try:
                queue.dispatch(job_id, run_at)
            except Exception as error:  # the sweep finds the row; a lost doorbell loses nothing
                log.warning("job_dispatch_failed", job_id=job_id, error=str(error))

    def after_rollback(session: Session) -> None:
        session.info.pop(job_service.NEW_JOBS, None)

    event.listen(sessions, "after_commit", after_commit)
    event.listen(sessions, "after_soft_rollback", _forget(after_rollback))


def _forget(handler: Callable[[Session], None]) -> Callable[[Session, Any], None]:
    def on_rollback(session: Session, _previous: Any) -> None:
        if not session.in_transaction():
            handler(session)

    return on_rollback
