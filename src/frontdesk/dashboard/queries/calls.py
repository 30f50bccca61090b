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
from frontdesk.dashboard import history
from frontdesk.dashboard.history import HistoryLine
from frontdesk.dashboard.labels import LABELS, label
from frontdesk.dashboard.queries import function_steps
from frontdesk.dashboard.queries import messages as sms
from frontdesk.dashboard.queries.function_steps import FunctionStep
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.queries.transcript import TurnView, transcript_view
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer, MergeAudit
from frontdesk.scheduling.models import Appointment

# The filter choices, in the labels' words (one mapping for every page and export).
LINK_STATUSES = {
    key: LABELS["call_link_status"][key]
    for key in ("linked", "new_customer", "review", "unidentified")
}
OUTCOMES = dict(LABELS["call_outcome"])
EXPORT_HEADER = [
    "Anruf-ID",
    "Beginn",
    "Dauer (s)",
    "Nummer unterdrückt",
    "Nummer",
    "Zuordnung",
    "Zugeordnet über",
    "Name",
]
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
    steps: list[FunctionStep]
    turns: list[TurnView]  # the transcript by speaker, the turns that carried a name marked
    history: list[HistoryLine]  # merges and review actions as sentences, newest first


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
    """CSV rows (header first) of the filtered calls, newest first, in German words."""
    yield EXPORT_HEADER
    query = (
        _filtered(company_id, filters, tz)
        .order_by(Call.created_at.desc(), Call.id.desc())
        .limit(limit)
    )
    for call in session.scalars(query):
        started = call.started_at or call.created_at
        yield [
            call.provider_call_id,
            started.astimezone(tz).strftime("%d.%m.%Y %H:%M"),
            str(round((call.duration_ms or 0) / 1000)),
            "ja" if call.caller_id_withheld else "nein",
            call.from_number_e164 or "",
            label(call.link_status, "call_link_status") if call.link_status else "",
            label(call.link_method, "call_link_method") if call.link_method else "",
            call.caller_name or "",
        ]


def call_story(
    *,
    session: Session,
    company_id: int,
    call_id: int,
    tz: ZoneInfo = ZoneInfo("Europe/Berlin"),
    agent_names: tuple[str, ...] = (),
) -> CallStory:
    call = get_owned(session, Call, call_id, company_id)
    customer = session.get(Customer, call.customer_id) if call.customer_id else None
    items = session.scalars(
        select(ReviewItem)
        .where(ReviewItem.company_id == company_id, ReviewItem.call_id == call.id)
        .order_by(ReviewItem.created_at.desc(), ReviewItem.id.desc())
    ).all()
    actions = (
        session.scalars(
            select(ReviewAction)
            .where(
                ReviewAction.company_id == company_id,
                ReviewAction.review_item_id.in_([i.id for i in items]),
            )
            .order_by(ReviewAction.created_at, ReviewAction.id)
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
            .order_by(MergeAudit.created_at, MergeAudit.id)
        ).all()
        if customer_ids
        else []
    )
    lines = history_of(
        session=session, company_id=company_id, merges=merges, actions=actions, tz=tz
    )
    invocations = call_service.invocations_for(session=session, call_id=call.id)
    return CallStory(
        call=call,
        customer=customer if customer is not None and customer.company_id == company_id else None,
        events=call_service.events_for(session=session, provider_call_id=call.provider_call_id),
        invocations=invocations,
        appointments=session.scalars(
            select(Appointment)
            .where(Appointment.company_id == company_id, Appointment.call_id == call.id)
            .order_by(Appointment.starts_at.desc(), Appointment.id.desc())
        ).all(),
        review_items=items,
        review_actions=actions,
        merges=merges,
        messages=sms.for_call(session=session, company_id=company_id, call_id=call.id),
        steps=function_steps.steps(invocations),
        turns=transcript_view(call, agent_names),
        history=lines,
    )


def history_of(
    *,
    session: Session,
    company_id: int,
    merges: Sequence[MergeAudit],
    actions: Sequence[ReviewAction],
    tz: ZoneInfo,
) -> list[HistoryLine]:
    """Merges and review actions as one list of sentences, newest first."""
    lines = history.merge_lines(
        session=session, company_id=company_id, merges=merges, tz=tz
    ) + history.action_lines(session=session, company_id=company_id, actions=actions, tz=tz)
    return sorted(lines, key=lambda line: line.at, reverse=True)
