"""Calendar feeds: parse with icalendar, only the right appointments, wrong token gives None."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.scheduling import lookup
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.calendar_feed import (
    TOKEN_PREFIX_LENGTH,
    ensure_feed_token,
    feed_for_token,
    feed_path,
    get_live_feed,
    issue_feed,
    list_feeds,
    new_feed_token,
    revoke_feed,
    revoke_feed_token,
)
from frontdesk.scheduling.errors import FeedAlreadyRevoked, FeedNotFound, SchedulingError
from tests.scheduling.conftest import NOW, PRACTICE, Practice, load_text, make_customer

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


def _other_practice(session: Session) -> Practice:
    text = PRACTICE.replace("Testpraxis", "Nachbarpraxis").replace(
        "+4930555000111", "+4930555000222"
    )
    return load_text(session, text)


def test_issue_keeps_the_live_feed_and_fresh_replaces_it(
    session: Session, practice: Practice
) -> None:
    company_id = practice.company_id
    sommer = lookup.get_staff_or_raise(session=session, company_id=company_id, staff="sommer")
    first, created = issue_feed(session=session, company_id=company_id)
    assert created and feed_path(first.token) == f"/calendar/{first.token}.ics"
    again, created_again = issue_feed(session=session, company_id=company_id)
    assert (again.id, created_again) == (first.id, False)
    staff_feed, _ = issue_feed(session=session, company_id=company_id, staff_id=sommer.id)
    fresh, created_fresh = issue_feed(session=session, company_id=company_id, fresh=True)
    assert created_fresh and fresh.token != first.token
    assert first.revoked_at is not None and staff_feed.revoked_at is None
    assert feed_for_token(session, first.token) is None
    assert feed_for_token(session, fresh.token) is not None
    assert ensure_feed_token(session=session, company_id=company_id) == fresh.token


def test_list_shows_scope_and_state_but_only_a_token_prefix(
    session: Session, practice: Practice
) -> None:
    company_id = practice.company_id
    winter = lookup.get_staff_or_raise(session=session, company_id=company_id, staff="winter")
    whole, _ = issue_feed(session=session, company_id=company_id)
    staff_feed, _ = issue_feed(session=session, company_id=company_id, staff_id=winter.id)
    revoke_feed(session=session, company_id=company_id, feed_id=whole.id)
    feeds = list_feeds(session=session, company_id=company_id)
    assert [(f.id, f.staff_id, f.staff_name, f.live) for f in feeds] == [
        (whole.id, None, None, False),
        (staff_feed.id, winter.id, "Jonas Winter", True),
    ]
    assert feeds[0].revoked_at is not None and feeds[1].revoked_at is None
    assert [f.token_prefix for f in feeds] == [
        whole.token[:TOKEN_PREFIX_LENGTH],
        staff_feed.token[:TOKEN_PREFIX_LENGTH],
    ]
    assert all(len(f.token_prefix) == TOKEN_PREFIX_LENGTH for f in feeds)
    assert get_live_feed(session=session, company_id=company_id, feed_id=whole.id) is None
    assert get_live_feed(session=session, company_id=company_id, feed_id=staff_feed.id) is not None


def test_revoke_by_id_or_token_once(session: Session, practice: Practice) -> None:
    company_id = practice.company_id
    by_id, _ = issue_feed(session=session, company_id=company_id)
    assert revoke_feed(session=session, company_id=company_id, feed_id=by_id.id) is by_id
    with pytest.raises(FeedAlreadyRevoked):
        revoke_feed(session=session, company_id=company_id, feed_id=by_id.id)
    by_token, _ = issue_feed(session=session, company_id=company_id)
    assert revoke_feed(session=session, company_id=company_id, token=by_token.token).revoked_at
    with pytest.raises(FeedAlreadyRevoked):
        revoke_feed(session=session, company_id=company_id, token=by_token.token)
    with pytest.raises(FeedNotFound):
        revoke_feed(session=session, company_id=company_id, feed_id=by_token.id + 1000)
    with pytest.raises(FeedNotFound):
        revoke_feed(session=session, company_id=company_id, token="x" * 43)
    assert not revoke_feed_token(session=session, company_id=company_id, token=by_token.token)


def test_a_company_never_sees_nor_revokes_another_companys_feeds(
    session: Session, practice: Practice
) -> None:
    ours = practice.company_id
    theirs = _other_practice(session).company_id
    their_staff = lookup.get_staff_or_raise(session=session, company_id=theirs, staff="sommer")
    their_feed, _ = issue_feed(session=session, company_id=theirs)
    their_staff_feed, _ = issue_feed(session=session, company_id=theirs, staff_id=their_staff.id)
    our_feed, _ = issue_feed(session=session, company_id=ours)
    assert [f.id for f in list_feeds(session=session, company_id=ours)] == [our_feed.id]
    assert {f.id for f in list_feeds(session=session, company_id=theirs)} == {
        their_feed.id,
        their_staff_feed.id,
    }
    for feed in (their_feed, their_staff_feed):
        with pytest.raises(FeedNotFound):
            revoke_feed(session=session, company_id=ours, feed_id=feed.id)
        with pytest.raises(FeedNotFound):
            revoke_feed(session=session, company_id=ours, token=feed.token)
        assert not revoke_feed_token(session=session, company_id=ours, token=feed.token)
        assert get_live_feed(session=session, company_id=ours, feed_id=feed.id) is None
        assert feed.revoked_at is None and feed_for_token(session, feed.token) is not None
    with pytest.raises(SchedulingError):
        issue_feed(session=session, company_id=ours, staff_id=their_staff.id)
    issue_feed(session=session, company_id=ours, fresh=True)
    assert their_feed.revoked_at is None  # a fresh token revokes only the company's own


def test_tokens_never_look_like_command_line_options() -> None:
    # A token starting with "-" made `frontdesk calendar feed revoke TOKEN` fail as an option.
    assert not any(new_feed_token().startswith("-") for _ in range(2000))
