"""Appointment rows read by reflection, so insights need not import scheduling's models.

The scheduling domain owns the `appointments` table (status confirmed | pending_confirmation |
cancelled, staff_id, starts_at, ends_at, call_id, customer_id); insights only reads it. Reading it
by reflection keeps the report working on a database whose scheduling migration has not run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import MetaData, Table, inspect, select
from sqlalchemy.orm import Session

# "rescheduled" rows were replaced by a new appointment (replaced_by_id); only these two hold time.
ACTIVE_APPOINTMENT_STATUSES = frozenset({"confirmed", "pending_confirmation"})


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    call_id: int | None
    customer_id: int | None
    staff_id: int | None
    status: str
    starts_at: datetime | None
    ends_at: datetime | None
    replaced_by_id: int | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_APPOINTMENT_STATUSES


def _aware(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, str) and value:
        return _aware(datetime.fromisoformat(value))
    return None


def appointments_table(session: Session) -> Table | None:
    # The session's own connection: on SQLite a second one would wait for this one's lock.
    bind = session.connection()
    if not inspect(bind).has_table("appointments"):
        return None
    return Table("appointments", MetaData(), autoload_with=bind)


def appointments(session: Session, company_id: int) -> list[AppointmentRow]:
    """Every appointment of the company ([] while scheduling's table does not exist)."""
    table = appointments_table(session)
    if table is None:
        return []
    columns = table.c
    query = select(table)
    if "company_id" in columns:
        query = query.where(columns.company_id == company_id)
    rows = []
    for row in session.execute(query).mappings():
        rows.append(
            AppointmentRow(
                id=int(row["id"]),
                call_id=row.get("call_id"),
                customer_id=row.get("customer_id"),
                staff_id=row.get("staff_id"),
                status=str(row.get("status") or ""),
                starts_at=_aware(row.get("starts_at")),
                ends_at=_aware(row.get("ends_at")),
                replaced_by_id=row.get("replaced_by_id"),
            )
        )
    return rows


def overlaps(rows: list[AppointmentRow]) -> list[tuple[AppointmentRow, AppointmentRow]]:
    """Pairs of active appointments of one staff member that overlap in time."""
    by_staff: dict[int, list[AppointmentRow]] = {}
    for row in rows:
        if row.active and row.staff_id is not None and row.starts_at and row.ends_at:
            by_staff.setdefault(row.staff_id, []).append(row)
    found = []
    for items in by_staff.values():
        items.sort(key=lambda r: (r.starts_at, r.id))
        latest: AppointmentRow | None = None
        for row in items:
            assert row.starts_at is not None and row.ends_at is not None
            if latest is not None and latest.ends_at is not None and row.starts_at < latest.ends_at:
                found.append((latest, row))
            if latest is None or (latest.ends_at is not None and row.ends_at > latest.ends_at):
                latest = row
    return found
