"""Two-way CalDAV sync against a real Radicale server (no mocks): busy times block slots,
bookings, moves and cancellations are written exactly once, external changes to frontdesk's
events become one review item each, and a server that is down never blocks a booking."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.conversations import calendar_jobs
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.jobs.models import Job
from frontdesk.scheduling import calendar_sync, calendar_sync_push, lookup, slots
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.models import (
    CALENDAR_EVENT_MOVED_EXTERNALLY,
    CONFIRMED,
    Appointment,
    CalendarBusyBlock,
    CalendarEventLink,
    StaffCalendar,
)
from tests.calendars.conftest import (
    CountingConnector,
    Synced,
    again,
    calendar_jobs_of,
    load_synced,
    run_calendar_jobs,
)
from tests.calendars.radicale_server import CalendarApp, Radicale
from tests.scheduling.conftest import NOW, make_customer

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY = date(2026, 12, 1)


def at(hour: int, minute: int = 0, day: date = TUESDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def sommer_starts(session: Session, synced: Synced, day: date, now: datetime = NOW) -> list[str]:
    company = synced.practice.company(session)
    service = lookup.get_service_or_raise(
        session=session, company_id=company.id, service="Beratung"
    )
    member = lookup.get_staff_or_raise(session=session, company_id=company.id, staff="sommer")
    found = slots.free_slots(
        session=session,
        company=company,
        service=service,
        staff=[member],
        first_day=day,
        last_day=day,
        now=now,
    )
    return [f"{s.local_start:%H:%M}" for s in found]


def book(database: Database, synced: Synced, start: datetime, now: datetime = NOW) -> int:
    with database.unit_of_work() as session:
        customer = make_customer(session, synced.practice.company_id)
        appointment = scheduling.book(
            session=session,
            company_id=synced.practice.company_id,
            customer_id=customer.id,
            service="Beratung",
            start=start,
            staff="sommer",
            for_name="Eva Kranz",
            confidence=1.0,
            now=now,
        )
        return appointment.id


def items(database: Database, reason: str, status: str = "open") -> list[ReviewItem]:
    with database.unit_of_work() as session:
        return list(
            session.scalars(
                select(ReviewItem)
                .where(ReviewItem.reason == reason, ReviewItem.status == status)
                .order_by(ReviewItem.id)
            )
        )


def pull(database: Database, connector: CountingConnector, now: datetime) -> None:
    reports = calendar_jobs.pull(database, connector, now, only_due=False)
    assert reports


def only_event(app: CalendarApp) -> tuple[str, str]:
    events = app.own_events()
    assert len(events) == 1, events
    return next(iter(events.items()))


def test_a_busy_external_event_blocks_its_slots_read_on_demand(
    database: Database, synced: Synced, connector: CountingConnector
) -> None:
    app = synced.app
    app.add("zahnarzt", "20261201T080000Z", "20261201T090000Z")  # 09:00-10:00 in Berlin
    app.add("frei", "20261201T100000Z", "20261201T103000Z", extra="TRANSP:TRANSPARENT\r\n")
    app.add("frontdesk-appointment-999@woanders", "20261201T093000Z", "20261201T100000Z")
    app.add("fortbildung", "20261203", "20261204")  # all of Thursday
    app.add(
        "jour-fixe",
        "20261201T070000Z",
        "20261201T073000Z",
        extra="RRULE:FREQ=DAILY;COUNT=5\r\n",  # 08:00-08:30 every day from Tuesday
    )
    with database.unit_of_work() as session:
        assert sommer_starts(session, synced, TUESDAY) == [
            "08:30",
            "10:00",
            "10:30",
            "11:00",
            "11:30",
        ]
        assert sommer_starts(session, synced, date(2026, 12, 3)) == []
        assert sommer_starts(session, synced, date(2026, 12, 4))[0] == "08:30"
    assert connector.counts.pulls == 1  # read once on demand, then fresh for max_age
    with database.unit_of_work() as session:
        sommer_starts(session, synced, TUESDAY, NOW + timedelta(seconds=299))
        blocks = session.scalar(select(func.count()).select_from(CalendarBusyBlock))
        assert blocks == 1 + 1 + 5  # own-UID and transparent events never count
    assert connector.counts.pulls == 1
    with database.unit_of_work() as session:
        sommer_starts(session, synced, TUESDAY, NOW + timedelta(seconds=301))
    assert connector.counts.pulls == 2  # older than max_age: read again before offering


def test_booking_move_and_cancel_are_written_exactly_once_even_when_jobs_run_twice(
    database: Database, synced: Synced, connector: CountingConnector
) -> None:
    app, counts = synced.app, connector.counts
    appointment_id = book(database, synced, at(9))
    assert run_calendar_jobs(database, connector) == {"done": 1}
    href, text = only_event(app)
    assert f"UID:frontdesk-appointment-{appointment_id}@testpraxis" in text
    assert "DTSTART:20261201T080000Z" in text and "Beratung: Eva Kranz" in text
    booked_job = calendar_jobs_of(database)[0]
    again(database, booked_job.id)
    assert run_calendar_jobs(database, connector) == {"done": 1}
    assert (counts.puts, counts.deletes) == (1, 0)

    with database.unit_of_work() as session:
        moved = scheduling.reschedule(
            session=session,
            company_id=synced.practice.company_id,
            appointment_id=appointment_id,
            start=at(10, 30),
            now=NOW,
        ).id
    run_calendar_jobs(database, connector)
    moved_job = calendar_jobs_of(database)[-1]
    again(database, moved_job.id)
    again(database, booked_job.id)  # an old job, late: it writes the chain's newest state
    run_calendar_jobs(database, connector)
    assert (counts.puts, counts.deletes) == (2, 0)
    same_href, text = only_event(app)
    assert same_href == href  # the same event, updated: the UID stays the chain's
    assert f"UID:frontdesk-appointment-{appointment_id}@testpraxis" in text
    assert "DTSTART:20261201T093000Z" in text

    with database.unit_of_work() as session:
        scheduling.cancel(
            session=session, company_id=synced.practice.company_id, appointment_id=moved, now=NOW
        )
    run_calendar_jobs(database, connector)
    for job in calendar_jobs_of(database):
        again(database, job.id)
    run_calendar_jobs(database, connector)
    assert (counts.puts, counts.deletes) == (2, 1)
    assert app.own_events() == {}
    assert items(database, calendar_sync.REASON_CONFLICT) == []
    assert all(j.status == "done" for j in calendar_jobs_of(database))


def test_a_write_whose_record_was_lost_is_recognised_not_repeated(
    database: Database, synced: Synced, connector: CountingConnector
) -> None:
    appointment_id = book(database, synced, at(9))
    with database.unit_of_work() as session:
        plan = calendar_sync_push.plan_push(session, appointment_id)
    assert plan is not None
    calendar_sync_push.apply_push(connector, plan)  # written, then the worker died
    assert run_calendar_jobs(database, connector) == {"done": 1}
    assert connector.counts.puts == 1  # the job's create met the event and recognised it
    only_event(synced.app)
    with database.unit_of_work() as session:
        link = session.scalars(select(CalendarEventLink)).one()
        assert link.etag and link.state == "present"
    assert items(database, calendar_sync.REASON_CONFLICT) == []


def test_an_external_move_becomes_one_review_item_and_the_appointment_stays(
    database: Database, synced: Synced, connector: CountingConnector
) -> None:
    appointment_id = book(database, synced, at(9))
    run_calendar_jobs(database, connector)
    href, _ = only_event(synced.app)
    synced.app.move(href, "20261201T100000Z", "20261201T103000Z")  # to 11:00 in Berlin
    pull(database, connector, NOW + timedelta(minutes=1))
    pull(database, connector, NOW + timedelta(minutes=2))
    found = items(database, calendar_sync.REASON_CONFLICT)
    assert len(found) == 1
    assert "im externen Kalender auf Dienstag, den 1. Dezember, um 11 Uhr verschoben" in (
        found[0].summary or ""
    )
    assert found[0].details["appointment_id"] == appointment_id
    with database.unit_of_work() as session:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        assert appointment.status == CONFIRMED and appointment.starts_at == at(9)
        link = session.scalars(select(CalendarEventLink)).one()
        assert link.state == CALENDAR_EVENT_MOVED_EXTERNALLY
        # frontdesk's own event never blocks as external busy time, wherever it was moved
        assert session.scalar(select(func.count()).select_from(CalendarBusyBlock)) == 0
    synced.app.move(href, "20261201T103000Z", "20261201T110000Z")  # moved once more
    pull(database, connector, NOW + timedelta(minutes=3))
    refreshed = items(database, calendar_sync.REASON_CONFLICT)
    assert [i.id for i in refreshed] == [found[0].id]
    assert "um 11 Uhr 30 verschoben" in (refreshed[0].summary or "")
    assert connector.counts.puts == 1  # the calendar was not overwritten


def test_an_external_delete_becomes_one_review_item_and_the_appointment_stays(
    database: Database, synced: Synced, connector: CountingConnector
) -> None:
    appointment_id = book(database, synced, at(9))
    run_calendar_jobs(database, connector)
    href, _ = only_event(synced.app)
    synced.app.delete(href)
    for minute in (1, 2, 3):
        pull(database, connector, NOW + timedelta(minutes=minute))
    found = items(database, calendar_sync.REASON_CONFLICT)
    assert len(found) == 1
    assert "im externen Kalender gelöscht" in (found[0].summary or "")
    with database.unit_of_work() as session:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None and appointment.active
    assert synced.app.own_events() == {}  # not written back behind the person's back


def test_server_down_booking_works_slots_from_last_state_one_unreachable_item(
    database: Database, tmp_path: Path, connector: CountingConnector
) -> None:
    server = Radicale(tmp_path / "radicale")
    server.start()
    try:
        app = CalendarApp(server.new_calendar())
        synced = load_synced(database, app)
        app.add("zahnarzt", "20261201T080000Z", "20261201T090000Z")
        pull(database, connector, NOW)
        server.stop()

        later = NOW + timedelta(minutes=10)  # the stored state is older than max_age now
        with database.unit_of_work() as session:
            starts = sommer_starts(session, synced, TUESDAY, later)
        assert starts == ["08:00", "08:30", "10:00", "10:30", "11:00", "11:30"]
        assert len(items(database, calendar_sync.REASON_UNREACHABLE)) == 1

        appointment_id = book(database, synced, at(10), later)
        with database.unit_of_work() as session:
            appointment = session.get(Appointment, appointment_id)
            assert appointment is not None and appointment.status == CONFIRMED
        assert run_calendar_jobs(database, connector, later) == {"retry": 1}
        job = calendar_jobs_of(database)[0]
        assert job.status == "pending" and "unreachable" in (job.last_error or "")

        for minute in (11, 12, 13):  # periodic and on-demand pulls keep failing
            calendar_jobs.pull(database, connector, NOW + timedelta(minutes=minute))
            with database.unit_of_work() as session:
                sommer_starts(session, synced, TUESDAY, NOW + timedelta(minutes=minute, seconds=40))
        open_items = items(database, calendar_sync.REASON_UNREACHABLE)
        assert len(open_items) == 1
        assert "nicht erreichbar" in (open_items[0].summary or "")
        assert "Dr. Anna Sommer" in (open_items[0].summary or "")

        server.start()
        pull(database, connector, NOW + timedelta(minutes=14))
        assert items(database, calendar_sync.REASON_UNREACHABLE) == []
        assert len(items(database, calendar_sync.REASON_UNREACHABLE, "resolved")) == 1
        assert run_calendar_jobs(database, connector, NOW + timedelta(hours=1)) == {"done": 1}
        _, text = only_event(app)
        assert "DTSTART:20261201T090000Z" in text
        with database.unit_of_work() as session:
            row = session.scalars(select(StaffCalendar)).one()
            assert row.last_error is None and row.unreachable_item_id is None
            assert session.scalars(select(Job).where(Job.status == "failed")).all() == []
        app.close()
    finally:
        server.stop()
