"""Text messages sent to and received from callers, and the numbers that opted out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.db.core import Base, UtcDateTime, utcnow

OUTBOUND = "outbound"
INBOUND = "inbound"
# Outbound life: sending -> queued -> sent -> delivered | failed | undelivered; or held
# (quiet hours), skipped (nothing to send: opted out, no mobile number, SMS off), unknown
# (the worker died while the provider was being asked: never sent twice, a person checks).
FINAL_FAILURES = ("failed", "undelivered")


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(10))
    # confirmation | moved | cancelled | reminder | reply (our answer) | incoming
    purpose: Mapped[str] = mapped_column(String(20))
    # One message per cause, however often the job runs (e.g. "confirmation:appointment:7").
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    number: Mapped[str] = mapped_column(String(20), index=True)  # the caller's, E.164
    practice_number: Mapped[str | None] = mapped_column(String(20))
    body: Mapped[str | None] = mapped_column(Text)
    segments: Mapped[int | None] = mapped_column(Integer)
    encoding: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(20))
    provider_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    error_code: Mapped[str | None] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    call_id: Mapped[int | None] = mapped_column(
        ForeignKey("calls.id", ondelete="SET NULL"), index=True
    )
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="SET NULL"), index=True
    )
    review_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_items.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_messages_company_number", "company_id", "number", "created_at"),)


class SmsOptOut(Base):
    """A number that said STOP: no later message of this company goes to it."""

    __tablename__ = "sms_opt_outs"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(20))
    keyword: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("company_id", "number", name="uq_sms_opt_outs_number"),)
