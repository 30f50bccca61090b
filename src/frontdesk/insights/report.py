"""The root-cause analysis's evidence, computed from the database instead of assembled by hand.

For a company and a window: how many calls, how many with withheld caller ID, how they ended up
linked, how many have no customer or stay unresolved, appointments (from withheld-ID calls too),
the review queue, name capture, and how fast callers are identified. Beside each figure, the
seed's "before" and its phase-3 goal.

A call belongs to the window by when it started (the provider's start time; the server's
receipt time when the provider never said), so a simulated past week lands on its days."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.followup.models import ReviewItem
from frontdesk.insights.tables import AppointmentRow, appointments
from frontdesk.tenancy.models import Company

RESOLVED_STATUSES = frozenset({"linked", "new_customer"})
# The seed (../shared/seeds/, analysis of 2025-10-11): 72% withheld, 64% of withheld-ID calls
# without a customer, zero appointments from them. Phase-3 goal: <= 5% unresolved.
BEFORE: dict[str, float] = {
    "withheld_share": 0.72,
    "withheld_unresolved_share": 0.64,
    "appointments_from_withheld": 0,
}
GOAL: dict[str, float] = {"unresolved_share": 0.05, "withheld_unresolved_share": 0.05}


@dataclass(frozen=True)
class CallFacts:
    """The columns of a call the report needs."""

    id: int
    started: datetime
    created_at: datetime
    withheld: bool
    customer_id: int | None
    link_status: str | None
    caller_name: str | None
    identified_at: datetime | None

    @property
    def resolved(self) -> bool:
        return self.link_status in RESOLVED_STATUSES


@dataclass(frozen=True)
class Report:
    company: str
    since: datetime
    until: datetime
    calls: int
    withheld_calls: int
    withheld_share: float
    link_status: dict[str, int]
    calls_without_customer: int
    withheld_unresolved: int
    withheld_unresolved_share: float
    unresolved_calls: int
    unresolved_share: float
    appointments: int
    appointments_from_withheld: int
    review_open: int
    review_median_age_hours: float | None
    review_oldest_age_hours: float | None
    name_capture_rate: float
    median_seconds_to_identification: float | None
    before: dict[str, float] = field(default_factory=lambda: dict(BEFORE))
    goal: dict[str, float] = field(default_factory=lambda: dict(GOAL))

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["since"], data["until"] = self.since.isoformat(), self.until.isoformat()
        return data


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def call_facts(
    *, session: Session, company_id: int, since: datetime, until: datetime
) -> list[CallFacts]:
    """Calls of the company that started in [since, until)."""
    started = func.coalesce(Call.started_at, Call.created_at)
    rows = session.execute(
        select(
            Call.id,
            Call.started_at,
            Call.created_at,
            Call.caller_id_withheld,
            Call.customer_id,
            Call.link_status,
            Call.caller_name,
            Call.identified_at,
        ).where(Call.company_id == company_id, started >= since, started < until)
    ).all()
    return [
        CallFacts(
            id=row.id,
            started=_aware(row.started_at or row.created_at),
            created_at=_aware(row.created_at),
            withheld=bool(row.caller_id_withheld),
            customer_id=row.customer_id,
            link_status=row.link_status,
            caller_name=row.caller_name,
            identified_at=_aware(row.identified_at) if row.identified_at else None,
        )
        for row in rows
    ]


def _made_by(calls: list[CallFacts], rows: list[AppointmentRow]) -> list[AppointmentRow]:
    ids = {c.id for c in calls}
    return [row for row in rows if row.call_id in ids]


def _review_ages(session: Session, company_id: int, now: datetime) -> list[float]:
    created = session.scalars(
        select(ReviewItem.created_at).where(
            ReviewItem.company_id == company_id, ReviewItem.status == "open"
        )
    ).all()
    return [(now - _aware(value)).total_seconds() / 3600 for value in created]


def _seconds_to_identification(calls: list[CallFacts]) -> float | None:
    # Both times are the server's clock: the provider's clock never mixes in.
    values = [(c.identified_at - c.created_at).total_seconds() for c in calls if c.identified_at]
    return round(statistics.median(values), 3) if values else None


def build(
    *, session: Session, company: Company, since: datetime, until: datetime, now: datetime
) -> Report:
    calls = call_facts(session=session, company_id=company.id, since=since, until=until)
    withheld = [c for c in calls if c.withheld]
    made = _made_by(calls, appointments(session, company.id))
    withheld_ids = {c.id for c in withheld}
    statuses: dict[str, int] = {}
    for c in calls:
        key = c.link_status or "none"
        statuses[key] = statuses.get(key, 0) + 1
    unresolved = sum(1 for c in calls if not c.resolved)
    withheld_unresolved_count = sum(1 for c in withheld if c.customer_id is None or not c.resolved)
    ages = _review_ages(session, company.id, now)
    return Report(
        company=company.name,
        since=since,
        until=until,
        calls=len(calls),
        withheld_calls=len(withheld),
        withheld_share=_share(len(withheld), len(calls)),
        link_status=dict(sorted(statuses.items())),
        calls_without_customer=sum(1 for c in calls if c.customer_id is None),
        withheld_unresolved=withheld_unresolved_count,
        withheld_unresolved_share=_share(withheld_unresolved_count, len(withheld)),
        unresolved_calls=unresolved,
        unresolved_share=_share(unresolved, len(calls)),
        appointments=len(made),
        appointments_from_withheld=sum(1 for row in made if row.call_id in withheld_ids),
        review_open=len(ages),
        review_median_age_hours=round(statistics.median(ages), 2) if ages else None,
        review_oldest_age_hours=round(max(ages), 2) if ages else None,
        name_capture_rate=_share(sum(1 for c in calls if c.caller_name), len(calls)),
        median_seconds_to_identification=_seconds_to_identification(calls),
    )


def window(company: Company, days: int, now: datetime) -> tuple[datetime, datetime]:
    """The `days` whole local days before today, plus today so far (company time zone)."""
    zone = ZoneInfo(company.timezone)
    first = now.astimezone(zone).date() - timedelta(days=days)
    return datetime.combine(first, datetime.min.time(), zone).astimezone(UTC), now


def company_report(
    *, session: Session, company: Company, days: int = 7, now: datetime | None = None
) -> Report:
    now = now or datetime.now(UTC)
    since, until = window(company, days, now)
    return build(session=session, company=company, since=since, until=until, now=now)


def daily_series(
    *, session: Session, company: Company, days: int = 7, now: datetime | None = None
) -> list[dict[str, Any]]:
    """One row per local day of the report's window (oldest first): the dashboard's charts."""
    now = now or datetime.now(UTC)
    zone = ZoneInfo(company.timezone)
    since, _ = window(company, days, now)
    first = since.astimezone(zone).date()
    calls = call_facts(session=session, company_id=company.id, since=since, until=now)
    made = _made_by(calls, appointments(session, company.id))
    day_of_call = {c.id: c.started.astimezone(zone).date() for c in calls}
    series: dict[date, dict[str, Any]] = {
        first + timedelta(days=n): {
            "date": (first + timedelta(days=n)).isoformat(),
            "calls": 0,
            "withheld_calls": 0,
            "unresolved_calls": 0,
            "named_calls": 0,
            "appointments": 0,
        }
        for n in range(days + 1)
    }
    for c in calls:
        row = series.get(day_of_call[c.id])
        if row is None:
            continue
        row["calls"] += 1
        row["withheld_calls"] += int(c.withheld)
        row["unresolved_calls"] += int(not c.resolved)
        row["named_calls"] += int(bool(c.caller_name))
    for appointment in made:
        if appointment.call_id is None:
            continue
        row = series.get(day_of_call[appointment.call_id])
        if row is not None:
            row["appointments"] += 1
    return list(series.values())
