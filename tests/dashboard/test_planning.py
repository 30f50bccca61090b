"""Warteliste and Abwesenheiten: lists in German, taking someone off the list, entering an
absence that lists (and puts on the Prüfliste) the appointments to rebook, refused input."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.scheduling.models import StaffAbsence
from frontdesk.scheduling.waitlist.models import WaitlistEntry
from tests.dashboard.conftest import token
from tests.dashboard.seed import BERLIN, PlanningSeeded, Seeded, next_monday, seed_planning

ENTRY_RE = re.compile(r'data-entry="(\d+)"')


@pytest.fixture
def planning(database: Database, practices: tuple[Seeded, Seeded]) -> dict[int, PlanningSeeded]:
    """Both practices' waiting lists and absences, by company id."""
    with database.unit_of_work() as session:
        return {own.company_id: seed_planning(session, own) for own in practices}


def _status(database: Database, entry_id: int) -> str:
    with database.sessions() as session:
        entry = session.get(WaitlistEntry, entry_id)
        assert entry is not None
        return entry.status


def _absences(database: Database, company_id: int) -> list[StaffAbsence]:
    with database.sessions() as session:
        return list(
            session.scalars(select(StaffAbsence).where(StaffAbsence.company_id == company_id))
        )


def test_waitlist_shows_entries_newest_first_with_their_offers(
    practices: tuple[Seeded, Seeded],
    planning: dict[int, PlanningSeeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, b = practices
    own, other = planning[a.company_id], planning[b.company_id]
    client = login_as(a.staff_email)
    response = client.get("/app/waitlist")
    assert response.status_code == 200
    page = response.text
    shown = [int(i) for i in ENTRY_RE.findall(page)]
    assert shown == [own.offered_id, own.booked_id, own.cancelled_id, own.waiting_id]
    assert not {other.waiting_id, other.offered_id} & set(shown)
    for label in ("wartet", "Angebot offen", "gebucht", "entfernt", "angenommen", "abgelaufen"):
        assert f">{label}<" in page or f": {label}<" in page, label
    expires = own.open_offer_expires.astimezone(BERLIN).strftime("%H:%M")
    assert f"offen bis {expires}" in page
    monday = next_monday()
    assert f"Mo {monday:%d.%m.%Y} – Fr {monday + timedelta(days=4):%d.%m.%Y}" in page
    assert "08:00–12:00 Uhr" in page and "ab 14:00 Uhr" in page and "ganztags" in page
    assert f'href="/app/customers/{a.other_id}"' in page and a.marker in page
    assert f'href="/app/appointments/{a.appointment_id}"' in page
    assert "bei Dr. Anna Sommer" in page and "bei wem auch immer" in page
    assert page.count("Von der Warteliste nehmen</button>") == 1
    assert 'href="/app/waitlist" aria-current="page"' in page
    assert 'href="/app/absences"' in page


def test_taking_a_waiting_entry_off_the_list(
    database: Database,
    practices: tuple[Seeded, Seeded],
    planning: dict[int, PlanningSeeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    own = planning[a.company_id]
    client = login_as(a.staff_email)
    path = f"/app/waitlist/{own.waiting_id}/remove"
    assert client.post(path, data={"csrf_token": "falsch"}).status_code == 403
    assert _status(database, own.waiting_id) == "waiting"
    response = client.post(path, data={"csrf_token": token(client, "/app/waitlist")})
    assert response.status_code == 303 and response.headers["location"] == "/app/waitlist"
    assert _status(database, own.waiting_id) == "cancelled"
    page = client.get("/app/waitlist").text
    assert f'data-entry="{own.waiting_id}" data-status="cancelled"' in page
    assert "Von der Warteliste nehmen</button>" not in page
    again = client.post(path, data={"csrf_token": token(client)})
    assert again.status_code == 409 and "Nur wartende Einträge" in again.text
    offered = client.post(
        f"/app/waitlist/{own.offered_id}/remove", data={"csrf_token": token(client)}
    )
    assert offered.status_code == 409
    assert _status(database, own.offered_id) == "offered"
    assert (
        client.post("/app/waitlist/999999/remove", data={"csrf_token": token(client)}).status_code
        == 404
    )


def test_absences_list_names_source_and_note(
    practices: tuple[Seeded, Seeded],
    planning: dict[int, PlanningSeeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, b = practices
    own = planning[a.company_id]
    page = login_as(a.owner_email).get("/app/absences").text
    assert f'data-absence="{own.absence_id}" data-source="file"' in page
    assert f"Fortbildung {a.marker}" in page and "Praxisdatei" in page
    assert f"{own.absence_first_day:%d.%m.%Y}" in page and "Dr. Anna Sommer" in page
    assert f'data-absence="{planning[b.company_id].absence_id}"' not in page
    assert b.marker not in page and "Dr. Bernd Regen" not in page
    assert 'href="/app/absences" aria-current="page"' in page


@pytest.mark.parametrize("who", ["owner", "staff"])
def test_an_absence_over_a_booked_appointment_lists_it_for_rebooking(
    who: str,
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email if who == "owner" else a.staff_email)
    monday = next_monday().isoformat()
    response = client.post(
        "/app/absences",
        data={
            "staff_id": str(a.staff_member_id),
            "first_day": monday,
            "last_day": monday,
            "note": "Urlaub",
            "csrf_token": token(client, "/app/absences"),
        },
    )
    assert response.status_code == 303, response.text[:300]
    [absence] = [x for x in _absences(database, a.company_id) if x.source == "manual"]
    assert response.headers["location"] == f"/app/absences?added={absence.id}"
    assert (absence.staff_id, absence.note) == (a.staff_member_id, "Urlaub")
    page = client.get(response.headers["location"]).text
    assert "Diese Termine müssen umgebucht werden:" in page
    assert (
        f'<li data-appointment="{a.appointment_id}"><a href="/app/appointments/{a.appointment_id}">'
        in page
    )
    assert f"{next_monday():%d.%m.}, 10:00 · Beratung" in page
    assert f'data-absence="{absence.id}" data-source="manual"' in page and "manuell" in page
    with database.sessions() as session:
        items = session.scalars(
            select(ReviewItem).where(
                ReviewItem.company_id == a.company_id, ReviewItem.reason == "staff_absent"
            )
        ).all()
    assert [i.details["appointment_id"] for i in items] == [a.appointment_id]
    assert items[0].status == "open" and "Urlaub" in (items[0].summary or "")
    review = client.get("/app/review").text
    assert "Mitarbeiter abwesend" in review


def test_an_absence_without_appointments_says_so(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    day = (next_monday() + timedelta(days=30)).isoformat()
    response = client.post(
        "/app/absences",
        data={
            "staff_id": str(a.staff_member_id),
            "first_day": day,
            "last_day": day,
            "csrf_token": token(client, "/app/absences"),
        },
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "In diese Abwesenheit fallen keine Termine." in response.text
    assert "Diese Termine müssen umgebucht werden" not in response.text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"first_day": "2030-05-10", "last_day": "2030-05-03"}, "„Bis“ liegt vor „von“"),
        ({"first_day": "2030-02-31", "last_day": "2030-03-01"}, "als gültige Tage"),
        ({"first_day": "", "last_day": "2030-03-01"}, "als gültige Tage"),
        ({"staff_id": ""}, "Bitte wählen Sie einen Mitarbeiter."),
        ({"staff_id": "abc"}, "Bitte wählen Sie einen Mitarbeiter."),
        ({"staff_id": "99999999999999999999"}, "Bitte wählen Sie einen Mitarbeiter."),
        ({"note": "x" * 201}, "höchstens 200 Zeichen"),
    ],
)
def test_refused_absence_keeps_the_form_filled(
    fields: dict[str, str],
    message: str,
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.staff_email)
    data = {
        "staff_id": str(a.staff_member_id),
        "first_day": "2030-05-03",
        "last_day": "2030-05-10",
        "note": "Kongress <b>Wien</b>",
        **fields,
    }
    response = client.post("/app/absences", data={**data, "csrf_token": token(client)})
    assert response.status_code == 400
    assert message in response.text and 'role="alert"' in response.text
    page = response.text
    assert f'name="first_day" required value="{data["first_day"]}"' in page
    assert f'name="last_day" required value="{data["last_day"]}"' in page
    if "note" not in fields:
        assert 'value="Kongress &lt;b&gt;Wien&lt;/b&gt;"' in page
    if "staff_id" not in fields:
        assert f'<option value="{a.staff_member_id}" selected>' in page
    assert _absences(database, a.company_id) == []


def test_another_companys_waitlist_and_staff_cannot_be_touched(
    database: Database,
    practices: tuple[Seeded, Seeded],
    planning: dict[int, PlanningSeeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, b = practices
    theirs = planning[b.company_id]
    client = login_as(a.owner_email)
    for entry_id in (theirs.waiting_id, theirs.offered_id):
        response = client.post(
            f"/app/waitlist/{entry_id}/remove", data={"csrf_token": token(client)}
        )
        assert response.status_code == 404 and b.marker not in response.text
    assert _status(database, theirs.waiting_id) == "waiting"
    monday = next_monday().isoformat()
    response = client.post(
        "/app/absences",
        data={
            "staff_id": str(b.staff_member_id),
            "first_day": monday,
            "last_day": monday,
            "csrf_token": token(client),
        },
    )
    assert response.status_code == 404
    assert [x.id for x in _absences(database, b.company_id)] == [theirs.absence_id]
    assert [x.source for x in _absences(database, a.company_id)] == ["file"]
    with database.sessions() as session:
        assert not session.scalars(
            select(ReviewItem).where(ReviewItem.reason == "staff_absent")
        ).all()
    for path in ("/app/waitlist", "/app/absences", f"/app/absences?added={theirs.absence_id}"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert b.marker not in page.text and "Dr. Bernd Regen" not in page.text
        assert "+491701234502" not in page.text
    assert (
        "Abwesenheit eingetragen" not in client.get(f"/app/absences?added={theirs.absence_id}").text
    )
