"""The long schemathesis run by hand: every OpenAPI operation (signed like Retell and Twilio)
and every dashboard route and form (logged in, with a CSRF token), through a real server.

    .venv/bin/python bench/fuzz_api.py [--examples 100] [--database-url URL] [--part api|dashboard]

It migrates the database (a fresh temporary SQLite file unless a URL is given: pass an empty
PostgreSQL database, it is written to), seeds the two dashboard test practices (the first is the
demo practice, "Praxis Sonnenschein" on +4930120045670, with services, staff, hours, calls,
review items and appointments), serves the app on 127.0.0.1 and sends `--examples` generated
cases per operation and generation mode (positive and negative), unseeded so every run explores
anew. The CI tests run the same harness (tests/openapi_fuzz.py) with a few examples, seeded. It
prints operations, cases, answers by status and every failure; exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import httpx
import schemathesis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.dashboard.conftest import log_in, token
from tests.dashboard.seed import seed_two
from tests.openapi_fuzz import (
    Keys,
    Tally,
    dashboard_document,
    fuzz_schema,
    provider_signer,
    steer_calls_to,
)

from frontdesk.app import create_app
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.settings import Settings
from frontdesk.simulator.local import serve_locally

RETELL_KEY = "key_fuzz_0123456789abcdef"
TWILIO_TOKEN = "twilio-fuzz-token-0123456789abcdef"
DEMO_NUMBER = "+4930120045670"


def fuzz_api(settings: Settings, base: str, examples: int) -> Tally:
    document = steer_calls_to(create_app(settings).openapi(), DEMO_NUMBER)
    schema = schemathesis.openapi.from_dict(document)
    with httpx.Client(timeout=60) as client:
        return fuzz_schema(
            schema,
            client,
            base,
            examples=examples,
            signer=provider_signer(Keys(RETELL_KEY, TWILIO_TOKEN), base),
            derandomize=False,
        )


def fuzz_dashboard(base: str, owner: str, examples: int) -> Tally:
    schema = schemathesis.openapi.from_dict(dashboard_document())
    with httpx.Client(base_url=base, timeout=60) as client:
        log_in(client, owner)
        csrf = {"x-csrf-token": token(client)}

        def after(case: schemathesis.Case, response: httpx.Response) -> None:
            suspicious = case.path == "/app/login" or response.status_code in (401, 403)
            if suspicious and client.get("/app").status_code != 200:
                log_in(client, owner)
                csrf["x-csrf-token"] = token(client)

        return fuzz_schema(
            schema,
            client,
            base,
            examples=examples,
            signer=provider_signer(Keys(""), base),
            checks=(),
            skip=lambda op: (op.method.upper(), op.path) == ("POST", "/app/logout"),
            extra_headers=lambda: csrf,
            after=after,
            derandomize=False,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100, help="per operation and mode")
    parser.add_argument("--database-url", help="an empty database (default: a temp SQLite)")
    parser.add_argument("--part", choices=["api", "dashboard", "all"], default="all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or f"sqlite:///{scratch}/fuzz.db"
        upgrade(url)
        database = Database(url)
        with database.unit_of_work() as session:
            practice, _other = seed_two(session)
        settings = Settings(
            database_url=url,
            retell_api_key=RETELL_KEY,
            twilio_auth_token=TWILIO_TOKEN,
            log_json=True,
            log_level="CRITICAL",
            orphan_sweep_seconds=0,
        )
        tallies: list[tuple[str, Tally]] = []
        with serve_locally(settings, database) as base:
            if args.part in ("api", "all"):
                tallies.append(("openapi", fuzz_api(settings, base, args.examples)))
            if args.part in ("dashboard", "all"):
                tallies.append(
                    ("dashboard", fuzz_dashboard(base, practice.owner_email, args.examples))
                )
        database.dispose()
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    for label, tally in tallies:
        print(tally.line(f"{label} ({backend}, {args.examples} examples per operation and mode)"))
        for failure in tally.failures:
            print("  " + failure.replace("\n", "\n  "))
    return 1 if any(tally.failures for _label, tally in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
