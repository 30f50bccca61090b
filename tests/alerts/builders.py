"""Rows for alert tests, written directly with the times a test needs (a controlled clock)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.followup.models import ReviewItem
from frontdesk.messaging.models import Message
from frontdesk.scheduling.models import Staff, WorkingHours
from frontdesk.tenancy import service as tenancy_service

# A Wednesday; 11:00 in Berlin (CET).
NOW = datetime(2026, 3, 11, 10, 0, tzinfo=UTC)
_serial = itertools.count(1)


def company(session: Session, name: str, **alerts: Any) -> int:
    created = tenancy_service.create(session=session, name=name)
    created.settings = {"alerts": alerts} if alerts else {}
    session.flush()
    return created.id


def call(
    session: Session,
    company_id: int,
    *,
    at: datetime = NOW - timedelta(minutes=30),
    withheld: bool = False,
    link_status: str | None = "linked",
    status: str = "ended",
) -> Call:
    row = Call(
        provider="retell",
        provider_call_id=f"call_{next(_serial)}",
        company_id=company_id,
        caller_id_withheld=withheld,
        link_status=link_status,
        status=status,
        started_at=at,
        created_at=at,
    )
    session.add(row)
    session.flush()
    return row


def withheld_calls(session: Session, company_id: int, *, total: int, unresolved: int) -> None:
    for n in range(total):
        status = "review" if n < unresolved else "linked"
        call(session, company_id, withheld=True, link_status=status)


def review_item(session: Session, company_id: int, *, age: timedelta) -> None:
    session.add(
        ReviewItem(
            company_id=company_id, reason="no_identifying_data", created_at=NOW - age, details={}
        )
    )


def event(session: Session, company_id: int, *, status: str) -> None:
    owner = call(session, company_id)
    session.add(
        CallEvent(
            provider="retell",
            dedupe_key=f"event_{next(_serial)}",
            event_type="call_ended",
            provider_call_id=owner.provider_call_id,
            body=b"{}",
            status=status,
            error="KeyError: 'x'" if status == "failed" else None,
            received_at=NOW - timedelta(minutes=10),
        )
    )


def invocations(
    session: Session, company_id: int, *, durations: list[float], errors: int = 0
) -> None:
    for n, duration in enumerate(durations):
        session.add(
            FunctionInvocation(
                company_id=company_id,
                name="check_availability",
                idempotency_key=f"inv_{next(_serial)}",
                duration_ms=duration,
                error="internal_error" if n < errors else None,
                created_at=NOW - timedelta(minutes=5),
            )
        )


def sms(session: Session, company_id: int, *, status: str, age: timedelta) -> None:
    session.add(
        Message(
            company_id=company_id,
            direction="outbound",
            purpose="confirmation",
            number="+491701234567",
            status=status,
            created_at=NOW - age,
        )
    )


def opening_hours(session: Session, company_id: int, start: time, end: time) -> None:
    """One staff member working Monday to Friday from `start` to `end`."""
    member = Staff(company_id=company_id, key=f"dr{next(_serial)}", name="Dr. Weber")
    member.hours = [WorkingHours(weekday=d, start_time=start, end_time=end) for d in range(5)]
    session.add(member)
    session.flush()
