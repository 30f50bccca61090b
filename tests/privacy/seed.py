"""A person whose data is spread over every table that can hold it, in practice A of the
dashboard seed; distinctive values so a scan of the whole database finds every trace."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

from sqlalchemy import insert
from sqlalchemy.orm import Session

from frontdesk.accounts import audit
from frontdesk.accounts import service as accounts_service
from frontdesk.calls.models import Call, CallEvent, EnrichmentStep, FunctionInvocation
from frontdesk.followup import service as followup_service
from frontdesk.identity import merging, records
from frontdesk.messaging.models import Message, SmsOptOut
from frontdesk.privacy.holdings import linked_table
from frontdesk.scheduling import booking
from tests.dashboard.seed import BERLIN, Seeded, next_monday

FIRST, LAST = "Hildegard", "Quastenberg"
NAME = f"{FIRST} {LAST}"
PHONE = "+4917612345678"
EMAIL = "hildegard.quastenberg@example.test"
BIRTH = date(1957, 3, 14)
PRACTICE_A = "+4930120045670"
PRACTICE_B = "+4940998877660"


def needles() -> tuple[str, ...]:
    """Every way the person may show up in a column (compared case-insensitively)."""
    return (
        FIRST,
        LAST,
        PHONE,
        PHONE.removeprefix("+49"),  # in any notation: 0176..., %2B49176..., 49176...
        EMAIL,
        BIRTH.isoformat(),
        BIRTH.strftime("%d.%m.%Y"),
        f"{BIRTH.day}.{BIRTH.month}.{BIRTH.year}",
    )


@dataclass
class Person:
    person_id: int  # the record the person lives in
    folded_id: int  # a provisional record merged into it
    call_id: int
    provider_call_id: str
    appointment_id: int
    event_keys: tuple[str, ...]
    message_ids: tuple[int, ...]


def _call(session: Session, own: Seeded, customer_id: int, started: datetime) -> Call:
    said = f"Guten Tag, {NAME} hier, geboren am {BIRTH:%d.%m.%Y}, Nummer {PHONE}."
    call = Call(
        provider="retell",
        provider_call_id="call_privacy_person",
        company_id=own.company_id,
        from_number_raw=PHONE,
        from_number_e164=PHONE,
        status="analyzed",
        started_at=started,
        ended_at=started + timedelta(minutes=3),
        duration_ms=180_000,
        customer_id=customer_id,
        link_status="linked",
        caller_name=NAME,
        booked_for_name=NAME,
        recording_url=f"https://recordings.example/{LAST}.wav",
        transcript=f"Agent: Wie ist Ihr Name?\nUser: {said}",
        transcript_object=[{"role": "user", "content": said}],
        analysis={"call_summary": f"{NAME} ({EMAIL}) möchte einen Termin."},
        created_at=started,
    )
    session.add(call)
    session.flush()
    return call


def _call_events(session: Session, call: Call) -> list[str]:
    keys = []
    for kind in ("call_ended", "call_analyzed"):
        details = {"call_id": call.provider_call_id, "from": PHONE, "transcript": call.transcript}
        payload = {"event": kind, "call": details}
        key = f"retell:{call.provider_call_id}:{kind}"
        session.add(
            CallEvent(
                provider="retell",
                dedupe_key=key,
                event_type=kind,
                provider_call_id=call.provider_call_id,
                body=json.dumps(payload).encode(),
                payload=payload,
                status="processed",
            )
        )
        keys.append(key)
    return keys


def _sms(session: Session, own: Seeded, person_id: int, call_id: int) -> tuple[list[int], str]:
    confirmation = Message(
        company_id=own.company_id,
        direction="outbound",
        purpose="confirmation",
        dedupe_key="confirmation:privacy",
        number=PHONE,
        practice_number=PRACTICE_A,
        body=f"Hallo {FIRST}, Ihr Termin ist gebucht.",
        status="delivered",
        provider_id="SMprivacyout",
        customer_id=person_id,
        call_id=call_id,
    )
    # Only the number ties this one to the person (nobody understood the reply).
    reply = Message(
        company_id=own.company_id,
        direction="inbound",
        purpose="incoming",
        number=PHONE,
        practice_number=PRACTICE_A,
        body=f"Hier ist {LAST}, passt!",
        status="review",
        provider_id="SMprivacyin",
        error=f"could not reach {PHONE}",
    )
    session.add_all([confirmation, reply])
    fields = {"MessageSid": "SMprivacyin", "From": PHONE, "To": PRACTICE_A, "Body": reply.body}
    key = "twilio:sms_incoming:SMprivacyin"
    session.add(
        CallEvent(
            provider="twilio",
            dedupe_key=key,
            event_type="sms_incoming",
            body=urlencode(fields).encode(),
            payload=fields,
            status="processed",
        )
    )
    session.add(SmsOptOut(company_id=own.company_id, number=PHONE, keyword="STOP"))
    session.flush()
    return [confirmation.id, reply.id], key


def _review(session: Session, own: Seeded, person_id: int, call_id: int) -> None:
    item = followup_service.open_item(
        session=session,
        company_id=own.company_id,
        reason="callback_request",
        call_id=call_id,
        customer_id=person_id,
        summary=f"{NAME} bittet um Rückruf unter {PHONE}.",
        details={"name": NAME, "birth_date": BIRTH.isoformat(), "email": EMAIL},
    )
    owner = accounts_service.get_by_email(session=session, email=own.owner_email)
    assert owner is not None
    audit.record(
        session=session,
        company_id=own.company_id,
        review_item_id=item.id,
        user=owner,
        action="note",
        details={"text": f"Frau {LAST} zurückgerufen."},
    )


def _waitlist(session: Session, own: Seeded, person_id: int, call_id: int) -> None:
    """A waiting-list entry, where that package is loaded (known to privacy by name only)."""
    table = linked_table("waitlist_entries")
    if table is None:
        return
    today = datetime.now(BERLIN).date()
    session.execute(
        insert(table).values(
            company_id=own.company_id,
            customer_id=person_id,
            call_id=call_id,
            service_id=own.service_id,
            first_day=today,
            last_day=today + timedelta(days=14),
            number=PHONE,
            status="waiting",
            created_at=datetime.now(UTC),
        )
    )


def seed_person(session: Session, own: Seeded) -> Person:
    person = records.create_customer(
        session,
        company_id=own.company_id,
        status="active",
        first_name=FIRST,
        last_name=LAST,
        phone_e164=PHONE,
        email=EMAIL,
        birth_date=BIRTH,
        external_id="PAT-4711",
    )
    folded = records.create_customer(
        session,
        company_id=own.company_id,
        status="provisional",
        first_name="Hilde",
        last_name=LAST,
        phone_e164=PHONE,
        label=f"Anruf von {PHONE}",
    )
    started = datetime.now(UTC) - timedelta(days=2)
    call = _call(session, own, folded.id, started)  # moves to the person with the merge
    merging.merge(
        session=session,
        company_id=own.company_id,
        into_id=person.id,
        from_id=folded.id,
        actor="matcher",
        reason="test",
    )
    keys = _call_events(session, call)
    session.add(
        FunctionInvocation(
            call_id=call.id,
            company_id=own.company_id,
            name="save_birth_date",
            idempotency_key="privacy-inv-1",
            arguments={"name": NAME, "birth_date": f"{BIRTH:%d.%m.%Y}"},
            result={"said": f"Danke, Frau {LAST}."},
        )
    )
    session.add(
        EnrichmentStep(
            call_id=call.id, step="name_extraction", status="done", result={"last_name": LAST}
        )
    )
    message_ids, sms_key = _sms(session, own, person.id, call.id)
    appointment = booking.book(
        session=session,
        company_id=own.company_id,
        call_id=call.id,
        customer_id=person.id,
        service=own.service_id,
        staff=own.staff_member_id,
        start=datetime.combine(next_monday(), time(15, 0), BERLIN),
        for_name=NAME,
    )
    appointment.note = f"{NAME} bringt Befund mit."
    _review(session, own, person.id, call.id)
    _waitlist(session, own, person.id, call.id)
    session.flush()
    return Person(
        person_id=person.id,
        folded_id=folded.id,
        call_id=call.id,
        provider_call_id=call.provider_call_id,
        appointment_id=appointment.id,
        event_keys=(*keys, sms_key),
        message_ids=tuple(message_ids),
    )


def seed_namesake_elsewhere(session: Session, other: Seeded) -> tuple[int, str]:
    """The same number in another practice (a patient there too): never touched from A."""
    message = Message(
        company_id=other.company_id,
        direction="inbound",
        purpose="incoming",
        number=PHONE,
        practice_number=PRACTICE_B,
        body="Termin in Praxis B, bitte.",
        status="review",
        provider_id="SMotherpractice",
    )
    session.add(message)
    fields = {"MessageSid": "SMotherpractice", "From": PHONE, "To": PRACTICE_B, "Body": "B"}
    key = "twilio:sms_incoming:SMotherpractice"
    session.add(
        CallEvent(
            provider="twilio",
            dedupe_key=key,
            event_type="sms_incoming",
            body=urlencode(fields).encode(),
            payload=fields,
            status="processed",
        )
    )
    session.add(SmsOptOut(company_id=other.company_id, number=PHONE, keyword="STOP"))
    session.flush()
    return message.id, key
