"""The calendar: services, staff, their hours, date overrides, appointments and slot holds.

Times are stored as aware UTC datetimes; working hours and overrides are wall-clock times in
the company's zone. An appointment stores two ranges: the visible one (`starts_at`..`ends_at`,
what the customer is told) and the blocked one (`blocked_from`..`blocked_until`, the visible
range widened by the service's buffers). Overlap is judged on the blocked range: no two active
appointments of one staff member may have overlapping blocked ranges. The database enforces
it: an EXCLUDE constraint on PostgreSQL, triggers on SQLite (see migration 0003_scheduling).
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from frontdesk.db.core import Base, JsonType, UtcDateTime, utcnow

CONFIRMED = "confirmed"
PENDING = "pending_confirmation"
CANCELLED = "cancelled"
RESCHEDULED = "rescheduled"
ACTIVE_STATUSES = (CONFIRMED, PENDING)

staff_services = Table(
    "staff_services",
    Base.metadata,
    Column("staff_id", ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
)


class Service(Base):
    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    # Stable identifier from the practice file (slug of the name unless given).
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    synonyms: Mapped[list[str]] = mapped_column(JsonType, default=list)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    buffer_before_minutes: Mapped[int] = mapped_column(Integer, default=0)
    buffer_after_minutes: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("company_id", "key", name="uq_services_company_key"),)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    services: Mapped[list[Service]] = relationship(secondary=staff_services, order_by=Service.id)
    hours: Mapped[list[WorkingHours]] = relationship(
        back_populates="staff",
        cascade="all, delete-orphan",
        order_by=lambda: [WorkingHours.weekday, WorkingHours.start_time],
    )

    __table_args__ = (UniqueConstraint("company_id", "key", name="uq_staff_company_key"),)


class WorkingHours(Base):
    """One interval of a staff member's week; several per weekday are allowed.

    `end_time` 00:00 means midnight at the end of the day (24:00)."""

    __tablename__ = "working_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday .. 6 = Sunday
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)

    staff: Mapped[Staff] = relationship(back_populates="hours")


class DateOverride(Base):
    """A date on which the weekly hours do not apply, company-wide or for one staff member.

    A staff member's own rows for a date replace their weekly hours that day (`closed`, or
    the hours given: extra days and vacations). Company rows (staff_id NULL) apply to everyone
    without own rows: `closed` closes the day (holidays), hours cut each member's weekly hours
    down to them (a short day); they never add hours to someone who does not work that day."""

    __tablename__ = "date_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_date_overrides_company_day", "company_id", "day"),)


class StaffAbsence(Base):
    """A staff member's holiday or sick days: no slots then; appointments in it are reviewed.

    `source` "file" rows come from the practice file and are replaced when it is loaded again;
    "manual" rows (CLI, dashboard) are kept."""

    __tablename__ = "staff_absences"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="manual")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("first_day <= last_day", name="absence_range"),
        Index("ix_staff_absences_staff_days", "staff_id", "first_day", "last_day"),
    )


class Appointment(Base):
    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    # Nullable on purpose: a booking is never blocked for a missing customer record.
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    call_id: Mapped[int | None] = mapped_column(
        ForeignKey("calls.id", ondelete="SET NULL"), index=True
    )
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="RESTRICT"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    blocked_from: Mapped[datetime] = mapped_column(UtcDateTime)
    blocked_until: Mapped[datetime] = mapped_column(UtcDateTime)
    # confirmed | pending_confirmation | cancelled | rescheduled
    status: Mapped[str] = mapped_column(String(24), default=CONFIRMED)
    confidence: Mapped[float | None] = mapped_column(Float)
    booked_for_name: Mapped[str | None] = mapped_column(String(200))
    # Unique while the request it answers is live; suffixed when cancelled/rescheduled.
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    service: Mapped[Service] = relationship(lazy="joined")
    staff: Mapped[Staff] = relationship(lazy="joined")

    __table_args__ = (
        CheckConstraint("blocked_from < blocked_until", name="blocked_range"),
        CheckConstraint("starts_at < ends_at", name="visible_range"),
        Index("ix_appointments_staff_blocked", "staff_id", "blocked_from"),
        Index("ix_appointments_company_starts", "company_id", "starts_at"),
    )

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class SlotHold(Base):
    """A slot offered to a call, kept from other callers until booked, released or expired."""

    __tablename__ = "slot_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"))
    call_id: Mapped[int | None] = mapped_column(
        ForeignKey("calls.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    blocked_from: Mapped[datetime] = mapped_column(UtcDateTime)
    blocked_until: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (Index("ix_slot_holds_staff_expires", "staff_id", "expires_at"),)


class CalendarFeed(Base):
    """A secret token for a read-only .ics feed of one staff member or the whole company."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


# Two-way CalDAV sync (scheduling/calendar_sync*.py): one external calendar per staff member,
# its busy blocks as last read, and which of its events frontdesk wrote for which appointment.
CALENDAR_EVENT_PRESENT = "present"  # the event is there as frontdesk last wrote it
CALENDAR_EVENT_DELETED = "deleted"  # frontdesk deleted it (cancelled) or never had to write it
CALENDAR_EVENT_MOVED_EXTERNALLY = "moved_externally"  # changed outside frontdesk: in review
CALENDAR_EVENT_DELETED_EXTERNALLY = "deleted_externally"  # deleted outside frontdesk: in review


class StaffCalendar(Base):
    """A staff member's external calendar (from the practice file) and the state of its sync.

    The password is never stored: `password_env` names the environment variable holding it."""

    __tablename__ = "staff_calendars"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), unique=True)
    url: Mapped[str] = mapped_column(String(500))
    username: Mapped[str | None] = mapped_column(String(200))
    password_env: Mapped[str | None] = mapped_column(String(100))
    # Busy blocks older than this are refreshed before slots are offered.
    max_age_seconds: Mapped[int] = mapped_column(Integer, default=300)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The last pull that reached the server, and the window it read (UTC).
    last_pulled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pulled_from: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pulled_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The last pull tried, reached or not, and why it failed (None: it worked).
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    # The one open "calendar_unreachable" review item of this calendar, if any.
    unreachable_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_items.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CalendarBusyBlock(Base):
    """A range in which a staff member's external calendar is busy, as of its last pull.

    Events frontdesk wrote itself are never stored here (the appointment blocks already)."""

    __tablename__ = "calendar_busy_blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    calendar_id: Mapped[int] = mapped_column(
        ForeignKey("staff_calendars.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    uid: Mapped[str] = mapped_column(String(300))

    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="busy_range"),
        Index("ix_calendar_busy_blocks_staff_starts", "staff_id", "starts_at"),
    )


class CalendarEventLink(Base):
    """The external event of one appointment chain (a move keeps the UID and updates it).

    `pushed_*` is what frontdesk last wrote; `remote_*` what a pull found when it differed."""

    __tablename__ = "calendar_event_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    # The chain's newest appointment (repointed when frontdesk moves it).
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), unique=True
    )
    calendar_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_calendars.id", ondelete="SET NULL"), index=True
    )
    uid: Mapped[str] = mapped_column(String(300), unique=True)
    href: Mapped[str | None] = mapped_column(String(800))
    etag: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(24), default=CALENDAR_EVENT_DELETED)
    pushed_starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pushed_ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pushed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    remote_starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    remote_ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    conflict_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_items.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
