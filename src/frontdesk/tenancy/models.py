"""Tenants: the businesses frontdesk answers for, and the numbers callers dial."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from frontdesk.db.core import Base, JsonType, UtcDateTime, utcnow


def new_roster_version() -> str:
    return uuid.uuid4().hex[:16]


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Berlin")
    region: Mapped[str] = mapped_column(String(2), default="DE")
    agent_names: Mapped[list[str]] = mapped_column(JsonType, default=list)
    settings: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    # "<version>:<random token>" of the match weights in use (identity.training), read with the
    # company on every call, so a new estimate reaches every process without another query.
    match_weights_version: Mapped[str | None] = mapped_column(String(40))
    # A random token, new whenever the company's services, staff, hours or the services staff
    # offer change (database triggers: scheduling.roster caches by it).
    roster_version: Mapped[str | None] = mapped_column(String(32), default=new_roster_version)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    phone_numbers: Mapped[list[PhoneNumber]] = relationship(
        back_populates="company", cascade="all, delete-orphan"
    )


class PhoneNumber(Base):
    """A number callers dial; each belongs to exactly one company."""

    __tablename__ = "phone_numbers"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    e164: Mapped[str] = mapped_column(String(20), unique=True)
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    company: Mapped[Company] = relationship(back_populates="phone_numbers")
