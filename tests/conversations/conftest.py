"""Fixtures of the after-the-call tests: a local Twilio and a practice whose jobs run on a
controlled clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from frontdesk.db.core import Database
from frontdesk.sms.twilio.local_server import LocalTwilio
from tests.conversations.helpers import Loop, load_practice, local_twilio


@pytest.fixture
def twilio() -> Iterator[LocalTwilio]:
    with local_twilio() as server:
        yield server


@pytest.fixture
def loop(database: Database, twilio: LocalTwilio) -> Loop:
    return Loop(database=database, practice=load_practice(database), twilio=twilio)
