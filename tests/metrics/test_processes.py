"""Two app processes on one database answer the same figures, whichever wrote the data."""

from __future__ import annotations

import time

import httpx

from frontdesk.db.core import Database
from frontdesk.settings import Settings
from frontdesk.simulator.local import serve_locally
from frontdesk.voice.retell.payloads import call_event, phone_call
from tests.metrics.conftest import Samples, samples, scrape, value
from tests.voice.retell.helpers import DEMO_NUMBER, post_signed
from tests.voice.retell.test_webhook import seed_company

CALL_ID = "call_0e7a1c5e0000000000000000000042"
COMPANY = "Praxis Sonnenschein"


def figures(url: str) -> Samples:
    found = samples(scrape(url).text)
    # The one figure that describes the scrape itself, not the data.
    found.pop(("frontdesk_metrics_query_seconds", ()))
    return found


def write_a_call(url: str) -> None:
    call = phone_call(
        call_id=CALL_ID,
        from_number="anonymous",
        to_number=DEMO_NUMBER,
        start_timestamp=int(time.time() * 1000),
    )
    with httpx.Client(base_url=url, timeout=10) as client:
        started = post_signed(client, "/retell/webhook", call_event("call_started", call))
        assert started.status_code == 204
        answer = post_signed(
            client,
            "/retell/functions/get_context",
            {"name": "get_context", "call": call, "args": {}},
        )
        assert answer.status_code == 200


def test_two_processes_agree_after_writes_through_one(
    metrics_settings: Settings, database: Database
) -> None:
    seed_company(database, COMPANY)
    # The second app gets no Database object: it opens its own engine and pool, as a second
    # process on the same database would.
    with serve_locally(metrics_settings, database) as one, serve_locally(metrics_settings) as two:
        assert figures(one) == figures(two)
        write_a_call(one)
        after_one, after_two = figures(one), figures(two)
    assert after_one == after_two
    assert value(after_two, "frontdesk_events_total", provider="retell", type="call_started") == 1
    calls = {"company": COMPANY, "function": "get_context", "outcome": "ok"}
    assert value(after_two, "frontdesk_function_calls_total", **calls) == 1
    durations = {"company": COMPANY, "function": "get_context"}
    assert value(after_two, "frontdesk_function_duration_seconds_count", **durations) == 1
