"""Read-only .ics feeds (per staff member, per company) behind a secret token in the URL.

Google Calendar, Outlook and Apple Calendar subscribe to such a URL and re-fetch it; events
carry stable UIDs, times in UTC, and TENTATIVE for appointments still to be confirmed.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.core import utcnow
from frontdesk.identity.models import Customer
from frontdesk.scheduling.errors import SchedulingError
from frontdesk.scheduling.models import ACTIVE_STATUSES, PENDING, Appointment, CalendarFeed, Staff
from frontdesk.tenancy.models import Company

PAST = timedelta(days=30)
FUTURE = timedelta(days=400)
MIN_TOKEN_LENGTH = 20


def ensure_feed_token(*, session: Session, company_id: int, staff_id: int | None = None) -> str:
    """The live token of the company's (or one staff member's) feed, created on first use."""
    if staff_id is not None:
        member = session.get(Staff, staff_id)
        if member is None or member.company_id != company_id:
            raise SchedulingError(f"staff {staff_id} is not of company {company_id}")
    query = select(CalendarFeed).where(
        CalendarFeed.company_id == company_id,
        CalendarFeed.revoked_at.is_(None),
        CalendarFeed.staff_id.is_(None) if staff_id is None else CalendarFeed.staff_id == staff_id,
    )
    feed = session.scalars(query.order_by(CalendarFeed.id)).first()
    if feed is None:
        feed = CalendarFeed(
            company_id=company_id, staff_id=staff_id, token=secrets.token_urlsafe(32)
        )
        session.add(feed)
        session.flush()
    return feed.token


def revoke_feed_token(*, session: Session, company_id: int, token: str) -> bool:
    """Revoke a token (a new one is made by the next ensure_feed_token)."""
    feed = session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.company_id == company_id, CalendarFeed.token == token
        )
    ).first()
    if feed is None or feed.revoked_at is not None:
        return False
    feed.revoked_at = utcnow()
    session.flush()
    return True


def feed_for_token(session: Session, token: str, now: datetime | None = None) -> bytes | None:
    """The .ics body for a feed token; None for an unknown or revoked token."""
    if not token or len(token) < MIN_TOKEN_LENGTH:
        return None
    feed = session.scalars(select(CalendarFeed).where(CalendarFeed.token == token)).first()
    if feed is None or feed.revoked_at is not None or not secrets.compare_digest(feed.token, token):
        return None
    company = session.get(Company, feed.company_id)
    if company is None:
        return None
    staff = session.get(Staff, feed.staff_id) if feed.staff_id is not None else None
    return build_feed(session=session, company=company, staff=staff, now=now or utcnow())


def _who(appointment: Appointment, customer: Customer | None) -> str:
    if appointment.booked_for_name:
        return appointment.booked_for_name
    if customer is not None and customer.full_name:
        return customer.full_name
    return "Name noch offen"


def build_feed(*, session: Session, company: Company, staff: Staff | None, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//frontdesk//Terminkalender//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = f"{company.name} – {staff.name}" if staff is not None else company.name
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", company.timezone)
    calendar.add("x-published-ttl", "PT15M")
    query = (
        select(Appointment, Customer)
        .outerjoin(Customer, Customer.id == Appointment.customer_id)
        .where(
            Appointment.company_id == company.id,
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.starts_at >= now - PAST,
            Appointment.starts_at < now + FUTURE,
        )
        .order_by(Appointment.starts_at, Appointment.id)
    )
    if staff is not None:
        query = query.where(Appointment.staff_id == staff.id)
    for appointment, customer in session.execute(query).tuples():
        pending = appointment.status == PENDING
        event = Event()
        event.add("uid", f"appointment-{appointment.id}@frontdesk")
        event.add("dtstamp", appointment.updated_at or appointment.created_at)
        event.add("created", appointment.created_at)
        event.add("dtstart", appointment.starts_at)
        event.add("dtend", appointment.ends_at)
        summary = f"{appointment.service.name}: {_who(appointment, customer)}"
        if staff is None:
            summary += f" ({appointment.staff.name})"
        event.add("summary", ("[zu bestätigen] " if pending else "") + summary)
        event.add("status", "TENTATIVE" if pending else "CONFIRMED")
        lines = [f"Leistung: {appointment.service.name}", f"Bei: {appointment.staff.name}"]
        if pending:
            lines.append("Anrufer nicht sicher erkannt: bitte bestätigen.")
        event.add("description", "\n".join(lines))
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
