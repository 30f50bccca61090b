"""Shared pieces for the after-the-call tests: a practice, bookings from mobile callers, a
local Twilio, and running every due job with a controlled clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.conversations import work
from frontdesk.conversations.sms import SmsSetup
from frontdesk.db.core import Database
from frontdesk.identity import records
from frontdesk.jobs import service as job_service
from frontdesk.jobs.runner import run_one
from frontdesk.messaging.timing import QuietHours
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.models import Appointment
from frontdesk.sms.twilio.gateway import TwilioGateway
from frontdesk.sms.twilio.local_server import LocalTwilio
from tests.scheduling.conftest import NOW, PRACTICE, Practice, load_text

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY_9 = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
PRACTICE_NUMBER = "+4930555000111"
MOBILE = "+4917612345678"
LANDLINE = "+4930123456"


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Loop:
    """A practice with SMS through a local Twilio, and a way to run every due job."""

    database: Database
    practice: Practice
    twilio: LocalTwilio
    clock: Clock = field(default_factory=Clock)
    quiet: QuietHours | None = None
    sms_on: bool = True

    def setup(self) -> SmsSetup:
        gateway = None
        if self.sms_on:
            gateway = TwilioGateway(
                self.twilio.account_sid, self.twilio.auth_token, api_base_url=self.twilio.base_url
            )
        return SmsSetup(gateway=gateway, sender=PRACTICE_NUMBER, quiet=self.quiet, clock=self.clock)

    def run_due(self) -> dict[str, int]:
        handlers = work.handlers(self.setup())
        counts: dict[str, int] = {}
        for _ in range(20):
            with self.database.unit_of_work() as session:
                due = job_service.due_ids(session=session, now=self.clock())
            if not due:
                break
            for job_id in due:
                outcome = run_one(
                    database=self.database, job_id=job_id, handlers=handlers, clock=self.clock
                )
                counts[outcome] = counts.get(outcome, 0) + 1
        return counts

    def sent(self) -> list[dict[str, str]]:
        return [r.form for r in self.twilio.requests if r.method == "POST"]


def load_practice(database: Database) -> Practice:
    with database.unit_of_work() as session:
        return load_text(session, PRACTICE)


@contextmanager
def local_twilio(**options: object) -> Iterator[LocalTwilio]:
    server = LocalTwilio(callbacks=False, **options)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.stop()


def book_call(
    session: Session,
    practice: Practice,
    *,
    number: str | None = MOBILE,
    known_customer: bool = True,
    start: datetime = TUESDAY_9,
    given_number: str | None = None,
    now: datetime = NOW,
) -> Appointment:
    """A call from `number` (None: withheld) that books Beratung; confirmed for a known
    customer, pending otherwise."""
    customer = None
    if known_customer:
        customer = records.create_customer(
            session,
            company_id=practice.company_id,
            status="active",
            first_name="Eva",
            last_name="Kranz",
            phone_e164=number,
        )
    call = Call(
        provider="retell",
        provider_call_id=f"call_sms_{datetime.now(UTC).timestamp()}_{id(customer)}_{start}",
        company_id=practice.company_id,
        from_number_e164=number,
        caller_id_withheld=number is None,
        customer_id=customer.id if customer else None,
        link_status="linked" if customer else None,
        link_confidence=1.0 if customer else None,
        status="ended",
    )
    session.add(call)
    session.flush()
    if given_number and customer is None:
        provisional = records.create_customer(
            session, company_id=practice.company_id, status="provisional", phone_e164=given_number
        )
        call.customer_id = provisional.id
    return scheduling.book(
        session=session,
        company_id=practice.company_id,
        call_id=call.id,
        customer_id=customer.id if customer else None,
        service="Beratung",
        start=start,
        now=now,
        confidence=1.0 if customer else None,
    )


def weekday_ahead(now: datetime, hour: int = 9, days: int = 2) -> datetime:
    """A working morning at least `days` ahead of `now` (for code that reads the real clock)."""
    day = now.astimezone(BERLIN).date() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)
