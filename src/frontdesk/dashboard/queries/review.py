"""The review queue: open items by priority and age, and everything one item needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.accounts import audit
from frontdesk.accounts import service as accounts_service
from frontdesk.accounts.models import ReviewAction, User
from frontdesk.calls.models import Call
from frontdesk.dashboard.labels import LABELS, label
from frontdesk.dashboard.queries import messages as sms
from frontdesk.dashboard.queries import review_filters, review_queue
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.queries.transcript import TurnView, transcript_view
from frontdesk.db.core import utcnow
from frontdesk.followup import service as followup_service
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.matcher import LEVELS, MISMATCH
from frontdesk.identity.models import Customer
from frontdesk.scheduling.models import ACTIVE_STATUSES, Appointment

# Kept for pages that still pass them to templates; the words live in dashboard.labels.
REASON_LABELS = LABELS["review_reason"]
PRIORITY_LABELS = {int(k): v for k, v in LABELS["review_priority"].items()}
_FIELD_LABELS = {
    "last_name": "Nachname",
    "surname": "Nachname",
    "first_name": "Vorname",
    "birth_date": "Geburtsdatum",
    "phone": "Telefon",
    "email": "E-Mail",
}


@dataclass(frozen=True)
class ResolvedRow:
    item: ReviewItem
    call: Call | None
    customer: Customer | None


@dataclass(frozen=True)
class CandidateView:
    customer: Customer
    score: float | None
    agreed: list[str]
    disagreed: list[str]
    missing: list[str]


@dataclass
class ItemView:
    item: ReviewItem
    call: Call | None
    customer: Customer | None
    candidates: list[CandidateView]
    appointments: Sequence[Appointment]
    actions: Sequence[ReviewAction]
    turns: list[TurnView]
    users: Sequence[User]
    collected: dict[str, str] = field(default_factory=dict)
    messages: list[sms.MessageView] = field(default_factory=list)
    # This item with priority, due time and who it is about, and its call's open items.
    row: review_queue.QueueRow | None = None
    group: list[review_queue.QueueRow] = field(default_factory=list)
    callback: bool = False  # a callback request is among the call's open items
    number: str | None = None  # the caller's number as people write it
    who: str = ""  # the patient's name, or who the unknown caller is


def open_queue(
    *, session: Session, company_id: int, limit: int = 100
) -> list[review_queue.QueueGroup]:
    """The most urgent open items, grouped by call (the overview's excerpt of the queue)."""
    return review_queue.queue(
        session=session,
        company_id=company_id,
        filters=review_filters.QueueFilters(),
        viewer_email="",
        now=utcnow(),
        limit=limit,
    ).groups


def open_counts(*, session: Session, company_id: int) -> dict[str, int]:
    """Open items per reason, and "total"."""
    rows = session.execute(
        select(ReviewItem.reason, func.count())
        .where(ReviewItem.company_id == company_id, ReviewItem.status == "open")
        .group_by(ReviewItem.reason)
    ).all()
    counts = {str(reason): int(n) for reason, n in rows}
    counts["total"] = sum(counts.values())
    return counts


def recently_resolved(*, session: Session, company_id: int, limit: int = 20) -> list[ResolvedRow]:
    """Closed items, last closed first (the item alone: the list shows kind, outcome, note)."""
    items = session.scalars(
        select(ReviewItem)
        .where(ReviewItem.company_id == company_id, ReviewItem.status != "open")
        .order_by(ReviewItem.resolved_at.desc(), ReviewItem.id.desc())
        .limit(limit)
    ).all()
    return [ResolvedRow(item, None, None) for item in items]


@dataclass(frozen=True)
class Confirmation:
    text: str
    item_id: int
    undoable: bool  # a link, which identity can undo exactly


def confirmation(*, session: Session, company_id: int, item_id: int | None) -> Confirmation | None:
    """What the last action closed, in German: "Erledigt: Rückruf erbeten für Jutta Maier
    (zurückgerufen)"; None when there is nothing to confirm (or it is another company's)."""
    item = review_queue.closed_item(session=session, company_id=company_id, item_id=item_id)
    if item is None or item.status == "open":
        return None
    together = followup_service.closed_with(session=session, company_id=company_id, item=item)
    call = session.get(Call, item.call_id) if item.call_id else None
    call = call if call is not None and call.company_id == company_id else None
    own = session.get(Customer, item.customer_id) if item.customer_id else None
    own = own if own is not None and own.company_id == company_id else None
    about = review_queue.who(call, _current(session, company_id, call) or own, item.details)
    kinds = ", ".join(dict.fromkeys(label(i.reason, "review_reason") for i in together))
    how = label(item.resolution, "review_resolution")
    count = f"{len(together)} Einträge des Anrufs, " if len(together) > 1 else ""
    return Confirmation(
        text=f"Erledigt: {kinds} für {about} ({count}{how})",
        item_id=item.id,
        undoable=item.resolution == "linked",
    )


def _names(values: Any) -> list[str]:
    if isinstance(values, dict):
        return [str(k) for k in values]
    if isinstance(values, list | tuple):
        return [str(v) for v in values]
    return []


# The matcher's agreeing levels, partial ones included (a birth date one digit off, a double
# surname partly given), and the words other shapes use.
_AGREEING = frozenset(
    {
        "agree",
        "match",
        "true",
        "similar",
        "yes",
        *(level for levels in LEVELS.values() for level in levels if level != MISMATCH),
    }
)


def _fields(raw: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """Agreeing, disagreeing and missing fields, from whichever shape identity stored."""
    agreed, disagreed, missing = (
        _names(raw.get("agreed") or raw.get("agree")),
        _names(raw.get("disagreed") or raw.get("disagree")),
        _names(raw.get("missing")),
    )
    per_field = (
        raw.get("levels")
        or raw.get("fields")
        or raw.get("comparison")
        or raw.get("agreement")
        or {}
    )
    if isinstance(per_field, dict):
        for name, verdict in per_field.items():
            text = str(verdict.get("level", verdict) if isinstance(verdict, dict) else verdict)
            text = text.lower()
            if text in _AGREEING:
                agreed.append(str(name))
            elif text in {"disagree", "mismatch", "false", "no", "differ", "different"}:
                disagreed.append(str(name))
            else:
                missing.append(str(name))
    label = _FIELD_LABELS.get
    return (
        [label(f, f) for f in agreed],
        [label(f, f) for f in disagreed],
        [label(f, f) for f in missing],
    )


def _score(raw: dict[str, Any]) -> float | None:
    for key in ("score", "confidence", "probability", "p"):
        value = raw.get(key)
        if isinstance(value, int | float):
            return float(value)
    return None


def candidates(
    *, session: Session, company_id: int, details: dict[str, Any]
) -> list[CandidateView]:
    """The item's candidates, read defensively; another company's ids are dropped."""
    raw_list = details.get("candidates") if isinstance(details, dict) else None
    views: list[CandidateView] = []
    for raw in raw_list if isinstance(raw_list, list) else []:
        if not isinstance(raw, dict):
            continue
        customer_id = raw.get("customer_id", raw.get("id"))
        if not isinstance(customer_id, int):
            continue
        customer = session.get(Customer, customer_id)
        if customer is None or customer.company_id != company_id:
            continue
        agreed, disagreed, missing = _fields(raw)
        views.append(CandidateView(customer, _score(raw), agreed, disagreed, missing))
    views.sort(key=lambda c: -(c.score or 0.0))
    return views


def _collected(call: Call | None, customer: Customer | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if call is not None and call.caller_name:
        out["Name (Anrufer)"] = call.caller_name
    if call is not None and call.booked_for_name:
        out["Termin für"] = call.booked_for_name
    if customer is not None:
        if customer.full_name:
            out["Name"] = customer.full_name
        if customer.birth_date:
            out["Geburtsdatum"] = customer.birth_date.strftime("%d.%m.%Y")
        if customer.phone_e164:
            out["Telefon"] = customer.phone_e164
        if customer.email:
            out["E-Mail"] = customer.email
    return out


def appointments_for_item(
    *, session: Session, company_id: int, item: ReviewItem
) -> Sequence[Appointment]:
    if item.call_id is None:
        return []
    return session.scalars(
        select(Appointment)
        .where(Appointment.company_id == company_id, Appointment.call_id == item.call_id)
        .order_by(Appointment.starts_at)
    ).all()


def item_view(
    *,
    session: Session,
    company_id: int,
    item_id: int,
    agent_names: tuple[str, ...] = (),
    now: datetime | None = None,
) -> ItemView:
    item = get_owned(session, ReviewItem, item_id, company_id)
    group = review_queue.rows_of_call(
        session=session, company_id=company_id, item=item, now=now or utcnow()
    )
    call = session.get(Call, item.call_id) if item.call_id else None
    call = call if call is not None and call.company_id == company_id else None
    customer = session.get(Customer, item.customer_id) if item.customer_id else None
    customer = customer if customer is not None and customer.company_id == company_id else None
    return ItemView(
        item=item,
        call=call,
        customer=customer,
        candidates=candidates(session=session, company_id=company_id, details=item.details),
        appointments=appointments_for_item(session=session, company_id=company_id, item=item),
        actions=audit.for_item(session=session, company_id=company_id, review_item_id=item.id),
        turns=transcript_view(call, agent_names),
        users=accounts_service.list_for_company(session=session, company_id=company_id),
        collected=_collected(call, customer),
        messages=sms.for_item(session=session, company_id=company_id, item=item),
        row=next((r for r in group if r.item.id == item.id), None),
        group=group,
        callback=any(r.item.reason == review_queue.CALLBACK_KIND for r in group),
        number=review_queue.display_number(call.from_number_e164 if call else None),
        who=review_queue.who(call, _current(session, company_id, call) or customer, item.details),
    )


def _current(session: Session, company_id: int, call: Call | None) -> Customer | None:
    """The customer the call is linked to now (after a merge, not the provisional record)."""
    linked = session.get(Customer, call.customer_id) if call and call.customer_id else None
    return linked if linked is not None and linked.company_id == company_id else None


def active_appointment_statuses() -> tuple[str, ...]:
    return ACTIVE_STATUSES
