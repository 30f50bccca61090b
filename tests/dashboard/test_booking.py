"""Booking for a real patient: matcher search, new patients through the validator, refusals
with reasons and the nearest free slots, cancel with confirmation and undo, editing a patient,
and another company's records answered 404."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import httpx
from sqlalchemy import select

from frontdesk.dashboard.queries.booking import Typed, read_query
from frontdesk.db.core import Database
from frontdesk.identity.models import Customer
from frontdesk.scheduling.models import Appointment, DateOverride
from tests.dashboard.conftest import token
from tests.dashboard.seed import BERLIN, Seeded, next_monday

SLOT_BUTTON = re.compile(r'name="slot" value="([0-9-]+)"')


def _search(client: httpx.Client, query: str) -> str:
    response = client.get(
        "/app/appointments/patients", params={"q": query}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    return response.text


def test_the_picker_finds_a_patient_by_sound_phone_notation_and_birth_date(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, b = practices
    client = login_as(a.owner_email)
    pick = f"/app/appointments/patients/{a.meyer_id}"
    for query in (
        "Jutta Meier",  # Meyer as it sounds
        "Maier",
        "Meier 02.04.1971",
        "02.04.1971",
        "030/11122233",
        "0049 30 11122233",
        "+49 (0)30 111 222 33",
        "Jutta 030 111222-33",
    ):
        found = _search(client, query)
        assert pick in found, query
        assert f"/app/appointments/patients/{b.meyer_id}" not in found, query
    assert pick not in _search(client, "Meier 03.04.1971")  # another birth date: someone else
    assert pick not in _search(client, "030 11122244")  # company B's Meyer's number
    assert "Niemand gefunden" in _search(client, "Zyxwvutsrq")
    provisional = _search(client, "Jutta Maier")  # the provisional record is no patient
    assert f"/patients/{a.provisional_id}" not in provisional
    picked = client.get(pick, headers={"HX-Request": "true"}).text
    assert f'name="customer_id" value="{a.meyer_id}"' in picked and "Jutta Meyer" in picked


def test_the_search_text_is_split_into_name_phone_and_birth_date() -> None:
    today = date(2026, 12, 3)
    assert read_query("Meier 02.04.1971", today=today) == Typed("Meier", date(1971, 4, 2), None)
    assert read_query("030/111 222-33 Jutta", today=today) == Typed("Jutta", None, "+493011122233")
    assert read_query("+49 (0)171 2345678", today=today) == Typed(None, None, "+491712345678")
    assert read_query("1971-04-02", today=today).birth_date == date(1971, 4, 2)
    assert read_query("Anna-Lena O'Brien", today=today).name == "Anna-Lena O'Brien"
    assert read_query("31.02.1971 Meier", today=today) == Typed("Meier", None, None)
    assert read_query("12345", today=today).empty  # too short for a number, no name


def _book(client: httpx.Client, a: Seeded, at: str, **fields: str) -> httpx.Response:
    data = {
        "staff_id": str(a.staff_member_id),
        "service_id": str(a.service_id),
        "day": next_monday().isoformat(),
        "at": at,
        "csrf_token": token(client, "/app/appointments/new"),
        **fields,
    }
    return client.post("/app/appointments", data=data)


def test_booking_for_a_picked_patient_lands_on_their_page(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    form = client.get("/app/appointments/new", params={"customer_id": a.meyer_id}).text
    assert f'name="customer_id" value="{a.meyer_id}"' in form and "Termin buchen" in form
    response = _book(client, a, "15:00", customer_id=str(a.meyer_id))
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/app/customers/{a.meyer_id}?gebucht=")
    with database.sessions() as session:
        booked = session.scalars(
            select(Appointment).where(Appointment.customer_id == a.meyer_id)
        ).one()
        assert booked.starts_at == datetime.combine(next_monday(), time(15), BERLIN)
        assert booked.status == "confirmed"
    page = client.get(response.headers["location"]).text
    assert "Termin gebucht." in page and "bestätigt" in page
    assert f"/app/appointments/{booked.id}" in page
    assert f'href="/app/appointments/new?customer_id={a.meyer_id}"' in page
    assert f'href="/app/customers/{a.meyer_id}/edit"' in page


def test_a_new_patient_is_created_through_the_validator_and_never_twice(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    refused = _book(client, a, "15:00", name="Hallo", phone="0171 2345678")
    assert refused.status_code == 422
    assert "„Hallo“ ist kein gültiger Name (Gruß oder Floskel)" in refused.text
    assert 'value="0171 2345678"' in refused.text and 'value="15:00"' in refused.text
    bad_date = _book(client, a, "15:00", name="Karla Kolumna", birth_date="31.02.1980")
    assert bad_date.status_code == 422 and "Geburtsdatum „31.02.1980“ ist ungültig" in bad_date.text
    nobody = _book(client, a, "15:00")
    assert nobody.status_code == 422 and "Bitte wählen Sie einen Patienten" in nobody.text
    created = _book(
        client, a, "15:00", name="Karla Kolumna", birth_date="12.6.1992", phone="0171/2345678"
    )
    assert created.status_code == 303
    with database.sessions() as session:
        karla = session.scalars(select(Customer).where(Customer.last_name == "Kolumna")).one()
        assert (karla.first_name, karla.phone_e164, karla.source) == (
            "Karla",
            "+491712345678",
            "dashboard",
        )
        assert karla.birth_date is not None and karla.birth_date.isoformat() == "1992-06-12"
        assert created.headers["location"].startswith(f"/app/customers/{karla.id}?")
        karla_id = karla.id
    again = _book(client, a, "16:00", name="Karla Kolumna", birth_date="12.06.1992")
    assert again.status_code == 409 and "Diesen Patienten gibt es schon" in again.text
    assert f"/app/appointments/patients/{karla_id}" in again.text  # offered to pick
    with database.sessions() as session:
        kolumnas = session.scalars(select(Customer).where(Customer.last_name == "Kolumna")).all()
        assert len(kolumnas) == 1
        assert session.scalars(
            select(Appointment).where(Appointment.customer_id == karla_id)
        ).all()[0].starts_at == datetime.combine(next_monday(), time(15), BERLIN)


def test_a_refused_booking_says_why_offers_the_nearest_slots_and_keeps_the_form(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    taken = _book(client, a, "10:00", customer_id=str(a.meyer_id))  # the seeded pending 10:00
    assert taken.status_code == 409
    assert "Nicht gebucht:" in taken.text and "10:00 bei" in taken.text
    assert "ist schon vergeben" in taken.text
    offered = SLOT_BUTTON.findall(taken.text)
    assert len(offered) == 3
    # 10:00-10:30 is taken (30 min Beratung, 15 min steps): 09:30 and 10:30 are as near,
    # then 09:15 and 10:45 tie and the earlier one wins.
    for start in ("09:15", "09:30", "10:30"):
        assert f", {start} bei " in taken.text, start
    monday = next_monday()
    assert f'name="customer_id" value="{a.meyer_id}"' in taken.text  # the form kept its patient
    assert 'value="10:00"' in taken.text and f'value="{monday.isoformat()}"' in taken.text
    booked = _book(client, a, "10:00", customer_id=str(a.meyer_id), slot=offered[0])
    assert booked.status_code == 303
    with database.sessions() as session:
        starts = session.scalars(
            select(Appointment.starts_at).where(Appointment.customer_id == a.meyer_id)
        ).all()
        assert len(starts) == 1


def test_each_refusal_reason_is_said_in_german(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    yesterday = (datetime.now(BERLIN) - timedelta(days=1)).date().isoformat()
    past = _book(client, a, "09:00", customer_id=str(a.meyer_id), day=yesterday)
    assert past.status_code == 409 and "liegt in der Vergangenheit" in past.text
    late = _book(client, a, "19:45", customer_id=str(a.meyer_id))
    assert late.status_code == 409 and "außerhalb der Arbeitszeit" in late.text
    assert "07:00–20:00" in late.text
    off_grid = _book(client, a, "09:05", customer_id=str(a.meyer_id))
    assert off_grid.status_code == 409 and "15-Minuten-Takt" in off_grid.text
    tuesday = next_monday() + timedelta(days=1)
    with database.unit_of_work() as session:
        session.add(
            DateOverride(
                company_id=a.company_id, staff_id=None, day=tuesday, closed=True, note="Umzug"
            )
        )
    closed = _book(client, a, "09:00", customer_id=str(a.meyer_id), day=tuesday.isoformat())
    assert closed.status_code == 409 and "Praxis ist am" in closed.text
    assert "geschlossen (Umzug)" in closed.text
    assert len(SLOT_BUTTON.findall(closed.text)) == 3  # Monday evening's last starts


def test_cancelling_asks_first_and_can_be_undone_while_the_slot_is_free(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    assert _book(client, a, "15:00", customer_id=str(a.meyer_id)).status_code == 303
    with database.sessions() as session:
        first = session.scalars(
            select(Appointment.id).where(Appointment.customer_id == a.meyer_id)
        ).one()
    csrf = token(client, "/app/appointments/new")
    asked = client.post(f"/app/appointments/{first}/cancel", data={"csrf_token": csrf})
    assert asked.status_code == 200 and "Termin absagen?" in asked.text
    assert "Ja, Termin absagen" in asked.text
    assert client.get(f"/app/appointments/{first}/cancel").status_code == 200
    with database.sessions() as session:
        still = session.get(Appointment, first)
        assert still is not None and still.status == "confirmed"
    done = client.post(
        f"/app/appointments/{first}/cancel", data={"confirm": "ja", "csrf_token": csrf}
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/app/appointments/{first}/cancelled"
    page = client.get(done.headers["location"]).text
    assert "Rückgängig" in page and "abgesagt" in page
    undone = client.post(f"/app/appointments/{first}/restore", data={"csrf_token": csrf})
    assert undone.status_code == 303
    after = client.get(f"/app/appointments/{first}/cancelled").text
    assert "der Termin ist wieder gebucht" in after and "Rückgängig</button>" not in after
    with database.sessions() as session:
        active = session.scalars(
            select(Appointment).where(
                Appointment.customer_id == a.meyer_id, Appointment.status == "confirmed"
            )
        ).one()
        assert active.starts_at == datetime.combine(next_monday(), time(15), BERLIN)
        second = active.id
    # Cancelled again; someone else takes the slot; the undo is refused in German.
    client.post(f"/app/appointments/{second}/cancel", data={"confirm": "ja", "csrf_token": csrf})
    assert _book(client, a, "15:00", name="Karla Kolumna").status_code == 303
    refused = client.post(f"/app/appointments/{second}/restore", data={"csrf_token": csrf})
    assert refused.status_code == 409 and "inzwischen anderweitig vergeben" in refused.text
    # Too late: the window has passed.
    with database.unit_of_work() as session:
        karla = session.scalars(
            select(Appointment).where(Appointment.booked_for_name == "Karla Kolumna")
        ).one()
        karla_id = karla.id
    client.post(f"/app/appointments/{karla_id}/cancel", data={"confirm": "ja", "csrf_token": csrf})
    with database.unit_of_work() as session:
        row = session.get(Appointment, karla_id)
        assert row is not None and row.cancelled_at is not None
        row.cancelled_at = row.cancelled_at - timedelta(minutes=11)
    late = client.post(f"/app/appointments/{karla_id}/restore", data={"csrf_token": csrf})
    assert late.status_code == 409 and "nur 10 Minuten lang" in late.text
    assert "Rückgängig</button>" not in client.get(f"/app/appointments/{karla_id}/cancelled").text


def test_editing_a_patient_validates_audits_and_feeds_the_search(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    form = client.get(f"/app/customers/{a.meyer_id}/edit").text
    assert 'value="Jutta"' in form and 'value="02.04.1971"' in form
    csrf = token(client, f"/app/customers/{a.meyer_id}/edit")
    fields = {
        "first_name": "Jutta",
        "last_name": "Meyer-Lutz",
        "birth_date": "02.04.1971",
        "phone": "0171 9876543",
        "email": "kein-at-zeichen",
        "csrf_token": csrf,
    }
    refused = client.post(f"/app/customers/{a.meyer_id}/edit", data=fields)
    assert refused.status_code == 422
    assert "„kein-at-zeichen“ ist keine gültige E-Mail-Adresse" in refused.text
    assert 'value="Meyer-Lutz"' in refused.text  # kept as typed
    bad_name = client.post(
        f"/app/customers/{a.meyer_id}/edit", data={**fields, "last_name": "Mustermann"}
    )
    assert bad_name.status_code == 422 and "kein gültiger Name (Platzhalter)" in bad_name.text
    saved = client.post(
        f"/app/customers/{a.meyer_id}/edit", data={**fields, "email": "Jutta.Lutz@A.test"}
    )
    assert saved.status_code == 303 and "geaendert=" in saved.headers["location"]
    with database.sessions() as session:
        jutta = session.get(Customer, a.meyer_id)
        assert jutta is not None
        assert (jutta.last_name, jutta.phone_e164, jutta.email) == (
            "Meyer-Lutz",
            "+491719876543",
            "jutta.lutz@a.test",
        )
        edits = jutta.extra["edits"]
        assert edits[-1]["by"] == a.owner_email
        assert edits[-1]["changes"]["phone_e164"] == ["+493011122233", "+491719876543"]
    history = client.get(f"/app/customers/{a.meyer_id}/edit").text
    assert f"{a.owner_email} hat Nachname, Telefon, E-Mail geändert" in history
    assert f"/app/appointments/patients/{a.meyer_id}" in _search(client, "0171-9876543")


def test_another_companys_patients_staff_and_appointments_are_404(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, b = practices
    with database.sessions() as session:
        before = session.scalars(select(Appointment.id).order_by(Appointment.id)).all()
    client = login_as(a.owner_email)
    csrf = token(client, "/app/appointments/new")
    assert _book(client, a, "15:00", customer_id=str(b.meyer_id)).status_code == 404
    foreign_staff = _book(client, b, "15:00", customer_id=str(a.meyer_id))
    assert foreign_staff.status_code == 404
    for path in (
        f"/app/appointments/patients/{b.meyer_id}",
        f"/app/appointments/new?customer_id={b.meyer_id}",
        f"/app/appointments/{b.appointment_id}/cancel",
        f"/app/appointments/{b.appointment_id}/cancelled",
        f"/app/customers/{b.meyer_id}/edit",
    ):
        assert client.get(path).status_code == 404, path
    for path in ("/app/appointments/new", "/app/appointments/picker"):
        response = client.get(path)
        assert response.status_code == 200 and b.marker not in response.text, path
    assert b.marker not in _search(client, b.marker)  # B's Jonas Bmarkerhausen
    assert f"/patients/{a.other_id}" in _search(client, a.marker)
    for path, data in (
        (f"/app/appointments/{b.appointment_id}/cancel", {"confirm": "ja"}),
        (f"/app/appointments/{b.appointment_id}/restore", {}),
        (f"/app/customers/{b.meyer_id}/edit", {"last_name": "Fremd"}),
    ):
        assert client.post(path, data={**data, "csrf_token": csrf}).status_code == 404, path
    with database.sessions() as session:
        theirs = session.get(Appointment, b.appointment_id)
        meyer = session.get(Customer, b.meyer_id)
        assert theirs is not None and theirs.status == "pending_confirmation"
        assert meyer is not None and meyer.last_name == "Meyer"
        after = session.scalars(select(Appointment.id).order_by(Appointment.id)).all()
        assert after == before
