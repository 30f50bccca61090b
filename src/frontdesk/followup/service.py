"""The review queue: open, find, and close items a person has to look at."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.db.core import utcnow
from frontdesk.followup import stakes
from frontdesk.followup.models import ReviewItem

PRIORITY_HIGH = 1
PRIORITY_NORMAL = 2
PRIORITY_LOW = 3


def open_item(
    *,
    session: Session,
    company_id: int,
    reason: str,
    call_id: int | None = None,
    customer_id: int | None = None,
    priority: int = PRIORITY_NORMAL,
    summary: str | None = None,
    details: dict[str, Any] | None = None,
) -> ReviewItem:
    """Open an item, or refresh the open one for the same call and reason (idempotent)."""
    existing = None
    if call_id is not None:
        existing = session.scalars(
            select(ReviewItem).where(
                ReviewItem.company_id == company_id,
                ReviewItem.call_id == call_id,
                ReviewItem.reason == reason,
                ReviewItem.status == "open",
            )
        ).first()
    if existing is not None:
        existing.priority = min(existing.priority, priority)
        existing.customer_id = customer_id if customer_id is not None else existing.customer_id
        existing.summary = summary or existing.summary
        if details:
            existing.details = {**existing.details, **details}
        session.flush()
        return existing
    opened_at = utcnow()
    item = ReviewItem(
        created_at=opened_at,
        due_at=stakes.due_at(reason, opened_at),
        company_id=company_id,
        call_id=call_id,
        customer_id=customer_id,
        reason=reason,
        priority=priority,
        summary=summary,
        details=details or {},
    )
    session.add(item)
    session.flush()
    return item


def open_items(
    *, session: Session, company_id: int, call_id: int | None = None
) -> Sequence[ReviewItem]:
    """Open items by priority, then age."""
    query = select(ReviewItem).where(
        ReviewItem.company_id == company_id, ReviewItem.status == "open"
    )
    if call_id is not None:
        query = query.where(ReviewItem.call_id == call_id)
    return session.scalars(query.order_by(ReviewItem.priority, ReviewItem.created_at)).all()


def count_open(*, session: Session, company_id: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(ReviewItem)
            .where(ReviewItem.company_id == company_id, ReviewItem.status == "open")
        )
        or 0
    )


def resolve(
    *, session: Session, item: ReviewItem, resolution: str, note: str | None = None
) -> ReviewItem:
    item.status = "resolved"
    item.resolution = resolution
    item.resolution_note = note or None
    item.resolved_at = utcnow()
    session.flush()
    return item


def resolve_with_call(
    *, session: Session, company_id: int, item: ReviewItem, resolution: str, note: str | None
) -> list[ReviewItem]:
    """Close the item and every other open item of its call: a person who handled the call
    handled all it asked for. The closed items, this one first."""
    if item.company_id != company_id:
        raise ValueError("an item is resolved only within its own company")
    together = [item]
    if item.call_id is not None:
        together += [
            other
            for other in open_items(session=session, company_id=company_id, call_id=item.call_id)
            if other.id != item.id
        ]
    closed = [
        resolve(session=session, item=one, resolution=resolution, note=note)
        for one in together
        if one.status == "open"
    ]
    for one in closed:  # one moment for all, so the queue can tell what was closed together
        one.resolved_at = closed[0].resolved_at
    session.flush()
    return closed


def closed_with(*, session: Session, company_id: int, item: ReviewItem) -> Sequence[ReviewItem]:
    """The items closed in the same action as `item` (itself included)."""
    if item.call_id is None or item.resolved_at is None:
        return [item]
    return session.scalars(
        select(ReviewItem)
        .where(
            ReviewItem.company_id == company_id,
            ReviewItem.call_id == item.call_id,
            ReviewItem.resolved_at == item.resolved_at,
        )
        .order_by(ReviewItem.id)
    ).all()


def resolve_for_call(
    *, session: Session, company_id: int, call_id: int, reason: str, resolution: str
) -> int:
    """Close the call's open items of one reason (e.g. once a later datum resolved them)."""
    items = [
        i
        for i in open_items(session=session, company_id=company_id, call_id=call_id)
        if i.reason == reason
    ]
    for item in items:
        resolve(session=session, item=item, resolution=resolution)
    return len(items)
