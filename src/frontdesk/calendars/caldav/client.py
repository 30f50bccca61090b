"""The `caldav` package translated into the calendar port's terms.

Reading uses the package's calendar-query search (with ETags) and expands recurring events
in the window on the client (`recurring_ical_events`, the package's own helper), so every
server gives the same occurrences. Writing uses plain PUT/DELETE with `If-None-Match: *` and
`If-Match: <etag>` so that the domain's preconditions hold on the server, not in a race.
Every failure of the network, the login or the server becomes CalendarUnreachable; a failed
precondition (HTTP 412) becomes PreconditionFailed."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import recurring_ical_events
from caldav.collection import Calendar
from caldav.davclient import DAVClient
from caldav.elements import dav
from caldav.lib import error as caldav_error
from icalendar import Calendar as ICalendar
from icalendar import Event as IEvent

from frontdesk.scheduling.calendar_sync_ports import (
    CalendarAccount,
    CalendarConnection,
    CalendarUnreachable,
    EventDraft,
    PreconditionFailed,
    RemoteEvent,
)

PRODID = "-//frontdesk//calendar sync//DE"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ETAG = "{DAV:}getetag"
_FAILURES = (caldav_error.DAVError, OSError, ValueError)


def _utc(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value


def _event_of(component: Any, href: str, etag: str | None) -> RemoteEvent | None:
    """One VEVENT (or occurrence) in the port's terms; None when it has no start."""
    if component.get("dtstart") is None:
        return None
    start = component.decoded("dtstart")
    if component.get("dtend") is not None:
        end = component.decoded("dtend")
    elif component.get("duration") is not None:
        end = start + component.decoded("duration")
    else:  # RFC 5545: a date lasts the day, a date-time has no length
        end = start + timedelta(days=1) if not isinstance(start, datetime) else start
    return RemoteEvent(
        uid=str(component.get("uid", "")),
        href=href,
        etag=etag,
        starts_at=_utc(start),
        ends_at=_utc(end),
        transparent=str(component.get("transp", "OPAQUE")).upper() == "TRANSPARENT",
        cancelled=str(component.get("status", "")).upper() == "CANCELLED",
    )


def _ics(draft: EventDraft) -> str:
    calendar = ICalendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    event = IEvent()
    event.add("uid", draft.uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", draft.starts_at.astimezone(UTC))
    event.add("dtend", draft.ends_at.astimezone(UTC))
    event.add("summary", draft.summary)
    event.add("description", draft.description)
    event.add("status", "TENTATIVE" if draft.tentative else "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


class CaldavConnection(CalendarConnection):
    def __init__(self, client: DAVClient, url: str) -> None:
        self.client = client
        self.url = url if url.endswith("/") else url + "/"
        self.calendar = Calendar(client=client, url=self.url)

    def events(self, lo: datetime, hi: datetime) -> list[RemoteEvent]:
        try:
            found: Any = self.calendar.search(
                event=True,
                start=lo,
                end=hi,
                expand=False,
                props=[dav.GetEtag()],  # type: ignore[list-item]
            )
            events: list[RemoteEvent] = []
            for resource in found:
                href, etag = str(resource.url), resource.props.get(_ETAG)
                occurrences = recurring_ical_events.of(
                    resource.icalendar_instance, components=["VEVENT"]
                ).between(lo, hi)
                for occurrence in occurrences:
                    event = _event_of(occurrence, href, etag)
                    if event is not None:
                        events.append(event)
            return events
        except _FAILURES as exc:
            raise CalendarUnreachable(f"{type(exc).__name__}: {exc}"[:300]) from exc

    def get(self, href: str) -> RemoteEvent | None:
        try:
            response = self.client.request(href, "GET")
            if response.status == 404:
                return None
            self._check(response.status, "GET")
            text = response.raw if isinstance(response.raw, str) else bytes(response.raw).decode()
            etag = response.headers.get("ETag")
            for component in ICalendar.from_ical(text).walk("VEVENT"):
                return _event_of(component, href, etag)
            return None
        except _FAILURES as exc:
            raise CalendarUnreachable(f"{type(exc).__name__}: {exc}"[:300]) from exc

    def href_for(self, uid: str) -> str:
        return urljoin(self.url, _UNSAFE.sub("-", uid) + ".ics")

    def put(self, href: str, draft: EventDraft, *, etag: str | None) -> str | None:
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        headers.update({"If-None-Match": "*"} if etag is None else {"If-Match": etag})
        try:
            response = self.client.put(href, _ics(draft), headers=headers)
        except _FAILURES as exc:
            raise CalendarUnreachable(f"{type(exc).__name__}: {exc}"[:300]) from exc
        if response.status == 412:
            raise PreconditionFailed(f"PUT {href}: the event is not as expected")
        self._check(response.status, "PUT")
        found = response.headers.get("ETag")
        return str(found) if found else None

    def delete(self, href: str, *, etag: str | None) -> bool:
        headers = {"If-Match": etag} if etag else {}
        try:
            response = self.client.delete(href, headers=headers)
        except _FAILURES as exc:
            raise CalendarUnreachable(f"{type(exc).__name__}: {exc}"[:300]) from exc
        if response.status == 404:
            return False
        if response.status == 412:
            raise PreconditionFailed(f"DELETE {href}: the event is not as expected")
        self._check(response.status, "DELETE")
        return True

    def close(self) -> None:
        self.client.close()

    @staticmethod
    def _check(status: int, method: str) -> None:
        if not 200 <= status < 300:
            raise CalendarUnreachable(f"{method} answered HTTP {status}")


class CaldavConnector:
    """Opens a CalDAV calendar collection by its URL (no discovery: the URL is the calendar)."""

    def __init__(self, *, timeout_seconds: int = 5) -> None:
        self.timeout_seconds = timeout_seconds

    def open(self, account: CalendarAccount) -> CaldavConnection:
        password = None
        if account.password_env:
            password = os.environ.get(account.password_env)
            if password is None:
                raise CalendarUnreachable(
                    f"environment variable {account.password_env} (the password) is not set"
                )
        try:
            client = DAVClient(
                url=account.url,
                username=account.username,
                password=password,
                timeout=self.timeout_seconds,
                enable_rfc6764=False,
            )
            return CaldavConnection(client, account.url)
        except _FAILURES as exc:
            raise CalendarUnreachable(f"{type(exc).__name__}: {exc}"[:300]) from exc
