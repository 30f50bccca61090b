"""The waiting list end to end: join by the live function's rules, a cancellation frees a slot,
the first matching person gets an SMS and a hold, JA books it, silence passes it on."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from frontdesk.conversations.sms_replies import IncomingSms, handle_incoming
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.models import Appointment
from frontdesk.scheduling.slots import SlotWish
from frontdesk.scheduling.waitlist import service as waitlist
from frontdesk.scheduling.waitlist.models import WaitlistEntry, WaitlistOffer
from tests.conversations.helpers import (
    PRACTICE_NUMBER,
    TUESDAY_9,
    Loop,
    book_call,
)

FIRST, SECOND = "+4917611110001", "+4917611110002"
TUESDAY = date(2026, 12, 1)


def _join(loop: Loop, number: str, **options: object) -> int:
    with loop.database.unit_of_work() as session:
        return waitlist.join(
            session=session,
            company_id=loop.practice.company_id,
            service="Beratung",
            first_day=TUESDAY,
            last_day=TUESDAY + timedelta(days=6),
            number=number,
            **options,  # type: ignore[arg-type]
        ).id


def _reply(loop: Loop, number: str, body: str, sid: str) -> str | None:
    with loop.database.unit_of_work() as session:
        outcome = handle_incoming(
            session=session,
            sms=IncomingSms(
                provider_id=sid, from_number=number, to_number=PRACTICE_NUMBER, body=body
            ),
            now=loop.clock(),
        )
        return outcome.answer


def _cancel(loop: Loop, appointment_id: int) -> None:
    with loop.database.unit_of_work() as session:
        scheduling.cancel(
            session=session,
            company_id=loop.practice.company_id,
            appointment_id=appointment_id,
            now=loop.clock(),
        )


def test_a_cancellation_is_offered_to_the_first_in_line_and_ja_books_it(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        taken = book_call(session, loop.practice, known_customer=True).id
    loop.run_due()
    first, second = _join(loop, FIRST), _join(loop, SECOND)
    _cancel(loop, taken)
    loop.run_due()
    offers = [s for s in loop.sent() if "frei geworden" in s["Body"]]
    assert [o["To"] for o in offers] == [FIRST]
    assert "Antworten Sie JA innerhalb von 30 Minuten" in offers[0]["Body"]
    with loop.database.unit_of_work() as session:  # held: nobody else is offered 09:00
        found = scheduling.check_availability(
            session=session,
            company_id=loop.practice.company_id,
            service="Beratung",
            wish=SlotWish(TUESDAY, TUESDAY, time(9, 0)),
            now=loop.clock(),
            hold=False,
        )
        assert all(s.starts_at != TUESDAY_9 for s in found.slots)
    answer = _reply(loop, FIRST, "Ja", "SMwl1")
    assert answer is not None and "gebucht" in answer
    with loop.database.unit_of_work() as session:
        entry = session.get(WaitlistEntry, first)
        assert entry is not None and entry.status == "booked"
        booked = session.get(Appointment, entry.appointment_id)
        assert booked is not None and booked.starts_at == TUESDAY_9
        assert booked.status in ("confirmed", "pending_confirmation")
        other = session.get(WaitlistEntry, second)
        assert other is not None and other.status == "waiting"


def test_silence_passes_the_slot_to_the_next_person(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        taken = book_call(session, loop.practice).id
    loop.run_due()
    _join(loop, FIRST)
    second = _join(loop, SECOND)
    _cancel(loop, taken)
    loop.run_due()
    loop.clock.now = loop.clock.now + timedelta(minutes=31)
    loop.run_due()
    offers = [s["To"] for s in loop.sent() if "frei geworden" in s["Body"]]
    assert offers == [FIRST, SECOND]
    late = _reply(loop, FIRST, "JA", "SMwl2")
    assert late is not None and "nicht mehr frei" not in late  # FIRST has no open offer now
    assert _reply(loop, SECOND, "ja", "SMwl3") is not None
    with loop.database.unit_of_work() as session:
        entry = session.get(WaitlistEntry, second)
        assert entry is not None and entry.status == "booked"
        statuses = sorted(o.status for o in session.scalars(select(WaitlistOffer)))
        assert statuses == ["accepted", "expired"]


def test_nobody_is_offered_a_slot_outside_their_wish(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        taken = book_call(session, loop.practice).id  # Tuesday 09:00
    loop.run_due()
    _join(loop, FIRST, time_from=time(14, 0), time_to=time(18, 0))  # afternoons only
    _cancel(loop, taken)
    loop.run_due()
    assert [s for s in loop.sent() if "frei geworden" in s["Body"]] == []


def test_a_simulated_day_with_cancellations_fills_freed_slots(loop: Loop) -> None:
    starts = [TUESDAY_9 + timedelta(minutes=30 * i) for i in range(6)]  # 09:00..11:30 Berlin
    with loop.database.unit_of_work() as session:
        booked = [
            book_call(session, loop.practice, number=f"+49176222200{i:02d}", start=start).id
            for i, start in enumerate(starts)
        ]
    loop.run_due()
    waiting = [f"+49176333300{i:02d}" for i in range(4)]
    for number in waiting:
        _join(loop, number)
    for appointment_id in booked[:3]:  # three patients cancel
        _cancel(loop, appointment_id)
    loop.run_due()
    for i, number in enumerate(waiting):
        _reply(loop, number, "JA", f"SMday{i}")
    loop.run_due()
    with loop.database.unit_of_work() as session:
        filled = session.scalars(
            select(Appointment).where(
                Appointment.starts_at.in_(starts[:3]), Appointment.status != "cancelled"
            )
        ).all()
        assert len(filled) == 3  # every freed slot went to someone on the list
        states = sorted(e.status for e in session.scalars(select(WaitlistEntry)))
        assert states == ["booked", "booked", "booked", "waiting"]
    assert datetime.now(UTC) > datetime(2026, 1, 1, tzinfo=UTC)
