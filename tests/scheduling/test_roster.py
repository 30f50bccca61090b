"""The practice configuration each process keeps (services, staff, closures, calendars): every
change is seen, whoever makes it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.orm import Session, object_session

from frontdesk.db.core import Database
from frontdesk.identity.models import Customer
from frontdesk.scheduling import closures, lookup, roster
from frontdesk.scheduling.models import (
    DateOverride,
    Service,
    Staff,
    StaffAbsence,
    StaffCalendar,
    WorkingHours,
)
from frontdesk.tenancy.models import Company
from tests.scheduling.conftest import NOW, PRACTICE, Practice, load_text

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


# Date overrides, absences and external calendars come from the same per-process copy.

DAY = date(2026, 12, 7)  # a Monday


def _company(session: Session, practice: Practice) -> Company:
    company = session.get(Company, practice.company_id)
    assert company is not None
    return company


def _closed(session: Session, practice: Practice, key: str) -> bool:
    staff_id = session.scalars(select(Staff.id).where(Staff.key == key)).one()
    found = closures.overrides_between(session, _company(session, practice), [staff_id], DAY, DAY)
    return any(row.closed for row in found.get((staff_id, DAY), found.get((None, DAY), [])))


def _sommer(session: Session) -> Staff:
    return session.scalars(select(Staff).where(Staff.key == "sommer")).one()


def test_an_absence_or_closure_committed_elsewhere_is_seen(
    database: Database, practice: Practice
) -> None:
    with database.unit_of_work() as session:
        assert not _closed(session, practice, "sommer")
    with database.unit_of_work() as session:  # another transaction, as another process would
        sommer = _sommer(session)
        session.add(
            StaffAbsence(
                company_id=practice.company_id, staff_id=sommer.id, first_day=DAY, last_day=DAY
            )
        )
    with database.unit_of_work() as session:
        assert _closed(session, practice, "sommer")
        assert not _closed(session, practice, "winter")
    with database.unit_of_work() as session:
        session.execute(text("DELETE FROM staff_absences"))
        session.add(DateOverride(company_id=practice.company_id, day=DAY, closed=True))
    with database.unit_of_work() as session:
        assert _closed(session, practice, "winter")


def test_a_closure_earlier_in_the_same_transaction_is_seen(
    session: Session, practice: Practice
) -> None:
    assert not _closed(session, practice, "winter")
    session.add(DateOverride(company_id=practice.company_id, day=DAY, closed=True, note="Umzug"))
    assert _closed(session, practice, "winter")
    session.execute(text("DELETE FROM date_overrides"))
    assert not _closed(session, practice, "winter")


def test_a_calendar_is_seen_but_its_pulls_change_nothing(
    session: Session, practice: Practice
) -> None:
    sommer = _sommer(session)
    assert roster.current(session, practice.company_id).calendar_staff == frozenset()
    calendar = StaffCalendar(
        company_id=practice.company_id, staff_id=sommer.id, url="https://cal.example/sommer"
    )
    session.add(calendar)
    seen = roster.current(session, practice.company_id)
    assert seen.calendar_staff == {sommer.id}
    calendar.last_pulled_at = NOW  # a pull's bookkeeping: the same version, nothing re-read
    session.flush()
    assert roster.current(session, practice.company_id) is seen
    calendar.active = False
    assert roster.current(session, practice.company_id).calendar_staff == frozenset()


def test_unchanged_closures_cost_no_query_after_the_company_row_and_writes_elsewhere_none(
    database: Database, practice: Practice
) -> None:
    with database.unit_of_work() as session:
        _closed(session, practice, "sommer")
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    with database.unit_of_work() as session:
        sommer_id = _sommer(session).id
        company = _company(session, practice)
        event.listen(database.engine, "before_cursor_execute", count)
        try:
            closures.overrides_between(session, company, [sommer_id], DAY, DAY)
            lookup.staff_of(session=session, company_id=practice.company_id)
            session.add(Customer(company_id=practice.company_id, first_name="Ida"))
            session.flush()  # a write to a table the roster does not hold
            lookup.services_of(session=session, company_id=practice.company_id)
            closures.company_closures(session, company, DAY, DAY)
        finally:
            event.remove(database.engine, "before_cursor_execute", count)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert reads == []  # the version came with the company row read in this transaction


def _reads_during(database: Database, work: Callable[[], object]) -> list[str]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def test_a_write_after_the_company_row_was_read_is_seen(
    database: Database, practice: Practice
) -> None:
    with database.unit_of_work() as session:
        lookup.staff_of(session=session, company_id=practice.company_id)  # a roster in memory
    with database.sessions() as session:
        _company(session, practice)  # the row, with the version, read in this transaction
        session.execute(text("UPDATE staff SET name = 'Dr. Anna Sommer-Berg' WHERE key = 'sommer'"))
        names = [m.name for m in lookup.staff_of(session=session, company_id=practice.company_id)]
        session.rollback()
    assert names == ["Dr. Anna Sommer-Berg", "Jonas Winter"]
    with database.sessions() as session:
        _company(session, practice)
        session.add(
            Service(
                company_id=practice.company_id,
                key="bleaching",
                name="Bleaching",
                duration_minutes=60,
            )
        )
        keys = [s.key for s in lookup.services_of(session=session, company_id=practice.company_id)]
        session.rollback()
    assert "bleaching" in keys


def test_a_company_row_from_an_earlier_transaction_does_not_stand_for_the_version(
    database: Database, practice: Practice
) -> None:
    with database.sessions() as session:  # one session, two transactions
        company = _company(session, practice)
        lookup.staff_of(session=session, company_id=practice.company_id)
        session.commit()
        with database.unit_of_work() as elsewhere:
            elsewhere.execute(text("UPDATE staff SET active = false WHERE key = 'winter'"))
        assert session.get(Company, company.id) is company  # still in the identity map
        reads = _reads_during(
            database,
            lambda: lookup.staff_of(session=session, company_id=practice.company_id),
        )
        keys = [m.key for m in lookup.staff_of(session=session, company_id=practice.company_id)]
        session.rollback()
    assert keys == ["sommer"]
    assert any("roster_version" in read for read in reads)


def test_a_savepoint_rolled_back_takes_its_changes_with_it(
    session: Session, practice: Practice
) -> None:
    before = [m.name for m in lookup.staff_of(session=session, company_id=practice.company_id)]
    nested = session.begin_nested()
    session.execute(text("UPDATE staff SET name = 'Dr. Nie Gesehen' WHERE key = 'sommer'"))
    inside = [m.name for m in lookup.staff_of(session=session, company_id=practice.company_id)]
    nested.rollback()
    after = [m.name for m in lookup.staff_of(session=session, company_id=practice.company_id)]
    assert inside == ["Dr. Nie Gesehen", "Jonas Winter"]
    assert after == before == ["Dr. Anna Sommer", "Jonas Winter"]


def test_a_savepoint_released_keeps_what_was_seen(database: Database, practice: Practice) -> None:
    with database.unit_of_work() as session:
        lookup.staff_of(session=session, company_id=practice.company_id)
    with database.unit_of_work() as session:
        lookup.staff_of(session=session, company_id=practice.company_id)
        with session.begin_nested():
            session.add(Customer(company_id=practice.company_id, first_name="Ida"))
        reads = _reads_during(
            database, lambda: lookup.staff_of(session=session, company_id=practice.company_id)
        )
    assert reads == []


def _staff_in(session: Session) -> set[int]:
    return {o.id for o in session.identity_map.values() if isinstance(o, Staff)}


def test_a_member_by_id_is_merged_alone(session: Session, practice: Practice) -> None:
    members = roster.current(session, practice.company_id).staff
    assert len(members) > 1
    wanted = members[-1]
    session.expunge_all()
    found = lookup.get_staff_or_raise(
        session=session, company_id=practice.company_id, staff=wanted.id
    )
    assert found is not wanted and object_session(found) is session  # this session's copy
    assert _staff_in(session) == {wanted.id}
    assert [h.weekday for h in found.hours] == [h.weekday for h in wanted.hours]
    # The whole list later holds that very copy.
    assert found in lookup.staff_of(session=session, company_id=practice.company_id)


def test_an_unknown_member_id_names_the_staff(session: Session, practice: Practice) -> None:
    from frontdesk.scheduling.errors import UnknownStaff

    with pytest.raises(UnknownStaff) as raised:
        lookup.get_staff_or_raise(session=session, company_id=practice.company_id, staff=10**6)
    assert raised.value.args  # the error lists who is there


def test_offering_slots_merges_no_staff_and_leaves_the_shared_copies_alone(
    session: Session, practice: Practice
) -> None:
    from frontdesk.scheduling import service as scheduling
    from frontdesk.scheduling.slots import SlotWish

    session.expunge_all()
    offer = scheduling.check_availability(
        session=session,
        company_id=practice.company_id,
        service="Beratung",
        wish=SlotWish(date_from=date(2026, 11, 24), date_to=date(2026, 11, 27)),
        now=NOW,
        hold=False,
    )
    assert offer.slots
    assert _staff_in(session) == set()
    shared = roster.current(session, practice.company_id).staff
    assert all(object_session(m) is None for m in shared)
    by_id = {m.id: m.name for m in shared}
    assert all(by_id[s.staff_id] == s.staff_name for s in offer.slots)


def test_opening_hours_and_service_names_merge_nothing_into_the_session(
    session: Session, practice: Practice
) -> None:
    session.expunge_all()
    hours = lookup.opening_hours(session=session, company_id=practice.company_id)
    names = [
        s.name for s in lookup.services_to_read(session=session, company_id=practice.company_id)
    ]
    assert hours and "Beratung" in names
    assert _staff_in(session) == set()
    assert not any(isinstance(obj, Service) for obj in session.identity_map.values())
    shared = roster.current(session, practice.company_id)
    assert all(object_session(s) is None for s in (*shared.staff, *shared.services))
