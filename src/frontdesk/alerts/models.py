"""The state of each alert: firing until resolved, so a firing is delivered once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.db.core import Base, JsonType, UtcDateTime, utcnow


class AlertState(Base):
    __tablename__ = "alert_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(60))
    # firing | resolved
    status: Mapped[str] = mapped_column(String(20), default="firing")
    value: Mapped[float | None] = mapped_column()
    threshold: Mapped[float | None] = mapped_column()
    message: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    fired_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Only one open firing per company and rule: "open" while firing, NULL once resolved.
    open_key: Mapped[str | None] = mapped_column(String(80))

    __table_args__ = (UniqueConstraint("company_id", "rule", "open_key", name="uq_alert_open"),)
