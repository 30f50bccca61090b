"""The webhook and inbound endpoints over real HTTP, on the test database."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from sqlalchemy import func, select

from frontdesk.calls.models import Call, CallEvent
from frontdesk.db.core import Database
from frontdesk.tenancy import service as tenancy_service
from frontdesk.voice.retell.payloads import call_event, inbound_event, phone_call
from tests.voice.retell.helpers import API_KEY, DEMO_NUMBER, post_signed

CALL_ID = "call_53eac4eff5e074501bd7983ce65"


def seed_company(database: Database, name: str = "Praxis Sonnenschein") -> int:
    with database.unit_of_work() as session:
        company = tenancy_service.create(session=session, name=name)
        tenancy_service.add_number(session=session, company_id=company.id, number=DEMO_NUMBER)
        return company.id


def base_call(**extra: object) -> dict[str, object]:
    return phone_call(call_id=CALL_ID, from_number="anonymous", to_number=DEMO_NUMBER, **extra)


def count(database: Database, model: type) -> int:
    with database.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_signed_call_started_is_stored_and_processed(
    client: httpx.Client, database: Database
) -> None:
    company_id = seed_company(database)
    response = post_signed(
        client,
        "/retell/webhook",
        call_event("call_started", base_call(start_timestamp=int(time.time() * 1000))),
    )
    assert response.status_code == 204
    with database.sessions() as session:
        call = session.scalars(select(Call)).one()
        event = session.scalars(select(CallEvent)).one()
    assert call.provider_call_id == CALL_ID
    assert call.company_id == company_id
    assert call.caller_id_withheld is True
    assert call.from_number_e164 is None
    assert call.status == "ongoing"
    assert event.status == "processed"
    assert event.body.startswith(b"{")


def test_unsigned_request_is_401_and_nothing_stored(
    client: httpx.Client, database: Database
) -> None:
    payload = json.dumps(call_event("call_started", base_call())).encode()
    response = client.post(
        "/retell/webhook", content=payload, headers={"content-type": "application/json"}
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_signature"
    assert "missing" in response.json()["message"]
    assert count(database, CallEvent) == 0


def test_wrong_key_expired_and_future_are_401(client: httpx.Client, database: Database) -> None:
    payload = call_event("call_started", base_call())
    now = int(time.time() * 1000)
    assert post_signed(client, "/retell/webhook", payload, key="wrong").status_code == 401
    assert (
        post_signed(client, "/retell/webhook", payload, timestamp_ms=now - 400_000).status_code
        == 401
    )
    assert (
        post_signed(client, "/retell/webhook", payload, timestamp_ms=now + 400_000).status_code
        == 401
    )
    assert count(database, CallEvent) == 0


def test_tampered_body_is_401(client: httpx.Client, database: Database) -> None:
    body = json.dumps(call_event("call_started", base_call())).encode()
    from frontdesk.voice.retell.signing import sign

    signature = sign(body, API_KEY)
    tampered = body.replace(b"anonymous", b"+4930999999")
    response = client.post(
        "/retell/webhook", content=tampered, headers={"x-retell-signature": signature}
    )
    assert response.status_code == 401
    assert count(database, CallEvent) == 0


def test_non_ascii_transcript_verified_on_raw_bytes(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    transcript = "Agent: Grüß Gott, Praxis Sonnenschein.\nUser: Hier ist Jürgen Weiß – Müßiggang.\n"
    payload = call_event(
        "call_ended", base_call(transcript=transcript, end_timestamp=1764000060000)
    )
    response = post_signed(client, "/retell/webhook", payload)
    assert response.status_code == 204
    with database.sessions() as session:
        assert session.scalars(select(Call.transcript)).one() == transcript


def test_invalid_json_is_400_and_kept(client: httpx.Client, database: Database) -> None:
    response = post_signed(client, "/retell/webhook", b'{"event": "call_started", "call": ')
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_json"
    with database.sessions() as session:
        event = session.scalars(select(CallEvent)).one()
    assert event.status == "rejected"


def test_schema_violation_is_422_and_kept(client: httpx.Client, database: Database) -> None:
    response = post_signed(client, "/retell/webhook", {"event": "call_started", "call": {"x": 1}})
    assert response.status_code == 422
    assert "call.call_id" in response.json()["message"]
    assert count(database, CallEvent) == 1


def test_oversized_body_is_413(client: httpx.Client, database: Database) -> None:
    payload = call_event("call_ended", base_call(transcript="x" * (1024 * 1024 + 10)))
    response = post_signed(client, "/retell/webhook", payload)
    assert response.status_code == 413
    assert response.json()["error"] == "body_too_large"
    assert count(database, CallEvent) == 0


def test_duplicate_event_is_stored_once(client: httpx.Client, database: Database) -> None:
    seed_company(database)
    payload = call_event("call_ended", base_call(end_timestamp=1764000060000, duration_ms=60000))
    for _ in range(3):
        assert post_signed(client, "/retell/webhook", payload).status_code == 204
    with database.sessions() as session:
        event = session.scalars(select(CallEvent)).one()
        assert event.duplicates == 2
        assert session.scalar(select(func.count()).select_from(Call)) == 1


def test_unknown_event_type_is_stored_and_acknowledged(
    client: httpx.Client, database: Database
) -> None:
    response = post_signed(client, "/retell/webhook", call_event("transfer_started", base_call()))
    assert response.status_code == 204
    with database.sessions() as session:
        event = session.scalars(select(CallEvent)).one()
    assert event.event_type == "transfer_started"
    assert event.status == "ignored"


def test_ended_call_stays_ended_when_started_arrives_late(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    post_signed(
        client, "/retell/webhook", call_event("call_ended", base_call(end_timestamp=1764000060000))
    )
    post_signed(
        client,
        "/retell/webhook",
        call_event("call_started", base_call(start_timestamp=1764000000000)),
    )
    with database.sessions() as session:
        call = session.scalars(select(Call)).one()
    assert call.status == "ended"
    assert call.started_at is not None


def test_inbound_known_number_gets_dynamic_variables(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    response = post_signed(
        client,
        "/retell/inbound",
        inbound_event(from_number="+49 30 1234567", to_number=DEMO_NUMBER, call_id=CALL_ID),
    )
    assert response.status_code == 200
    variables = response.json()["call_inbound"]["dynamic_variables"]
    assert variables["company_name"] == "Praxis Sonnenschein"
    assert variables["current_weekday"] in {
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    }
    assert len(variables["current_time"]) == 5
    assert variables["caller_id_withheld"] == "false"
    assert all(isinstance(v, str) for v in variables.values())


def test_inbound_unknown_number_is_200_without_overrides(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    response = post_signed(
        client, "/retell/inbound", inbound_event(from_number="anonymous", to_number="+4989111111")
    )
    assert response.status_code == 200
    assert response.json() == {"call_inbound": {}}
    with database.sessions() as session:
        event = session.scalars(select(CallEvent)).one()
    assert event.status == "unknown_number"


def test_inbound_is_never_answered_for_a_fallback_company(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database, "Praxis A")
    response = post_signed(
        client, "/retell/inbound", inbound_event(from_number="anonymous", to_number="+4940222222")
    )
    assert "dynamic_variables" not in response.json()["call_inbound"]


def test_health_and_readiness(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


@pytest.mark.parametrize("bad", ["\x00", "\udc00"])
def test_nul_and_lone_surrogates_are_stored_and_answered_never_a_500(
    client: httpx.Client, database: Database, bad: str
) -> None:
    """A signed body with "\\u0000" or a lone "\\udc00" was a 500 on PostgreSQL with nothing
    stored, on every Retell route. The raw bytes are kept; the payload gets U+FFFD."""
    seed_company(database)
    started = call_event(
        "call_started", base_call(start_timestamp=int(time.time() * 1000), transcript=f"Hallo{bad}")
    )
    inbound = inbound_event(from_number=f"+4930{bad}", to_number=DEMO_NUMBER)
    function = {
        "name": "save_caller_data",
        "call": base_call(start_timestamp=int(time.time() * 1000)),
        "args": {"name": f"Petra{bad} Lang"},
    }
    for path, payload in (
        ("/retell/webhook", started),
        ("/retell/inbound", inbound),
        ("/retell/functions/save_caller_data", function),
    ):
        body = json.dumps(payload, ensure_ascii=True).encode()
        assert b"\\u0000" in body or b"\\udc00" in body
        response = post_signed(client, path, body)
        assert response.status_code < 500, (path, response.text)
        with database.sessions() as session:
            stored = session.scalars(select(CallEvent).where(CallEvent.body == body)).one()
            assert stored.payload is not None and bad not in json.dumps(stored.payload)


@pytest.mark.parametrize(
    "field, value",
    [
        ("start_timestamp", 10**20),
        ("start_timestamp", -(10**15)),
        ("end_timestamp", 2**63),
        ("duration_ms", 2**40),
        ("duration_ms", -5),
    ],
)
def test_out_of_range_numbers_keep_the_call_and_say_what_was_dropped(
    client: httpx.Client, database: Database, field: str, value: int
) -> None:
    """A signed event with a timestamp or integer no call can have ended as a failed event and
    the call got no row. What is usable is stored; the unusable value is dropped with a reason."""
    seed_company(database)
    now_ms = int(time.time() * 1000)
    call = base_call(start_timestamp=now_ms, transcript="Agent: Praxis Sonnenschein, hallo.")
    call[field] = value
    response = post_signed(client, "/retell/webhook", call_event("call_ended", call))
    assert response.status_code == 204, response.text
    with database.sessions() as session:
        row = session.scalars(select(Call)).one()
        event = session.scalars(select(CallEvent)).one()
    assert event.status == "processed"
    assert event.error is not None and field in event.error and "out of range" in event.error
    assert row.transcript == "Agent: Praxis Sonnenschein, hallo."
    assert row.status == "ended"
    if field == "start_timestamp":
        assert row.started_at is None
    if field == "duration_ms":
        assert row.duration_ms is None
    else:
        assert row.started_at is not None or field == "start_timestamp"
