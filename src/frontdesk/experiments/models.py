"""An experiment: its variants, traffic split, primary metric and planned sample size."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.db.core import Base, JsonType, UtcDateTime, utcnow


class Experiment(Base):
    __tablename__ = "experiments"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    # [{"name": "A", "weight": 50, "greeting": "...", "name_question": "...",
    #   "override_agent_id": null, "override_agent_version": null}, ...]
    variants: Mapped[list[dict[str, Any]]] = mapped_column(JsonType, default=list)
    # name_before_second_turn | caller_identified | appointment_booked | hangup_before_name
    metric: Mapped[str] = mapped_column(String(40))
    planned_per_variant: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running | stopped
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    stopped_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("company_id", "name", name="uq_experiments_name"),)
