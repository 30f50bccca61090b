"""Read-only .ics feeds (per staff member, per company) behind a secret token in the URL.

Google Calendar, Outlook and Apple Calendar subscribe to such a URL and re-fetch it; events
carry stable UIDs, times in UTC, and TENTATIVE for appointments still to be confirmed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.core import utcnow
from frontdesk.identity.models import Customer
from frontdesk.scheduling.errors import FeedAlreadyRevoked, FeedNotFound, SchedulingError
from frontdesk.scheduling.models import ACTIVE_STATUSES, PENDING, Appointment, CalendarFeed, Staff
from frontdesk.tenancy.models import Company

PAST = timedelta(days=30)
FUTURE = timedelta(days=400)
MIN_TOKEN_LENGTH = 20
TOKEN_PREFIX_LENGTH = 6  # what lists show of a token: enough to tell feeds apart
FEED_PATH = "/calendar/{token}.ics"


@dataclass(frozen=True)
class FeedSummary:
    """One feed as a list may show it: who it is for and when, never the whole token."""

    id: int
    staff_id: int | None
    staff_name: str | None  # None: the whole company
    token_prefix: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def live(self) -> bool:
        return self.revoked_at is None


def feed_path(token: str) -> str:
    """Where the web face serves a feed (prefix it with the public base URL)."""
    return FEED_PATH.format(token=token)


def _check_staff(session: Session, company_id: int, staff_id: int | None) -> None:
    if staff_id is None:
        return
    member = session.get(Staff, staff_id)
    if member is None or member.company_id != company_id:
        raise SchedulingError(f"staff {staff_id} is not of company {company_id}")


def _live_feeds(session: Session, company_id: int, staff_id: int | None) -> list[CalendarFeed]:
    query = select(CalendarFeed).where(
        CalendarFeed.company_id == company_id,
        CalendarFeed.revoked_at.is_(None),
        CalendarFeed.staff_id.is_(None) if staff_id is None else CalendarFeed.staff_id == staff_id,
    )
    return list(session.scalars(query.order_by(CalendarFeed.id)))


def issue_feed(
    *, session: Session, company_id: int, staff_id: int | None = None, fresh: bool = False
) -> tuple[CalendarFeed, bool]:
    """The live feed of the company (or one staff member) and whether it was made just now.

    Without `fresh` a live feed is kept (asking twice gives the same URL); with `fresh` the
    live ones are revoked first and a new token is made (old subscriptions stop updating)."""
    _check_staff(session, company_id, staff_id)
    live = _live_feeds(session, company_id, staff_id)
    if live and not fresh:
        return live[0], False
    if fresh:
        moment = utcnow()
        for old in live:
            old.revoked_at = moment
    feed = CalendarFeed(company_id=company_id, staff_id=staff_id, token=new_feed_token())
    session.add(feed)
    session.flush()
    return feed, True


def new_feed_token() -> str:
    """A fresh secret (256 bits, URL-safe) that never starts with "-", so it can be passed
    to a command line as an argument and not be taken for an option."""
    while True:
        token = secrets.token_urlsafe(32)
        if not token.startswith("-"):
            return token


def ensure_feed_token(*, session: Session, company_id: int, staff_id: int | None = None) -> str:
    """The live token of the company's (or one staff member's) feed, created on first use."""
    feed, _created = issue_feed(session=session, company_id=company_id, staff_id=staff_id)
    return feed.token


def list_feeds(*, session: Session, company_id: int) -> list[FeedSummary]:
    """The company's feeds, live and revoked, oldest first (token prefixes only)."""
    rows = session.execute(
        select(CalendarFeed, Staff.name)
        .outerjoin(Staff, Staff.id == CalendarFeed.staff_id)
        .where(CalendarFeed.company_id == company_id)
        .order_by(CalendarFeed.id)
    ).tuples()
    return [
        FeedSummary(
            id=feed.id,
            staff_id=feed.staff_id,
            staff_name=staff_name,
            token_prefix=feed.token[:TOKEN_PREFIX_LENGTH],
            created_at=feed.created_at,
            revoked_at=feed.revoked_at,
        )
        for feed, staff_name in rows
    ]


def get_live_feed(*, session: Session, company_id: int, feed_id: int) -> CalendarFeed | None:
    """The company's feed of that id while it is live; None otherwise (or another company's)."""
    feed = session.get(CalendarFeed, feed_id)
    if feed is None or feed.company_id != company_id or feed.revoked_at is not None:
        return None
    return feed


def get_feed_or_raise(
    *, session: Session, company_id: int, feed_id: int | None = None, token: str | None = None
) -> CalendarFeed:
    """The company's feed by id or by token; FeedNotFound for none or another company's."""
    if (feed_id is None) == (token is None):
        raise ValueError("name a feed by id or by token")
    query = select(CalendarFeed).where(CalendarFeed.company_id == company_id)
    if feed_id is not None:
        query = query.where(CalendarFeed.id == feed_id)
    else:
        query = query.where(CalendarFeed.token == token)
    feed = session.scalars(query).first()
    if feed is None:
        shown = f"{feed_id}" if feed_id is not None else f"{(token or '')[:TOKEN_PREFIX_LENGTH]}…"
        raise FeedNotFound(f"no calendar feed {shown}")
    return feed


def revoke_feed(
    *, session: Session, company_id: int, feed_id: int | None = None, token: str | None = None
) -> CalendarFeed:
    """Revoke one feed of the company, by id or token; its URL answers 404 from now on."""
    feed = get_feed_or_raise(session=session, company_id=company_id, feed_id=feed_id, token=token)
    if feed.revoked_at is not None:
        when = feed.revoked_at.strftime("%Y-%m-%d %H:%M UTC")
        raise FeedAlreadyRevoked(f"calendar feed {feed.id} was already revoked on {when}")
    feed.revoked_at = utcnow()
    session.flush()
    return feed


def revoke_feed_token(*, session: Session, company_id: int, token: str) -> bool:
    """Revoke a token (a new one is made by the next ensure_feed_token); False if not live."""
    try:
        revoke_feed(session=session, company_id=company_id, token=token)
    except (FeedNotFound, FeedAlreadyRevoked):
        return False
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
