"""Scheduling speed: availability over 14 days with 500 appointments, and a booking.

    python bench/scheduling_bench.py [--url DATABASE_URL] [--runs N]

Without --url a fresh SQLite file in a temporary directory is used (migrated here). One staff
member works every day 08:00-18:00; 500 fifteen-minute appointments fill 500 of the 560 quarter
hours of the 14 days measured. A booking is a whole unit of work (BEGIN IMMEDIATE, checks,
insert, hold release, commit) for a call; the baselines are a bare `SELECT 1` unit of work and
an indexed SELECT of one appointment, measured in the same run. perf_counter only.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select, text

from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.scheduling import lookup, slots
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.models import Appointment
from frontdesk.scheduling.practice import load_practice
from frontdesk.scheduling.practice_schema import parse_practice
from frontdesk.tenancy.models import Company

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # Monday 07:00 in Berlin
FIRST_DAY = date(2026, 12, 1)
DAYS = 14
EXISTING = 500
EVERY_DAY = "\n".join(
    f'      {d}: "08:00-18:00"' for d in ("mo", "di", "mi", "do", "fr", "sa", "so")
)
PRACTICE = f"""
company: {{name: Benchpraxis, timezone: Europe/Berlin}}
scheduling: {{min_notice_minutes: 60, horizon_days: 365, slot_step_minutes: 15}}
services:
  - {{name: Kurztermin, duration_minutes: 15}}
  - {{name: Beratung, duration_minutes: 30, buffer_after_minutes: 5}}
staff:
  - name: Voll Belegt
    key: busy
    services: [Kurztermin, Beratung]
    hours:
{EVERY_DAY}
  - name: Neu Buchbar
    key: free
    services: [Kurztermin]
    hours:
{EVERY_DAY}
"""


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def setup(db: Database) -> tuple[int, list[int]]:
    with db.unit_of_work() as session:
        report = load_practice(session=session, practice=parse_practice(PRACTICE))
        company_id = report.company_id
        busy = lookup.get_staff_or_raise(session=session, company_id=company_id, staff="busy")
        short = lookup.get_service_or_raise(
            session=session, company_id=company_id, service="Kurztermin"
        )
        quarters = [
            datetime.combine(FIRST_DAY + timedelta(days=d), datetime.min.time(), BERLIN)
            + timedelta(hours=8, minutes=15 * q)
            for d in range(DAYS)
            for q in range(40)
        ]
        for start in sorted(random.Random(7).sample(quarters, EXISTING)):
            begin = start.astimezone(UTC)
            session.add(
                Appointment(
                    company_id=company_id,
                    service_id=short.id,
                    staff_id=busy.id,
                    starts_at=begin,
                    ends_at=begin + timedelta(minutes=15),
                    blocked_from=begin,
                    blocked_until=begin + timedelta(minutes=15),
                    status="confirmed",
                )
            )
        calls = [
            Call(provider="bench", provider_call_id=f"bench-{i}", company_id=company_id)
            for i in range(2000)
        ]
        session.add_all(calls)
        session.flush()
        return company_id, [c.id for c in calls]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = args.url or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    upgrade(url)
    db = Database(url)
    company_id, call_ids = setup(db)
    last_day = FIRST_DAY + timedelta(days=DAYS - 1)

    def availability() -> int:
        with db.sessions() as session:
            company = session.get(Company, company_id)
            assert company is not None
            service = lookup.get_service_or_raise(
                session=session, company_id=company_id, service="Kurztermin"
            )
            staff = [
                lookup.get_staff_or_raise(session=session, company_id=company_id, staff="busy")
            ]
            found = slots.free_slots(
                session=session,
                company=company,
                service=service,
                staff=staff,
                first_day=FIRST_DAY,
                last_day=last_day,
                now=NOW,
            )
            return len(found)

    def check() -> int:
        wish = slots.SlotWish(FIRST_DAY, last_day, None, None)
        with db.sessions() as session:
            answer = scheduling.check_availability(
                session=session,
                company_id=company_id,
                service="Kurztermin",
                staff="busy",
                wish=wish,
                now=NOW,
                hold=False,
            )
            return len(answer.slots)

    free_count = availability()
    with db.sessions() as session:
        company = session.get(Company, company_id)
        assert company is not None
        targets = [
            s.id
            for s in slots.free_slots(
                session=session,
                company=company,
                service=lookup.get_service_or_raise(
                    session=session, company_id=company_id, service="Kurztermin"
                ),
                staff=[
                    lookup.get_staff_or_raise(session=session, company_id=company_id, staff="free")
                ],
                first_day=FIRST_DAY,
                last_day=FIRST_DAY + timedelta(days=60),
                now=NOW,
            )
        ]
    pending = iter(zip(targets, call_ids, strict=False))

    def booking() -> int:
        slot_id, call_id = next(pending)
        with db.unit_of_work() as session:
            return scheduling.book(
                session=session, company_id=company_id, call_id=call_id, slot_id=slot_id, now=NOW
            ).id

    def bare_select() -> None:
        with db.unit_of_work() as session:
            session.execute(text("SELECT 1"))

    def one_row() -> None:
        with db.sessions() as session:
            session.scalars(select(Appointment).where(Appointment.id == 250)).one()

    runs = args.runs
    for fn in (availability, check, bare_select, one_row):  # warm up
        for _ in range(5):
            fn()
    rows = [
        ("availability, 14 days, 500 appointments", timed(availability, runs), 10.0),
        ("check_availability (lookup+rank), same", timed(check, runs), None),
        ("book (unit of work, commit)", timed(booking, min(runs, len(targets) - 1)), 15.0),
        ("baseline: SELECT 1 unit of work", timed(bare_select, runs), None),
        ("baseline: one appointment by id", timed(one_row, runs), None),
    ]
    backend = db.engine.dialect.name
    header = f"{free_count} of {DAYS * 40} quarter hours free, {runs} runs"
    print(f"scheduling bench on {backend}: {header}")
    print(f"{'operation':44} {'median ms':>10} {'p99 ms':>8} {'budget':>7}  ok")
    for name, samples, budget in rows:
        median, high = statistics.median(samples), p99(samples)
        verdict = "" if budget is None else ("yes" if high <= budget else "NO")
        budget_text = "-" if budget is None else f"{budget:g}"
        print(f"{name:44} {median:10.3f} {high:8.3f} {budget_text:>7}  {verdict}")
    db.dispose()
    tmp.cleanup()


if __name__ == "__main__":
    main()
