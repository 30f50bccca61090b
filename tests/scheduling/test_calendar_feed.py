"""Calendar feeds: parse with icalendar, only the right appointments, wrong token gives None."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.scheduling import lookup
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.calendar_feed import (
    ensure_feed_token,
    feed_for_token,
    revoke_feed_token,
)
from tests.scheduling.conftest import NOW, Practice, make_customer

BERLIN = ZoneInfo("Europe/Berlin")


def test_feeds_per_staff_and_company(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    customer = make_customer(session, practice.company_id)
    confirmed = scheduling.book(
        session=session,
        company_id=practice.company_id,
        call_id=new_call(customer=customer).id,
        service="Beratung",
        start=datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN),
        staff="sommer",
        now=NOW,
    )
    pending = scheduling.book(
        session=session,
        company_id=practice.company_id,
        call_id=new_call().id,
        service="Beratung",
        start=datetime(2026, 12, 2, 15, 0, tzinfo=BERLIN),
        for_name="Paul Kranz",
        now=NOW,
    )
    cancelled = scheduling.book(
        session=session,
        company_id=practice.company_id,
        service="Beratung",
        start=datetime(2026, 12, 2, 16, 0, tzinfo=BERLIN),
        confidence=1.0,
        now=NOW,
    )
    scheduling.cancel(
        session=session, company_id=practice.company_id, appointment_id=cancelled.id, now=NOW
    )
    sommer = lookup.get_staff_or_raise(
        session=session, company_id=practice.company_id, staff="sommer"
    )
    staff_token = ensure_feed_token(
        session=session, company_id=practice.company_id, staff_id=sommer.id
    )
    assert staff_token == ensure_feed_token(
        session=session, company_id=practice.company_id, staff_id=sommer.id
    )
    company_token = ensure_feed_token(session=session, company_id=practice.company_id)
    assert company_token != staff_token

    body = feed_for_token(session, staff_token, now=NOW)
    assert body is not None
    calendar = Calendar.from_ical(body)
    assert str(calendar["x-wr-calname"]) == "Testpraxis – Dr. Anna Sommer"
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"appointment-{confirmed.id}@frontdesk"]
    [event] = events
    assert event.decoded("dtstart") == confirmed.starts_at
    assert str(event["summary"]) == "Beratung: Eva Kranz"
    assert str(event["status"]) == "CONFIRMED"

    everything = Calendar.from_ical(feed_for_token(session, company_token, now=NOW) or b"")
    by_uid = {str(e["uid"]): e for e in everything.walk("VEVENT")}
    assert set(by_uid) == {
        f"appointment-{confirmed.id}@frontdesk",
        f"appointment-{pending.id}@frontdesk",
    }
    tentative = by_uid[f"appointment-{pending.id}@frontdesk"]
    assert str(tentative["status"]) == "TENTATIVE"
    assert "Paul Kranz" in str(tentative["summary"])
    assert tentative.decoded("dtstart").astimezone(BERLIN).hour == 15


def test_wrong_or_revoked_token_gives_none(session: Session, practice: Practice) -> None:
    token = ensure_feed_token(session=session, company_id=practice.company_id)
    assert feed_for_token(session, token) is not None
    assert feed_for_token(session, token + "x") is None
    assert feed_for_token(session, "") is None
    assert feed_for_token(session, "short") is None
    assert revoke_feed_token(session=session, company_id=practice.company_id, token=token)
    assert feed_for_token(session, token) is None
    assert ensure_feed_token(session=session, company_id=practice.company_id) != token
