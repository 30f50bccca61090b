"""Two practices with users, customers, calls, review items and appointments (tests, shots)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from frontdesk.accounts import service as accounts_service
from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.followup import service as followup_service
from frontdesk.identity import records
from frontdesk.identity.models import Customer
from frontdesk.messaging.models import Message
from frontdesk.scheduling import booking
from frontdesk.scheduling.calendar_feed import issue_feed
from frontdesk.scheduling.models import StaffAbsence
from frontdesk.scheduling.practice import load_practice
from frontdesk.scheduling.practice_schema import parse_practice
from frontdesk.scheduling.waitlist.models import WaitlistEntry, WaitlistOffer

PASSWORD = "richtig-Pferd-Batterie-42"
BERLIN = ZoneInfo("Europe/Berlin")

_PRACTICE = """
company:
  name: {name}
  timezone: Europe/Berlin
  numbers: ["{number}"]
  agent_name: Lena
scheduling:
  min_notice_minutes: 0
  horizon_days: 60
  slot_step_minutes: 15
services:
  - name: Beratung
    duration_minutes: 30
  - name: Kontrolle
    duration_minutes: 20
staff:
  - name: {doctor}
    key: doc
    services: [Beratung, Kontrolle]
    hours: {hours}
"""


@dataclass
class Seeded:
    company_id: int
    owner_email: str
    staff_email: str
    staff_member_id: int
    service_id: int
    meyer_id: int
    other_id: int
    provisional_id: int
    call_id: int
    plain_call_id: int
    review_item_id: int
    pending_item_id: int
    appointment_id: int
    feed_id: int  # the live calendar feed of the whole practice
    feed_token: str
    marker: str  # a string that appears only in this company's data


_HOURS = (
    "{" + ", ".join(f'{d}: "07:00-20:00"' for d in ("mo", "di", "mi", "do", "fr", "sa", "so")) + "}"
)


def next_monday(today: date | None = None) -> date:
    today = today or datetime.now(BERLIN).date()
    return today + timedelta(days=7 - today.weekday())


def seed_company(session: Session, *, prefix: str, name: str, number: str, doctor: str) -> Seeded:
    """A practice whose review queue holds one uncertain link with a pending appointment."""
    report = load_practice(
        session=session,
        practice=parse_practice(
            _PRACTICE.format(name=name, number=number, doctor=doctor, hours=_HOURS)
        ),
    )
    company_id = report.company_id
    from sqlalchemy import select

    from frontdesk.scheduling.models import Service, Staff

    staff = session.scalars(select(Staff).where(Staff.company_id == company_id)).one()
    service = session.scalars(
        select(Service).where(Service.company_id == company_id, Service.key == "beratung")
    ).one()
    owner = accounts_service.create_user(
        session=session,
        company_id=company_id,
        email=f"owner@{prefix}.test",
        role="owner",
        password=PASSWORD,
    )
    helper = accounts_service.create_user(
        session=session,
        company_id=company_id,
        email=f"staff@{prefix}.test",
        role="staff",
        password=PASSWORD,
    )
    marker = f"{prefix.capitalize()}markerhausen"
    meyer = records.create_customer(
        session,
        company_id=company_id,
        status="active",
        first_name="Jutta",
        last_name="Meyer",
        birth_date=date(1971, 4, 2),
        phone_e164="+4930111222" + ("33" if prefix == "a" else "44"),
        email=f"jutta@{prefix}.test",
    )
    other = records.create_customer(
        session,
        company_id=company_id,
        status="active",
        first_name="Jonas",
        last_name=marker,
        email=f"jonas@{prefix}.test",
    )
    provisional = records.create_customer(
        session,
        company_id=company_id,
        status="provisional",
        first_name="Jutta",
        last_name="Maier",
        label="Anrufer vom Montag",
    )
    started = datetime.now(UTC) - timedelta(hours=3)
    call = Call(
        provider="retell",
        provider_call_id=f"call_{prefix}_review",
        company_id=company_id,
        caller_id_withheld=True,
        from_number_raw="anonymous",
        status="analyzed",
        started_at=started,
        ended_at=started + timedelta(minutes=2),
        duration_ms=121_000,
        customer_id=provisional.id,
        link_status="review",
        caller_name="Jutta Maier",
        recording_url=f"https://recordings.example/{prefix}.wav",
        needs_followup=True,
        transcript_object=[
            {"role": "agent", "content": "Praxis Sonnenschein, Lena am Apparat. Wie ist Ihr Name?"},
            {"role": "user", "content": "Jutta Maier, ich hätte gern einen Termin."},
            {"role": "agent", "content": "Gern, Frau Maier. Wann passt es Ihnen?"},
            {"role": "user", "content": "Nächsten Montag um zehn."},
        ],
        transcript="Agent: Wie ist Ihr Name?\nUser: Jutta Maier",
        created_at=started,
    )
    plain = Call(
        provider="retell",
        provider_call_id=f"call_{prefix}_plain",
        company_id=company_id,
        caller_id_withheld=False,
        from_number_raw="+4930111222",
        from_number_e164="+4930111222",
        status="ended",
        started_at=started - timedelta(days=1),
        duration_ms=45_000,
        customer_id=other.id,
        link_status="linked",
        link_method="phone",
        caller_name=marker,
        created_at=started - timedelta(days=1),
    )
    session.add_all([call, plain])
    session.flush()
    session.add(
        CallEvent(
            provider="retell",
            dedupe_key=f"{prefix}-ev1",
            event_type="call_ended",
            provider_call_id=call.provider_call_id,
            body=b"{}",
            status="processed",
        )
    )
    session.add(
        FunctionInvocation(
            call_id=call.id,
            company_id=company_id,
            name="save_name",
            idempotency_key=f"{prefix}-inv1",
            arguments={"name": "Jutta Maier"},
            result={"next_required_field": "birth_date"},
            duration_ms=4.2,
        )
    )
    item = followup_service.open_item(
        session=session,
        company_id=company_id,
        reason="uncertain_link",
        call_id=call.id,
        customer_id=provisional.id,
        priority=1,
        summary="Anrufer nicht sicher zugeordnet: bitte Kandidaten prüfen.",
        details={
            "candidates": [
                {
                    "customer_id": meyer.id,
                    "probability": 0.58,
                    "blocked": False,
                    "levels": {
                        "surname": "close",
                        "first_name": "exact",
                        "birth_date": "missing",
                        "phone": "missing",
                        "email": "missing",
                    },
                },
                {
                    "customer_id": other.id,
                    "probability": 0.03,
                    "levels": {"surname": "mismatch", "first_name": "close"},
                },
            ]
        },
    )
    start = datetime.combine(next_monday(), time(10, 0), BERLIN)
    appointment = booking.book(
        session=session,
        company_id=company_id,
        call_id=call.id,
        service=service.id,
        staff=staff.id,
        start=start,
        for_name="Jutta Maier",
    )
    pending = followup_service.open_items(session=session, company_id=company_id, call_id=call.id)
    pending_item = next(i for i in pending if i.reason != "uncertain_link")
    feed, _created = issue_feed(session=session, company_id=company_id)
    session.flush()
    return Seeded(
        company_id=company_id,
        owner_email=owner.email,
        staff_email=helper.email,
        staff_member_id=staff.id,
        service_id=service.id,
        meyer_id=meyer.id,
        other_id=other.id,
        provisional_id=provisional.id,
        call_id=call.id,
        plain_call_id=plain.id,
        review_item_id=item.id,
        pending_item_id=pending_item.id,
        appointment_id=appointment.id,
        feed_id=feed.id,
        feed_token=feed.token,
        marker=marker,
    )


def seed_two(session: Session) -> tuple[Seeded, Seeded]:
    a = seed_company(
        session,
        prefix="a",
        name="Praxis Sonnenschein",
        number="+4930120045670",
        doctor="Dr. Anna Sommer",
    )
    b = seed_company(
        session,
        prefix="b",
        name="Zahnarzt Regenbogen",
        number="+4940998877660",
        doctor="Dr. Bernd Regen",
    )
    return a, b


# Monday 7 December 2026, 13:15 in Berlin (winter time, UTC+1).
SMS_AT = datetime(2026, 12, 7, 12, 15, tzinfo=UTC)
LONG_REPLY = "Hallo, wer ist da? " + "Ich verstehe diese Nachricht leider nicht " * 6


@dataclass
class SmsSeeded:
    number: str  # the Meyer customer's phone
    confirmation_id: int  # outbound, linked to the review call, delivered
    confirmed_id: int  # inbound "Ja", linked to the call and the customer
    unclear_id: int  # inbound, nobody understood it: only the number links it
    failed_id: int  # outbound reminder to the customer, failed
    reply_item_id: int  # review item "sms_reply" about the unclear message
    failed_item_id: int  # review item "sms_failed" about the failed message


def seed_sms(session: Session, own: Seeded) -> SmsSeeded:
    """A short SMS conversation with the Meyer customer of `own`, and two review items on it."""
    meyer = session.get(Customer, own.meyer_id)
    assert meyer is not None and meyer.phone_e164
    number = meyer.phone_e164

    def message(minutes: int, **fields: object) -> Message:
        at = SMS_AT + timedelta(minutes=minutes)
        row = Message(company_id=own.company_id, number=number, created_at=at, **fields)
        if row.direction == "outbound" and row.status not in ("held", "skipped"):
            row.sent_at = at
        session.add(row)
        session.flush()
        return row

    confirmation = message(
        0,
        direction="outbound",
        purpose="confirmation",
        body="Ihr Termin am Montag um 10:00 ist gebucht. Antworten Sie JA zur Bestätigung.",
        status="delivered",
        call_id=own.call_id,
    )
    confirmed = message(
        4,
        direction="inbound",
        purpose="incoming",
        body="Ja",
        status="confirmed",
        call_id=own.call_id,
        customer_id=own.meyer_id,
    )
    unclear = message(30, direction="inbound", purpose="incoming", body=LONG_REPLY, status="review")
    failed = message(
        60 * 24,
        direction="outbound",
        purpose="reminder",
        body="Erinnerung: morgen 10:00 Beratung.",
        status="failed",
        error_code="30003",
        customer_id=own.meyer_id,
    )
    reply_item = followup_service.open_item(
        session=session,
        company_id=own.company_id,
        reason="sms_reply",
        customer_id=own.meyer_id,
        summary="SMS-Antwort nicht verstanden.",
        details={"message_id": unclear.id, "text": unclear.body, "number": number},
    )
    failed_item = followup_service.open_item(
        session=session,
        company_id=own.company_id,
        reason="sms_failed",
        customer_id=own.meyer_id,
        details={"message_id": failed.id, "number": number, "body": failed.body},
    )
    session.flush()
    return SmsSeeded(
        number=number,
        confirmation_id=confirmation.id,
        confirmed_id=confirmed.id,
        unclear_id=unclear.id,
        failed_id=failed.id,
        reply_item_id=reply_item.id,
        failed_item_id=failed_item.id,
    )


@dataclass
class PlanningSeeded:
    waiting_id: int  # Jonas <marker>, Beratung at the doctor, next week 08:00-12:00
    offered_id: int  # a number only, one open and one expired offer
    booked_id: int  # took the review appointment through an accepted offer
    cancelled_id: int
    open_offer_id: int
    open_offer_expires: datetime
    absence_id: int  # from the practice file, two weeks on, the note carries the marker
    absence_first_day: date


def seed_planning(session: Session, own: Seeded) -> PlanningSeeded:
    """Four waiting-list entries (one of each status) with offers, and one absence."""
    monday = next_monday()
    now = datetime.now(UTC).replace(microsecond=0)

    def entry(days_ago: int, status: str, **fields: object) -> WaitlistEntry:
        row = WaitlistEntry(
            company_id=own.company_id,
            service_id=own.service_id,
            first_day=monday,
            last_day=monday + timedelta(days=4),
            status=status,
            created_at=now - timedelta(days=days_ago),
            **fields,
        )
        session.add(row)
        session.flush()
        return row

    def offer(row: WaitlistEntry, day: int, status: str, expires: datetime) -> WaitlistOffer:
        made = WaitlistOffer(
            company_id=own.company_id,
            entry_id=row.id,
            staff_id=own.staff_member_id,
            service_id=own.service_id,
            starts_at=datetime.combine(monday + timedelta(days=day), time(9, 0), BERLIN),
            expires_at=expires,
            status=status,
            created_at=expires - timedelta(minutes=30),
        )
        session.add(made)
        session.flush()
        return made

    waiting = entry(
        4,
        "waiting",
        customer_id=own.other_id,
        staff_id=own.staff_member_id,
        time_from=time(8, 0),
        time_to=time(12, 0),
        number="+4917012345" + ("01" if own.owner_email.endswith("a.test") else "02"),
    )
    cancelled = entry(3, "cancelled", number="+491701234599")
    booked = entry(2, "booked", number="+491701234598", appointment_id=own.appointment_id)
    offer(booked, 0, "accepted", now - timedelta(days=2))
    offered = entry(1, "offered", number="+491701234597", time_from=time(14, 0))
    offer(offered, 1, "expired", now - timedelta(hours=5))
    expires = now + timedelta(minutes=25)
    open_offer = offer(offered, 2, "open", expires)
    first_day = monday + timedelta(days=14)
    absence = StaffAbsence(
        company_id=own.company_id,
        staff_id=own.staff_member_id,
        first_day=first_day,
        last_day=first_day + timedelta(days=1),
        note=f"Fortbildung {own.marker}",
        source="file",
    )
    session.add(absence)
    session.flush()
    return PlanningSeeded(
        waiting_id=waiting.id,
        offered_id=offered.id,
        booked_id=booked.id,
        cancelled_id=cancelled.id,
        open_offer_id=open_offer.id,
        open_offer_expires=expires,
        absence_id=absence.id,
        absence_first_day=first_day,
    )
