"""The services and staff each process keeps: every change is seen, whoever makes it."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session, object_session

from frontdesk.db.core import Database
from frontdesk.scheduling import lookup
from frontdesk.scheduling.models import Service, Staff, WorkingHours
from tests.scheduling.conftest import PRACTICE, Practice, load_text

pytestmark = pytest.mark.db


def _hours(session: Session, company_id: int) -> dict[str, list[tuple[int, time, time]]]:
    return {
        m.key: [(h.weekday, h.start_time, h.end_time) for h in m.hours]
        for m in lookup.staff_of(session=session, company_id=company_id)
    }


def test_a_change_committed_elsewhere_is_seen(database: Database, practice: Practice) -> None:
    with database.unit_of_work() as session:
        before = _hours(session, practice.company_id)
    with database.unit_of_work() as session:  # another transaction, as another process would
        winter = session.query(Staff).filter_by(key="winter").one()
        session.add(
            WorkingHours(staff_id=winter.id, weekday=4, start_time=time(9), end_time=time(13))
        )
    with database.unit_of_work() as session:
        after = _hours(session, practice.company_id)
    assert (4, time(9), time(13)) in after["winter"]
    assert (4, time(9), time(13)) not in before["winter"]


def test_a_change_earlier_in_the_same_transaction_is_seen(
    session: Session, practice: Practice
) -> None:
    names = [s.name for s in lookup.services_of(session=session, company_id=practice.company_id)]
    session.add(
        Service(company_id=practice.company_id, key="fuellung", name="Füllung", duration_minutes=30)
    )
    sommer = next(
        m
        for m in lookup.staff_of(session=session, company_id=practice.company_id)
        if m.key == "sommer"
    )
    sommer.active = False
    now = [s.name for s in lookup.services_of(session=session, company_id=practice.company_id)]
    assert now == [*names, "Füllung"]
    keys = [m.key for m in lookup.staff_of(session=session, company_id=practice.company_id)]
    assert keys == ["winter"]


def test_a_change_in_plain_sql_is_seen(session: Session, practice: Practice) -> None:
    lookup.services_of(session=session, company_id=practice.company_id)
    session.execute(text("UPDATE services SET duration_minutes = 45 WHERE key = 'beratung'"))
    pzr = "(SELECT id FROM services WHERE key = 'pzr')"
    session.execute(text(f"DELETE FROM staff_services WHERE service_id = {pzr}"))
    found = {s.key: s for s in lookup.services_of(session=session, company_id=practice.company_id)}
    assert found["beratung"].duration_minutes == 45
    offered = {
        m.key: [s.key for s in m.services]
        for m in lookup.staff_of(session=session, company_id=practice.company_id)
    }
    assert offered == {"sommer": ["beratung"], "winter": ["beratung"]}


def test_a_change_rolled_back_is_never_served(database: Database, practice: Practice) -> None:
    with database.sessions() as session:
        session.execute(text("UPDATE staff SET name = 'Dr. Nie Gesehen' WHERE key = 'sommer'"))
        assert "Dr. Nie Gesehen" in [
            m.name for m in lookup.staff_of(session=session, company_id=practice.company_id)
        ]
        session.rollback()
    with database.unit_of_work() as session:
        names = [m.name for m in lookup.staff_of(session=session, company_id=practice.company_id)]
    assert names == ["Dr. Anna Sommer", "Jonas Winter"]


def test_unchanged_services_and_staff_cost_one_query(
    database: Database, practice: Practice
) -> None:
    with database.unit_of_work() as session:
        lookup.staff_of(session=session, company_id=practice.company_id)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        with database.unit_of_work() as session:
            members = lookup.staff_of(session=session, company_id=practice.company_id)
            offered = [s.key for m in members for s in m.services]
            weekly = [h.weekday for m in members for h in m.hours]
            assert all(object_session(m) is session for m in members)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1, reads  # the version; staff, hours and services come from memory
    assert offered == ["beratung", "pzr", "beratung"]
    assert weekly == [0, 1, 2, 3, 4, 0, 2]


def test_each_company_gets_its_own(session: Session, practice: Practice) -> None:
    other = load_text(
        session,
        PRACTICE.replace("Testpraxis", "Andere Praxis")
        .replace("+4930555000111", "+4930555000222")
        .replace("Dr. Anna Sommer", "Dr. Eva Herbst"),
    )
    mine = [m.name for m in lookup.staff_of(session=session, company_id=practice.company_id)]
    theirs = [m.name for m in lookup.staff_of(session=session, company_id=other.company_id)]
    assert mine == ["Dr. Anna Sommer", "Jonas Winter"]
    assert theirs == ["Dr. Eva Herbst", "Jonas Winter"]
    ids = {m.company_id for m in lookup.staff_of(session=session, company_id=other.company_id)}
    assert ids == {other.company_id}
