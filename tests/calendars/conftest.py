"""Calendar sync fixtures: a real Radicale server, a practice whose Dr. Sommer syncs with a
fresh calendar on it, a connector that counts the writes it passes to the real adapter, and
running the calendar jobs with a controlled clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

import pytest
from sqlalchemy import select

from frontdesk.calendars.caldav import CaldavConnector
from frontdesk.conversations import calendar_jobs
from frontdesk.db.core import Database
from frontdesk.jobs import service as job_service
from frontdesk.jobs.models import Job
from frontdesk.jobs.runner import run_one
from frontdesk.scheduling import calendar_sync, lookup
from frontdesk.scheduling.calendar_sync_ports import (
    CalendarAccount,
    CalendarConnection,
    EventDraft,
    RemoteEvent,
)
from tests.calendars.radicale_server import CalendarApp, Radicale
from tests.scheduling.conftest import NOW, PRACTICE, Practice, load_text


def practice_with_calendar(url: str, max_age_seconds: int = 300) -> str:
    return PRACTICE.replace(
        "    key: sommer\n",
        "    key: sommer\n"
        "    calendar:\n"
        f"      url: {url}\n"
        "      username: sommer\n"
        f"      max_age_seconds: {max_age_seconds}\n",
        1,
    )


@dataclass
class Counts:
    puts: int = 0
    deletes: int = 0
    pulls: int = 0


class CountingConnection:
    def __init__(self, inner: CalendarConnection, counts: Counts) -> None:
        self.inner = inner
        self.counts = counts

    def events(self, lo: datetime, hi: datetime) -> list[RemoteEvent]:
        found = self.inner.events(lo, hi)
        self.counts.pulls += 1
        return found

    def get(self, href: str) -> RemoteEvent | None:
        return self.inner.get(href)

    def href_for(self, uid: str) -> str:
        return self.inner.href_for(uid)

    def put(self, href: str, draft: EventDraft, *, etag: str | None) -> str | None:
        new = self.inner.put(href, draft, etag=etag)
        self.counts.puts += 1
        return new

    def delete(self, href: str, *, etag: str | None) -> bool:
        gone = self.inner.delete(href, etag=etag)
        self.counts.deletes += gone
        return gone

    def close(self) -> None:
        self.inner.close()


@dataclass
class CountingConnector:
    """The real CalDAV adapter; counts the writes the server accepted."""

    inner: CaldavConnector = field(default_factory=lambda: CaldavConnector(timeout_seconds=2))
    counts: Counts = field(default_factory=Counts)

    def open(self, account: CalendarAccount) -> CountingConnection:
        return CountingConnection(self.inner.open(account), self.counts)


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    server = Radicale(tmp_path_factory.mktemp("radicale"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def calendar_app(radicale: Radicale) -> Iterator[CalendarApp]:
    app = CalendarApp(radicale.new_calendar())
    yield app
    app.close()


@pytest.fixture
def connector() -> Iterator[CountingConnector]:
    """Installed for on-demand pulls too; removed afterwards."""
    counting = CountingConnector()
    calendar_sync.install_connector(counting)
    yield counting
    calendar_sync.install_connector(None)


@dataclass
class Synced:
    practice: Practice
    sommer: int
    winter: int
    app: CalendarApp


def load_synced(database: Database, app: CalendarApp, max_age_seconds: int = 300) -> Synced:
    with database.unit_of_work() as session:
        practice = load_text(session, practice_with_calendar(app.url, max_age_seconds))
        sommer = lookup.get_staff_or_raise(
            session=session, company_id=practice.company_id, staff="sommer"
        ).id
        winter = lookup.get_staff_or_raise(
            session=session, company_id=practice.company_id, staff="winter"
        ).id
    return Synced(practice, sommer, winter, app)


@pytest.fixture
def synced(database: Database, calendar_app: CalendarApp) -> Synced:
    return load_synced(database, calendar_app)


def run_calendar_jobs(
    database: Database, connector: CountingConnector, now: datetime = NOW
) -> dict[str, int]:
    """Run every due calendar job (others are not this suite's business)."""
    handlers = calendar_jobs.handlers(connector)
    counts: dict[str, int] = {}
    for _ in range(10):
        with database.unit_of_work() as session:
            due = [
                i
                for i in job_service.due_ids(session=session, now=now)
                if session.get(Job, i).kind in handlers  # type: ignore[union-attr]
            ]
        if not due:
            break
        for job_id in due:
            outcome = run_one(
                database=database, job_id=job_id, handlers=handlers, clock=lambda: now
            )
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def calendar_jobs_of(database: Database) -> list[Job]:
    with database.unit_of_work() as session:
        return list(
            session.scalars(select(Job).where(Job.kind == calendar_sync.PUSH).order_by(Job.id))
        )


def again(database: Database, job_id: int, now: datetime = NOW) -> None:
    """As if the job's completion had been lost: it becomes due once more."""
    with database.unit_of_work() as session:
        job = session.get(Job, job_id)
        assert job is not None
        job.status = "pending"
        job.run_at = now
        job.finished_at = None
