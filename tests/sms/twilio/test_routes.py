"""Twilio's webhooks over real HTTP with real signatures: replies confirm, cancel, opt out,
name the caller or reach a person; delivery statuses update the message; forgeries are kept
and refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from frontdesk.calls.models import Call, CallEvent
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.messaging.models import Message, SmsOptOut
from frontdesk.scheduling.models import Appointment
from frontdesk.settings import Settings
from frontdesk.simulator.local import serve_locally
from frontdesk.sms.twilio.local_server import LocalTwilio, incoming_sms_params, signed_form_post
from frontdesk.tenancy import service as tenancy_service
from tests.conversations.helpers import (
    MOBILE,
    PRACTICE_NUMBER,
    Clock,
    Loop,
    book_call,
    load_practice,
    local_twilio,
    weekday_ahead,
)
from tests.identity.helpers import customer

AUTH_TOKEN = "twilio-test-token-0123456789abcdef"
ACCOUNT = "AC" + "0" * 32


@pytest.fixture(scope="module")
def sms_server(settings: Settings, migrated_database: Database) -> Iterator[str]:
    configured = settings.model_copy(
        update={
            "twilio_account_sid": ACCOUNT,
            "twilio_auth_token": AUTH_TOKEN,
            "twilio_from_number": PRACTICE_NUMBER,
        }
    )
    with serve_locally(configured, migrated_database) as url:
        yield url


@pytest.fixture
def base(sms_server: str, database: Database) -> str:
    return sms_server


@pytest.fixture
def twilio() -> Iterator[LocalTwilio]:
    with local_twilio(account_sid=ACCOUNT, auth_token=AUTH_TOKEN) as server:
        yield server


def reply(
    base: str, body: str, *, sender: str = MOBILE, to: str = PRACTICE_NUMBER
) -> httpx.Response:
    params = incoming_sms_params(ACCOUNT, sender, to, body)
    url = f"{base}/sms/twilio"
    headers, content = signed_form_post(url, params, AUTH_TOKEN)
    return httpx.post(url, headers=headers, content=content, timeout=10)


@pytest.fixture
def loop(database: Database, twilio: LocalTwilio) -> Loop:
    # The webhook reads the real clock: appointments lie ahead of it.
    return Loop(
        database=database,
        practice=load_practice(database),
        twilio=twilio,
        clock=Clock(datetime.now(UTC)),
    )


def _booked(loop: Loop, *, start: datetime | None = None, **options: object) -> int:
    with loop.database.unit_of_work() as session:
        appointment_id = book_call(
            session,
            loop.practice,
            start=start or weekday_ahead(loop.clock.now),
            now=loop.clock.now,
            **options,  # type: ignore[arg-type]
        ).id
    loop.run_due()  # the confirmation goes out: the conversation exists
    return appointment_id


def _appointment(database: Database, appointment_id: int) -> Appointment:
    with database.unit_of_work() as session:
        found = session.get(Appointment, appointment_id)
        assert found is not None
        return found


def test_ja_confirms_the_pending_appointment(base: str, loop: Loop) -> None:
    appointment_id = _booked(loop, known_customer=False)
    assert _appointment(loop.database, appointment_id).status == "pending_confirmation"
    answer = reply(base, "Ja")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/xml")
    assert "<Message>" in answer.text and "bestätigt" in answer.text
    assert _appointment(loop.database, appointment_id).status == "confirmed"


def test_absagen_cancels_frees_the_slot_and_sends_no_second_note(base: str, loop: Loop) -> None:
    appointment_id = _booked(loop)
    answer = reply(base, "ABSAGEN")
    assert "abgesagt" in answer.text
    assert _appointment(loop.database, appointment_id).status == "cancelled"
    loop.run_due()
    assert len(loop.sent()) == 1  # the confirmation; the answer was the cancellation notice
    with loop.database.unit_of_work() as session:
        active = session.scalars(select(Appointment).where(Appointment.status != "cancelled"))
        assert active.all() == []


def test_stop_opts_out_of_every_later_message(base: str, loop: Loop) -> None:
    _booked(loop)
    answer = reply(base, "STOP")
    assert answer.status_code == 200 and "<Message>" not in answer.text
    with loop.database.unit_of_work() as session:
        assert session.scalars(select(SmsOptOut)).one().number == MOBILE
        book_call(
            session,
            loop.practice,
            start=weekday_ahead(loop.clock.now) + timedelta(hours=1),
            now=loop.clock.now,
        )
    loop.run_due()
    assert len(loop.sent()) == 1


def test_a_name_by_reply_identifies_the_caller_and_confirms(base: str, loop: Loop) -> None:
    appointment_id = _booked(loop, number=None, known_customer=False, given_number=MOBILE)
    answer = reply(base, "Maria Schulz")
    assert answer.status_code == 200 and "<Message>" in answer.text
    appointment = _appointment(loop.database, appointment_id)
    assert appointment.status == "confirmed"
    with loop.database.unit_of_work() as session:
        call = session.get(Call, appointment.call_id)
        assert call is not None and call.link_method == "sms_reply"
        customer = session.get(Customer, call.customer_id)
        assert customer is not None and customer.last_name == "Schulz"


def test_a_name_by_reply_links_an_existing_customer(base: str, loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        existing_id = customer(
            session, loop.practice.company_id, "Maria", "Schulz", phone_e164=MOBILE
        ).id
    appointment_id = _booked(loop, number=None, known_customer=False, given_number=MOBILE)
    reply(base, "Maria Schulz")
    appointment = _appointment(loop.database, appointment_id)
    with loop.database.unit_of_work() as session:
        call = session.get(Call, appointment.call_id)
        assert call is not None
        assert (call.link_status, call.customer_id, call.link_method) == (
            "linked",
            existing_id,
            "sms_reply",
        )


def test_anything_else_reaches_a_person_with_the_text(base: str, loop: Loop) -> None:
    _booked(loop)
    answer = reply(base, "Kann ich auch erst um 16 Uhr kommen?")
    assert "<Message>" in answer.text
    with loop.database.unit_of_work() as session:
        item = session.scalars(select(ReviewItem).where(ReviewItem.reason == "sms_reply")).one()
        assert item.details["text"] == "Kann ich auch erst um 16 Uhr kommen?"


def test_a_repeated_reply_is_handled_once(base: str, loop: Loop) -> None:
    _booked(loop, known_customer=False)
    params = incoming_sms_params(ACCOUNT, MOBILE, PRACTICE_NUMBER, "Ja")
    url = f"{base}/sms/twilio"
    headers, content = signed_form_post(url, params, AUTH_TOKEN)
    first = httpx.post(url, headers=headers, content=content)
    second = httpx.post(url, headers=headers, content=content)
    assert "<Message>" in first.text and "<Message>" not in second.text
    with loop.database.unit_of_work() as session:
        inbound = session.scalars(select(Message).where(Message.direction == "inbound"))
        assert len(inbound.all()) == 1


def test_a_forged_request_is_kept_and_refused(base: str, loop: Loop) -> None:
    params = incoming_sms_params(ACCOUNT, MOBILE, PRACTICE_NUMBER, "ABSAGEN")
    url = f"{base}/sms/twilio"
    headers, content = signed_form_post(url, params, "not-the-token")
    answer = httpx.post(url, headers=headers, content=content)
    assert answer.status_code == 403 and answer.json()["error"] == "invalid_signature"
    with loop.database.unit_of_work() as session:
        event = session.scalars(select(CallEvent).where(CallEvent.provider == "twilio")).one()
        assert event.status == "rejected" and b"ABSAGEN" in event.body


def test_a_reply_never_touches_another_practice(base: str, loop: Loop) -> None:
    appointment_id = _booked(loop, known_customer=False)
    with loop.database.unit_of_work() as session:
        other = tenancy_service.create(session=session, name="Andere Praxis")
        tenancy_service.add_number(session=session, company_id=other.id, number="+4989555000222")
    answer = reply(base, "ABSAGEN", to="+4989555000222")
    assert "kein" in answer.text.lower()  # nothing open at that practice
    assert _appointment(loop.database, appointment_id).status == "pending_confirmation"


def test_status_callbacks_move_the_message_and_a_lost_confirmation_opens_review(
    base: str, loop: Loop
) -> None:
    _booked(loop)
    with loop.database.unit_of_work() as session:
        message = session.scalars(select(Message)).one()
        sid = message.provider_id
    url = f"{base}/sms/twilio/status"
    for status in ("sent", "undelivered", "sent"):  # the late "sent" must not move it back
        params = {"MessageSid": sid, "MessageStatus": status, "AccountSid": ACCOUNT}
        if status == "undelivered":
            params["ErrorCode"] = "30005"
        headers, content = signed_form_post(url, params, AUTH_TOKEN)
        assert httpx.post(url, headers=headers, content=content).status_code == 204
    with loop.database.unit_of_work() as session:
        message = session.scalars(select(Message)).one()
        assert (message.status, message.error_code) == ("undelivered", "30005")
        assert session.scalars(select(ReviewItem).where(ReviewItem.reason == "sms_failed")).one()
