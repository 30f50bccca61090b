"""Prüfliste actions: link (identity's merge) and undo, new customer, no data, appointment,
note and assign; every action audited and shown on the item."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.scheduling.models import Appointment
from tests.conftest import LiveServer
from tests.dashboard.conftest import log_in, token
from tests.dashboard.seed import Seeded


def _post(client: httpx.Client, path: str, **data: str) -> httpx.Response:
    return client.post(path, data={**data, "csrf_token": token(client)})


def test_queue_lists_open_items_by_priority_with_the_count_in_the_navigation(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    page = login_as(a.owner_email).get("/app/review")
    assert page.status_code == 200
    assert 'data-count="2"' in page.text and 'data-total="2"' in page.text
    assert page.text.index(f'/app/review/{a.review_item_id}"') > 0


def test_item_shows_call_transcript_candidates_and_appointment(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    page = login_as(a.owner_email).get(f"/app/review/{a.review_item_id}").text
    assert "unterdrückt" in page and "2:01 min" in page
    assert "https://recordings.example/a.wav" in page
    assert "carries-name" in page and "Anrufer-Name" in page
    assert "Jutta Meyer" in page and "58 %" in page and "Vorname" in page
    assert "pending_confirmation" in page and "Bestätigen" in page


def test_link_to_a_candidate_then_undo_restores_everything(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    linked = _post(client, f"/app/review/{a.review_item_id}/link", customer_id=str(a.meyer_id))
    assert linked.status_code == 303
    with database.sessions() as s:
        call, item = s.get(Call, a.call_id), s.get(ReviewItem, a.review_item_id)
        provisional = s.get(Customer, a.provisional_id)
        assert call and item and provisional
        assert (call.customer_id, call.link_status, call.link_method) == (
            a.meyer_id,
            "linked",
            "manual",
        )
        assert (item.status, item.resolution) == ("resolved", "linked")
        assert provisional.status == "merged"
        appointment = s.get(Appointment, a.appointment_id)
        assert appointment and appointment.customer_id == a.meyer_id
    page = client.get(f"/app/review/{a.review_item_id}").text
    assert 'data-action="link"' in page and "owner@a.test" in page
    assert 'data-count="1"' in page
    assert _post(client, f"/app/review/{a.review_item_id}/undo").status_code == 303
    with database.sessions() as s:
        call, item = s.get(Call, a.call_id), s.get(ReviewItem, a.review_item_id)
        provisional = s.get(Customer, a.provisional_id)
        appointment = s.get(Appointment, a.appointment_id)
        assert call and item and provisional and appointment
        assert (call.customer_id, call.link_status) == (a.provisional_id, "review")
        assert item.status == "open" and provisional.status == "provisional"
        assert appointment.customer_id == a.provisional_id
    assert _post(client, f"/app/review/{a.review_item_id}/undo").status_code == 409


def test_new_customer_validates_the_name(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    path = f"/app/review/{a.review_item_id}/new-customer"
    refused = _post(client, path, name="guten Tag")
    assert refused.status_code == 409 and "kein gültiger Name" in refused.text
    assert _post(client, path, name="jutta maier-schulz").status_code == 303
    with database.sessions() as s:
        customer, call = s.get(Customer, a.provisional_id), s.get(Call, a.call_id)
        assert customer and call
        assert customer.status == "active" and customer.last_name == "Maier-Schulz"
        assert call.link_status == "new_customer"


def test_no_data_note_assign_and_appointment_decisions_are_audited(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.staff_email)
    item = f"/app/review/{a.review_item_id}"
    assert _post(client, item + "/note", text="Rückruf morgen früh").status_code == 303
    page = client.get(item).text
    options = [line for line in page.splitlines() if "owner@a.test</option>" in line]
    assert options
    owner_value = options[0].split('value="')[1].split('"')[0]
    assert _post(client, item + "/assign", assignee_id=owner_value).status_code == 303
    confirm = _post(
        client,
        f"/app/review/{a.pending_item_id}/appointment",
        appointment_id=str(a.appointment_id),
        decision="confirm",
    )
    assert confirm.status_code == 303
    assert _post(client, item + "/no-data").status_code == 303
    with database.sessions() as s:
        appointment = s.get(Appointment, a.appointment_id)
        review = s.get(ReviewItem, a.review_item_id)
        pending = s.get(ReviewItem, a.pending_item_id)
        assert appointment and review and pending
        assert appointment.status == "confirmed"
        assert review.assigned_to == "owner@a.test"
        assert (review.status, review.resolution) == ("resolved", "no_identifying_data")
        assert pending.status == "resolved"
    page = client.get(item).text
    for action in ("note", "assign", "no_identifying_data"):
        assert f'data-action="{action}"' in page
    assert "Rückruf morgen früh" in page and "staff@a.test" in page
    cancel = _post(
        client,
        f"/app/review/{a.pending_item_id}/appointment",
        appointment_id=str(a.appointment_id),
        decision="cancel",
    )
    assert cancel.status_code == 303
    with database.sessions() as s:
        appointment = s.get(Appointment, a.appointment_id)
        assert appointment and appointment.status == "cancelled"


def test_nul_in_forms_and_urls_is_no_500(
    live_server: LiveServer,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    """A NUL in the login e-mail, in a review note or in a calendar URL was a 500 with a
    traceback on PostgreSQL (and a reset connection)."""
    a, _ = practices
    client = login_as(a.staff_email)
    item = f"/app/review/{a.review_item_id}"
    assert _post(client, item + "/note", text="Rückruf\x00 morgen").status_code == 303
    assert "Rückruf\ufffd morgen" in client.get(item).text
    with httpx.Client(base_url=live_server.url) as anonymous:
        assert log_in(anonymous, "owner\x00@a.test", "irgendwas-langes").status_code == 401
        feed = anonymous.get("/calendar/" + "x" * 30 + "%00.ics")
        assert feed.status_code == 400 and feed.json()["error"] == "invalid_characters"
        assert anonymous.get("/healthz").status_code == 200  # the connection lives on
