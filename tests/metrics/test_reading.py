"""A scrape neither waits for a writer nor writes itself."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from frontdesk.db.core import Database
from frontdesk.metrics.reading import read_sessions
from frontdesk.tenancy.models import Company
from tests.metrics.conftest import samples, scrape, value


def test_a_scrape_does_not_wait_for_an_open_write(metrics_url: str, database: Database) -> None:
    with database.unit_of_work() as session:
        session.add(Company(name="Praxis Vorher"))
    with database.unit_of_work() as writer:
        # An uncommitted write holds the write lock (on SQLite, for the whole process).
        writer.add(Company(name="Praxis Unfertig"))
        writer.flush()
        began = time.monotonic()
        found = samples(scrape(metrics_url).text)
        assert time.monotonic() - began < 5  # the lock's own timeout is 30 s
    # The scrape saw what was committed, not the open transaction.
    assert value(found, "frontdesk_review_open", company="Praxis Vorher") == 0
    assert ("frontdesk_review_open", (("company", "Praxis Unfertig"),)) not in found


def test_the_sqlite_reader_is_read_only(database: Database) -> None:
    if not database.is_sqlite:
        pytest.skip("PostgreSQL scrapes use the app's sessions: readers never wait there")
    with read_sessions(database)() as session, pytest.raises(OperationalError, match="readonly"):
        session.execute(text("INSERT INTO companies (name) VALUES ('x')"))
