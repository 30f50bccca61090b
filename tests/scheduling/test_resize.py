"""Resizing an appointment's end: snapped, bounded, within the hours, never into another one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.db.core import Database
from frontdesk.jobs.models import Job
from frontdesk.scheduling import absences, resize
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.announce import APPOINTMENT_CHANGED
from frontdesk.scheduling.errors import AppointmentNotFound, SchedulingError, SlotUnavailable
from frontdesk.scheduling.models import ACTIVE_STATUSES, Appointment
from frontdesk.scheduling.resize import ResizeRefused
from tests.scheduling.conftest import NOW, PRACTICE, Practice, load_text

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY = date(2026, 12, 1)  # Dr. Sommer works 08:00-12:00


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 1, hour, minute, tzinfo=BERLIN)


def book(session: Session, company_id: int, start: datetime, service: str = "Beratung") -> int:
    return scheduling.book(
        session=session,
        company_id=company_id,
        service=service,
        staff="sommer",
        start=start,
        confidence=1.0,
        now=NOW,
    ).id


def resize_to(session: Session, company_id: int, appointment_id: int, end: datetime) -> None:
    resize.resize(
        session=session,
        company_id=company_id,
        appointment_id=appointment_id,
        ends_at=end,
        actor="test",
        now=NOW,
    )


def ends(session: Session, appointment_id: int) -> tuple[datetime, datetime]:
    session.expire_all()
    row = session.get(Appointment, appointment_id)
    assert row is not None
    return row.ends_at, row.blocked_until


def refusal(session: Session, practice: Practice, appointment_id: int, end: datetime) -> str:
    before = ends(session, appointment_id)
    with pytest.raises(ResizeRefused) as caught:
        resize_to(session, practice.company_id, appointment_id, end)
    assert ends(session, appointment_id) == before  # nothing changed
    return caught.value.reason


def test_longer_into_free_time_snaps_to_five_minutes(session: Session, practice: Practice) -> None:
    first = book(session, practice.company_id, at(9))
    changed = session.scalar(select(func.count()).where(Job.kind == APPOINTMENT_CHANGED))
    resize_to(session, practice.company_id, first, at(9, 47))
    assert ends(session, first) == (at(9, 45), at(9, 45))
    row = session.get(Appointment, first)
    assert row is not None and row.starts_at == at(9)
    # The start is unchanged: no appointment.changed job, so no SMS to the patient.
    assert session.scalar(select(func.count()).where(Job.kind == APPOINTMENT_CHANGED)) == changed


def test_the_buffer_after_the_service_follows_the_new_end(
    session: Session, practice: Practice
) -> None:
    cleaning = book(session, practice.company_id, at(9), service="pzr")  # 60 min, 15 min after
    resize_to(session, practice.company_id, cleaning, at(10, 30))
    assert ends(session, cleaning) == (at(10, 30), at(10, 45))


def test_into_a_neighbour_or_its_buffer_is_taken(session: Session, practice: Practice) -> None:
    first = book(session, practice.company_id, at(9))
    book(session, practice.company_id, at(10), service="pzr")  # blocked from 09:50
    assert refusal(session, practice, first, at(10, 15)) == "taken"
    assert refusal(session, practice, first, at(9, 55)) == "taken"
    resize_to(session, practice.company_id, first, at(9, 50))  # touching is not overlapping
    assert ends(session, first)[0] == at(9, 50)


def test_beyond_the_working_hours_is_refused(session: Session, practice: Practice) -> None:
    late = book(session, practice.company_id, at(11, 30))
    assert refusal(session, practice, late, at(12, 15)) == "outside_hours"
    resize_to(session, practice.company_id, late, at(12))
    assert ends(session, late)[0] == at(12)


def test_an_absence_on_the_day_refuses_a_longer_end(session: Session, practice: Practice) -> None:
    first = book(session, practice.company_id, at(9))
    absences.add_absence(
        session=session,
        company_id=practice.company_id,
        staff="sommer",
        first_day=TUESDAY,
        last_day=TUESDAY,
        note="Fortbildung",
    )
    assert refusal(session, practice, first, at(9, 45)) == "absent"


def test_shorter_is_fine_and_the_length_stays_between_5_minutes_and_8_hours(
    session: Session, practice: Practice
) -> None:
    first = book(session, practice.company_id, at(9))
    resize_to(session, practice.company_id, first, at(9, 10))
    assert ends(session, first) == (at(9, 10), at(9, 10))
    assert refusal(session, practice, first, at(9, 2)) == resize.TOO_SHORT
    assert refusal(session, practice, first, at(17, 5)) == resize.TOO_LONG
    resize_to(session, practice.company_id, first, at(9, 3))  # snaps to 09:05
    assert ends(session, first)[0] == at(9, 5)


def test_an_end_in_the_past_is_refused(session: Session, practice: Practice) -> None:
    first = book(session, practice.company_id, at(9))
    with pytest.raises(ResizeRefused) as caught:
        resize.resize(
            session=session,
            company_id=practice.company_id,
            appointment_id=first,
            ends_at=at(9, 15),
            actor="test",
            now=at(9, 20).astimezone(UTC),
        )
    assert caught.value.reason == "past"


def test_cancelled_and_other_companies_appointments(session: Session, practice: Practice) -> None:
    first = book(session, practice.company_id, at(9))
    other = load_text(
        session, PRACTICE.replace("Testpraxis", "Andere Praxis").replace("111", "222")
    )
    with pytest.raises(AppointmentNotFound):
        resize_to(session, other.company_id, first, at(9, 45))
    scheduling.cancel(session=session, company_id=practice.company_id, appointment_id=first)
    with pytest.raises(SchedulingError) as caught:
        resize_to(session, practice.company_id, first, at(9, 45))
    assert not isinstance(caught.value, AppointmentNotFound)


def test_the_database_refuses_an_overlap_the_check_missed(
    session: Session, practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check and the write are apart; the trigger / exclusion constraint is the last word."""
    first = book(session, practice.company_id, at(9))
    book(session, practice.company_id, at(10))
    session.commit()
    monkeypatch.setattr(resize, "_check_calendar", lambda *args: None)
    assert refusal(session, practice, first, at(10, 15)) == "taken"
    session.rollback()


def _race(jobs: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = jobs[index]()
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_resizes_and_a_booking_racing_for_one_gap_never_overlap(database: Database) -> None:
    """Two appointments grow towards each other while a third books the gap between them."""
    with database.unit_of_work() as session:
        company_id = load_text(session, PRACTICE).company_id
        early = book(session, company_id, at(9))
        late = book(session, company_id, at(10))

    def grow(appointment_id: int, end: datetime) -> Callable[[], str]:
        def job() -> str:
            with database.unit_of_work() as session:
                resize_to(session, company_id, appointment_id, end)
            return "resized"

        return job

    def book_gap() -> str:
        with database.unit_of_work() as session:
            book(session, company_id, at(9, 30))
        return "booked"

    results = _race([grow(early, at(10)), book_gap, grow(late, at(11))])
    # The later one grows into free time; of the other two exactly one gets 09:30-10:00.
    assert results[2] == "resized", results
    winners = [r for r in results[:2] if isinstance(r, str)]
    losers = [r for r in results[:2] if isinstance(r, SlotUnavailable)]
    assert len(winners) == 1 and len(losers) == 1, results
    with database.sessions() as session:
        rows = session.scalars(
            select(Appointment)
            .where(Appointment.status.in_(ACTIVE_STATUSES))
            .order_by(Appointment.blocked_from)
        ).all()
        for before, after in pairwise(rows):
            assert before.blocked_until <= after.blocked_from
