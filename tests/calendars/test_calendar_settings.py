"""The practice file's per-staff `calendar:` key, the password only by variable name, and
`frontdesk calendar sync` over a real server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from frontdesk import cli
from frontdesk.cli import calendar as calendar_cli
from frontdesk.conversations import calendar_jobs
from frontdesk.db.core import Database
from frontdesk.scheduling.errors import PracticeFileError
from frontdesk.scheduling.models import CalendarBusyBlock, StaffCalendar
from frontdesk.scheduling.practice import load_practice
from frontdesk.scheduling.practice_schema import parse_practice
from tests.calendars.conftest import (
    CountingConnector,
    Synced,
    load_synced,
    practice_with_calendar,
)
from tests.calendars.radicale_server import CalendarApp
from tests.scheduling.conftest import NOW, PRACTICE


def test_the_calendar_key_is_loaded_once_and_switched_off_when_left_out(
    database: Database, synced: Synced, connector: CountingConnector
) -> None:
    with database.unit_of_work() as session:
        row = session.scalars(select(StaffCalendar)).one()
        assert (row.staff_id, row.url, row.username) == (synced.sommer, synced.app.url, "sommer")
        assert row.max_age_seconds == 300 and row.password_env is None and row.active
        again = load_practice(
            session=session, practice=parse_practice(practice_with_calendar(synced.app.url))
        )
        assert again.changes == []
    synced.app.add("zahnarzt", "20261201T080000Z", "20261201T090000Z")
    calendar_jobs.pull(database, connector, NOW, only_due=False)
    with database.unit_of_work() as session:
        report = load_practice(session=session, practice=parse_practice(PRACTICE))
        assert any("calendar switched off" in c for c in report.changes)
        assert not session.scalars(select(StaffCalendar)).one().active
        assert session.scalars(select(CalendarBusyBlock)).all() == []


def test_a_password_goes_only_by_the_name_of_its_variable() -> None:
    text = practice_with_calendar("https://dav.example/cal/").replace(
        "      username: sommer\n", "      username: sommer\n      password_env: geheim123\n"
    )
    with pytest.raises(PracticeFileError) as caught:
        parse_practice(text)
    assert "not an environment variable name" in str(caught.value)
    with pytest.raises(PracticeFileError):
        parse_practice(text.replace("password_env: geheim123", "password: geheim123"))
    ok = parse_practice(text.replace("geheim123", "FRONTDESK_CALDAV_PASSWORD_SOMMER"))
    assert ok.staff[0].calendar is not None
    assert ok.staff[0].calendar.password_env == "FRONTDESK_CALDAV_PASSWORD_SOMMER"


@pytest.fixture
def cli_database(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setattr(calendar_cli, "database", lambda: database)
    yield database


def test_cli_sync_reads_now_and_reports_an_unset_password_variable(
    cli_database: Database, calendar_app: CalendarApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = load_synced(cli_database, calendar_app)
    day = datetime.now(UTC).date() + timedelta(days=2)  # the command reads the real clock
    calendar_app.add("zahnarzt", f"{day:%Y%m%d}T080000Z", f"{day:%Y%m%d}T090000Z")
    result = CliRunner().invoke(
        cli.app, ["calendar", "sync", "--company", "Testpraxis", "--staff", "sommer", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["staff_id"], r["ok"], r["busy_blocks"]) for r in rows] == [(synced.sommer, True, 1)]
    with cli_database.unit_of_work() as session:
        row = session.scalars(select(StaffCalendar)).one()
        row.password_env = "FRONTDESK_CALDAV_PASSWORD_TEST_UNSET"
        row.last_pulled_at = None
    monkeypatch.delenv("FRONTDESK_CALDAV_PASSWORD_TEST_UNSET", raising=False)
    result = CliRunner().invoke(cli.app, ["calendar", "sync", "--json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert rows[0]["ok"] is False
    assert "FRONTDESK_CALDAV_PASSWORD_TEST_UNSET" in rows[0]["error"]
    assert rows[0]["unreachable_item_id"] is not None
