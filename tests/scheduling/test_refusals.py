"""A refused start explained (each reason) and the nearest free slots; undoing a cancellation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from frontdesk.scheduling import absences, lookup, refusals, restore
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.errors import SlotUnavailable
from frontdesk.scheduling.models import CONFIRMED, DateOverride, Service, Staff
from frontdesk.scheduling.refusals import Reason
from frontdesk.tenancy.models import Company
from tests.scheduling.conftest import NOW, Practice, make_customer

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY = date(2026, 12, 1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def parts(session: Session, practice: Practice) -> tuple[Company, Service, Staff, Staff]:
    company = practice.company(session)
    service = lookup.get_service_or_raise(
        session=session, company_id=company.id, service="Beratung"
    )
    sommer = lookup.get_staff_or_raise(session=session, company_id=company.id, staff="sommer")
    winter = lookup.get_staff_or_raise(session=session, company_id=company.id, staff="winter")
    return company, service, sommer, winter


def why(
    session: Session, practice: Practice, start: datetime, staff: str = "sommer", service: str = ""
) -> refusals.Refusal:
    company, beratung, sommer, winter = parts(session, practice)
    chosen = (
        lookup.get_service_or_raise(session=session, company_id=company.id, service=service)
        if service
        else beratung
    )
    return refusals.why_not_bookable(
        session=session,
        company=company,
        service=chosen,
        member=sommer if staff == "sommer" else winter,
        start=start,
        now=NOW,
    )


def test_each_reason_is_found(session: Session, practice: Practice) -> None:
    monday = NOW.astimezone(BERLIN).date()
    assert why(session, practice, at(monday, 7)).reason is Reason.PAST
    assert why(session, practice, at(monday, 8, 30)).reason is Reason.TOO_SOON
    assert why(session, practice, at(TUESDAY + timedelta(days=40), 9)).reason is (
        Reason.BEYOND_HORIZON
    )
    assert why(session, practice, at(TUESDAY, 9), service="pzr", staff="winter").reason is (
        Reason.NOT_OFFERED
    )
    late = why(session, practice, at(TUESDAY, 11, 45))  # would end at 12:15, after the hours
    assert late.reason is Reason.OUTSIDE_HOURS
    assert [(lo.strftime("%H:%M"), hi.strftime("%H:%M")) for lo, hi in late.hours] == [
        ("08:00", "12:00")
    ]
    assert why(session, practice, at(TUESDAY, 9, 10)).reason is Reason.OFF_GRID
    off_day = why(session, practice, at(TUESDAY, 15), staff="winter")  # Winter: Mo and Mi only
    assert off_day.reason is Reason.OUTSIDE_HOURS and not off_day.hours
    assert why(session, practice, at(TUESDAY, 9)).reason is Reason.TAKEN  # rules allow it


def test_closed_days_and_absences_say_why(session: Session, practice: Practice) -> None:
    company, _, sommer, _ = parts(session, practice)
    wednesday = TUESDAY + timedelta(days=1)
    session.add(
        DateOverride(company_id=company.id, staff_id=None, day=TUESDAY, closed=True, note="Umzug")
    )
    absences.add_absence(
        session=session,
        company_id=company.id,
        staff=sommer.id,
        first_day=wednesday,
        last_day=wednesday,
        note="Fortbildung",
    )
    session.flush()
    closed = why(session, practice, at(TUESDAY, 9))
    assert (closed.reason, closed.note) == (Reason.CLOSED, "Umzug")
    absent = why(session, practice, at(wednesday, 9))
    assert (absent.reason, absent.note) == (Reason.ABSENT, "Fortbildung")


def nearest(session: Session, practice: Practice, around: datetime) -> list[str]:
    company, service, sommer, _ = parts(session, practice)
    found = refusals.nearest_free_slots(
        session=session, company=company, service=service, staff=[sommer], around=around, now=NOW
    )
    return [s.local_start.strftime("%a %H:%M") for s in found]


def test_nearest_free_slots_lie_on_both_sides_and_skip_taken_ones(
    session: Session, practice: Practice
) -> None:
    company, _, sommer, _ = parts(session, practice)
    customer = make_customer(session, company.id)
    for hour, minute in ((9, 0), (9, 30), (10, 30)):
        scheduling.book(
            session=session,
            company_id=company.id,
            customer_id=customer.id,
            service="Beratung",
            staff=sommer.id,
            start=at(TUESDAY, hour, minute),
            confidence=1.0,
            now=NOW,
        )
    # Step 30 min: 10:00 and 08:30 are the free neighbours; 08:00 and 11:00 tie, earlier wins.
    assert nearest(session, practice, at(TUESDAY, 9, 30)) == ["Tue 08:00", "Tue 08:30", "Tue 10:00"]


def test_nearest_free_slots_cross_days_after_hours_and_from_the_past(
    session: Session, practice: Practice
) -> None:
    # 22:00 on Tuesday: Wednesday's first starts and Tuesday's last one are nearest.
    assert nearest(session, practice, at(TUESDAY, 22)) == ["Tue 11:30", "Wed 08:00", "Wed 08:30"]
    # A start in the past: the first starts after the minimum notice.
    monday = NOW.astimezone(BERLIN).date()
    assert nearest(session, practice, at(monday, 6)) == ["Mon 09:00", "Mon 09:30", "Mon 10:00"]


def test_a_full_week_searches_further(session: Session, practice: Practice) -> None:
    company, _, sommer, _ = parts(session, practice)
    for offset in range(-1, 9):  # Monday (today) to Wednesday next week
        day = TUESDAY + timedelta(days=offset)
        session.add(DateOverride(company_id=company.id, staff_id=sommer.id, day=day, closed=True))
    session.flush()
    found = nearest(session, practice, at(TUESDAY, 9))
    assert found == ["Thu 08:00", "Thu 08:30", "Thu 09:00"]  # 10 December, after the closure


def _booked(session: Session, practice: Practice, start: datetime) -> int:
    company, _, sommer, _ = parts(session, practice)
    appointment = scheduling.book(
        session=session,
        company_id=company.id,
        customer_id=make_customer(session, company.id).id,
        service="Beratung",
        staff=sommer.id,
        start=start,
        confidence=1.0,
        now=NOW,
    )
    return appointment.id


def test_a_cancellation_is_undone_within_the_window_and_only_once(
    session: Session, practice: Practice
) -> None:
    first = _booked(session, practice, at(TUESDAY, 9))
    cancelled = scheduling.cancel(
        session=session, company_id=practice.company_id, appointment_id=first, now=NOW
    )
    assert restore.undo_deadline(cancelled) == NOW + restore.UNDO_WINDOW
    later = NOW + timedelta(minutes=5)
    again = restore.restore_cancelled(
        session=session, company_id=practice.company_id, appointment_id=first, now=later
    )
    assert again.id != first and again.status == CONFIRMED
    assert (again.starts_at, again.customer_id) == (cancelled.starts_at, cancelled.customer_id)
    twice = restore.restore_cancelled(
        session=session,
        company_id=practice.company_id,
        appointment_id=first,
        now=later + timedelta(minutes=10),  # a repeated click after the window
    )
    assert twice.id == again.id


def test_undo_is_refused_when_late_or_the_slot_was_given_away(
    session: Session, practice: Practice
) -> None:
    first = _booked(session, practice, at(TUESDAY, 9))
    scheduling.cancel(
        session=session, company_id=practice.company_id, appointment_id=first, now=NOW
    )
    with pytest.raises(restore.UndoExpired):
        restore.restore_cancelled(
            session=session,
            company_id=practice.company_id,
            appointment_id=first,
            now=NOW + timedelta(minutes=11),
        )
    second = _booked(session, practice, at(TUESDAY, 10))
    scheduling.cancel(
        session=session, company_id=practice.company_id, appointment_id=second, now=NOW
    )
    _booked(session, practice, at(TUESDAY, 10))  # someone else took the freed slot
    with pytest.raises(SlotUnavailable):
        restore.restore_cancelled(
            session=session,
            company_id=practice.company_id,
            appointment_id=second,
            now=NOW + timedelta(minutes=1),
        )
    with pytest.raises(restore.UndoExpired):  # an active appointment is no cancellation
        restore.restore_cancelled(
            session=session,
            company_id=practice.company_id,
            appointment_id=_booked(session, practice, at(TUESDAY, 11)),
            now=NOW,
        )
