"""A review queue with every priority: a withheld call with a callback request and an
uncertain link, a merge proposal from a number, an item with an appointment tomorrow, and an
old assigned one (tests and screenshots)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.followup import service as followup_service
from frontdesk.scheduling.models import Appointment
from tests.dashboard.seed import BERLIN, Seeded


@dataclass
class Queue:
    callback_call: int  # a withheld call with a callback request and an uncertain link
    callback_id: int
    callback_link_id: int
    numbered_id: int  # merge proposal from a known number, no name: low
    soon_id: int  # no identifying data, but an appointment tomorrow at 10: high
    old_id: int  # merge proposal opened ten days ago, assigned to the staff user


def _call(session: Session, company_id: int, key: str, **fields: object) -> Call:
    call = Call(provider="retell", provider_call_id=key, company_id=company_id, **fields)
    session.add(call)
    session.flush()
    return call


def seed_queue(database: Database, own: Seeded, prefix: str) -> Queue:
    now = datetime.now(UTC)
    with database.unit_of_work() as session:
        withheld = _call(session, own.company_id, f"{prefix}-cb", caller_id_withheld=True)
        numbered = _call(session, own.company_id, f"{prefix}-nr", from_number_e164="+493012345678")
        soon = _call(session, own.company_id, f"{prefix}-soon", caller_id_withheld=True)
        open_item = followup_service.open_item
        callback = open_item(
            session=session,
            company_id=own.company_id,
            reason="callback_request",
            call_id=withheld.id,
            summary="Bitte um Rückruf wegen Befund.",
        )
        link = open_item(
            session=session,
            company_id=own.company_id,
            reason="uncertain_link",
            call_id=withheld.id,
        )
        merge = open_item(
            session=session, company_id=own.company_id, reason="merge_proposal", call_id=numbered.id
        )
        no_data = open_item(
            session=session,
            company_id=own.company_id,
            reason="no_identifying_data",
            call_id=soon.id,
        )
        # tomorrow 10:00 in Berlin: always within 48 hours, never within the next 9
        tomorrow = datetime.now(BERLIN).date() + timedelta(days=1)
        start = datetime.combine(tomorrow, time(10, 0), BERLIN)
        session.add(
            Appointment(
                company_id=own.company_id,
                call_id=soon.id,
                service_id=own.service_id,
                staff_id=own.staff_member_id,
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
                blocked_from=start,
                blocked_until=start + timedelta(minutes=30),
                status="confirmed",
            )
        )
        old = open_item(
            session=session,
            company_id=own.company_id,
            reason="merge_proposal",
            customer_id=own.meyer_id,
            summary="Zwei Akten für Jutta Meyer?",
        )
        old.created_at = now - timedelta(days=10)
        old.due_at = old.created_at + timedelta(days=7)
        old.assigned_to = own.staff_email
        session.flush()
        return Queue(withheld.id, callback.id, link.id, merge.id, no_data.id, old.id)
