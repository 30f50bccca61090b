"""Exact figures on a hand-built database, read back over HTTP (SQLite and PostgreSQL)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.db.core import Database, utcnow
from frontdesk.followup.models import ReviewItem
from frontdesk.jobs.models import Job
from frontdesk.messaging.models import Message
from frontdesk.scheduling.models import Appointment, Service, Staff
from frontdesk.tenancy.models import Company
from tests.metrics.conftest import named, samples, scrape, value

OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
A, B = "Praxis Am Markt", "Salon Birke"


def company(session: Session, name: str) -> int:
    row = Company(name=name)
    session.add(row)
    session.flush()
    return row.id


def add_call(
    session: Session, company_id: int, n: int, status: str | None, method: str | None, after: float
) -> None:
    identified = OPENED + timedelta(seconds=after) if after >= 0 else None
    session.add(
        Call(
            provider="retell",
            provider_call_id=f"call_metrics_{n}",
            company_id=company_id,
            created_at=OPENED,
            started_at=OPENED - timedelta(days=3),  # the provider's clock is never used
            link_status=status,
            link_method=method,
            identified_at=identified,
            field_versions={},
        )
    )


def seed_calls(session: Session, a: int, b: int) -> None:
    add_call(session, a, 1, "linked", "phone", 4)
    add_call(session, a, 2, "linked", "phone", 10)  # exactly on a bound: in the 10 s bucket
    add_call(session, a, 3, "linked", "name_birthdate", 45)
    add_call(session, a, 4, "review", None, -1)
    add_call(session, a, 5, None, None, -1)
    add_call(session, b, 6, "linked", "sms_reply", 7200)


def invocation(
    session: Session, company_id: int, n: int, name: str, ms: float, **kw: object
) -> None:
    session.add(
        FunctionInvocation(
            company_id=company_id,
            name=name,
            idempotency_key=f"metrics:{n}",
            duration_ms=ms,
            **kw,
        )
    )


def seed_functions(session: Session, a: int, b: int) -> None:
    invocation(session, a, 1, "book_appointment", 3)
    invocation(session, a, 2, "book_appointment", 10, repeats=2)  # 10 ms: in the 0.01 bucket
    invocation(session, a, 3, "book_appointment", 40)
    invocation(session, a, 4, "book_appointment", 1200, error="TimeoutError")
    invocation(session, b, 5, "get_context", 7)


def seed_events(session: Session) -> None:
    rows = [
        ("call_started", "processed", 0),
        ("call_started", "processed", 3),
        ("call_ended", "failed", 0),
        ("call_ended", "processed", 1),
        (None, "rejected", 0),
    ]
    for n, (kind, status, duplicates) in enumerate(rows):
        session.add(
            CallEvent(
                provider="retell",
                dedupe_key=f"metrics:{n}",
                event_type=kind,
                body=b"{}",
                status=status,
                duplicates=duplicates,
            )
        )


def seed_appointments(session: Session, a: int) -> None:
    service = Service(company_id=a, key="check", name="Kontrolle", duration_minutes=20)
    staff = Staff(company_id=a, key="dr", name="Dr. Weber")
    session.add_all([service, staff])
    session.flush()
    for i, status in enumerate(["confirmed", "confirmed", "pending_confirmation", "cancelled"]):
        start = OPENED + timedelta(days=1, hours=i)
        end = start + timedelta(minutes=20)
        session.add(
            Appointment(
                company_id=a,
                service_id=service.id,
                staff_id=staff.id,
                starts_at=start,
                ends_at=end,
                blocked_from=start,
                blocked_until=end,
                status=status,
            )
        )


def seed_follow_up(session: Session, a: int, b: int, now: datetime) -> None:
    for age_h, status in [(1, "open"), (5, "open"), (30, "resolved")]:
        session.add(
            ReviewItem(
                company_id=a,
                reason="uncertain_link",
                status=status,
                created_at=now - timedelta(hours=age_h),
            )
        )
    messages = [
        (a, "outbound", "confirmation", "delivered"),
        (a, "outbound", "confirmation", "delivered"),
        (a, "outbound", "reminder", "failed"),
        (b, "inbound", "incoming", "received"),
    ]
    for n, (company_id, direction, purpose, status) in enumerate(messages):
        session.add(
            Message(
                company_id=company_id,
                direction=direction,
                purpose=purpose,
                status=status,
                number=f"+491701234{n:03d}",
            )
        )
    jobs: list[tuple[int | None, str, str]] = [
        (a, "sms.confirmation", "done"),
        (a, "sms.confirmation", "failed"),
        (None, "alerts.check", "pending"),
    ]
    for n, (owner, kind, status) in enumerate(jobs):
        session.add(Job(company_id=owner, kind=kind, key=f"metrics:{n}", status=status))


def seed(database: Database) -> datetime:
    now = utcnow()
    with database.unit_of_work() as session:
        a, b = company(session, A), company(session, B)
        company(session, "Leere Praxis")
        seed_calls(session, a, b)
        seed_functions(session, a, b)
        seed_events(session)
        seed_appointments(session, a)
        seed_follow_up(session, a, b, now)
    return now


def test_events_by_provider_type_and_status(metrics_url: str, database: Database) -> None:
    seed(database)
    found = samples(scrape(metrics_url).text)
    assert named(found, "frontdesk_events_total") == {
        ("frontdesk_events_total", (("provider", "retell"), ("type", "call_started"))): 2.0,
        ("frontdesk_events_total", (("provider", "retell"), ("type", "call_ended"))): 2.0,
        ("frontdesk_events_total", (("provider", "retell"), ("type", "none"))): 1.0,
    }
    assert (
        value(found, "frontdesk_event_duplicates_total", provider="retell", type="call_started")
        == 3
    )
    failed = value(
        found, "frontdesk_events_by_status", provider="retell", type="call_ended", status="failed"
    )
    assert failed == 1
    assert len(named(found, "frontdesk_events_by_status")) == 4


def test_function_calls_and_their_latency(metrics_url: str, database: Database) -> None:
    seed(database)
    found = samples(scrape(metrics_url).text)
    book = {"company": A, "function": "book_appointment"}
    assert value(found, "frontdesk_function_calls_total", **book, outcome="ok") == 3
    assert value(found, "frontdesk_function_calls_total", **book, outcome="error") == 1
    assert value(found, "frontdesk_function_repeats_total", **book) == 2
    bucket = "frontdesk_function_duration_seconds_bucket"
    expected = {"0.005": 1, "0.01": 2, "0.025": 2, "0.05": 3, "1.0": 3, "2.5": 4, "+Inf": 4}
    for le, count in expected.items():
        assert value(found, bucket, **book, le=le) == count, le
    assert value(found, "frontdesk_function_duration_seconds_count", **book) == 4
    assert abs(value(found, "frontdesk_function_duration_seconds_sum", **book) - 1.253) < 1e-9
    other = {"company": B, "function": "get_context"}
    assert value(found, bucket, **other, le="0.01") == 1
    assert value(found, bucket, **other, le="0.005") == 0


def test_links_and_time_to_link(metrics_url: str, database: Database) -> None:
    seed(database)
    found = samples(scrape(metrics_url).text)
    links = "frontdesk_call_links"
    assert value(found, links, company=A, method="phone", status="linked") == 2
    assert value(found, links, company=A, method="name_birthdate", status="linked") == 1
    assert value(found, links, company=A, method="none", status="review") == 1
    assert value(found, links, company=A, method="none", status="none") == 1
    assert value(found, links, company=B, method="sms_reply", status="linked") == 1
    bucket = "frontdesk_time_to_link_seconds_bucket"
    expected = {"5.0": 1, "10.0": 2, "30.0": 2, "60.0": 3, "3600.0": 3, "14400.0": 3, "+Inf": 3}
    for le, count in expected.items():
        assert value(found, bucket, company=A, le=le) == count, le
    assert value(found, "frontdesk_time_to_link_seconds_sum", company=A) == 59
    assert value(found, "frontdesk_time_to_link_seconds_count", company=A) == 3
    assert value(found, bucket, company=B, le="3600.0") == 0
    assert value(found, bucket, company=B, le="14400.0") == 1


def test_appointments_review_queue_messages_and_jobs(metrics_url: str, database: Database) -> None:
    seeded = seed(database)
    before = time.monotonic()
    found = samples(scrape(metrics_url).text)
    waited = time.monotonic() - before
    assert value(found, "frontdesk_appointments", company=A, status="confirmed") == 2
    assert value(found, "frontdesk_appointments", company=A, status="pending_confirmation") == 1
    assert value(found, "frontdesk_appointments", company=A, status="cancelled") == 1
    assert value(found, "frontdesk_review_open", company=A) == 2
    assert value(found, "frontdesk_review_open", company=B) == 0
    assert value(found, "frontdesk_review_open", company="Leere Praxis") == 0
    oldest = value(found, "frontdesk_review_oldest_age_seconds", company=A)
    slack = (utcnow() - seeded).total_seconds() + waited
    assert 5 * 3600 <= oldest <= 5 * 3600 + slack
    assert value(found, "frontdesk_review_oldest_age_seconds", company=B) == 0
    sms = {"company": A, "direction": "outbound"}
    assert (
        value(found, "frontdesk_messages", **sms, purpose="confirmation", status="delivered") == 2
    )
    assert value(found, "frontdesk_messages", **sms, purpose="reminder", status="failed") == 1
    inbound = {"company": B, "direction": "inbound", "purpose": "incoming"}
    assert value(found, "frontdesk_messages", **inbound, status="received") == 1
    assert value(found, "frontdesk_jobs", company=A, kind="sms.confirmation", status="done") == 1
    assert value(found, "frontdesk_jobs", company=A, kind="sms.confirmation", status="failed") == 1
    # A host-wide job has no company: an empty label, which Prometheus stores as no label.
    assert value(found, "frontdesk_jobs", company="", kind="alerts.check", status="pending") == 1


def test_an_empty_database_has_no_samples_but_the_queue_zeroes(metrics_url: str) -> None:
    found = samples(scrape(metrics_url).text)
    assert set(named(found, "frontdesk_").keys()) == {("frontdesk_metrics_query_seconds", ())}
