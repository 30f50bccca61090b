"""The .ics feed over HTTP: the right token gives a calendar, any other a 404."""

from __future__ import annotations

from pathlib import Path

import httpx
from icalendar import Calendar

from frontdesk.db.core import Database
from frontdesk.scheduling import practice
from frontdesk.scheduling.calendar_feed import ensure_feed_token
from frontdesk.tenancy import service as tenancy_service

PRACTICE = Path(__file__).resolve().parents[2] / "examples" / "praxis-sonnenschein.yaml"


def test_feed_by_token_and_404_otherwise(client: httpx.Client, database: Database) -> None:
    with database.unit_of_work() as session:
        practice.load_file(session=session, path=PRACTICE)
        company = tenancy_service.get_by_name_or_raise(session=session, name="Praxis Sonnenschein")
        token = ensure_feed_token(session=session, company_id=company.id)
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert Calendar.from_ical(response.content).get("PRODID")
    assert client.get(f"/calendar/{token[:-1]}x.ics").status_code == 404
    assert client.get("/calendar/guess.ics").status_code == 404
