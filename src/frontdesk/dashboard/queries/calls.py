"""Calls of one company: the filtered list, the CSV export, one call's whole story."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from frontdesk.accounts.models import ReviewAction
from frontdesk.calls import service as call_service
from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.dashboard.queries import messages as sms
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer, MergeAudit
from frontdesk.scheduling.models import Appointment

LINK_STATUSES = {
    "linked": "zugeordnet",
    "new_customer": "neuer Kunde",
    "review": "in Prüfung",
    "unidentified": "nicht identifiziert",
}
OUTCOMES = {
    "appointment": "mit Termin",
    "no_appointment": "ohne Termin",
    "followup": "Nachbearbeitung",
}
PAGE_SIZE = 50


@dataclass(frozen=True)
class CallFilters:
    day: date | None = None
    withheld: bool | None = None
    link_status: str | None = None
    outcome: str | None = None
    before_id: int | None = None  # keyset pagination: calls older than this one


@dataclass(frozen=True)
class CallRow:
    call: Call
    customer: Customer | None


@dataclass
class CallStory:
    call: Call
    customer: Customer | None
    events: Sequence[CallEvent]
    invocations: Sequence[FunctionInvocation]
    appointments: Sequence[Appointment]
    review_items: Sequence[ReviewItem]
    review_actions: Sequence[ReviewAction]
    merges: Sequence[MergeAudit]
    messages: list[sms.MessageView]


def _filtered(company_id: int, filters: CallFilters, tz: ZoneInfo) -> Select[tuple[Call]]:
    query = select(Call).where(Call.company_id == company_id)
    if filters.day is not None:
        start = datetime.combine(filters.day, time.min, tz)
        query = query.where(Call.created_at >= start, Call.created_at < start + timedelta(days=1))
    if filters.withheld is not None:
        query = query.where(Call.caller_id_withheld.is_(filters.withheld))
    if filters.link_status in LINK_STATUSES:
        query = query.where(Call.link_status == filters.link_status)
    has_appointment = exists().where(
        Appointment.call_id == Call.id, Appointment.company_id == company_id
    )
    if filters.outcome == "appointment":
        query = query.where(has_appointment)
    elif filters.outcome == "no_appointment":
        query = query.where(~has_appointment)
    elif filters.outcome == "followup":
        query = query.where(Call.needs_followup.is_(True))
    return query


def list_calls(
    *, session: Session, company_id: int, filters: CallFilters, tz: ZoneInfo, limit: int = PAGE_SIZE
) -> list[CallRow]:
    """Newest first, `limit` at a time (keyset: pass the last id shown as `before_id`)."""
    query = _filtered(company_id, filters, tz)
    if filters.before_id is not None:
        anchor = session.get(Call, filters.before_id)
        if anchor is not None and anchor.company_id == company_id:
            query = query.where(
                (Call.created_at < anchor.created_at)
                | ((Call.created_at == anchor.created_at) & (Call.id < anchor.id))
            )
    calls = session.scalars(
        query.order_by(Call.created_at.desc(), Call.id.desc()).limit(limit)
    ).all()
    ids = {c.customer_id for c in calls if c.customer_id}
    customers = (
        {
            c.id: c
            for c in session.scalars(
                select(Customer).where(Customer.company_id == company_id, Customer.id.in_(ids))
            )
        }
        if ids
        else {}
    )
    return [CallRow(c, customers.get(c.customer_id or 0)) for c in calls]


def export_rows(
    *, session: Session, company_id: int, filters: CallFilters, tz: ZoneInfo, limit: int = 10_000
) -> Iterator[list[str]]:
    """CSV rows (header first) of the filtered calls."""
    yield ["call_id", "started", "duration_s", "withheld", "from", "link_status", "name"]
    query = _filtered(company_id, filters, tz).order_by(Call.created_at.desc()).limit(limit)
    for call in session.scalars(query):
        started = call.started_at or call.created_at
        yield [
            call.provider_call_id,
            started.astimezone(tz).isoformat(timespec="minutes"),
            str(round((call.duration_ms or 0) / 1000)),
            "ja" if call.caller_id_withheld else "nein",
            call.from_number_e164 or "",
            call.link_status or "",
            call.caller_name or "",
        ]


def call_story(*, session: Session, company_id: int, call_id: int) -> CallStory:
    call = get_owned(session, Call, call_id, company_id)
    customer = session.get(Customer, call.customer_id) if call.customer_id else None
    items = session.scalars(
        select(ReviewItem)
        .where(ReviewItem.company_id == company_id, ReviewItem.call_id == call.id)
        .order_by(ReviewItem.created_at)
    ).all()
    actions = (
        session.scalars(
            select(ReviewAction)
            .where(
                ReviewAction.company_id == company_id,
                ReviewAction.review_item_id.in_([i.id for i in items]),
            )
            .order_by(ReviewAction.created_at)
        ).all()
        if items
        else []
    )
    customer_ids = [c for c in (call.customer_id,) if c]
    merges = (
        session.scalars(
            select(MergeAudit)
            .where(
                MergeAudit.company_id == company_id,
                MergeAudit.into_customer_id.in_(customer_ids)
                | MergeAudit.from_customer_id.in_(customer_ids),
            )
            .order_by(MergeAudit.created_at)
        ).all()
        if customer_ids
        else []
    )
    return CallStory(
        call=call,
        customer=customer if customer is not None and customer.company_id == company_id else None,
        events=call_service.events_for(session=session, provider_call_id=call.provider_call_id),
        invocations=call_service.invocations_for(session=session, call_id=call.id),
        appointments=session.scalars(
            select(Appointment)
            .where(Appointment.company_id == company_id, Appointment.call_id == call.id)
            .order_by(Appointment.starts_at)
        ).all(),
        review_items=items,
        review_actions=actions,
        merges=merges,
        messages=sms.for_call(session=session, company_id=company_id, call_id=call.id),
    )
