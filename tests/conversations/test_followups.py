"""Confirmations, moved and cancelled notes, reminders: each SMS once, at an allowed hour,
through the real Twilio SDK against a local Twilio-compatible server."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.jobs.models import Job
from frontdesk.messaging import service as messaging
from frontdesk.messaging.models import Message
from frontdesk.messaging.timing import QuietHours
from frontdesk.scheduling import booking
from frontdesk.scheduling import service as scheduling
from tests.conversations.helpers import (
    BERLIN,
    LANDLINE,
    MOBILE,
    PRACTICE_NUMBER,
    TUESDAY_9,
    Loop,
    book_call,
    load_practice,
    local_twilio,
)


def _messages(database: Database) -> list[Message]:
    with database.unit_of_work() as session:
        return list(session.scalars(select(Message).order_by(Message.id)))


def test_a_booking_sends_one_confirmation_however_often_the_jobs_run(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        book_call(session, loop.practice)
    loop.run_due()
    loop.run_due()
    sent = loop.sent()
    assert len(sent) == 1
    assert sent[0]["To"] == MOBILE and sent[0]["From"] == PRACTICE_NUMBER
    assert "Dienstag, 01.12.2026" in sent[0]["Body"] and "09:00 Uhr" in sent[0]["Body"]
    assert "Beratung" in sent[0]["Body"] and "Testpraxis" in sent[0]["Body"]
    assert "Namen" not in sent[0]["Body"]  # confirmed: nothing to answer
    (message,) = _messages(loop.database)
    assert message.purpose == "confirmation" and message.status == "queued"
    assert message.provider_id and message.segments and message.segments <= 2


def test_a_pending_booking_asks_for_the_name_by_reply(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        book_call(session, loop.practice, known_customer=False)
    loop.run_due()
    (sent,) = loop.sent()
    assert "Antworten Sie mit Ihrem Namen, um den Termin zu bestätigen." in sent["Body"]
    assert "vorgemerkt" in sent["Body"]


def test_a_withheld_caller_who_gave_a_mobile_number_gets_the_sms(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        book_call(session, loop.practice, number=None, known_customer=False, given_number=MOBILE)
    loop.run_due()
    assert [s["To"] for s in loop.sent()] == [MOBILE]


def test_a_landline_gets_no_sms_and_the_pending_review_item_says_so(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        appointment = book_call(session, loop.practice, number=LANDLINE, known_customer=False)
        call_id = appointment.call_id
    loop.run_due()
    assert loop.sent() == []
    with loop.database.unit_of_work() as session:
        item = session.scalars(select(ReviewItem).where(ReviewItem.call_id == call_id)).one()
        assert "Mobilnummer" in item.details["sms"]


def test_without_credentials_sms_is_off_and_the_review_item_says_so(loop: Loop) -> None:
    loop.sms_on = False
    with loop.database.unit_of_work() as session:
        call_id = book_call(session, loop.practice, known_customer=False).call_id
    loop.run_due()
    assert loop.sent() == []
    (message,) = _messages(loop.database)
    assert message.status == "skipped" and message.error == "sms_off"
    with loop.database.unit_of_work() as session:
        item = session.scalars(select(ReviewItem).where(ReviewItem.call_id == call_id)).one()
        assert "nicht eingerichtet" in item.details["sms"]


def test_quiet_hours_hold_the_message_until_morning(loop: Loop) -> None:
    loop.quiet = QuietHours(time(20, 0), time(8, 0))
    loop.clock.now = datetime(2026, 11, 30, 21, 30, tzinfo=BERLIN).astimezone(UTC)
    with loop.database.unit_of_work() as session:
        book_call(session, loop.practice)
    loop.run_due()
    assert loop.sent() == []
    (message,) = _messages(loop.database)
    assert message.status == "held"
    loop.clock.now = datetime(2026, 12, 1, 7, 59, tzinfo=BERLIN).astimezone(UTC)
    loop.run_due()
    assert loop.sent() == []
    loop.clock.now = datetime(2026, 12, 1, 8, 0, tzinfo=BERLIN).astimezone(UTC)
    loop.run_due()
    assert len(loop.sent()) == 1


def test_the_reminder_goes_out_the_evening_before_once(loop: Loop) -> None:
    start = TUESDAY_9 + timedelta(days=7)
    with loop.database.unit_of_work() as session:
        appointment_id = book_call(session, loop.practice, start=start).id
    loop.run_due()
    with loop.database.unit_of_work() as session:
        reminder = session.scalars(select(Job).where(Job.kind == "sms.reminder")).one()
        assert reminder.run_at == datetime(2026, 12, 7, 18, 0, tzinfo=BERLIN)
        assert reminder.payload["appointment_id"] == appointment_id
    loop.clock.now = datetime(2026, 12, 7, 17, 59, tzinfo=BERLIN).astimezone(UTC)
    loop.run_due()
    assert len(loop.sent()) == 1  # the confirmation only
    loop.clock.now = datetime(2026, 12, 7, 18, 0, tzinfo=BERLIN).astimezone(UTC)
    loop.run_due()
    loop.run_due()
    bodies = [s["Body"] for s in loop.sent()]
    assert len(bodies) == 2 and "Antworten Sie ABSAGEN, um abzusagen." in bodies[1]


def test_a_cancelled_appointment_gets_a_cancellation_and_no_reminder(loop: Loop) -> None:
    start = TUESDAY_9 + timedelta(days=7)
    with loop.database.unit_of_work() as session:
        appointment = book_call(session, loop.practice, start=start)
    loop.run_due()
    with loop.database.unit_of_work() as session:
        scheduling.cancel(
            session=session, company_id=loop.practice.company_id, appointment_id=appointment.id
        )
    loop.run_due()
    loop.clock.now = datetime(2026, 12, 7, 18, 30, tzinfo=BERLIN).astimezone(UTC)
    loop.run_due()
    purposes = [m.purpose for m in _messages(loop.database)]
    assert purposes == ["confirmation", "cancelled"]
    assert len(loop.sent()) == 2


def test_a_moved_appointment_gets_its_own_message(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        appointment = book_call(session, loop.practice)
    loop.run_due()
    with loop.database.unit_of_work() as session:
        booking.reschedule(
            session=session,
            company_id=loop.practice.company_id,
            appointment_id=appointment.id,
            start=TUESDAY_9 + timedelta(hours=1),
            now=loop.clock(),
        )
    loop.run_due()
    bodies = [s["Body"] for s in loop.sent()]
    assert len(bodies) == 2 and "10:00 Uhr" in bodies[1]


def test_a_refused_number_fails_for_good_and_opens_review(database: Database) -> None:
    refused = {MOBILE: (400, 21211, "The 'To' number is not a valid phone number.")}
    with local_twilio(fail_numbers=refused) as twilio:
        loop = Loop(database=database, practice=load_practice(database), twilio=twilio)
        with database.unit_of_work() as session:
            book_call(session, loop.practice)
        loop.run_due()
    (message,) = _messages(database)
    assert message.status == "failed" and message.error_code == "21211"
    with database.unit_of_work() as session:
        item = session.scalars(select(ReviewItem).where(ReviewItem.reason == "sms_failed")).one()
        assert item.details["message_id"] == message.id


def test_a_provider_outage_is_retried_and_sends_once(database: Database) -> None:
    with local_twilio(fail_numbers={MOBILE: (503, 20500, "Service unavailable")}) as twilio:
        loop = Loop(database=database, practice=load_practice(database), twilio=twilio)
        with database.unit_of_work() as session:
            book_call(session, loop.practice)
        assert loop.run_due() == {"retry": 1}
        twilio.fail_numbers.clear()
        loop.clock.now = loop.clock.now + timedelta(minutes=5)
        loop.run_due()
        assert len([r for r in twilio.requests if r.method == "POST"]) == 2
    (message,) = _messages(database)
    assert message.status == "queued"


def test_a_worker_that_died_while_sending_never_sends_twice(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        book_call(session, loop.practice)
    with loop.database.unit_of_work() as session:
        # The state a SIGKILL between "sending" and the provider's answer leaves behind.
        job = session.scalars(select(Job)).one()
        draft = messaging.Draft(
            company_id=loop.practice.company_id,
            purpose="confirmation",
            dedupe_key=f"confirmation:appointment:{job.payload['appointment_id']}",
            number=MOBILE,
            practice_number=PRACTICE_NUMBER,
            body="x",
        )
        messaging.hold(session=session, draft=draft, status="sending")
    loop.run_due()
    assert loop.sent() == []
    (message,) = _messages(loop.database)
    assert message.status == "unknown"
    with loop.database.unit_of_work() as session:
        assert session.scalars(select(ReviewItem).where(ReviewItem.reason == "sms_failed")).one()


def test_an_opted_out_number_gets_nothing(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        messaging.opt_out(
            session=session, company_id=loop.practice.company_id, number=MOBILE, keyword="STOP"
        )
        book_call(session, loop.practice)
    loop.run_due()
    assert loop.sent() == []
    assert [(m.status, m.error) for m in _messages(loop.database)] == [("skipped", "opted_out")]
