"""`join_waitlist` over real HTTP: a mobile number is asked for when none is known; then the
caller is on the list with their wish."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from frontdesk.db.core import Database
from frontdesk.scheduling.waitlist.models import WaitlistEntry
from tests.voice.retell.test_functions_flow import cid, demo, fn

__all__ = ["demo"]


def test_join_waitlist_asks_for_a_mobile_then_enters_the_wish(
    client: httpx.Client, demo: Database
) -> None:
    call_id = cid(9001)
    first = fn(client, call_id, "join_waitlist", service="Kontrolle", date="nächste Woche")
    assert "Handynummer" in str(first["ask"])
    second = fn(
        client,
        call_id,
        "join_waitlist",
        service="Kontrolle",
        date="nächste Woche",
        time="vormittags",
        phone="0176 1234 5678",
    )
    assert "Warteliste" in str(second["say"])
    with demo.unit_of_work() as session:
        entry = session.scalars(select(WaitlistEntry)).one()
        assert entry.number == "+4917612345678"
        assert (entry.last_day - entry.first_day).days == 6
        assert entry.time_from is not None and entry.time_from.hour == 7
