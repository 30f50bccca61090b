"""The review queue: whatever the machine could not resolve, for a person to resolve."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.db.core import Base, JsonType, UtcDateTime, utcnow


class ReviewItem(Base):
    __tablename__ = "review_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id", ondelete="SET NULL"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"))
    # e.g. uncertain_link, no_identifying_data, pending_confirmation, callback_request
    reason: Mapped[str] = mapped_column(String(40))
    # The opener's view when it opened the item (1 high, 2 normal, 3 low). The queue ranks by
    # followup.stakes instead, which also weighs how close the item's appointment is now.
    priority: Mapped[int] = mapped_column(Integer, default=2)
    status: Mapped[str] = mapped_column(String(20), default="open")
    summary: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    assigned_to: Mapped[str | None] = mapped_column(String(200))
    resolution: Mapped[str | None] = mapped_column(String(40))
    # What the person who closed it wrote (e.g. what the patient said on the callback).
    resolution_note: Mapped[str | None] = mapped_column(Text)
    # By when a person should have handled it (followup.stakes.due_after, set on opening).
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_review_items_company_status", "company_id", "status", "priority"),
        Index("ix_review_items_call_reason", "call_id", "reason"),
        Index("ix_review_items_company_status_due", "company_id", "status", "due_at"),
        # A merge of customers moves every row that points at the merged one.
        Index("ix_review_items_customer_id", "customer_id"),
    )
