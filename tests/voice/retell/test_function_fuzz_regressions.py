"""Live-function requests schemathesis found answered "internal_error" (a handler raised)."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from frontdesk.calls.models import Call, CallEvent
from frontdesk.db.core import Database
from tests.voice.retell.helpers import post_signed
from tests.voice.retell.test_functions import CALL_ID, call_function, live_call
from tests.voice.retell.test_webhook import seed_company


def test_a_call_object_with_wrong_types_is_answered_by_the_call_id(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    assert call_function(client, "get_context", {}).status_code == 200  # opens the call
    broken = {**live_call(), "agent_id": -229676, "duration_ms": "1\x08", "metadata": 7}
    response = call_function(client, "get_context", {}, call=broken)
    assert response.status_code == 200
    assert response.json().get("error") != "internal_error", response.json()
    with database.sessions() as session:
        assert session.scalars(select(Call.provider_call_id)).all() == [CALL_ID]
        statuses = session.scalars(select(CallEvent.status)).all()
    assert "failed" not in statuses


def test_a_broken_call_object_for_an_unknown_call_is_an_unknown_call(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    body = {"name": "get_context", "call": {**live_call(), "transcript": [1.5]}, "args": {}}
    response = post_signed(client, "/retell/functions/get_context", body)
    assert response.status_code == 200
    assert response.json()["error"] == "unknown_call"
