"""naive_utc: a stored instant read back as naive UTC wall time, on either backend."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import literal, select, text
from sqlalchemy.orm import Session

from frontdesk.db.core import UtcDateTime, naive_utc
from tests.conftest import backend


def test_an_instant_comes_back_as_naive_utc_whatever_the_session_zone(session: Session) -> None:
    if backend() == "postgres":
        # The driver would hand back this zone's wall time; the database converts first.
        session.execute(text("SET LOCAL TIME ZONE 'America/New_York'"))
    berlin = datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Berlin"))  # after the switch
    value = session.scalar(select(naive_utc(literal(berlin, UtcDateTime()))))
    assert value == datetime(2026, 3, 29, 1, 30)
    assert value.tzinfo is None
    assert value.replace(tzinfo=UTC) == berlin
