"""The audit trail of review actions: who did what to which item, and when."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.accounts.models import ReviewAction, User


def record(
    *,
    session: Session,
    company_id: int,
    review_item_id: int,
    user: User,
    action: str,
    details: dict[str, Any] | None = None,
) -> ReviewAction:
    """Append one audit row (never updated, never deleted)."""
    if user.company_id != company_id:
        raise ValueError("a user acts only on their own company's items")
    row = ReviewAction(
        company_id=company_id,
        review_item_id=review_item_id,
        user_id=user.id,
        actor=user.email,
        action=action,
        details=details or {},
    )
    session.add(row)
    session.flush()
    return row


def for_item(*, session: Session, company_id: int, review_item_id: int) -> Sequence[ReviewAction]:
    """The item's trail, oldest first."""
    return session.scalars(
        select(ReviewAction)
        .where(
            ReviewAction.company_id == company_id,
            ReviewAction.review_item_id == review_item_id,
        )
        .order_by(ReviewAction.created_at, ReviewAction.id)
    ).all()


def last_of(
    *, session: Session, company_id: int, review_item_id: int, action: str
) -> ReviewAction | None:
    return session.scalars(
        select(ReviewAction)
        .where(
            ReviewAction.company_id == company_id,
            ReviewAction.review_item_id == review_item_id,
            ReviewAction.action == action,
        )
        .order_by(ReviewAction.created_at.desc(), ReviewAction.id.desc())
    ).first()
