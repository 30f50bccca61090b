"""Retention: content older than each company's period is purged; rows and keys stay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, CallEvent
from frontdesk.conversations import retention as retention_job
from frontdesk.db.core import Database
from frontdesk.jobs.runner import JobView
from frontdesk.messaging.models import Message
from frontdesk.privacy.retention import purge_expired, retention_days
from frontdesk.tenancy.models import Company
from tests.dashboard.seed import Seeded, seed_two
from tests.privacy.seed import PRACTICE_A

NOW = datetime.now(UTC)
DEFAULT_DAYS = 90


@dataclass
class Aged:
    calls: dict[str, int]  # "a40" -> call id: company a, 40 days old
    messages: dict[str, int]
    events: dict[str, str]  # label -> dedupe key


def _call(session: Session, company: Seeded, label: str, days: int) -> Call:
    at = NOW - timedelta(days=days)
    call = Call(
        provider="retell",
        provider_call_id=f"call_aged_{label}",
        company_id=company.company_id,
        status="analyzed",
        transcript="User: Hallo",
        transcript_object=[{"role": "user", "content": "Hallo"}],
        recording_url=f"https://recordings.example/{label}.wav",
        analysis={"call_successful": True},
        created_at=at,
    )
    session.add(call)
    session.flush()
    return call


def _event(session: Session, key: str, days: int, call: Call | None, payload: object) -> None:
    session.add(
        CallEvent(
            provider="retell" if call else "twilio",
            dedupe_key=key,
            provider_call_id=call.provider_call_id if call else None,
            body=b"raw body",
            payload=payload,
            status="processed",
            received_at=NOW - timedelta(days=days),
        )
    )


def seed_aged(session: Session, a: Seeded, b: Seeded) -> Aged:
    company_a = session.get(Company, a.company_id)
    assert company_a is not None
    company_a.settings = {**(company_a.settings or {}), "retention_days": 30}
    aged = Aged({}, {}, {})
    for company, prefix in ((a, "a"), (b, "b")):
        for days in (1, 40, 100):
            label = f"{prefix}{days}"
            call = _call(session, company, label, days)
            aged.calls[label] = call.id
            message = Message(
                company_id=company.company_id,
                direction="outbound",
                purpose="reminder",
                number="+4915199990000",
                body="Erinnerung",
                status="delivered",
                created_at=NOW - timedelta(days=days),
            )
            session.add(message)
            session.flush()
            aged.messages[label] = message.id
            aged.events[label] = f"retell:aged:{label}"
            _event(session, aged.events[label], days, call, {"event": "call_ended"})
    for label, days, payload in (
        ("sms_a40", 40, {"From": "+4915199990000", "To": PRACTICE_A, "Body": "Ja"}),
        ("orphan40", 40, None),
        ("orphan100", 100, None),
    ):
        aged.events[label] = f"twilio:aged:{label}"
        _event(session, aged.events[label], days, None, payload)
    session.flush()
    return aged


@pytest.fixture
def aged(database: Database) -> Aged:
    with database.unit_of_work() as session:
        a, b = seed_two(session)
        return seed_aged(session, a, b)


def _state(database: Database, aged: Aged) -> dict[str, tuple[bool, ...]]:
    """Label -> whether each of its parts (call, message, raw event) still holds content."""
    out: dict[str, tuple[bool, ...]] = {}
    with database.sessions() as session:
        events = {
            e.dedupe_key: e
            for e in session.scalars(
                select(CallEvent).where(CallEvent.dedupe_key.in_(aged.events.values()))
            )
        }
        assert len(events) == len(aged.events)  # rows and their keys always stay
        for label, key in aged.events.items():
            parts = [bool(events[key].body) or events[key].payload is not None]
            call = session.get(Call, aged.calls[label]) if label in aged.calls else None
            if call is not None:
                parts.append(bool(call.transcript or call.recording_url))
            message = session.get(Message, aged.messages[label]) if label in aged.messages else None
            if message is not None:
                parts.append(message.body is not None)
            out[label] = tuple(parts)
    return out


def purge(database: Database, dry_run: bool = False) -> dict[str, int]:
    with database.unit_of_work() as session:
        report = purge_expired(session, now=NOW, default_days=DEFAULT_DAYS, dry_run=dry_run)
    return report.totals()


def test_each_company_keeps_content_for_its_own_period(database: Database, aged: Aged) -> None:
    assert purge(database) == {"calls": 3, "messages": 3, "events": 5}
    kept = {label for label, state in _state(database, aged).items() if all(state)}
    gone = {label for label, state in _state(database, aged).items() if not any(state)}
    assert kept == {"a1", "b1", "b40", "orphan40"}
    assert gone == {"a40", "a100", "b100", "sms_a40", "orphan100"}
    with database.sessions() as session:
        call = session.get(Call, aged.calls["a40"])
        assert call is not None and call.transcript_object is None
        assert call.analysis == {"call_successful": True}  # not call content: metrics use it


def test_a_second_run_purges_nothing_more(database: Database, aged: Aged) -> None:
    purge(database)
    state = _state(database, aged)
    assert purge(database) == {"calls": 0, "messages": 0, "events": 0}
    assert _state(database, aged) == state


def test_dry_run_counts_without_changing(database: Database, aged: Aged) -> None:
    state = _state(database, aged)
    assert purge(database, dry_run=True) == {"calls": 3, "messages": 3, "events": 5}
    assert _state(database, aged) == state


def test_the_daily_job_purges(database: Database, aged: Aged) -> None:
    view = JobView(
        id=1, kind=retention_job.RETENTION, key="k", company_id=None, payload={}, attempt=1, now=NOW
    )
    outcome = retention_job.purge(database, view)
    assert outcome.result["purged"] == {"calls": 3, "messages": 3, "events": 5}


@pytest.mark.parametrize(
    ("value", "expected"), [(30, 30), (None, 90), ("30", 90), (0, 90), (True, 90), (-5, 90)]
)
def test_company_setting_or_default(value: object, expected: int) -> None:
    company = Company(id=1, name="x", settings={} if value is None else {"retention_days": value})
    assert retention_days(company, 90) == expected
