"""Kalender-Abos: make a feed, see its subscribe URL once asked, list, revoke; per company."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from frontdesk.db.core import Database
from frontdesk.scheduling.models import CalendarFeed
from tests.dashboard.conftest import token
from tests.dashboard.seed import Seeded

PAGE = "/app/calendar-feeds"
URL_RE = re.compile(r'id="feed-url"[^>]*value="[^"]*/calendar/([A-Za-z0-9_-]+)\.ics"')


def _create(client: httpx.Client, staff_id: int | None = None) -> httpx.Response:
    data = {"csrf_token": token(client, PAGE)}
    data["staff_id"] = str(staff_id) if staff_id is not None else ""
    return client.post(PAGE, data=data)


def _shown_token(page: str) -> str:
    match = URL_RE.search(page)
    assert match, "no subscribe URL on the page"
    return match.group(1)


def test_create_shows_the_subscribe_url_and_the_feed_serves(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.staff_email)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "Kalender-Abo erstellen" in page.text and 'id="feed-url"' not in page.text
    assert f"{a.feed_token[:6]}…" in page.text and a.feed_token not in page.text
    assert 'href="/app/calendar-feeds"' in client.get("/app/appointments").text

    made = _create(client, a.staff_member_id)
    assert made.status_code == 303
    assert made.headers["location"].startswith(f"{PAGE}?shown=")
    shown = client.get(made.headers["location"]).text
    feed_token = _shown_token(shown)
    assert "Abo-Adresse für Dr. Anna Sommer" in shown
    with database.sessions() as session:
        feed = session.query(CalendarFeed).filter_by(token=feed_token).one()
        assert (feed.company_id, feed.staff_id, feed.revoked_at) == (
            a.company_id,
            a.staff_member_id,
            None,
        )
    served = client.get(f"/calendar/{feed_token}.ics")
    assert served.status_code == 200 and b"Dr. Anna Sommer" in served.content

    again = _create(client, a.staff_member_id)  # the live feed, not a second one
    assert again.headers["location"] == made.headers["location"]
    whole = client.get(_create(client).headers["location"]).text
    assert _shown_token(whole) == a.feed_token and "Abo-Adresse für die ganze Praxis" in whole
    listing = client.get(PAGE).text
    assert listing.count('data-feed="') == 2 and 'id="feed-url"' not in listing
    assert feed_token not in listing and a.feed_token not in listing


def test_revoke_stops_the_feed_and_cannot_be_repeated(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    assert client.get(f"/calendar/{a.feed_token}.ics").status_code == 200
    revoke = f"{PAGE}/{a.feed_id}/revoke"
    assert client.post(revoke, data={"csrf_token": token(client, PAGE)}).status_code == 303
    assert client.get(f"/calendar/{a.feed_token}.ics").status_code == 404
    page = client.get(PAGE).text
    assert "widerrufen am" in page and f'action="{revoke}"' not in page
    refused = client.post(revoke, data={"csrf_token": token(client, PAGE)})
    assert refused.status_code == 409 and "bereits widerrufen" in refused.text
    assert client.get(f"{PAGE}?shown={a.feed_id}").text.count('id="feed-url"') == 0
    fresh = _shown_token(client.get(_create(client).headers["location"]).text)
    assert fresh != a.feed_token
    assert client.get(f"/calendar/{fresh}.ics").status_code == 200


def test_forms_need_the_csrf_token(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    assert client.post(PAGE, data={"staff_id": ""}).status_code == 403
    revoke = f"{PAGE}/{a.feed_id}/revoke"
    assert client.post(revoke, data={"csrf_token": "wrong"}).status_code == 403
    with database.sessions() as session:
        assert session.query(CalendarFeed).filter_by(company_id=a.company_id).count() == 1
        feed = session.get(CalendarFeed, a.feed_id)
        assert feed is not None and feed.revoked_at is None
    anonymous = httpx.Client(base_url=str(client.base_url))
    with anonymous:
        assert anonymous.get(PAGE).status_code == 303  # to the login


def test_another_companys_feeds_are_404_and_never_shown(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, b = practices
    client = login_as(a.owner_email)
    page = client.get(PAGE).text
    assert b.feed_token[:6] not in page and a.feed_token[:6] in page
    peek = client.get(f"{PAGE}?shown={b.feed_id}").text
    assert 'id="feed-url"' not in peek and b.feed_token not in peek
    revoke = client.post(f"{PAGE}/{b.feed_id}/revoke", data={"csrf_token": token(client, PAGE)})
    assert revoke.status_code == 404
    assert _create(client, b.staff_member_id).status_code == 404
    with database.sessions() as session:
        feeds = session.query(CalendarFeed).filter_by(company_id=b.company_id).all()
        assert [(f.id, f.revoked_at) for f in feeds] == [(b.feed_id, None)]
    assert client.get(f"/calendar/{b.feed_token}.ics").status_code == 200
