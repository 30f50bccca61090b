"""The figures the alert rules watch, each for one company at a given moment `now`.

Every query is scoped by company and bounded above by `now`, so a check is reproducible with a
controlled clock. A figure that rests on too few observations says so (`enough=False`): the
rule then neither fires nor resolves (one unresolved call out of two is not "50 %")."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.alerts.config import AlertConfig
from frontdesk.alerts.hours import open_minutes
from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.followup.models import ReviewItem
from frontdesk.insights.report import RESOLVED_STATUSES
from frontdesk.messaging.models import FINAL_FAILURES, OUTBOUND, Message
from frontdesk.tenancy.models import Company

FUNCTION_WINDOW = timedelta(minutes=15)
SMS_WINDOW = timedelta(hours=24)
# How far back "no call since" looks; a practice silent for longer is firing anyway.
SILENCE_LOOKBACK = timedelta(days=7)
# A call still ringing or talking has not had its chance to be resolved yet.
_LIVE_CALL_STATUSES = ("registered", "ongoing")


@dataclass(frozen=True)
class Figure:
    value: float
    enough: bool = True
    details: dict[str, Any] = field(default_factory=dict)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _call_time() -> Any:
    # The provider's start time; the receipt time when it never said (as the report does).
    return func.coalesce(Call.started_at, Call.created_at)


def withheld_unresolved_share(
    session: Session, company: Company, config: AlertConfig, now: datetime
) -> Figure:
    """Today's (company-local) finished withheld-ID calls not linked to a customer."""
    zone = ZoneInfo(company.timezone)
    day_start = datetime.combine(now.astimezone(zone).date(), time.min, zone)
    rows = session.execute(
        select(Call.link_status).where(
            Call.company_id == company.id,
            Call.caller_id_withheld.is_(True),
            Call.status.not_in(_LIVE_CALL_STATUSES),
            _call_time() >= day_start,
            _call_time() <= now,
        )
    ).scalars()
    statuses = list(rows)
    unresolved = sum(1 for status in statuses if status not in RESOLVED_STATUSES)
    total = len(statuses)
    return Figure(
        value=unresolved / total if total else 0.0,
        enough=total >= config.minimum("withheld_min_calls"),
        details={"unresolved": unresolved, "calls": total},
    )


def review_age_hours(
    session: Session, company: Company, config: AlertConfig, now: datetime
) -> Figure:
    """Hours the oldest open review item has been waiting."""
    created = list(
        session.scalars(
            select(ReviewItem.created_at).where(
                ReviewItem.company_id == company.id,
                ReviewItem.status == "open",
                ReviewItem.created_at <= now,
            )
        )
    )
    ages = [(now - _aware(value)).total_seconds() / 3600 for value in created]
    limit = config.threshold("review_age_hours") or 0.0
    return Figure(
        value=max(ages, default=0.0),
        details={"open": len(ages), "overdue": sum(1 for age in ages if age > limit)},
    )


def event_failures(
    session: Session, company: Company, config: AlertConfig, now: datetime
) -> Figure:
    """Provider events of the company's calls whose processing failed and was not replayed."""
    count = session.scalar(
        select(func.count())
        .select_from(CallEvent)
        .join(Call, Call.provider_call_id == CallEvent.provider_call_id)
        .where(
            Call.company_id == company.id,
            CallEvent.status == "failed",
            CallEvent.received_at <= now,
        )
    )
    return Figure(value=float(count or 0))


def unattributed_event_failures(session: Session, now: datetime) -> int:
    """Failed events that belong to no company's call (e.g. the call row was never created).

    They cannot go to any practice's recipients without mixing tenants; the check reports them
    in its result and log for the operator instead."""
    known = select(Call.provider_call_id).where(Call.company_id.is_not(None))
    count = session.scalar(
        select(func.count())
        .select_from(CallEvent)
        .where(
            CallEvent.status == "failed",
            CallEvent.received_at <= now,
            CallEvent.provider_call_id.is_(None) | CallEvent.provider_call_id.not_in(known),
        )
    )
    return int(count or 0)


def _invocations(session: Session, company: Company, now: datetime) -> list[tuple[bool, float]]:
    rows = session.execute(
        select(FunctionInvocation.error, FunctionInvocation.duration_ms).where(
            FunctionInvocation.company_id == company.id,
            FunctionInvocation.created_at > now - FUNCTION_WINDOW,
            FunctionInvocation.created_at <= now,
        )
    ).all()
    return [(row.error is not None, float(row.duration_ms or 0.0)) for row in rows]


def function_error_rate(
    session: Session, company: Company, config: AlertConfig, now: datetime
) -> Figure:
    """Share of the agent's live function calls in the last 15 minutes that failed."""
    rows = _invocations(session, company, now)
    errors = sum(1 for failed, _ in rows if failed)
    return Figure(
        value=errors / len(rows) if rows else 0.0,
        enough=len(rows) >= config.minimum("function_min_calls"),
        details={"errors": errors, "invocations": len(rows)},
    )


def p99(values: list[float]) -> float:
    """The nearest-rank 99th percentile (the slowest value below 100 samples)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(math.ceil(0.99 * len(ordered)) - 1, 0)]


def function_p99_ms(
    session: Session, company: Company, config: AlertConfig, now: datetime
) -> Figure:
    """The 99th percentile of live function durations in the last 15 minutes."""
    durations = [duration for _, duration in _invocations(session, company, now)]
    return Figure(
        value=p99(durations),
        enough=len(durations) >= config.minimum("function_min_calls"),
        details={"invocations": len(durations)},
    )


def no_calls_minutes(
    session: Session, company: Company, config: AlertConfig, now: datetime
) -> Figure:
    """Opening time since the last call: counts only while the practice is open, so nights,
    weekends and lunch breaks never look like a broken line."""
    last = session.scalar(
        select(func.max(_call_time())).where(
            Call.company_id == company.id,
            _call_time() <= now,
            _call_time() > now - SILENCE_LOOKBACK,
        )
    )
    since = _aware(last) if last is not None else now - SILENCE_LOOKBACK
    minutes = open_minutes(session=session, company=company, since=since, until=now)
    return Figure(
        value=minutes, details={"last_call": since.isoformat() if last is not None else None}
    )


def sms_failures(session: Session, company: Company, config: AlertConfig, now: datetime) -> Figure:
    """Outbound SMS of the last 24 hours that the network failed or could not deliver."""
    count = session.scalar(
        select(func.count())
        .select_from(Message)
        .where(
            Message.company_id == company.id,
            Message.direction == OUTBOUND,
            Message.status.in_(FINAL_FAILURES),
            Message.created_at > now - SMS_WINDOW,
            Message.created_at <= now,
        )
    )
    return Figure(value=float(count or 0))
