"""Two-way calendar sync, the rules: what blocks a slot, what frontdesk writes, when to read.

One external calendar per staff member (`StaffCalendar`, from the practice file):
- Pull (calendar_sync_pull.py): the calendar's events in a window (yesterday .. the booking
  horizon) are read at most `max_age_seconds` old: by the periodic job, and on demand when slots
  are computed from older data. Busy occurrences become `CalendarBusyBlock` rows; events
  frontdesk wrote itself (UID prefix `frontdesk-appointment-`) never count as busy (the
  appointment blocks already) but are compared with what frontdesk last wrote: an event moved
  or deleted outside frontdesk becomes a `calendar_conflict` review item, the appointment stays.
- Push (calendar_sync_push.py): every booking, move and cancellation writes a push job in its
  own transaction; the job makes the external event match the appointment chain's newest
  state (created, replaced or deleted under ETag preconditions), so running it twice, late or
  out of order writes nothing twice.
- A server that cannot be reached never blocks: slots come from the last known state, and one
  open `calendar_unreachable` item per staff member says since when.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from frontdesk.scheduling.calendar_sync_ports import (
    CalendarAccount,
    CalendarConnector,
    RemoteEvent,
)
from frontdesk.scheduling.lookup import slug
from frontdesk.scheduling.models import StaffCalendar
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.tenancy.models import Company

OWN_UID_PREFIX = "frontdesk-appointment-"
REASON_CONFLICT = "calendar_conflict"
REASON_UNREACHABLE = "calendar_unreachable"
PUSH = "calendar.push"
PULL = "calendar.pull"
DEFAULT_MAX_AGE_SECONDS = 300
# After a failed pull, slots are computed from the stored state for this long before an
# offer tries the server again (the periodic job keeps trying meanwhile).
RETRY_AFTER = timedelta(seconds=30)
# How many days back a pull reads (an appointment of this morning may still be moved).
PULL_PAST_DAYS = 1
PUSH_MAX_ATTEMPTS = 10

_installed: dict[str, CalendarConnector | None] = {"connector": None}


def install_connector(connector: CalendarConnector | None) -> None:
    """The adapter the on-demand pull uses (installed by the app and the worker at start)."""
    _installed["connector"] = connector


def installed_connector() -> CalendarConnector | None:
    return _installed["connector"]


def account_of(row: StaffCalendar) -> CalendarAccount:
    return CalendarAccount(url=row.url, username=row.username, password_env=row.password_env)


def uid_for(company: Company, appointment_id: int) -> str:
    """'frontdesk-appointment-17@testpraxis': stable for the appointment's whole chain."""
    return f"{OWN_UID_PREFIX}{appointment_id}@{slug(company.name) or f'company-{company.id}'}"


def is_own(uid: str) -> bool:
    return uid.startswith(OWN_UID_PREFIX)


def as_utc(moment: datetime | date, zone: ZoneInfo) -> datetime:
    """A server time as an aware UTC instant: a date is its midnight, a naive (floating) time
    is read in the company's zone."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(0), tzinfo=zone)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def busy_range(event: RemoteEvent, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    """The range an external event keeps its staff member busy, or None when it does not:
    frontdesk's own events, cancelled ones, ones shown as free and ones without length."""
    if is_own(event.uid) or event.cancelled or event.transparent:
        return None
    lo, hi = as_utc(event.starts_at, zone), as_utc(event.ends_at, zone)
    return (lo, hi) if lo < hi else None


def pull_window(company: Company, now: datetime) -> tuple[datetime, datetime]:
    """Yesterday's midnight .. the midnight after the booking horizon (company zone), UTC."""
    zone = ZoneInfo(company.timezone)
    today = now.astimezone(zone).date()
    horizon = SchedulingSettings.of(company).horizon_days
    lo = datetime.combine(today - timedelta(days=PULL_PAST_DAYS), time(0), tzinfo=zone)
    hi = datetime.combine(today + timedelta(days=horizon + 2), time(0), tzinfo=zone)
    return lo.astimezone(UTC), hi.astimezone(UTC)


def is_stale(row: StaffCalendar, now: datetime) -> bool:
    """Older than the calendar allows: slots should not be offered from it without a try."""
    return row.last_pulled_at is None or now - row.last_pulled_at > timedelta(
        seconds=row.max_age_seconds
    )


def due_for_periodic_pull(row: StaffCalendar, now: datetime) -> bool:
    """The periodic job reads each calendar at half its maximum age, so offers find it fresh."""
    if not row.active:
        return False
    if row.last_attempt_at is not None and now - row.last_attempt_at < RETRY_AFTER:
        return False
    half = timedelta(seconds=max(1, row.max_age_seconds // 2))
    return row.last_pulled_at is None or now - row.last_pulled_at >= half


def may_pull_on_demand(row: StaffCalendar, now: datetime) -> bool:
    """Stale, and the server was not just tried in vain (an offer waits at most once)."""
    if not row.active or not is_stale(row, now):
        return False
    return row.last_attempt_at is None or now - row.last_attempt_at >= RETRY_AFTER
