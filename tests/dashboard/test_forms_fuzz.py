"""schemathesis over every dashboard route and form, logged in, with the session's CSRF token.

The dashboard stays out of the public OpenAPI document, so a test-only one is generated from the
same route modules (tests/openapi_fuzz.py: `dashboard_document`); cases go through the real
server as the owner of a seeded practice, every unsafe request with a valid CSRF token, so forms
are exercised past the token check. Every answer must be below 500 (the pages' answers are not
described, so that is the whole check). Logging out is left out; a case that ends the session
(a login post with other credentials) is followed by a fresh login.
FRONTDESK_FUZZ_EXAMPLES raises the examples per route and mode (bench/fuzz_api.py runs longer)."""

from __future__ import annotations

import os

import httpx
import schemathesis
from schemathesis import Case
from schemathesis.schemas import APIOperation

from frontdesk.dashboard.sessions import CSRF_HEADER
from tests.conftest import LiveServer
from tests.dashboard.conftest import log_in, token
from tests.dashboard.seed import Seeded
from tests.openapi_fuzz import Keys, dashboard_document, fuzz_schema, provider_signer

EXAMPLES = int(os.environ.get("FRONTDESK_FUZZ_EXAMPLES", "3"))
LEFT_OUT = {("POST", "/app/logout")}


def test_every_dashboard_route_and_form_answers_without_a_server_error(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    owner = practices[0].owner_email
    schema = schemathesis.openapi.from_dict(dashboard_document())
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        assert log_in(client, owner).status_code == 303
        csrf = {CSRF_HEADER: token(client)}

        def after(case: Case, response: httpx.Response) -> None:
            suspicious = case.path == "/app/login" or response.status_code in (401, 403)
            if suspicious and client.get("/app").status_code != 200:  # the session ended
                assert log_in(client, owner).status_code == 303
                csrf[CSRF_HEADER] = token(client)

        def left_out(operation: APIOperation) -> bool:
            return (operation.method.upper(), operation.path) in LEFT_OUT

        tally = fuzz_schema(
            schema,
            client,
            live_server.url,
            examples=EXAMPLES,
            signer=provider_signer(Keys(""), live_server.url),
            checks=(),
            skip=left_out,
            extra_headers=lambda: csrf,
            after=after,
        )
    print(tally.line("dashboard"))
    assert tally.failures == [], "\n\n".join(tally.failures)
    assert tally.operations == len(schema) - len(LEFT_OUT)
    # The token and the session held: most answers are pages or redirects, not refusals.
    refused = tally.statuses[401] + tally.statuses[403]
    assert refused < tally.cases // 4, tally.statuses
