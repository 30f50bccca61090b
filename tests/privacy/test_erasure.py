"""Erasure: afterwards no column of any table holds the person; nothing else changed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from frontdesk.calls.models import Call, CallEvent
from frontdesk.db.core import Database
from frontdesk.identity.models import Customer
from frontdesk.messaging.models import Message, SmsOptOut
from frontdesk.privacy.erasure import (
    ERASED_LABEL,
    ERASED_STATUS,
    ERASED_TABLES,
    LINKED_FIELDS,
    erase_person,
    unclassified_tables,
)
from frontdesk.privacy.holdings import PersonNotFound, linked_table
from frontdesk.privacy.models import Erasure
from frontdesk.scheduling.models import Appointment
from tests.dashboard.seed import Seeded
from tests.privacy.conftest import dump, tables_with_traces, traces
from tests.privacy.seed import PHONE, Person, seed_namesake_elsewhere

World = tuple[Seeded, Seeded, Person]
# Rows that change without having held the person: the erasure record and the surname
# index's version token (bumped because a surname left the index).
BOOKKEEPING = {"erasures", "surname_index_versions"}


def erase(database: Database, company_id: int, customer_id: int) -> tuple[Erasure, bool]:
    with database.unit_of_work() as session:
        return erase_person(
            session, company_id=company_id, customer_id=customer_id, actor="dsb@praxis.test"
        )


def test_every_table_is_classified(database: Database) -> None:
    assert unclassified_tables() == set()


def test_the_seed_reaches_every_table_erasure_covers(database: Database, world: World) -> None:
    loaded = {name for name in LINKED_FIELDS if linked_table(name) is not None}
    assert set(tables_with_traces(dump(database))) == ERASED_TABLES | loaded


def test_no_table_holds_the_person_afterwards(database: Database, world: World) -> None:
    a, _b, person = world
    erase(database, a.company_id, person.person_id)
    assert tables_with_traces(dump(database)) == {}


def test_only_the_persons_rows_change(database: Database, world: World) -> None:
    a, _b, person = world
    before = dump(database)
    erase(database, a.company_id, person.person_id)
    after = dump(database)
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old == new or key[0] in BOOKKEEPING:
            continue
        assert old is not None and traces(old), f"{key} changed but was not the person's"


def test_appointment_facts_records_and_inbox_keys_stay(database: Database, world: World) -> None:
    a, _b, person = world
    with database.sessions() as session:
        booked = session.get(Appointment, person.appointment_id)
        assert booked is not None
        facts = (booked.starts_at, booked.ends_at, booked.service_id, booked.staff_id)
        status = booked.status
    erasure, fresh = erase(database, a.company_id, person.person_id)
    assert fresh and erasure.actor == "dsb@praxis.test"
    assert erasure.customer_id == person.person_id
    changed = erasure.summary["changed"]
    assert all(isinstance(n, int) for n in changed.values())
    assert changed["customers"] == 2 and changed["calls"] == 1 and changed["sms_opt_outs"] == 1
    with database.sessions() as session:
        kept = session.get(Appointment, person.appointment_id)
        assert kept is not None
        assert (kept.starts_at, kept.ends_at, kept.service_id, kept.staff_id) == facts
        assert kept.status == status and kept.customer_id == person.person_id
        assert kept.booked_for_name is None
        erased = session.get(Customer, person.person_id)
        folded = session.get(Customer, person.folded_id)
        assert erased is not None and folded is not None
        assert (erased.status, erased.label, erased.completeness) == (
            ERASED_STATUS,
            ERASED_LABEL,
            0,
        )
        assert (folded.status, folded.merged_into_id) == ("merged", person.person_id)
        assert session.get(Call, person.call_id) is not None
        keys = session.scalars(
            select(CallEvent.dedupe_key).where(CallEvent.dedupe_key.in_(person.event_keys))
        ).all()
        assert sorted(keys) == sorted(person.event_keys)


def test_erasing_again_changes_and_records_nothing(database: Database, world: World) -> None:
    a, _b, person = world
    first, _ = erase(database, a.company_id, person.person_id)
    before = dump(database)
    again, fresh = erase(database, a.company_id, person.person_id)
    assert not fresh and again.id == first.id
    assert dump(database) == before


def test_a_merged_records_id_erases_the_person(database: Database, world: World) -> None:
    a, _b, person = world
    erasure, _ = erase(database, a.company_id, person.folded_id)
    assert erasure.customer_id == person.person_id
    assert tables_with_traces(dump(database)) == {}


def test_another_companys_id_is_refused(database: Database, world: World) -> None:
    _a, b, person = world
    before = dump(database)
    with pytest.raises(PersonNotFound):
        erase(database, b.company_id, person.person_id)
    with pytest.raises(PersonNotFound):
        erase(database, b.company_id, 10**9)
    assert dump(database) == before


def test_the_same_number_in_another_practice_is_untouched(database: Database, world: World) -> None:
    a, b, person = world
    with database.unit_of_work() as session:
        message_id, key = seed_namesake_elsewhere(session, b)
    erase(database, a.company_id, person.person_id)
    with database.sessions() as session:
        message = session.get(Message, message_id)
        assert message is not None and (message.number, message.body) == (
            PHONE,
            "Termin in Praxis B, bitte.",
        )
        event = session.scalars(select(CallEvent).where(CallEvent.dedupe_key == key)).one()
        assert PHONE.encode().replace(b"+", b"%2B") in event.body and event.payload
        opt_out = session.scalars(
            select(SmsOptOut).where(SmsOptOut.company_id == b.company_id)
        ).one()
        assert opt_out.number == PHONE


def test_other_customers_of_the_practice_are_untouched(database: Database, world: World) -> None:
    a, _b, person = world
    with database.sessions() as session:
        meyer = session.get(Customer, a.meyer_id)
        assert meyer is not None
        expected = (meyer.last_name, meyer.phone_e164, meyer.status)
        call = session.get(Call, a.call_id)
        assert call is not None
        transcript = call.transcript
    erase(database, a.company_id, person.person_id)
    with database.sessions() as session:
        meyer = session.get(Customer, a.meyer_id)
        assert meyer is not None and (meyer.last_name, meyer.phone_e164, meyer.status) == expected
        call = session.get(Call, a.call_id)
        assert call is not None and call.transcript == transcript
