"""Many callers book the same slot at the same moment: exactly one wins, on either backend."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from frontdesk.db.core import Database
from frontdesk.scheduling import lookup
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.errors import SlotUnavailable
from frontdesk.scheduling.models import Appointment
from frontdesk.scheduling.slots import encode_slot_id
from tests.conftest import REPO_ROOT
from tests.scheduling.conftest import NOW, PRACTICE, load_text, make_call

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
THREADS = 12
PROCESSES = 6


def _setup(database: Database, calls: int) -> tuple[int, list[int], str]:
    with database.unit_of_work() as session:
        practice = load_text(session, PRACTICE)
        call_ids = [make_call(session, practice.company_id).id for _ in range(calls)]
        service = lookup.get_service_or_raise(
            session=session, company_id=practice.company_id, service="Beratung"
        )
        staff = lookup.get_staff_or_raise(
            session=session, company_id=practice.company_id, staff="sommer"
        )
        slot_id = encode_slot_id(staff.id, service.id, START)
    return practice.company_id, call_ids, slot_id


def _run_threads(database: Database, jobs: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = jobs[index]()
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _book_job(database: Database, company_id: int, call_id: int, slot_id: str) -> Callable[[], int]:
    def job() -> int:
        with database.unit_of_work() as session:
            return scheduling.book(
                session=session, company_id=company_id, call_id=call_id, slot_id=slot_id, now=NOW
            ).id

    return job


def _active_count(database: Database) -> int:
    with database.sessions() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(Appointment)
                .where(Appointment.status.in_(("confirmed", "pending_confirmation")))
            )
            or 0
        )


def test_threads_race_for_one_slot(database: Database) -> None:
    company_id, call_ids, slot_id = _setup(database, THREADS)
    results = _run_threads(
        database, [_book_job(database, company_id, c, slot_id) for c in call_ids]
    )
    winners = [r for r in results if isinstance(r, int)]
    losers = [r for r in results if isinstance(r, SlotUnavailable)]
    assert len(winners) == 1, results
    assert len(losers) == THREADS - 1, results
    assert all(loser.alternatives for loser in losers)
    assert all(a.starts_at != START for loser in losers for a in loser.alternatives)
    assert _active_count(database) == 1


def test_one_call_repeating_the_request_at_once_gets_one_appointment(database: Database) -> None:
    company_id, call_ids, slot_id = _setup(database, 1)
    results = _run_threads(
        database, [_book_job(database, company_id, call_ids[0], slot_id) for _ in range(8)]
    )
    assert all(isinstance(r, int) for r in results), results
    assert len(set(results)) == 1
    assert _active_count(database) == 1


@pytest.mark.skipif(os.name != "posix", reason="spawns worker processes")
def test_processes_race_for_one_slot(database: Database) -> None:
    company_id, call_ids, slot_id = _setup(database, PROCESSES)
    start_at = time.time() + 4.0
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.scheduling.book_worker",
                database.url,
                str(company_id),
                str(call_id),
                slot_id,
                repr(start_at),
                NOW.isoformat(),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for call_id in call_ids
    ]
    outputs = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        outputs.append(json.loads(out.strip().splitlines()[-1]))
    winners = [o for o in outputs if "booked" in o]
    losers = [o for o in outputs if "unavailable" in o]
    assert len(winners) == 1, outputs
    assert len(losers) == PROCESSES - 1 and all(o["unavailable"] for o in losers), outputs
    assert _active_count(database) == 1


def test_a_deadlock_over_the_overlap_constraint_means_the_slot_is_taken() -> None:
    """PostgreSQL may break a deadlock between two bookings checking the exclusion constraint
    against each other (seen in the process race above); the loser's slot is simply taken."""
    from sqlalchemy.exc import OperationalError

    from frontdesk.scheduling import booking_rules

    class _PgError(Exception):
        sqlstate = "40P01"

    deadlock = OperationalError(
        "INSERT INTO appointments ...",
        {},
        _PgError("deadlock detected\nCONTEXT: while checking exclusion constraint on tuple"),
    )
    other = OperationalError("SELECT 1", {}, _PgError("deadlock detected"))
    assert booking_rules.is_overlap_deadlock(deadlock)
    assert not booking_rules.is_overlap_deadlock(other)
