"""Retention: call content is kept for a limited time per company, then purged.

After `retention_days` (company.settings["retention_days"], else the process default) the
transcripts and recording links of calls, the bodies of SMS and the raw bodies of provider
events are removed. The rows stay (metrics, appointments and the review trail refer to them)
and so do the inbox's de-duplication keys: a provider retrying a purged event is still
recognised as a duplicate. Each purge only touches what still holds content, so a second run
the same day changes nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import ColumnElement, func, null, or_, select, update
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, CallEvent
from frontdesk.messaging.models import Message
from frontdesk.tenancy.models import Company, PhoneNumber

log = structlog.get_logger(__name__)
SETTING = "retention_days"
EVENT_BATCH = 500
SMS_PROVIDER = "twilio"


@dataclass
class PurgeReport:
    """What a purge removed (or, dry, would remove), per company and in total."""

    dry_run: bool
    now: datetime
    default_days: int
    companies: dict[int, dict[str, Any]] = field(default_factory=dict)
    events: int = 0  # raw events, counted once across companies

    def totals(self) -> dict[str, int]:
        total = {"calls": 0, "messages": 0, "events": self.events}
        for counts in self.companies.values():
            total["calls"] += int(counts["calls"])
            total["messages"] += int(counts["messages"])
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "now": self.now.isoformat(),
            "default_days": self.default_days,
            "companies": {str(k): v for k, v in sorted(self.companies.items())},
            "totals": self.totals(),
        }


def retention_days(company: Company, default_days: int) -> int:
    """The company's own period when it set a sensible one, else the default."""
    value = (company.settings or {}).get(SETTING)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        if value is not None:
            log.warning("retention.invalid_setting", company_id=company.id, value=value)
        return default_days
    return value


def _call_content() -> ColumnElement[bool]:
    return or_(
        Call.transcript.is_not(None),
        Call.transcript_object.is_not(None),
        Call.recording_url.is_not(None),
    )


def _purge_calls(session: Session, company_id: int, cutoff: datetime, dry: bool) -> int:
    scope = (Call.company_id == company_id, Call.created_at < cutoff, _call_content())
    count = session.scalar(select(func.count()).select_from(Call).where(*scope)) or 0
    if count and not dry:
        # SQL NULL, not JSON null, so the next run no longer counts the row.
        session.execute(
            update(Call)
            .where(*scope)
            .values(transcript=None, transcript_object=null(), recording_url=None)
            .execution_options(synchronize_session=False)
        )
    return int(count)


def _purge_messages(session: Session, company_id: int, cutoff: datetime, dry: bool) -> int:
    scope = (
        Message.company_id == company_id,
        Message.created_at < cutoff,
        Message.body.is_not(None),
    )
    count = session.scalar(select(func.count()).select_from(Message).where(*scope)) or 0
    if count and not dry:
        session.execute(
            update(Message)
            .where(*scope)
            .values(body=None)
            .execution_options(synchronize_session=False)
        )
    return int(count)


def _event_content() -> ColumnElement[bool]:
    return or_(func.length(CallEvent.body) > 0, CallEvent.payload.is_not(None))


@dataclass(frozen=True)
class _EventHead:
    """What deciding about an event needs (not its body, which may be large)."""

    id: int
    received_at: datetime
    provider_call_id: str | None
    payload: Any


def _candidate_events(session: Session, before: datetime) -> Iterator[list[_EventHead]]:
    """Events old enough for the shortest period that still hold content, in batches."""
    last_id = 0
    while True:
        batch = [
            _EventHead(*r)
            for r in session.execute(
                select(
                    CallEvent.id,
                    CallEvent.received_at,
                    CallEvent.provider_call_id,
                    CallEvent.payload,
                )
                .where(CallEvent.id > last_id, CallEvent.received_at < before, _event_content())
                .order_by(CallEvent.id)
                .limit(EVENT_BATCH)
            )
        ]
        if not batch:
            return
        yield batch
        last_id = batch[-1].id


def _call_companies(session: Session, events: list[_EventHead]) -> dict[str, int | None]:
    keys = {e.provider_call_id for e in events if e.provider_call_id}
    if not keys:
        return {}
    found = (
        session.execute(
            select(Call.provider_call_id, Call.company_id).where(Call.provider_call_id.in_(keys))
        )
        .tuples()
        .all()
    )
    return dict(found)


def _event_company(
    event: _EventHead, calls: Mapping[str, int | None], numbers: Mapping[str, int]
) -> int | None:
    """A call's event belongs to the call's company; an SMS webhook to the company whose
    number it names (inbound: To, status callback: From). None when nothing says."""
    if event.provider_call_id:
        return calls.get(event.provider_call_id)
    payload = event.payload if isinstance(event.payload, dict) else {}
    for side in ("To", "From"):
        owner = numbers.get(str(payload.get(side) or ""))
        if owner is not None:
            return owner
    return None


@dataclass(frozen=True)
class _Cutoffs:
    by_company: Mapping[int, datetime]
    default: datetime

    def of(self, company_id: int | None) -> datetime:
        if company_id is None:
            return self.default
        return self.by_company.get(company_id, self.default)

    def latest(self) -> datetime:
        return max([self.default, *self.by_company.values()])


def _purge_events(session: Session, cutoffs: _Cutoffs, dry: bool) -> int:
    numbers = dict(session.execute(select(PhoneNumber.e164, PhoneNumber.company_id)).tuples().all())
    purged = 0
    for batch in _candidate_events(session, cutoffs.latest()):
        calls = _call_companies(session, batch)
        due = [e.id for e in batch if e.received_at < cutoffs.of(_event_company(e, calls, numbers))]
        if due and not dry:
            session.execute(
                update(CallEvent)
                .where(CallEvent.id.in_(due))
                .values(body=b"", payload=null())
                .execution_options(synchronize_session=False)
            )
        purged += len(due)
    return purged


def purge_expired(
    session: Session, *, now: datetime, default_days: int, dry_run: bool = False
) -> PurgeReport:
    """Purge (or with dry_run, count) what every company keeps longer than it may."""
    report = PurgeReport(dry_run=dry_run, now=now, default_days=default_days)
    cutoffs: dict[int, datetime] = {}
    for company in session.scalars(select(Company).order_by(Company.id)):
        days = retention_days(company, default_days)
        cutoff = cutoffs[company.id] = now - timedelta(days=days)
        report.companies[company.id] = {
            "days": days,
            "cutoff": cutoff.isoformat(),
            "calls": _purge_calls(session, company.id, cutoff, dry_run),
            "messages": _purge_messages(session, company.id, cutoff, dry_run),
        }
    default_cutoff = now - timedelta(days=default_days)
    report.events = _purge_events(session, _Cutoffs(cutoffs, default_cutoff), dry_run)
    session.flush()
    return report
