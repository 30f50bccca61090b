"""`frontdesk worker` killed with SIGKILL mid-run and restarted: no job lost, no SMS sent
twice (on SQLite with SqliteHuey, and on PostgreSQL with RedisHuey)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.jobs.models import DONE, Job
from frontdesk.messaging.models import Message
from frontdesk.scheduling.errors import SlotUnavailable
from tests.conversations.helpers import book_call, load_practice, local_twilio, weekday_ahead
from tests.jobs.test_queue import REDIS_URL, _redis_or_skip

BOOKINGS = 24


def _book_many(database: Database) -> list[str]:
    practice = load_practice(database)
    now = datetime.now(UTC)
    numbers: list[str] = []
    day = 2
    while len(numbers) < BOOKINGS:
        for hour in (8, 9, 10, 11):
            number = f"+49176{len(numbers):08d}"
            start = weekday_ahead(now, hour=hour, days=day)
            try:
                with database.unit_of_work() as session:
                    book_call(session, practice, number=number, start=start, now=now)
            except SlotUnavailable:
                continue
            numbers.append(number)
            if len(numbers) == BOOKINGS:
                break
        day += 1
    return numbers


def _env(database: Database, tmp_path: Path, base_url: str, sid: str, token: str) -> dict[str, str]:
    env = {
        **os.environ,
        "FRONTDESK_DATABASE_URL": database.url,
        "FRONTDESK_QUEUE_PATH": str(tmp_path / "queue.db"),
        "FRONTDESK_QUEUE_NAME": f"crash-{uuid.uuid4().hex[:8]}",
        "FRONTDESK_TWILIO_ACCOUNT_SID": sid,
        "FRONTDESK_TWILIO_AUTH_TOKEN": token,
        "FRONTDESK_TWILIO_FROM_NUMBER": "+4930555000111",
        "FRONTDESK_TWILIO_API_BASE_URL": base_url,
        "FRONTDESK_SMS_QUIET_HOURS": "",
        "FRONTDESK_JOB_LEASE_SECONDS": "1",
        "FRONTDESK_LOG_LEVEL": "WARNING",
    }
    if not database.is_sqlite:
        _redis_or_skip()
        env["FRONTDESK_REDIS_URL"] = REDIS_URL
    return env


def _worker(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "frontdesk"), "worker", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def test_a_worker_killed_mid_run_loses_no_job_and_sends_nothing_twice(
    database: Database, tmp_path: Path
) -> None:
    numbers = _book_many(database)
    with local_twilio(answer_delay=0.08) as twilio:
        env = _env(database, tmp_path, twilio.base_url, twilio.account_sid, twilio.auth_token)
        first = _worker(env)
        deadline = time.monotonic() + 60
        while len(twilio.requests) < 6:
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "the worker sent nothing"
            time.sleep(0.02)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        sent_before = len(twilio.requests)
        assert sent_before < BOOKINGS, "the kill came too late to test anything"
        time.sleep(1.2)  # the dead worker's lease runs out
        second = _worker(env, "--burst")
        _, err = second.communicate(timeout=120)
        assert second.returncode == 0, err.decode()
        per_number = Counter(r.form["To"] for r in twilio.requests if r.method == "POST")
    assert max(per_number.values()) == 1, "an SMS went out twice"
    with database.unit_of_work() as session:
        jobs = session.scalars(select(Job).where(Job.kind == "appointment.changed")).all()
        assert len(jobs) == BOOKINGS and {j.status for j in jobs} == {DONE}
        messages = session.scalars(select(Message)).all()
        statuses = Counter(m.status for m in messages)
        assert len(messages) == BOOKINGS
        assert set(statuses) <= {"queued", "unknown"}
        # A message the worker died sending is never resent: a person checks it instead.
        unknown = statuses.get("unknown", 0)
        reviews = session.scalars(select(ReviewItem).where(ReviewItem.reason == "sms_failed"))
        assert len(reviews.all()) == unknown
        assert statuses["queued"] + unknown == BOOKINGS
        assert set(numbers) >= {m.number for m in messages}
