"""Export: everything held about the person, merged records and their calls included."""

from __future__ import annotations

import json

import pytest

from frontdesk.db.core import Database
from frontdesk.privacy.export import export_person
from frontdesk.privacy.holdings import PersonNotFound
from tests.dashboard.seed import Seeded
from tests.privacy.seed import EMAIL, LAST, NAME, PHONE, Person

World = tuple[Seeded, Seeded, Person]


def test_export_holds_everything_about_the_person(database: Database, world: World) -> None:
    a, _b, person = world
    with database.sessions() as session:
        document = export_person(session, company_id=a.company_id, customer_id=person.person_id)
    json.dumps(document, ensure_ascii=False)  # JSON-ready as it is
    assert document["customer"]["id"] == person.person_id
    assert document["customer"]["email"] == EMAIL
    assert document["customer"]["birth_date"] == "1957-03-14"
    assert [c["id"] for c in document["merged_customers"]] == [person.folded_id]
    (call,) = document["calls"]
    assert call["id"] == person.call_id and LAST in call["transcript"]
    assert call["analysis"]["call_summary"].startswith(NAME)
    assert document["function_invocations"][0]["arguments"]["name"] == NAME
    assert document["call_enrichment"][0]["result"] == {"last_name": LAST}
    assert sorted(m["id"] for m in document["messages"]) == sorted(person.message_ids)
    assert {e["dedupe_key"] for e in document["raw_events"]} == set(person.event_keys)
    assert [o["number"] for o in document["sms_opt_outs"]] == [PHONE]
    (appointment,) = document["appointments"]
    assert appointment["booked_for_name"] == NAME and appointment["service_name"] == "Beratung"
    assert {i["reason"] for i in document["review_items"]} >= {"callback_request"}
    assert document["review_actions"][0]["details"]["text"].endswith("zurückgerufen.")
    (merge,) = document["merge_audits"]
    assert merge["from_customer_id"] == person.folded_id


def test_a_merged_records_id_exports_the_whole_person(database: Database, world: World) -> None:
    a, _b, person = world
    with database.sessions() as session:
        document = export_person(session, company_id=a.company_id, customer_id=person.folded_id)
    assert document["customer"]["id"] == person.person_id
    assert document["requested_customer_id"] == person.folded_id


def test_another_companys_id_is_refused(database: Database, world: World) -> None:
    _a, b, person = world
    with database.sessions() as session, pytest.raises(PersonNotFound):
        export_person(session, company_id=b.company_id, customer_id=person.person_id)


def test_export_leaves_other_customers_out(database: Database, world: World) -> None:
    a, _b, person = world
    with database.sessions() as session:
        document = export_person(session, company_id=a.company_id, customer_id=person.person_id)
    text = json.dumps(document, ensure_ascii=False)
    assert a.marker not in text and "Jutta" not in text
