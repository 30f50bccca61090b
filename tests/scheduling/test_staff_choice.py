"""Without a staff wish, offers spread the load; a returning patient's usual staff comes first."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.identity import records
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.slots import SlotWish
from tests.scheduling.conftest import load_text

NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
DAY = date(2026, 12, 2)  # Wednesday
TWO_STAFF = """
company:
  name: Zwei Behandler
  timezone: Europe/Berlin
  numbers: ["+4930555000201"]
scheduling:
  min_notice_minutes: 60
  horizon_days: 30
  slot_step_minutes: 30
services:
  - name: Physiotherapie
    duration_minutes: 30
staff:
  - name: Alex Adler
    key: adler
    services: [Physiotherapie]
    hours: {mi: "08:00-12:00", do: "08:00-12:00"}
  - name: Bea Berg
    key: berg
    services: [Physiotherapie]
    hours: {mi: "08:00-12:00", do: "08:00-12:00"}
"""


def _staff_of_offers(session: Session, company_id: int, call_id: int | None = None) -> list[str]:
    found = scheduling.check_availability(
        session=session,
        company_id=company_id,
        service="Physiotherapie",
        wish=SlotWish(DAY, DAY),
        call_id=call_id,
        now=NOW,
        hold=False,
    )
    return [s.staff_name for s in found.slots]


def _book(
    session: Session, company_id: int, staff: str, hour: int, customer_id: int | None = None
) -> None:
    scheduling.book(
        session=session,
        company_id=company_id,
        service="Physiotherapie",
        staff=staff,
        start=datetime(2026, 12, 2, hour, 0, tzinfo=UTC),
        customer_id=customer_id,
        confidence=1.0 if customer_id else None,
        now=NOW,
    )


def test_offers_go_to_the_least_booked_staff_member_first(session: Session) -> None:
    company_id = load_text(session, TWO_STAFF).company_id
    _book(session, company_id, "adler", 10)  # 11:00 Berlin: Adler now has 30 minutes booked
    assert set(_staff_of_offers(session, company_id)) == {"Bea Berg"}
    _book(session, company_id, "berg", 8)
    _book(session, company_id, "berg", 9)  # Berg now has 60 minutes, Adler 30
    assert _staff_of_offers(session, company_id)[0] == "Alex Adler"


def test_a_returning_patient_gets_their_usual_staff_member_first(session: Session) -> None:
    company_id = load_text(session, TWO_STAFF).company_id
    customer = records.create_customer(
        session, company_id=company_id, status="active", first_name="Ida", last_name="Ilg"
    )
    for hour in (7, 8):  # two earlier visits with Adler, the day before
        scheduling.book(
            session=session,
            company_id=company_id,
            service="Physiotherapie",
            staff="adler",
            start=datetime(2026, 12, 3, hour, 0, tzinfo=UTC),
            customer_id=customer.id,
            confidence=1.0,
            now=NOW,
        )
    _book(session, company_id, "adler", 10)  # Adler is also the busier one on DAY
    call = Call(
        provider="retell",
        provider_call_id="call_usual",
        company_id=company_id,
        customer_id=customer.id,
    )
    session.add(call)
    session.flush()
    # Where both are free, the patient's usual Adler is offered; anyone else gets Berg.
    assert _staff_of_offers(session, company_id, call.id)[0] == "Alex Adler"
    assert _staff_of_offers(session, company_id)[0] == "Bea Berg"
