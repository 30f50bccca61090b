"""CalDAV sync against a real Radicale server: pull latency, writes per second, conflicts found.

    python bench/caldav_sync.py [--runs 5] [--bookings 40] [--external 60] [--changes 6]

Each run: a fresh SQLite database (migrated here) and a fresh calendar on a local Radicale
(subprocess, filesystem storage, no auth) holding `--external` busy events of the practice's
Dr. Sommer (some recurring). Measured, perf_counter only:
- pull: an external event is written by plain HTTP (as a calendar app would); the time from
  that write's answer until frontdesk's busy blocks hold it (one forced pull, as the periodic
  job or a stale offer runs it), repeated 10 times per run;
- an offer from stale data: `free_slots` for one day, including the on-demand pull;
- push: `--bookings` bookings in the database, then their push jobs run one after another
  (plan, PUT with If-None-Match, record): writes per second and time per write; then every job
  once more (as if their completion was lost): writes that reached the server again;
- conflicts: `--changes` events moved and `--changes` deleted by hand, then one pull: review
  items found (must equal 2 x changes) and that pull's time.
Exits 1 when a conflict is missed or counted twice, or a repeated job wrote again.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.calendars.conftest import CountingConnector, practice_with_calendar
from tests.calendars.radicale_server import CalendarApp, Radicale
from tests.scheduling.conftest import load_text, make_customer

import frontdesk.tables
from frontdesk.conversations import calendar_jobs
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.followup.models import ReviewItem
from frontdesk.jobs.models import Job
from frontdesk.jobs.runner import run_one
from frontdesk.scheduling import calendar_sync, lookup, slots
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.models import CalendarBusyBlock, Staff

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # Monday 08:00 in Berlin
FIRST_DAY = date(2026, 12, 1)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def weekdays(count: int) -> list[date]:
    found, day = [], FIRST_DAY
    while len(found) < count:
        if day.weekday() < 5:
            found.append(day)
        day += timedelta(days=1)
    return found


def one_run(radicale: Radicale, args: argparse.Namespace, tmp: Path, run: int) -> dict[str, object]:
    database = Database(f"sqlite:///{tmp / f'run{run}.db'}")
    upgrade(database.url)
    app = CalendarApp(radicale.new_calendar())
    connector = CountingConnector()
    with database.unit_of_work() as session:
        company_id = load_text(session, practice_with_calendar(app.url)).company_id
    days = weekdays(25)
    for i in range(args.external):  # afternoons (Dr. Sommer works mornings): they block nothing
        day = days[i % len(days)]
        extra = "RRULE:FREQ=WEEKLY;COUNT=4\r\n" if i % 10 == 0 else ""
        app.add(f"ext-{i}", f"{day:%Y%m%d}T130000Z", f"{day:%Y%m%d}T140000Z", extra=extra)
    calendar_jobs.pull(database, connector, NOW, only_due=False)

    pull_ms: list[float] = []
    for i in range(10):
        day = days[i]
        app.add(f"neu-{i}", f"{day:%Y%m%d}T150000Z", f"{day:%Y%m%d}T153000Z")
        started = time.perf_counter()
        calendar_jobs.pull(database, connector, NOW + timedelta(seconds=i + 1), only_due=False)
        with database.unit_of_work() as session:
            seen = session.scalar(
                select(func.count())
                .select_from(CalendarBusyBlock)
                .where(CalendarBusyBlock.uid == f"neu-{i}")
            )
        pull_ms.append((time.perf_counter() - started) * 1000)
        assert seen == 1

    calendar_sync.install_connector(connector)
    offer_ms: list[float] = []
    for i in range(5):
        stale = NOW + timedelta(minutes=10 * (i + 1))
        with database.unit_of_work() as session:
            company = session.get(frontdesk.tables.Company, company_id)
            assert company is not None
            service = lookup.get_service_or_raise(
                session=session, company_id=company_id, service="Beratung"
            )
            sommer = session.scalars(select(Staff).where(Staff.key == "sommer")).one()
            started = time.perf_counter()
            slots.free_slots(
                session=session,
                company=company,
                service=service,
                staff=[sommer],
                first_day=FIRST_DAY,
                last_day=FIRST_DAY,
                now=stale,
            )
            offer_ms.append((time.perf_counter() - started) * 1000)
    calendar_sync.install_connector(None)

    ids: list[int] = []
    with database.unit_of_work() as session:
        for i in range(args.bookings):
            day, slot = days[i // 8], i % 8
            start = datetime(day.year, day.month, day.day, 8, tzinfo=BERLIN) + timedelta(
                minutes=30 * slot
            )
            customer = make_customer(session, company_id)
            ids.append(
                scheduling.book(
                    session=session,
                    company_id=company_id,
                    customer_id=customer.id,
                    service="Beratung",
                    start=start,
                    staff="sommer",
                    for_name=f"Patient {i}",
                    confidence=1.0,
                    now=NOW,
                ).id
            )
        job_ids = list(
            session.scalars(select(Job.id).where(Job.kind == calendar_sync.PUSH).order_by(Job.id))
        )
    handlers = calendar_jobs.handlers(connector)
    clock = NOW + timedelta(hours=1)
    write_ms: list[float] = []
    started_all = time.perf_counter()
    for job_id in job_ids:
        started = time.perf_counter()
        assert run_one(database=database, job_id=job_id, handlers=handlers, clock=lambda: clock)
        write_ms.append((time.perf_counter() - started) * 1000)
    push_seconds = time.perf_counter() - started_all
    puts = connector.counts.puts
    with database.unit_of_work() as session:
        for job in session.scalars(select(Job).where(Job.id.in_(job_ids))):
            job.status, job.run_at, job.finished_at = "pending", clock, None
    for job_id in job_ids:
        run_one(database=database, job_id=job_id, handlers=handlers, clock=lambda: clock)
    repeated_writes = connector.counts.puts - puts

    own = sorted(app.own_events())
    for href in own[: args.changes]:
        app.move(href, "20261221T120000Z", "20261221T123000Z")
    for href in own[args.changes : 2 * args.changes]:
        app.delete(href)
    started = time.perf_counter()
    calendar_jobs.pull(database, connector, clock + timedelta(minutes=1), only_due=False)
    conflict_pull_ms = (time.perf_counter() - started) * 1000
    calendar_jobs.pull(database, connector, clock + timedelta(minutes=2), only_due=False)
    with database.unit_of_work() as session:
        conflicts = session.scalar(
            select(func.count())
            .select_from(ReviewItem)
            .where(ReviewItem.reason == calendar_sync.REASON_CONFLICT)
        )
    app.close()
    database.dispose()
    return {
        "pull_ms": pull_ms,
        "offer_ms": offer_ms,
        "write_ms": write_ms,
        "writes_per_second": len(job_ids) / push_seconds,
        "jobs": len(job_ids),
        "repeated_writes": repeated_writes,
        "conflicts": int(conflicts or 0),
        "conflict_pull_ms": conflict_pull_ms,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bookings", type=int, default=40)
    parser.add_argument("--external", type=int, default=60)
    parser.add_argument("--changes", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        radicale = Radicale(tmp / "radicale")
        radicale.start()
        try:
            runs = [one_run(radicale, args, tmp, i) for i in range(args.runs)]
        finally:
            radicale.stop()
    pull = [v for r in runs for v in r["pull_ms"]]  # type: ignore[attr-defined]
    offer = [v for r in runs for v in r["offer_ms"]]  # type: ignore[attr-defined]
    write = [v for r in runs for v in r["write_ms"]]  # type: ignore[attr-defined]
    rates = [float(r["writes_per_second"]) for r in runs]  # type: ignore[arg-type]
    conflict_pulls = [float(r["conflict_pull_ms"]) for r in runs]  # type: ignore[arg-type]
    expected = 2 * args.changes
    print(f"runs {args.runs}, {args.external} external events, {args.bookings} bookings per run")
    print("| figure | median | p99 | samples |")
    print("|---|---|---|---|")

    def row(label: str, values: list[float], high: str = "", samples: str = "") -> None:
        tail = high or f"{pct(values, 0.99):.1f}"
        print(f"| {label} | {statistics.median(values):.1f} | {tail} | {samples or len(values)} |")

    row("external change -> busy block (forced pull), ms", pull)
    row("offer from stale data (on-demand pull + slots), ms", offer)
    row("push job (plan, PUT, record), ms", write)
    row(
        "bookings written per second (one worker thread)",
        rates,
        f"{min(rates):.1f} (slowest run)",
        f"{len(rates)} runs",
    )
    row(
        f"pull finding {expected} conflicts, ms", conflict_pulls, f"{max(conflict_pulls):.1f} (max)"
    )
    found = [r["conflicts"] for r in runs]
    repeated = [r["repeated_writes"] for r in runs]
    print(f"conflicts found per run: {found} (expected {expected} each)")
    print(f"writes repeated by running every push job twice: {repeated}")
    return 0 if all(f == expected for f in found) and not any(repeated) else 1


if __name__ == "__main__":
    raise SystemExit(main())
