"""Tenant isolation: users of two companies walk EVERY dashboard route, with each other's ids.

Another company's record is answered 404 (never 403) and its data never appears."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi.routing import APIRoute

from frontdesk.accounts.models import User
from frontdesk.dashboard.routes import ROUTE_MODULES
from frontdesk.db.core import Database
from frontdesk.followup import service as followup_service
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.messaging.models import Message
from frontdesk.scheduling.models import Appointment, CalendarFeed, StaffAbsence
from frontdesk.scheduling.waitlist.models import WaitlistEntry
from tests.dashboard.conftest import token
from tests.dashboard.seed import (
    PASSWORD,
    PlanningSeeded,
    Seeded,
    next_monday,
    seed_planning,
    seed_sms,
)

PUBLIC = {"/app/login", "/app/logout"}
# Routes that act on the viewer's own account only: there is no id to point elsewhere.
OWN_ACCOUNT = {"/app/password"}


def dashboard_routes() -> list[tuple[str, str]]:
    """(method, path) of every dashboard route, from the routers themselves."""
    found = []
    for module in ROUTE_MODULES:
        for route in module.router.routes:
            assert isinstance(route, APIRoute)
            for method in route.methods:
                found.append((method, "/app" + route.path))
    return sorted(found)


# An invitation link is its own credential: a token nobody issued opens nothing.
FOREIGN_TOKEN = "kein-echter-einladungslink"


def _path(template: str, victim: Seeded, planned: PlanningSeeded, user_id: int) -> str:
    return template.format(
        user_id=user_id,
        token=FOREIGN_TOKEN,
        item_id=victim.review_item_id,
        call_id=victim.call_id,
        customer_id=victim.meyer_id,
        appointment_id=victim.appointment_id,
        feed_id=victim.feed_id,
        entry_id=planned.waiting_id,
    )


def _form(path: str, own: Seeded, victim: Seeded) -> dict[str, str]:
    """Plausible form data; ids inside the form point at the victim's records too."""
    monday = next_monday().isoformat()
    if path.endswith("/link"):
        return {"customer_id": str(victim.meyer_id)}
    if path.endswith("/appointment"):
        return {"appointment_id": str(victim.appointment_id), "decision": "cancel"}
    if path.endswith("/new-customer"):
        return {"name": "Erika Mustermann"}
    if path.endswith("/note"):
        return {"text": "fremde Notiz"}
    if path.endswith("/resize"):
        return {"ends_at_local": "16:00"}
    if path.endswith("/role"):
        return {"role": "staff"}
    if "/invite/" in path:
        return {"new_password": "fremdes-passwort-1", "new_password_repeat": "fremdes-passwort-1"}
    if path.endswith("/assign"):
        return {"assignee_id": ""}
    if path.endswith("/move"):
        return {"day": monday, "at": "15:00"}
    if path == "/app/absences":
        return {
            "staff_id": str(victim.staff_member_id),
            "first_day": monday,
            "last_day": monday,
            "note": "fremd",
        }
    if path == "/app/calendar-feeds":
        return {"staff_id": str(victim.staff_member_id)}
    if path == "/app/appointments":
        return {
            "staff_id": str(victim.staff_member_id),
            "service_id": str(victim.service_id),
            "day": monday,
            "at": "16:00",
            "name": "Fremd",
        }
    return {}


def _victim_state(database: Database, victim: Seeded) -> tuple[object, ...]:
    with database.sessions() as session:
        item = session.get(ReviewItem, victim.review_item_id)
        appointment = session.get(Appointment, victim.appointment_id)
        customer = session.get(Customer, victim.provisional_id)
        feed = session.get(CalendarFeed, victim.feed_id)
        assert item and appointment and customer and feed
        feeds = session.query(CalendarFeed).filter_by(company_id=victim.company_id).count()
        users = session.query(User).filter_by(company_id=victim.company_id).order_by(User.id)
        waiting = session.query(WaitlistEntry).filter_by(company_id=victim.company_id)
        absences = session.query(StaffAbsence).filter_by(company_id=victim.company_id)
        return (
            sorted((e.id, e.status) for e in waiting),
            sorted((x.id, x.first_day, x.last_day, x.note) for x in absences),
            [
                (u.password_hash, u.session_version, u.role, u.deactivated_at, u.locked_until)
                for u in users
            ],
            feed.revoked_at,
            feeds,
            item.status,
            item.assigned_to,
            appointment.status,
            appointment.starts_at,
            customer.status,
            customer.last_name,
        )


def _assert_no_leak(response: httpx.Response, victim: Seeded) -> None:
    assert victim.marker not in response.text
    assert victim.feed_token[:6] not in response.text
    assert f"@{victim.owner_email.split('@')[1]}" not in response.text


@pytest.mark.parametrize("direction", ["a_walks_b", "b_walks_a"])
def test_every_route_hides_the_other_company(
    direction: str,
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, b = practices
    own, victim = (a, b) if direction == "a_walks_b" else (b, a)
    with database.unit_of_work() as session:
        seed_planning(session, own)
        planned = seed_planning(session, victim)
    client = login_as(own.owner_email)
    before = _victim_state(database, victim)
    with database.sessions() as session:
        victim_user = session.query(User).filter_by(email=victim.staff_email).one().id
    walked = set()
    for method, template in dashboard_routes():
        if template in PUBLIC:
            continue
        walked.add((method, template))
        path = _path(template, victim, planned, victim_user)
        has_id = "{" in template
        if method == "GET":
            response = client.get(path)
            if has_id:
                assert response.status_code == 404, (path, response.status_code)
            else:
                assert response.status_code == 200, (path, response.status_code)
            _assert_no_leak(response, victim)
        elif template == "/app/team/invite":  # the viewer's own team; another's e-mail is refused
            data = {"email": victim.staff_email, "role": "owner", "csrf_token": token(client)}
            response = client.post(path, data=data)
            assert response.status_code == 400, (path, response.status_code)
            _assert_no_leak(response, victim)
        elif template in OWN_ACCOUNT:
            changed = "eigenes-Passwort-neu-1"
            fields = {"new_password": changed, "new_password_repeat": changed}
            data = {**fields, "current_password": PASSWORD, "csrf_token": token(client)}
            response = client.post(path, data=data)
            assert response.status_code == 303, (path, response.status_code, response.text[:200])
            _assert_no_leak(response, victim)
        else:
            data = {**_form(path, own, victim), "csrf_token": token(client)}
            response = client.post(path, data=data)
            assert response.status_code == 404, (path, response.status_code, response.text[:200])
            _assert_no_leak(response, victim)
    assert _victim_state(database, victim) == before
    routes = {(m, p) for m, p in dashboard_routes() if p not in PUBLIC}
    assert walked == routes


def test_searches_and_lists_never_show_the_other_company(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, b = practices
    with database.unit_of_work() as session:
        seed_planning(session, a)
        theirs = seed_planning(session, b)
    client = login_as(a.owner_email)
    for query in (b.marker, "jonas@b.test", "+49 30 111222 44", "030 / 11122244", "Meyer"):
        response = client.get(
            "/app/customers", params={"q": query}, headers={"HX-Request": "true"}
        )  # the results, not the echo
        assert response.status_code == 200
        _assert_no_leak(response, b)
    assert (
        f'/app/customers/{b.meyer_id}"'
        not in client.get("/app/customers", params={"q": "Meyer"}).text
    )
    for path in (
        "/app",
        "/app/review",
        "/app/calls",
        "/app/calls/export.csv",
        "/app/metrics",
        "/app/appointments",
        "/app/appointments?view=day&date=" + next_monday().isoformat(),
        "/app/calendar-feeds",
        f"/app/calendar-feeds?shown={b.feed_id}",
        "/app/fragments/nav",
        "/app/waitlist",
        "/app/absences",
        f"/app/absences?added={theirs.absence_id}",
    ):
        response = client.get(path)
        assert response.status_code == 200
        _assert_no_leak(response, b)
        assert "call_b_" not in response.text


def test_guessed_ids_of_the_other_company_are_404(
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    """Every id in a small range: own records answer, the others' are 404 like absent ones."""
    a, b = practices
    client = login_as(a.owner_email)
    own_ids = {
        "/app/review/{}": {a.review_item_id, a.pending_item_id},
        "/app/calls/{}": {a.call_id, a.plain_call_id},
        "/app/appointments/{}": {a.appointment_id},
    }
    for template, mine in own_ids.items():
        for guess in range(1, 12):
            response = client.get(template.format(guess))
            expected = 200 if guess in mine else 404
            assert response.status_code == expected, (template, guess)
            _assert_no_leak(response, b)
    for guess in range(1, 12):
        response = client.get(f"/app/customers/{guess}")
        assert response.status_code in (200, 404)
        _assert_no_leak(response, b)


def test_sms_of_another_company_never_shows(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    """B's messages point at A's call, customer and number, A's review item at B's message."""
    a, b = practices
    with database.unit_of_work() as session:
        own = seed_sms(session, a)
        foreign = Message(
            company_id=b.company_id,
            direction="outbound",
            purpose="confirmation",
            number=own.number,
            body=f"Fremde SMS {b.marker}",
            status="delivered",
            call_id=a.call_id,
            customer_id=a.meyer_id,
        )
        session.add(foreign)
        session.flush()
        stray = followup_service.open_item(
            session=session,
            company_id=a.company_id,
            reason="sms_reply",
            details={"message_id": foreign.id, "text": "?", "number": own.number},
        )
        peeking = followup_service.open_item(
            session=session,
            company_id=b.company_id,
            reason="sms_reply",
            details={"message_id": own.unclear_id, "text": "?", "number": own.number},
        )
        foreign_id, stray_id, peeking_id = foreign.id, stray.id, peeking.id
    client = login_as(a.owner_email)
    for path in (
        f"/app/calls/{a.call_id}",
        f"/app/customers/{a.meyer_id}",
        f"/app/review/{own.reply_item_id}",
        f"/app/review/{stray_id}",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'id="message-{own.unclear_id}"' in response.text or "/calls/" in path
        assert f'id="message-{foreign_id}"' not in response.text, path
        _assert_no_leak(response, b)
    b_client = login_as(b.owner_email)
    a_ids = (own.confirmation_id, own.confirmed_id, own.unclear_id, own.failed_id)
    for path in (f"/app/review/{peeking_id}", f"/app/customers/{b.meyer_id}"):
        response = b_client.get(path)
        assert response.status_code == 200, path
        assert "Ich verstehe diese" not in response.text and "Erinnerung:" not in response.text
        for message_id in a_ids:
            assert f'id="message-{message_id}"' not in response.text, (path, message_id)
