"""Over real HTTP: a call_started webhook gives the call its provisional customer at once."""

from __future__ import annotations

import time

import httpx
from sqlalchemy import select

from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.identity.models import Customer
from frontdesk.tenancy import service as tenancy_service
from frontdesk.voice.retell.payloads import call_event, phone_call
from tests.voice.retell.helpers import DEMO_NUMBER, post_signed

CALL_ID = "call_0f1e2d3c4b5a69788796a5b4c3"


def test_call_started_creates_the_provisional_customer(
    client: httpx.Client, database: Database
) -> None:
    with database.unit_of_work() as session:
        company = tenancy_service.create(session=session, name="Praxis Sonnenschein")
        tenancy_service.add_number(session=session, company_id=company.id, number=DEMO_NUMBER)
    payload = call_event(
        "call_started",
        phone_call(
            call_id=CALL_ID,
            from_number="anonymous",
            to_number=DEMO_NUMBER,
            start_timestamp=int(time.time() * 1000),
        ),
    )
    assert post_signed(client, "/retell/webhook", payload).status_code == 204
    assert post_signed(client, "/retell/webhook", payload).status_code in (200, 204)
    with database.sessions() as session:
        call = session.scalars(select(Call)).one()
        customers = session.scalars(select(Customer)).all()
    assert len(customers) == 1
    assert call.customer_id == customers[0].id
    assert customers[0].status == "provisional" and customers[0].phone_e164 is None
    assert customers[0].label and customers[0].label.startswith("Anrufer vom ")
    assert call.link_status == "unidentified"
