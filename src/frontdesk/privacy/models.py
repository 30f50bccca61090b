"""The record that a person's data was erased (kept: the practice must show it did)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.db.core import Base, JsonType, UtcDateTime, utcnow


class Erasure(Base):
    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    # The erased customer's id (the row stays, emptied, so appointments keep their facts).
    customer_id: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(200))
    # What was removed: counts per table, never the removed values themselves.
    summary: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    erased_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
