"""Customers, as registered or as provisionally created for a call."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.db.core import Base, JsonType, UtcDateTime, utcnow


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    external_id: Mapped[str | None] = mapped_column(String(64))
    # provisional (opened for a call) | active | merged (folded into another record)
    status: Mapped[str] = mapped_column(String(20), default="active")
    label: Mapped[str | None] = mapped_column(String(200))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(150))
    salutation: Mapped[str | None] = mapped_column(String(20))
    phone_e164: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    birth_date: Mapped[date | None] = mapped_column(Date)
    # Derived match keys, stored so candidate search is an index lookup.
    last_name_norm: Mapped[str | None] = mapped_column(String(150))
    first_name_norm: Mapped[str | None] = mapped_column(String(100))
    surname_key: Mapped[str | None] = mapped_column(String(40))
    surname_key_alt: Mapped[str | None] = mapped_column(String(40))
    completeness: Mapped[float] = mapped_column(Float, default=0.0)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL")
    )
    source: Mapped[str | None] = mapped_column(String(30))
    extra: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("company_id", "external_id", name="uq_customers_company_external"),
        Index("ix_customers_company_phone", "company_id", "phone_e164"),
        Index("ix_customers_company_email", "company_id", "email"),
        Index("ix_customers_company_surname_key", "company_id", "surname_key"),
        Index("ix_customers_company_surname_key_alt", "company_id", "surname_key_alt"),
        Index("ix_customers_company_last_name", "company_id", "last_name_norm"),
        Index("ix_customers_company_status", "company_id", "status"),
    )

    @property
    def full_name(self) -> str | None:
        parts = [p for p in (self.first_name, self.last_name) if p]
        return " ".join(parts) or None
