"""Booking: never blocked, confirmed or pending, idempotent, never double; cancel, reschedule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.followup.models import ReviewItem
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.errors import InvalidSlot, SchedulingError, SlotUnavailable
from frontdesk.scheduling.models import Appointment, Service, SlotHold, Staff
from frontdesk.scheduling.schemas import AppointmentRead
from frontdesk.scheduling.slots import SlotWish, encode_slot_id
from tests.scheduling.conftest import NOW, Practice, load_text, make_customer

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY_9 = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
TUESDAY = SlotWish(date(2026, 12, 1), date(2026, 12, 1))


def book(session: Session, practice: Practice, **kwargs: object) -> Appointment:
    arguments: dict[str, object] = {"service": "Beratung", "start": TUESDAY_9, "now": NOW}
    arguments.update(kwargs)
    return scheduling.book(session=session, company_id=practice.company_id, **arguments)  # type: ignore[arg-type]


def review_items(session: Session, call_id: int) -> list[ReviewItem]:
    return list(session.scalars(select(ReviewItem).where(ReviewItem.call_id == call_id)))


def test_booking_without_any_customer_is_pending_with_review_item(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    call = new_call()
    appointment = book(session, practice, call_id=call.id)
    assert appointment.id is not None
    assert appointment.status == "pending_confirmation"
    assert appointment.customer_id is None
    [item] = review_items(session, call.id)
    assert item.reason == "pending_confirmation" and item.priority == 1 and item.status == "open"
    assert item.details["appointment_ids"] == [appointment.id]


def test_provisional_customer_is_pending_active_customer_confirmed(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    provisional = make_customer(session, practice.company_id, status="provisional")
    call = new_call(customer=provisional)
    pending = book(session, practice, call_id=call.id, for_name="Paul Kranz")
    assert pending.status == "pending_confirmation"
    assert pending.customer_id == provisional.id and pending.booked_for_name == "Paul Kranz"
    active = make_customer(session, practice.company_id, status="active")
    call2 = new_call(customer=active)
    confirmed = book(session, practice, call_id=call2.id, start=TUESDAY_9 + timedelta(hours=1))
    assert confirmed.status == "confirmed" and review_items(session, call2.id) == []


@pytest.mark.parametrize(
    ("link_status", "confidence", "status"),
    [
        ("linked", 0.95, "confirmed"),
        ("linked", 95.0, "confirmed"),  # percent, as the old system stored it
        ("linked", 0.6, "pending_confirmation"),
        ("pending_review", 0.8, "pending_confirmation"),
    ],
)
def test_confidence_of_the_call_link_decides(
    session: Session,
    practice: Practice,
    new_call: Callable[..., Call],
    link_status: str,
    confidence: float,
    status: str,
) -> None:
    customer = make_customer(session, practice.company_id, status="active")
    call = new_call(customer=customer, link_status=link_status, link_confidence=confidence)
    assert book(session, practice, call_id=call.id).status == status


def test_same_request_again_returns_the_same_appointment(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    call = new_call()
    first = book(session, practice, call_id=call.id)
    again = book(session, practice, call_id=call.id)
    by_slot = book(session, practice, call_id=call.id, slot_id=encode_slot_id(
        first.staff_id, first.service_id, first.starts_at
    ), service=None, start=None)  # fmt: skip
    assert first.id == again.id == by_slot.id
    assert session.scalars(select(Appointment)).all() == [first]
    assert len(review_items(session, call.id)) == 1


def test_a_taken_slot_raises_with_alternatives(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    book(session, practice, call_id=new_call().id, staff="sommer")
    with pytest.raises(SlotUnavailable) as caught:
        book(session, practice, call_id=new_call().id, staff="sommer")
    alternatives = caught.value.alternatives
    assert 0 < len(alternatives) <= 3
    assert all(a.starts_at != TUESDAY_9 for a in alternatives)
    assert alternatives[0].local_start.date() == TUESDAY_9.date()


def test_outside_hours_and_foreign_slots_are_refused(session: Session, practice: Practice) -> None:
    with pytest.raises(SlotUnavailable):
        book(session, practice, start=TUESDAY_9.replace(hour=20), confidence=1.0)
    with pytest.raises(SlotUnavailable):
        book(session, practice, start=NOW, confidence=1.0)  # inside the minimum notice
    other = load_text(
        session,
        "company: {name: Andere Praxis}\n"
        "services: [{name: Beratung, duration_minutes: 30}]\n"
        "staff: [{name: Max, services: [Beratung], hours: {di: '08:00-12:00'}}]\n",
    )
    theirs = session.scalars(
        select(Appointment.staff_id).where(Appointment.company_id == other.company_id)
    ).all()
    assert theirs == []
    staff = session.scalars(select(Staff).where(Staff.company_id == other.company_id)).one()
    service = session.scalars(select(Service).where(Service.company_id == other.company_id)).one()
    with pytest.raises(InvalidSlot):
        book(session, practice, slot_id=encode_slot_id(staff.id, service.id, TUESDAY_9))
    with pytest.raises(InvalidSlot):
        book(session, practice, slot_id="morgen um neun")


def test_database_refuses_overlap_even_without_the_service(
    session: Session, practice: Practice
) -> None:
    first = book(session, practice, confidence=1.0)
    session.commit()
    clash = Appointment(
        company_id=practice.company_id,
        service_id=first.service_id,
        staff_id=first.staff_id,
        starts_at=first.starts_at + timedelta(minutes=15),
        ends_at=first.ends_at + timedelta(minutes=15),
        blocked_from=first.blocked_from + timedelta(minutes=15),
        blocked_until=first.blocked_until + timedelta(minutes=15),
        status="pending_confirmation",
    )
    session.add(clash)
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    # Cancelled ones do not count; touching ranges do not overlap.
    clash.status = "cancelled"
    session.add(clash)
    session.flush()
    session.execute(text("SELECT 1"))
    adjacent = Appointment(
        company_id=practice.company_id,
        service_id=first.service_id,
        staff_id=first.staff_id,
        starts_at=first.ends_at,
        ends_at=first.ends_at + timedelta(minutes=30),
        blocked_from=first.blocked_until,
        blocked_until=first.blocked_until + timedelta(minutes=30),
        status="confirmed",
    )
    session.add(adjacent)
    session.flush()
    # Re-activating the cancelled one is refused too.
    clash.status = "confirmed"
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_cancel_frees_the_slot_and_is_idempotent(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    call = new_call()
    appointment = book(session, practice, call_id=call.id, staff="sommer")
    cancelled = scheduling.cancel(
        session=session, company_id=practice.company_id, appointment_id=appointment.id, now=NOW
    )
    assert cancelled.status == "cancelled" and cancelled.cancelled_at == NOW
    again = scheduling.cancel(
        session=session, company_id=practice.company_id, appointment_id=appointment.id, now=NOW
    )
    assert again.id == appointment.id
    rebooked = book(session, practice, call_id=call.id, staff="sommer")
    assert rebooked.id != appointment.id and rebooked.status == "pending_confirmation"


def test_reschedule_moves_atomically(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    customer = make_customer(session, practice.company_id)
    call = new_call(customer=customer)
    old = book(session, practice, call_id=call.id, staff="sommer")
    blocker = book(session, practice, call_id=new_call().id, start=TUESDAY_9 + timedelta(hours=2))
    with pytest.raises(SlotUnavailable) as caught:
        scheduling.reschedule(
            session=session,
            company_id=practice.company_id,
            appointment_id=old.id,
            start=blocker.starts_at,
            now=NOW,
        )
    assert caught.value.alternatives
    session.refresh(old)
    assert old.status == "confirmed" and old.replaced_by_id is None
    # Fifteen minutes later overlaps the old range of the same appointment: allowed.
    later = TUESDAY_9 + timedelta(minutes=30)
    new = scheduling.reschedule(
        session=session, company_id=practice.company_id, appointment_id=old.id, start=later, now=NOW
    )
    assert new.id != old.id and new.status == "confirmed" and new.customer_id == customer.id
    assert new.starts_at == later and new.staff_id == old.staff_id
    assert old.status == "rescheduled" and old.replaced_by_id == new.id
    repeat = scheduling.reschedule(
        session=session, company_id=practice.company_id, appointment_id=old.id, start=later, now=NOW
    )
    assert repeat.id == new.id
    upcoming = scheduling.upcoming_for_customer(
        session=session, company_id=practice.company_id, customer_id=customer.id, now=NOW
    )
    assert [a.id for a in upcoming] == [new.id]
    nxt = scheduling.next_appointment_for(
        session=session, company_id=practice.company_id, customer_id=customer.id, now=NOW
    )
    assert nxt is not None and nxt.id == new.id
    read = AppointmentRead.of(nxt, "Europe/Berlin", NOW)
    assert read.spoken == "morgen, Dienstag, den 1. Dezember, um 9 Uhr 30"
    with pytest.raises(SchedulingError):
        scheduling.cancel(
            session=session, company_id=practice.company_id, appointment_id=old.id, now=NOW
        )


def test_each_offered_slot_names_the_hold_row_of_that_slot_and_asking_again_extends_them(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    call = new_call()

    def offer(now: datetime) -> scheduling.Availability:
        return scheduling.check_availability(
            session=session,
            company_id=practice.company_id,
            service="Beratung",
            wish=TUESDAY,
            call_id=call.id,
            now=now,
        )

    first = offer(NOW)
    for slot in first.slots:
        row = session.get(SlotHold, slot.hold_id)
        assert row is not None and row.call_id == call.id
        assert encode_slot_id(row.staff_id, row.service_id, row.starts_at) == slot.slot_id
    later = NOW + timedelta(seconds=60)
    again = offer(later)
    assert [s.hold_id for s in again.slots] == [s.hold_id for s in first.slots]
    assert all(s.held_until == later + timedelta(seconds=120) for s in again.slots)
    rows = session.scalars(select(SlotHold).where(SlotHold.call_id == call.id)).all()
    assert len(rows) == len(first.slots)  # extended, not held twice


def test_holds_keep_a_slot_for_the_call_until_booked_released_or_expired(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    first, second = new_call(), new_call()
    offer = scheduling.check_availability(
        session=session,
        company_id=practice.company_id,
        service="Beratung",
        wish=TUESDAY,
        call_id=first.id,
        now=NOW,
    )
    held = {s.slot_id for s in offer.slots}
    assert len(held) == 3 and all(s.hold_id for s in offer.slots)
    assert offer.slots[0].held_until == NOW + timedelta(seconds=120)
    other = scheduling.check_availability(
        session=session,
        company_id=practice.company_id,
        service="Beratung",
        wish=TUESDAY,
        call_id=second.id,
        now=NOW,
        hold=False,
    )
    assert held.isdisjoint(s.slot_id for s in other.slots)
    with pytest.raises(SlotUnavailable):
        book(session, practice, call_id=second.id, slot_id=offer.slots[0].slot_id, service=None)
    mine = scheduling.check_availability(
        session=session,
        company_id=practice.company_id,
        service="Beratung",
        wish=TUESDAY,
        call_id=first.id,
        now=NOW,
    )
    assert [s.slot_id for s in mine.slots] == [s.slot_id for s in offer.slots]
    # Expired: another call sees and books it.
    later = NOW + timedelta(seconds=121)
    after = scheduling.check_availability(
        session=session,
        company_id=practice.company_id,
        service="Beratung",
        wish=TUESDAY,
        call_id=second.id,
        now=later,
    )
    assert offer.slots[0].slot_id == after.slots[0].slot_id
    booked = book(
        session,
        practice,
        call_id=second.id,
        slot_id=after.slots[0].slot_id,
        service=None,
        now=later,
    )
    live = session.scalars(
        select(SlotHold).where(SlotHold.call_id == second.id, SlotHold.released_at.is_(None))
    ).all()
    assert booked.id and live == []  # booking released the call's holds
    released = scheduling.release_holds_for_call(
        session=session, company_id=practice.company_id, call_id=first.id, now=later
    )
    assert released == 3
    assert scheduling.release_expired_holds(session=session, now=later) == 0


def test_a_booked_row_names_its_service_and_staff_without_another_query(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    """The reply reads both: they come loaded with the row the booking inserted."""
    from sqlalchemy import event

    call = new_call()
    appointment = book(session, practice, call_id=call.id)
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        sent.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        names = (appointment.service.name, appointment.staff.name)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert sent == []
    assert appointment.service.id == appointment.service_id
    assert appointment.staff.id == appointment.staff_id
    assert names[0] == "Beratung" and names[1]
    session.flush()
    session.expire(appointment)
    assert (appointment.service.name, appointment.staff.name) == names  # as stored
