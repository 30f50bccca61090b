"""Customers (registered or provisional), the distinct-surname index, and merge audits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, UniqueConstraint
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
        Index("ix_customers_company_names", "company_id", "last_name_norm", "first_name_norm"),
        Index("ix_customers_company_birth_date", "company_id", "birth_date"),
        Index("ix_customers_company_status", "company_id", "status"),
    )

    @property
    def full_name(self) -> str | None:
        parts = [p for p in (self.first_name, self.last_name) if p]
        return " ".join(parts) or None


class CustomerSurname(Base):
    """One row per distinct surname of a company's active customers, with its count.

    Candidate search fuzzy-matches the *distinct* surnames (thousands) instead of all customers
    (up to millions), and the count is the surname's term frequency for the matcher."""

    __tablename__ = "customer_surnames"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    last_name_norm: Mapped[str] = mapped_column(String(150), primary_key=True)
    surname_key: Mapped[str | None] = mapped_column(String(40))
    surname_key_alt: Mapped[str | None] = mapped_column(String(40))
    n: Mapped[int] = mapped_column(Integer, default=0)


class SurnameIndexVersion(Base):
    """Bumped whenever a company's set of distinct surnames changes.

    Each process caches the distinct surnames per company and checks this one row (a primary
    key read) before use, so a cache is never stale across processes; the version moves only
    when a surname appears or disappears, not on every customer write, so writers rarely
    contend on it."""

    __tablename__ = "surname_index_versions"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    # A random token rather than a counter: a rolled-back change never reuses a value a cache
    # may already have seen.
    version: Mapped[str] = mapped_column(String(32))


class MergeAudit(Base):
    """One merge: who folded which record into which, and every row it moved (for undo)."""

    __tablename__ = "merge_audits"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    from_customer_id: Mapped[int] = mapped_column(Integer)
    into_customer_id: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(String(40))
    # {"table.column": [row ids]} of every reference moved from `from` to `into`.
    moved: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    # Field values of both records before the merge, restored exactly by undo.
    before: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    undone_by: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index("ix_merge_audits_company_created", "company_id", "created_at"),
        Index("ix_merge_audits_from", "from_customer_id"),
    )


class MatchWeights(Base):
    """One estimate of a company's match weights (m and u per field level), versioned.

    The live matcher uses the company's highest version; older ones stay for comparison and
    for going back. What each was estimated from is kept beside it."""

    __tablename__ = "match_weights"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    params: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    # customers, random pairs, queries, blocked pairs, expected matches, EM iterations, ...
    trained_on: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("company_id", "version", name="uq_match_weights_company_version"),
    )
