"""The Datenschutz pages: owners only, export as a download, erase behind a confirmation."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
from sqlalchemy import select

from frontdesk.db.core import Database
from frontdesk.privacy.models import Erasure
from tests.dashboard.conftest import token
from tests.dashboard.seed import Seeded
from tests.privacy.conftest import dump, tables_with_traces
from tests.privacy.seed import EMAIL, LAST, Person

World = tuple[Seeded, Seeded, Person]
Login = Callable[[str], httpx.Client]


def page(person: Person) -> str:
    return f"/app/privacy/customers/{person.person_id}"


def test_owners_see_the_button_and_the_pages(login_as: Login, world: World) -> None:
    a, _b, person = world
    owner = login_as(a.owner_email)
    customer = owner.get(f"/app/customers/{person.person_id}")
    assert page(person) in customer.text
    assert owner.get(page(person)).status_code == 200
    assert owner.get("/app/privacy").status_code == 200


def test_staff_see_neither(login_as: Login, world: World) -> None:
    a, _b, person = world
    staff = login_as(a.staff_email)
    assert page(person) not in staff.get(f"/app/customers/{person.person_id}").text
    for path in ("/app/privacy", page(person), page(person) + "/export"):
        assert staff.get(path).status_code == 403
    answer = staff.post(
        page(person) + "/erase", data={"csrf_token": token(staff), "confirm": "LÖSCHEN"}
    )
    assert answer.status_code == 403


def test_export_is_a_json_download(login_as: Login, world: World) -> None:
    a, _b, person = world
    response = login_as(a.owner_email).get(page(person) + "/export")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["cache-control"] == "no-store"
    document = json.loads(response.text)
    assert document["customer"]["email"] == EMAIL and LAST in document["calls"][0]["transcript"]


def test_erase_needs_the_confirmation_word_and_the_csrf_token(
    database: Database, login_as: Login, world: World
) -> None:
    a, _b, person = world
    owner = login_as(a.owner_email)
    url = page(person) + "/erase"
    assert owner.post(url, data={"confirm": "LÖSCHEN"}).status_code == 403
    assert owner.post(url, data={"csrf_token": token(owner), "confirm": "ja"}).status_code == 409
    assert tables_with_traces(dump(database))


def test_erase_is_done_and_audited(database: Database, login_as: Login, world: World) -> None:
    a, _b, person = world
    owner = login_as(a.owner_email)
    response = owner.post(
        page(person) + "/erase", data={"csrf_token": token(owner), "confirm": "löschen"}
    )
    assert response.status_code == 303 and response.headers["location"] == page(person)
    assert tables_with_traces(dump(database)) == {}
    with database.sessions() as session:
        erasure = session.scalars(select(Erasure)).one()
        assert (erasure.company_id, erasure.customer_id) == (a.company_id, person.person_id)
        assert erasure.actor == a.owner_email and erasure.erased_at is not None
    assert "gelöscht" in owner.get(page(person)).text
    log = owner.get("/app/privacy").text
    assert a.owner_email in log and f"Kunde {person.person_id}" in log


def test_another_companys_customer_is_not_found(
    database: Database, login_as: Login, world: World
) -> None:
    _a, b, person = world
    other_owner = login_as(b.owner_email)
    before = dump(database)
    assert other_owner.get(page(person)).status_code == 404
    assert other_owner.get(page(person) + "/export").status_code == 404
    erase = other_owner.post(
        page(person) + "/erase", data={"csrf_token": token(other_owner), "confirm": "LÖSCHEN"}
    )
    assert erase.status_code == 404
    assert dump(database) == before
