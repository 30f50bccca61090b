"""The calendar sync's review items, in German: a conflict per appointment, and one
"unreachable" item per staff member's calendar; each refreshed while open, never doubled."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from frontdesk.followup import service as followup_service
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.scheduling.calendar_sync import REASON_CONFLICT, REASON_UNREACHABLE
from frontdesk.scheduling.models import Appointment, CalendarEventLink, StaffCalendar
from frontdesk.scheduling.spoken import spoken_datetime
from frontdesk.tenancy.models import Company

Conflict = Literal["moved", "deleted", "changed_before_write"]


def _open(session: Session, item_id: int | None) -> ReviewItem | None:
    item = session.get(ReviewItem, item_id) if item_id is not None else None
    return item if item is not None and item.status == "open" else None


def patient_name(session: Session, appointment: Appointment) -> str:
    if appointment.booked_for_name:
        return appointment.booked_for_name
    customer = session.get(Customer, appointment.customer_id) if appointment.customer_id else None
    name = " ".join(p for p in (customer.first_name, customer.last_name) if p) if customer else ""
    return name or "unbekannt"


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return spoken_datetime(moment.astimezone(zone))


def conflict_summary(
    session: Session,
    appointment: Appointment,
    kind: Conflict,
    zone: ZoneInfo,
    remote: tuple[datetime, datetime] | None = None,
) -> str:
    head = (
        f"Kalenderkonflikt: Der Termin „{appointment.service.name}“ bei "
        f"{appointment.staff.name} für {patient_name(session, appointment)} "
        f"({_when(appointment.starts_at, zone)})"
    )
    if kind == "moved" and remote is not None:
        return (
            f"{head} wurde im externen Kalender auf {_when(remote[0], zone)} verschoben. In "
            "frontdesk gilt weiter der ursprüngliche Termin; bitte klären und den Termin in "
            "frontdesk verlegen oder den Kalendereintrag zurücksetzen."
        )
    if kind == "deleted":
        return (
            f"{head} wurde im externen Kalender gelöscht. In frontdesk besteht der Termin "
            "weiter; bitte klären und ihn in frontdesk absagen oder im Kalender wieder eintragen."
        )
    return (
        f"{head} wurde in frontdesk geändert oder abgesagt, der Eintrag im externen Kalender "
        "war inzwischen aber von Hand geändert worden und wurde deshalb nicht überschrieben; "
        "bitte den Kalendereintrag prüfen."
    )


def open_conflict(
    session: Session,
    company: Company,
    link: CalendarEventLink,
    appointment: Appointment,
    kind: Conflict,
    remote: tuple[datetime, datetime] | None = None,
) -> ReviewItem:
    """One item per appointment chain while it is open (a later difference refreshes it)."""
    zone = ZoneInfo(company.timezone)
    summary = conflict_summary(session, appointment, kind, zone, remote)
    details: dict[str, Any] = {
        "appointment_id": appointment.id,
        "call_id": appointment.call_id,
        "staff_id": appointment.staff_id,
        "uid": link.uid,
        "conflict": kind,
        "frontdesk_starts_at": appointment.starts_at.isoformat(),
        "frontdesk_ends_at": appointment.ends_at.isoformat(),
        "calendar_starts_at": remote[0].isoformat() if remote else None,
        "calendar_ends_at": remote[1].isoformat() if remote else None,
    }
    item = _open(session, link.conflict_item_id)
    if item is not None:
        item.summary = summary
        item.details = {**item.details, **details}
        session.flush()
        return item
    item = followup_service.open_item(
        session=session,
        company_id=company.id,
        reason=REASON_CONFLICT,
        customer_id=appointment.customer_id,
        priority=followup_service.PRIORITY_HIGH,
        summary=summary,
        details=details,
    )
    link.conflict_item_id = item.id
    return item


def note_unreachable(
    session: Session,
    company: Company,
    row: StaffCalendar,
    staff_name: str,
    error: str,
    now: datetime,
) -> ReviewItem:
    """Open (or refresh) the calendar's one open item: slots come from an older state."""
    zone = ZoneInfo(company.timezone)
    since = (
        f"dem Stand vom {row.last_pulled_at.astimezone(zone):%d.%m.%Y %H:%M} Uhr"
        if row.last_pulled_at is not None
        else "den Terminen in frontdesk allein (der Kalender wurde noch nie gelesen)"
    )
    summary = (
        f"Der Kalender von {staff_name} ist nicht erreichbar ({error[:200]}). Freie Termine "
        f"werden aus {since} angeboten; spätere Einträge dort sind nicht berücksichtigt. "
        "Buchungen werden nachgetragen, sobald er wieder erreichbar ist."
    )
    details = {
        "staff_id": row.staff_id,
        "calendar_id": row.id,
        "url": row.url,
        "error": error[:500],
        "last_pulled_at": row.last_pulled_at.isoformat() if row.last_pulled_at else None,
        "last_attempt_at": now.isoformat(),
    }
    item = _open(session, row.unreachable_item_id)
    if item is not None:
        item.summary = summary
        item.details = {**item.details, **details}
        session.flush()
        return item
    item = followup_service.open_item(
        session=session,
        company_id=company.id,
        reason=REASON_UNREACHABLE,
        priority=followup_service.PRIORITY_NORMAL,
        summary=summary,
        details=details,
    )
    row.unreachable_item_id = item.id
    return item


def resolve_unreachable(session: Session, row: StaffCalendar) -> bool:
    """The calendar answered again: its open item is closed."""
    item = _open(session, row.unreachable_item_id)
    row.unreachable_item_id = None
    if item is None:
        return False
    followup_service.resolve(session=session, item=item, resolution="calendar_reachable")
    return True
