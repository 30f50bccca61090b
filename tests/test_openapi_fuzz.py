"""schemathesis over every operation of the OpenAPI document, through a real server.

Requests are signed the way Retell and Twilio sign them (tests/openapi_fuzz.py), so the
function, webhook and SMS routes are exercised past their signature checks; the demo practice is
loaded from its YAML file so live functions meet real services, staff and hours. Every answer
must be below 500 and be what the document declares: status code, media type, headers, body
schema. FRONTDESK_FUZZ_EXAMPLES raises the examples per operation and mode (the long run by hand
is bench/fuzz_api.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from schemathesis import Case

from frontdesk.app import create_app
from frontdesk.cli.common import DEMO_COMPANY, DEMO_NUMBER
from frontdesk.db.core import Database
from frontdesk.settings import Settings
from frontdesk.simulator import demo
from frontdesk.simulator.local import serve_locally
from tests.openapi_fuzz import Keys, fuzz_schema, provider_signer, steer_calls_to

EXAMPLES = int(os.environ.get("FRONTDESK_FUZZ_EXAMPLES", "6"))
TWILIO_TOKEN = "twilio-fuzz-token-0123456789abcdef"
# Answers that mean a function request never reached its handler.
NOT_HANDLED = frozenset({"refused", "invalid_call_id", "unknown_call", "unknown_company"})


@pytest.fixture(scope="module")
def fuzz_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"twilio_auth_token": TWILIO_TOKEN})


@pytest.fixture(scope="module")
def fuzz_server(fuzz_settings: Settings, migrated_database: Database) -> Iterator[str]:
    with serve_locally(fuzz_settings, migrated_database) as url:
        yield url


def test_every_operation_answers_as_its_document_says(
    fuzz_server: str, fuzz_settings: Settings, database: Database
) -> None:
    demo.seed_practice(database, DEMO_COMPANY, DEMO_NUMBER)
    document = steer_calls_to(create_app(fuzz_settings).openapi(), DEMO_NUMBER)
    schema = schemathesis.openapi.from_dict(document)
    keys = Keys(fuzz_settings.retell_api_key, TWILIO_TOKEN)
    function_answers: list[str | None] = []

    def after(case: Case, response: httpx.Response) -> None:
        positive = case.meta is not None and case.meta.generation.mode.value == "positive"
        if positive and case.path.startswith("/retell/functions/") and "{" not in case.path:
            answer = response.json() if response.status_code == 200 else {"error": "refused"}
            function_answers.append(answer.get("error"))

    with httpx.Client(timeout=30) as client:
        tally = fuzz_schema(
            schema,
            client,
            fuzz_server,
            examples=EXAMPLES,
            signer=provider_signer(keys, fuzz_server),
            after=after,
        )
    print(tally.line("openapi"))
    assert tally.failures == [], "\n\n".join(tally.failures)
    assert tally.operations == sum(len(methods) for methods in document["paths"].values())
    # The signing reached past the checks: unsigned-looking answers are the rare binary bodies
    # (16-18 of 188 cases from run to run, so the bound leaves room above that).
    assert tally.statuses[401] + tally.statuses[403] <= tally.cases // 8, tally.statuses
    # ... and the generated calls reached the live functions' handlers, not only the door.
    handled = [error for error in function_answers if error not in NOT_HANDLED]
    assert len(handled) >= len(function_answers) * 3 // 4, function_answers
