"""schemathesis over the live functions, through the real server, with signed bodies.

Each body is generated from the OpenAPI document: the agent's own tool schema as `args` and
Retell's call object as `call` (numbers pointed at the demo practice so handlers really run).
Every case is sent twice, as generated and with NUL and a lone surrogate in every string. The
server must never answer 5xx, and every signed body must be stored raw (issue 14)."""

from __future__ import annotations

import json
import os
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from frontdesk.app import create_app
from frontdesk.calls.models import CallEvent
from frontdesk.db.core import Database
from frontdesk.settings import Settings
from tests.voice.retell.helpers import DEMO_NUMBER, post_signed
from tests.voice.retell.test_webhook import seed_company

# Short in CI (`make test`); FRONTDESK_SCHEMATHESIS_EXAMPLES raises it for a longer run.
EXAMPLES = int(os.environ.get("FRONTDESK_SCHEMATHESIS_EXAMPLES", "30"))
POISON = "\x00\udc00"


def _document() -> dict[str, Any]:
    document = create_app(Settings(database_url="sqlite://")).openapi()
    call = document["components"]["schemas"]["RetellCall"]
    # Real-looking call ids, and the practice's number, so the live handlers run.
    call["properties"]["call_id"] = {"type": "string", "pattern": "^call_[0-9a-f]{24}$"}
    call["properties"]["to_number"] = {"type": "string", "enum": [DEMO_NUMBER]}
    call["required"] = ["call_id", "to_number"]
    return document


SCHEMA = schemathesis.openapi.from_dict(_document())
FUNCTION_PATHS = sorted(
    path
    for path in _document()["paths"]
    if path.startswith("/retell/functions/") and "{" not in path
)


# The function's name and the call's identity stay clean so the poisoned strings reach the
# handlers; poisoned ids are covered by the webhook tests.
CLEAN_KEYS = frozenset({"name", "call_id", "to_number"})


def _poisoned(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        return value if key in CLEAN_KEYS else value + POISON
    if isinstance(value, dict):
        return {k: _poisoned(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poisoned(item) for item in value]
    return value


# Answers that mean the request never reached a live function's handler.
NOT_HANDLED = frozenset({"invalid_call_id", "unknown_call", "unknown_company"})


def _send(client: httpx.Client, database: Database, path: str, body: Any) -> str | None:
    """Send one signed body; its answer's error code (None for a plain answer)."""
    raw = json.dumps(body, ensure_ascii=True).encode()
    response = post_signed(client, path, raw)
    assert response.status_code < 500, (path, raw[:300], response.text[:300])
    assert response.status_code in {200, 400}, (path, response.status_code, response.text)
    with database.sessions() as session:
        stored = session.scalars(select(CallEvent.id).where(CallEvent.body == raw)).first()
    assert stored is not None, f"signed body to {path} was not stored raw"
    code = response.json().get("error")
    return code if isinstance(code, str) else None


@pytest.mark.parametrize("path", FUNCTION_PATHS)
def test_function_endpoints_never_answer_a_server_error(
    path: str, client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    strategy = SCHEMA[path]["POST"].as_strategy()
    outcomes: list[str | None] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, poison=st.booleans())
    def run(case: Any, poison: bool) -> None:
        body = _poisoned(case.body) if poison else case.body
        outcomes.append(_send(client, database, path, body))

    run()
    # A handler bug is answered politely ("internal_error"), never a 500: count it as one.
    assert "internal_error" not in outcomes, outcomes
    handled = [code for code in outcomes if code not in NOT_HANDLED]
    # The generated calls must really reach the handlers, or the test proves little.
    assert len(handled) >= len(outcomes) // 2, outcomes
    print(f"{path}: {len(outcomes)} signed requests, {len(handled)} reached the handler")
