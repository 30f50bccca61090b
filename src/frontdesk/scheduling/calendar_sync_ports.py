"""What the calendar sync needs from an external calendar server, in the domain's own terms.

Provider adapters (e.g. `frontdesk.calendars.caldav`) implement `CalendarConnector`; the
scheduling domain never imports a provider. Times cross this border as aware UTC datetimes,
except what the server holds without a zone: an all-day event's `date`s and a floating (naive)
time, which the rules read in the company's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True)
class CalendarAccount:
    """Where a staff member's calendar lives; the password is read from `password_env`."""

    url: str
    username: str | None = None
    password_env: str | None = None
    timeout_seconds: float = 5.0


@dataclass(frozen=True)
class RemoteEvent:
    """One occurrence of an event on the server (a recurring event gives one per occurrence)."""

    uid: str
    href: str
    etag: str | None
    starts_at: datetime | date
    ends_at: datetime | date
    transparent: bool = False  # shown as free ("TRANSP:TRANSPARENT")
    cancelled: bool = False  # "STATUS:CANCELLED"


@dataclass(frozen=True)
class EventDraft:
    """An event frontdesk writes: one appointment, under a UID that never changes."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    tentative: bool = False


class CalendarUnreachable(Exception):
    """The server could not be reached, refused the login, or answered with an error."""


class PreconditionFailed(Exception):
    """The event is not as expected: changed since the ETag given, there when it should be
    created, or gone when it should be replaced."""


class CalendarConnection(Protocol):
    def events(self, lo: datetime, hi: datetime) -> list[RemoteEvent]:
        """Every occurrence meeting [lo, hi), recurring events expanded."""
        ...

    def get(self, href: str) -> RemoteEvent | None:
        """The event stored at `href` (its first occurrence), or None when there is none."""
        ...

    def href_for(self, uid: str) -> str:
        """Where a new event with this UID is stored."""
        ...

    def put(self, href: str, draft: EventDraft, *, etag: str | None) -> str | None:
        """Create (`etag` None: only if nothing is there) or replace (only if the stored
        event still has `etag`); returns the new ETag. PreconditionFailed otherwise."""
        ...

    def delete(self, href: str, *, etag: str | None) -> bool:
        """Delete (only if it still has `etag`, when given); False when it was already gone."""
        ...

    def close(self) -> None: ...


class CalendarConnector(Protocol):
    def open(self, account: CalendarAccount) -> CalendarConnection: ...
