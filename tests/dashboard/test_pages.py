"""Anrufe, Kunden, Termine, Kennzahlen: filters, search, booking rules, charts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

import httpx

from frontdesk.db.core import Database
from frontdesk.scheduling.models import Appointment
from tests.dashboard.conftest import token
from tests.dashboard.seed import BERLIN, Seeded, next_monday


def test_call_filters_and_detail(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    withheld = client.get("/app/calls", params={"withheld": "yes"}).text
    assert (
        f'/app/calls/{a.call_id}"' in withheld and f'/app/calls/{a.plain_call_id}"' not in withheld
    )
    linked = client.get("/app/calls", params={"link": "linked"}, headers={"HX-Request": "true"})
    assert f'/app/calls/{a.plain_call_id}"' in linked.text and "<html" not in linked.text
    booked = client.get("/app/calls", params={"outcome": "appointment"}).text
    assert f'/app/calls/{a.call_id}"' in booked and f'/app/calls/{a.plain_call_id}"' not in booked
    none = client.get("/app/calls", params={"day": "2001-01-01"}).text
    assert "Keine Anrufe." in none
    detail = client.get(f"/app/calls/{a.call_id}").text
    assert "save_name" in detail and "next_required_field" in detail and "4,2 ms" in detail
    assert "Anruf beendet" in detail and "Unsichere Zuordnung" in detail
    export = client.get("/app/calls/export.csv")
    assert export.headers["content-type"].startswith("text/csv")
    assert "call_a_review" in export.text and "call_b_" not in export.text


def test_customer_search_by_sound_phone_notation_and_email(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    for query in (
        "Maier",
        "Jutta Meier",
        "+49 30 111222 33",
        "030/11122233",
        "0049 30 11122233",
        "JUTTA@a.test",
    ):
        results = client.get(
            "/app/customers", params={"q": query}, headers={"HX-Request": "true"}
        ).text
        assert f'/app/customers/{a.meyer_id}"' in results, query
    page = client.get(f"/app/customers/{a.meyer_id}").text
    assert "Jutta Meyer" in page and "01.04.1971" not in page and "02.04.1971" in page


def _book(client: httpx.Client, a: Seeded, at: str) -> httpx.Response:
    return client.post(
        "/app/appointments",
        data={
            "staff_id": str(a.staff_member_id),
            "service_id": str(a.service_id),
            "day": next_monday().isoformat(),
            "at": at,
            "name": "Erika Probst",
            "csrf_token": token(client, "/app/appointments"),
        },
    )


def test_book_move_cancel_and_no_double_booking(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    assert _book(client, a, "14:00").status_code == 303
    clash = _book(client, a, "14:15")
    assert clash.status_code == 409 and "vergeben" in clash.text
    week = client.get(
        "/app/appointments", params={"date": next_monday().isoformat(), "staff": a.staff_member_id}
    ).text
    assert "Erika Probst" in week and "unbestätigt" in week  # the seeded pending one
    with database.sessions() as s:
        booked = s.query(Appointment).filter_by(booked_for_name="Erika Probst").one()
        booked_id = booked.id
        assert booked.status == "confirmed"
    moved = client.post(
        f"/app/appointments/{booked_id}/move",
        data={
            "day": next_monday().isoformat(),
            "at": "10:15",
            "csrf_token": token(client, "/app/appointments"),
        },
    )
    assert moved.status_code == 409  # the pending 10:00 Beratung blocks it
    moved = client.post(
        f"/app/appointments/{booked_id}/move",
        data={
            "day": next_monday().isoformat(),
            "at": "16:00",
            "csrf_token": token(client, "/app/appointments"),
        },
    )
    assert moved.status_code == 303
    with database.sessions() as s:
        new = (
            s.query(Appointment).filter_by(booked_for_name="Erika Probst", status="confirmed").one()
        )
        assert new.starts_at == datetime.combine(next_monday(), time(16, 0), BERLIN)
        new_id = new.id
    cancel = client.post(
        f"/app/appointments/{new_id}/cancel",
        data={"confirm": "ja", "csrf_token": token(client, "/app/appointments")},
    )
    assert cancel.status_code == 303
    with database.sessions() as s:
        cancelled = s.get(Appointment, new_id)
        assert cancelled and cancelled.status == "cancelled"
    day = client.get(
        "/app/appointments", params={"view": "day", "date": next_monday().isoformat()}
    ).text
    assert "Erika Probst" not in day


def test_metrics_draw_the_before_beside_the_figures(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    page = login_as(a.owner_email).get("/app/metrics", params={"days": 7}).text
    assert page.count("<svg") >= 6
    assert "vorher 64 %" in page and 'class="before"' in page
    assert "Unterdrückte Nummer ohne Kunde" in page and "Name erfasst" in page
