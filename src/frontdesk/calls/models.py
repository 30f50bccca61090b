"""Calls, the raw provider event inbox, and the agent's function invocations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from frontdesk.db.core import Base, JsonType, UtcDateTime, utcnow
from frontdesk.tenancy.models import Company


class Call(Base):
    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))
    provider_call_id: Mapped[str] = mapped_column(String(128), unique=True)
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="RESTRICT"), index=True
    )
    agent_id: Mapped[str | None] = mapped_column(String(128))
    direction: Mapped[str | None] = mapped_column(String(20))
    from_number_raw: Mapped[str | None] = mapped_column(String(64))
    from_number_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    caller_id_withheld: Mapped[bool] = mapped_column(Boolean, default=False)
    to_number: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="registered")
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    disconnection_reason: Mapped[str | None] = mapped_column(String(64))
    transcript: Mapped[str | None] = mapped_column(Text)
    transcript_object: Mapped[list[dict[str, Any]] | None] = mapped_column(JsonType)
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    recording_url: Mapped[str | None] = mapped_column(String(500))
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    link_status: Mapped[str | None] = mapped_column(String(20))
    link_method: Mapped[str | None] = mapped_column(String(20))
    link_confidence: Mapped[float | None] = mapped_column(Float)
    identified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    caller_name: Mapped[str | None] = mapped_column(String(200))
    booked_for_name: Mapped[str | None] = mapped_column(String(200))
    name_attempts: Mapped[int] = mapped_column(Integer, default=0)
    needs_followup: Mapped[bool] = mapped_column(Boolean, default=False)
    # The prompt experiment and variant this call was assigned when it rang (None: none ran).
    experiment_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiments.id", ondelete="SET NULL"), index=True
    )
    variant: Mapped[str | None] = mapped_column(String(40))
    # Which event defined each snapshot field: makes event application order-independent.
    field_versions: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    # Read with the call row by the live path (calls.service.get_by_provider_id), so the
    # function that runs next finds its company without another round trip.
    company: Mapped[Company | None] = relationship(lazy="select")

    __table_args__ = (Index("ix_calls_company_created", "company_id", "created_at"),)


class CallEvent(Base):
    """The inbox: every signed provider request, stored raw before anything else happens."""

    __tablename__ = "call_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    event_type: Mapped[str | None] = mapped_column(String(64))
    provider_call_id: Mapped[str | None] = mapped_column(String(128), index=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    # received -> processed | failed | rejected | ignored
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    # /metrics counts events by these keys on every scrape: an index-only scan, not the table.
    __table_args__ = (
        Index("ix_call_events_provider_type_status", "provider", "event_type", "status"),
    )


class FunctionInvocation(Base):
    """One live function call from the agent, with its result (idempotency by key)."""

    __tablename__ = "function_invocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int | None] = mapped_column(
        ForeignKey("calls.id", ondelete="CASCADE"), index=True
    )
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    arguments: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[float | None] = mapped_column(Float)
    repeats: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    # Per-company, per-function counts (/metrics, experiment metrics) read this index only.
    __table_args__ = (Index("ix_function_invocations_company_name", "company_id", "name"),)


class EnrichmentStep(Base):
    """One post-call enrichment step's latest outcome for a call (one row per call and step)."""

    __tablename__ = "call_enrichment"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))  # done | failed | skipped
    result: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("call_id", "step", name="uq_call_enrichment_step"),)
