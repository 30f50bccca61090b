"""The Prüfliste as a work queue: who each item is about, what it needs, how urgent it is, the
filters a team works by, and which item comes next.

Priority and due time follow followup.stakes; the earliest upcoming active appointment of an
item (its call's, or for an item without a call its customer's) is read here, because the
dashboard may read scheduling and followup may not."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

import phonenumbers
from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, aliased, load_only

from frontdesk.accounts import service as accounts_service
from frontdesk.accounts.models import User
from frontdesk.calls.models import Call
from frontdesk.dashboard.queries.review_filters import (
    AGE_DAYS,
    ParsedFilters,
    QueueFilters,
    parse_filters,
)
from frontdesk.followup import stakes
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.scheduling.models import ACTIVE_STATUSES, Appointment

# What a person has to do, per kind, as the queue and the item page say it.
NEEDS: Final[dict[str, str]] = {
    "uncertain_link": "Anrufer einem Patienten zuordnen",
    "no_identifying_data": "Prüfen, ob jemand zurückgerufen werden muss",
    "pending_confirmation": "Termin bestätigen oder absagen",
    "callback_request": "Zurückrufen",
    "sms_reply": "SMS-Antwort lesen und beantworten",
    "sms_failed": "SMS kam nicht an – Patient anrufen",
    "merge_proposal": "Doppelte Patientenakte prüfen",
    "job_failed": "Fehlgeschlagene Hintergrundaufgabe prüfen",
    "staff_absent": "Termine wegen Abwesenheit umbuchen",
    "calendar_conflict": "Kalenderkonflikt klären",
    "calendar_unreachable": "Kalenderverbindung prüfen",
}
NEED_DEFAULT: Final = "Eintrag prüfen"
CALLBACK_KIND: Final = "callback_request"
WITHHELD: Final = "Nummer unterdrückt"
UNKNOWN_CALLER: Final = "Unbekannte/r Anrufer/in"

QUEUE_LIMIT: Final = 100


def queue_page(
    *,
    session: Session,
    company_id: int,
    params: Mapping[str, str],
    kinds: Sequence[str],
    viewer_email: str,
    now: datetime,
) -> tuple[Queue, ParsedFilters]:
    """The queue as the page's query parameters ask for it, and what in them did not parse."""
    users = accounts_service.list_for_company(session=session, company_id=company_id)
    parsed = parse_filters(params, kinds, users)
    found = queue(
        session=session,
        company_id=company_id,
        filters=parsed.filters,
        viewer_email=viewer_email,
        now=now,
        users=users,
    )
    return found, parsed


@dataclass
class QueueRow:
    item: ReviewItem
    call: Call | None
    customer: Customer | None
    priority: int
    due_at: datetime | None
    appointment_at: datetime | None
    who: str
    need: str


@dataclass
class QueueGroup:
    """One call's open items (or a single item without a call), shown and closed together."""

    first: QueueRow
    rows: list[QueueRow] = field(default_factory=list)

    @property
    def priority(self) -> int:
        return min(r.priority for r in self.rows)


def display_number(e164: str | None) -> str | None:
    """ "+49 30 1112233" rather than "+49301112233"."""
    if not e164:
        return None
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def who(call: Call | None, customer: Customer | None, details: Mapping[str, Any]) -> str:
    """The patient's name, or who the unknown caller is: "Unbekannte/r Anrufer/in, +49 …"."""
    if customer is not None and customer.full_name and customer.status != "merged":
        return customer.full_name
    if call is not None and call.caller_name:
        return call.caller_name
    if call is not None and call.caller_id_withheld:
        return f"{UNKNOWN_CALLER}, {WITHHELD}"
    number = (call.from_number_e164 if call is not None else None) or (
        customer.phone_e164 if customer is not None else None
    )
    if number is None and isinstance(details.get("number"), str):
        number = details["number"]
    shown = display_number(number)
    return f"{UNKNOWN_CALLER}, {shown}" if shown else UNKNOWN_CALLER


def need(kind: str) -> str:
    return NEEDS.get(kind, NEED_DEFAULT)


def _upcoming(company_id: int, now: datetime, key: Any) -> Any:
    """Earliest upcoming active appointment per call or per customer (a small grouped set)."""
    return (
        select(key.label("key"), func.min(Appointment.starts_at).label("starts_at"))
        .where(
            Appointment.company_id == company_id,
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.starts_at >= now,
            key.is_not(None),
        )
        .group_by(key)
        .subquery()
    )


@dataclass(frozen=True)
class _Ranked:
    """Open items' ids with their priority and due time (no calls or customers joined, so
    sorting and counting move a few narrow columns, not transcripts)."""

    query: Select[Any]
    priority: ColumnElement[int]
    due: ColumnElement[datetime | None]
    appointment_at: ColumnElement[datetime | None]


def _ranked(company_id: int, now: datetime) -> _Ranked:
    by_call = _upcoming(company_id, now, Appointment.call_id)
    by_customer = _upcoming(company_id, now, Appointment.customer_id)
    appointment_at = func.coalesce(by_call.c.starts_at, by_customer.c.starts_at)
    priority = stakes.priority_sql(ReviewItem.reason, appointment_at, now)
    due = stakes.due_sql(func.coalesce(ReviewItem.due_at, ReviewItem.created_at), appointment_at)
    query = (
        select(
            ReviewItem.id,
            ReviewItem.call_id,
            priority.label("priority_now"),
            due.label("due_now"),
            appointment_at.label("appointment_at"),
        )
        .outerjoin(by_call, by_call.c.key == ReviewItem.call_id)
        .outerjoin(
            by_customer,
            and_(ReviewItem.call_id.is_(None), by_customer.c.key == ReviewItem.customer_id),
        )
        .where(ReviewItem.company_id == company_id, ReviewItem.status == "open")
    )
    return _Ranked(query, priority, due, appointment_at)


@dataclass(frozen=True)
class _Rank:
    call_id: int | None
    priority: int
    due_at: datetime | None
    appointment_at: datetime | None


_SHOWN_CUSTOMER = (
    Customer.id,
    Customer.company_id,
    Customer.status,
    Customer.first_name,
    Customer.last_name,
    Customer.phone_e164,
)


def _shown(alias: Any) -> tuple[Any, ...]:
    return tuple(getattr(alias, column.key) for column in _SHOWN_CUSTOMER)


def _rows(session: Session, company_id: int, ranks: dict[int, _Rank]) -> dict[int, QueueRow]:
    """The ranked items with their call and current customer (only the columns shown)."""
    if not ranks:
        return {}
    linked = aliased(Customer)
    shown_call = load_only(
        Call.id,
        Call.company_id,
        Call.started_at,
        Call.created_at,
        Call.caller_id_withheld,
        Call.from_number_e164,
        Call.caller_name,
        Call.customer_id,
    )
    records = session.execute(
        select(ReviewItem, Call, Customer, linked)
        .outerjoin(Call, and_(Call.id == ReviewItem.call_id, Call.company_id == company_id))
        .outerjoin(
            Customer,
            and_(Customer.id == ReviewItem.customer_id, Customer.company_id == company_id),
        )
        .outerjoin(linked, and_(linked.id == Call.customer_id, linked.company_id == company_id))
        .where(ReviewItem.company_id == company_id, ReviewItem.id.in_(list(ranks)))
        .options(shown_call, load_only(*_SHOWN_CUSTOMER), load_only(*_shown(linked)))
    ).all()
    out: dict[int, QueueRow] = {}
    for item, call, customer, current in records:
        person = current if current is not None else customer
        rank = ranks[item.id]
        out[item.id] = QueueRow(
            item=item,
            call=call,
            customer=person,
            priority=rank.priority,
            due_at=rank.due_at,
            appointment_at=rank.appointment_at,
            who=who(call, person, item.details if isinstance(item.details, dict) else {}),
            need=need(item.reason),
        )
    return out


def _ranks(session: Session, query: Select[Any]) -> dict[int, _Rank]:
    """id -> rank, in the query's order."""
    return {
        int(item_id): _Rank(call_id, int(level), due, appointment_at)
        for item_id, call_id, level, due, appointment_at in session.execute(query).all()
    }


def _assignee_email(filters: QueueFilters, viewer_email: str, users: Sequence[User]) -> str | None:
    if filters.assignee == "me":
        return viewer_email
    return next((u.email for u in users if str(u.id) == filters.assignee), None)


def _filtered(
    ranked: _Ranked,
    filters: QueueFilters,
    *,
    now: datetime,
    viewer_email: str,
    users: Sequence[User],
) -> Select[Any]:
    query = ranked.query
    if filters.kind:
        query = query.where(ReviewItem.reason == filters.kind)
    if filters.priority:
        query = query.where(ranked.priority == filters.priority)
    if filters.assignee == "none":
        query = query.where(ReviewItem.assigned_to.is_(None))
    elif filters.assignee:
        query = query.where(ReviewItem.assigned_to == _assignee_email(filters, viewer_email, users))
    if filters.age == "new":
        query = query.where(ReviewItem.created_at >= now - timedelta(days=1))
    elif filters.age:
        query = query.where(ReviewItem.created_at < now - timedelta(days=AGE_DAYS[filters.age]))
    order: dict[str, list[Any]] = {
        "urgent": [ranked.priority, ranked.due],
        "due": [ranked.due],
        "age": [ReviewItem.created_at],
    }
    return query.order_by(*order[filters.sort], ReviewItem.id)


@dataclass
class Queue:
    groups: list[QueueGroup]
    shown: int
    matching: int
    by_priority: dict[int, int]
    by_kind: dict[str, int]
    users: Sequence[User]


def queue(
    *,
    session: Session,
    company_id: int,
    filters: QueueFilters,
    viewer_email: str,
    now: datetime,
    limit: int = QUEUE_LIMIT,
    users: Sequence[User] | None = None,
) -> Queue:
    """The filtered queue, grouped by call in the order of each call's first item."""
    if users is None:
        users = accounts_service.list_for_company(session=session, company_id=company_id)
    ranked = _ranked(company_id, now)
    query = _filtered(ranked, filters, now=now, viewer_email=viewer_email, users=users)
    # Grouped over a subquery: PostgreSQL would not see the CASE in GROUP BY as the selected one.
    levels = ranked.query.with_only_columns(
        ranked.priority.label("level"), ReviewItem.reason.label("kind")
    ).subquery()
    counted = session.execute(
        select(levels.c.level, levels.c.kind, func.count()).group_by(levels.c.level, levels.c.kind)
    ).all()
    by_priority: dict[int, int] = {}
    by_kind: dict[str, int] = {}
    for level, kind, n in counted:
        by_priority[int(level)] = by_priority.get(int(level), 0) + int(n)
        by_kind[str(kind)] = by_kind.get(str(kind), 0) + int(n)
    ranks = _ranks(session, query.limit(limit))
    if len(ranks) < limit:
        matching = len(ranks)
    elif not (filters.assignee or filters.age):  # the counts above already tell
        matching = sum(
            int(n)
            for level, kind, n in counted
            if filters.priority in (None, int(level)) and filters.kind in (None, kind)
        )
    else:
        matching = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    return Queue(
        groups=_grouped(session, company_id, ranked, ranks),
        shown=len(ranks),
        matching=matching,
        by_priority=by_priority,
        by_kind=by_kind,
        users=users,
    )


def _grouped(
    session: Session, company_id: int, ranked: _Ranked, ranks: dict[int, _Rank]
) -> list[QueueGroup]:
    """Each call once, with all its open items (also those the filter left out)."""
    call_ids = {r.call_id for r in ranks.values() if r.call_id is not None}
    members = dict(ranks)
    # Most calls have one item: rank only the siblings the page does not hold yet.
    others = (
        session.scalars(
            select(ReviewItem.id).where(
                ReviewItem.company_id == company_id,
                ReviewItem.status == "open",
                ReviewItem.call_id.in_(call_ids),
                ReviewItem.id.not_in(list(ranks)),
            )
        ).all()
        if call_ids
        else []
    )
    if others:
        members.update(_ranks(session, ranked.query.where(ReviewItem.id.in_(others))))
    rows = _rows(session, company_id, members)
    by_call: dict[int, list[QueueRow]] = {}
    for member in sorted(rows.values(), key=lambda r: r.item.id):
        if member.item.call_id is not None:
            by_call.setdefault(member.item.call_id, []).append(member)
    groups: list[QueueGroup] = []
    seen: set[int] = set()
    for first in (rows[i] for i in ranks if i in rows):
        if first.item.call_id is None:
            groups.append(QueueGroup(first=first, rows=[first]))
        elif first.item.call_id not in seen:
            seen.add(first.item.call_id)
            groups.append(QueueGroup(first=first, rows=by_call[first.item.call_id]))
    return groups


def rows_of_call(
    *, session: Session, company_id: int, item: ReviewItem, now: datetime
) -> list[QueueRow]:
    """The open items of the item's call (just the item when it has no call; none if closed)."""
    ranked = _ranked(company_id, now)
    if item.call_id is None:
        query = ranked.query.where(ReviewItem.id == item.id)
    else:
        query = ranked.query.where(ReviewItem.call_id == item.call_id)
    rows = _rows(session, company_id, _ranks(session, query))
    return sorted(rows.values(), key=lambda r: r.item.id)


def next_item_id(*, session: Session, company_id: int, now: datetime) -> int | None:
    """The most urgent open item (the one the queue shows first)."""
    ranked = _ranked(company_id, now)
    query = ranked.query.order_by(ranked.priority, ranked.due, ReviewItem.id).limit(1)
    first = _ranks(session, query)
    return next(iter(first), None)


def closed_item(*, session: Session, company_id: int, item_id: int | None) -> ReviewItem | None:
    """A just-closed item for the confirmation; another company's id is silently nothing."""
    if item_id is None:
        return None
    item = session.get(ReviewItem, item_id)
    return item if item is not None and item.company_id == company_id else None
