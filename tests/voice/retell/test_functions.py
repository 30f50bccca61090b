"""Live functions over real HTTP: signature, body shapes, call ids, aliases, idempotency."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from sqlalchemy import select

from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.voice.retell.payloads import phone_call
from frontdesk.voice.retell.signing import sign
from tests.voice.retell.helpers import API_KEY, DEMO_NUMBER, post_signed
from tests.voice.retell.test_webhook import seed_company

CALL_ID = "call_f00ba2000000000000000000000001"


def live_call(from_number: str = "anonymous") -> dict[str, object]:
    return phone_call(
        call_id=CALL_ID,
        from_number=from_number,
        to_number=DEMO_NUMBER,
        start_timestamp=int(time.time() * 1000),
    )


def call_function(
    client: httpx.Client, name: str, args: dict[str, object], call: dict[str, object] | None = None
) -> httpx.Response:
    return post_signed(
        client,
        f"/retell/functions/{name}",
        {"name": name, "call": call or live_call(), "args": args},
    )


def test_unsigned_function_call_is_401(client: httpx.Client, database: Database) -> None:
    seed_company(database)
    body = json.dumps({"name": "get_context", "call": live_call(), "args": {}}).encode()
    assert client.post("/retell/functions/get_context", content=body).status_code == 401
    response = client.post(
        "/retell/functions/get_context",
        content=body,
        headers={"x-retell-signature": sign(body, "wrong-key")},
    )
    assert response.status_code == 401


def test_get_context_opens_the_call_from_its_call_object(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    response = call_function(client, "get_context", {})
    assert response.status_code == 200
    reply = response.json()
    assert reply["company"] == "Praxis Sonnenschein"
    assert reply["say"].startswith("Heute ist ")
    with database.sessions() as session:
        call = session.scalars(select(Call)).one()
        assert call.provider_call_id == CALL_ID and call.status == "ongoing"
        invocation = session.scalars(select(FunctionInvocation)).one()
        assert invocation.name == "get_context" and invocation.call_id == call.id
        assert invocation.company_id == call.company_id and invocation.arguments == {}
        assert invocation.result == reply and invocation.error is None
        assert invocation.duration_ms is not None and invocation.duration_ms > 0
        assert invocation.repeats == 0 and invocation.created_at is not None


def test_args_at_root_with_call_id_header_or_query(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    call_function(client, "get_context", {})
    body = json.dumps({"reason": "Rezept abholen"}).encode()
    headers = {"x-retell-signature": sign(body, API_KEY), "x-retell-call-id": CALL_ID}
    response = client.post("/retell/functions/request_callback", content=body, headers=headers)
    assert response.status_code == 200 and "callback_id" in response.json()
    body = json.dumps({}).encode()
    response = client.post(
        f"/retell/functions/get_context?call_id={CALL_ID}",
        content=body,
        headers={"x-retell-signature": sign(body, API_KEY)},
    )
    assert response.status_code == 200 and "say" in response.json()


@pytest.mark.parametrize(
    "bad_id",
    ["current", "None", "undefined", "12345678901234567890", "call_53eac4e", "{{call_id}}", ""],
)
def test_placeholder_call_ids_are_refused(
    client: httpx.Client, database: Database, bad_id: str
) -> None:
    seed_company(database)
    response = post_signed(
        client,
        "/retell/functions/get_context",
        {"name": "get_context", "call": {"call_id": bad_id}, "args": {}},
    )
    assert response.status_code == 200
    assert response.json()["error"] == "invalid_call_id"
    with database.sessions() as session:
        assert session.scalars(select(Call)).first() is None
        # Refused, but what Retell sent is kept (found by schemathesis).
        kept = session.scalars(select(CallEvent)).one()
    assert kept.status == "rejected" and "get_context" in (kept.error or "")


def test_a_signed_body_that_is_not_json_is_kept_and_answered_400(
    client: httpx.Client, database: Database
) -> None:
    body = b'{"name": "save_caller_data", "args": {'
    response = post_signed(client, "/retell/functions/save_caller_data", body)
    assert response.status_code == 400 and response.json()["error"] == "invalid_json"
    with database.sessions() as session:
        kept = session.scalars(select(CallEvent)).one()
    assert kept.body == body and kept.status == "rejected"


def test_unknown_function_gets_german_guidance(client: httpx.Client, database: Database) -> None:
    seed_company(database)
    response = call_function(client, "book_cal_com", {"x": 1})
    assert response.status_code == 200
    reply = response.json()
    assert reply["error"] == "unknown_function"
    assert "gibt es nicht" in reply["say"]


def test_bad_arguments_get_german_guidance(client: httpx.Client, database: Database) -> None:
    seed_company(database)
    response = call_function(client, "request_callback", {"reason": ""})
    assert response.status_code == 200
    assert response.json()["error"] == "bad_arguments"


def test_german_alias_and_repeat_returns_first_result(
    client: httpx.Client, database: Database
) -> None:
    seed_company(database)
    first = call_function(
        client, "request_callback", {"grund": "Befund besprechen", "telefon": "030 1234567"}
    )
    second = call_function(
        client, "request_callback", {"grund": "Befund besprechen", "telefon": "030 1234567"}
    )
    assert first.json() == second.json()
    with database.sessions() as session:
        items = session.scalars(select(ReviewItem)).all()
        assert len(items) == 1 and items[0].priority == 1
        assert items[0].details["phone"] == "+49301234567"
        invocation = session.scalars(select(FunctionInvocation)).one()
        assert invocation.repeats == 1


def test_processing_bug_keeps_the_request_and_answers_german(
    client: httpx.Client, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.calls.models import CallEvent
    from frontdesk.voice.retell import functions

    seed_company(database)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("injected function bug")

    monkeypatch.setattr(functions, "_find_or_open_call", broken)
    response = call_function(client, "get_context", {})
    assert response.status_code == 200
    assert response.json()["error"] == "internal_error"
    with database.sessions() as session:
        event = session.scalars(select(CallEvent)).one()
        assert event.event_type == "function:get_context" and event.status == "failed"
        assert "injected function bug" in (event.error or "")


def test_a_handler_bug_rolls_back_its_work_but_keeps_request_call_and_answer(
    client: httpx.Client, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the handler wrote is undone; the request, the call and the recorded failure stay,
    and Retell's retry of the same request is answered the same without running it again."""
    from frontdesk.conversations import live_registry
    from frontdesk.conversations.live import LiveContext

    seed_company(database)
    runs: list[int] = []

    def half_done(ctx: LiveContext, _args: object) -> dict[str, object]:
        runs.append(1)
        ctx.session.add(
            ReviewItem(
                company_id=ctx.company.id, call_id=ctx.call.id, reason="callback", summary="x"
            )
        )
        ctx.session.flush()
        raise RuntimeError("injected handler bug")

    monkeypatch.setitem(live_registry.HANDLERS, "request_callback", half_done)
    body, call = {"reason": "Rückfrage zur Rechnung"}, live_call()
    first = call_function(client, "request_callback", body, call)
    again = call_function(client, "request_callback", body, call)  # the same bytes again
    assert first.status_code == again.status_code == 200
    assert first.json()["error"] == "internal_error" and again.json() == first.json()
    assert len(runs) == 1
    with database.sessions() as session:
        assert session.scalars(select(ReviewItem)).all() == []
        assert session.scalars(select(Call)).one().provider_call_id == CALL_ID
        events = session.scalars(select(CallEvent)).all()
        assert [e.status for e in events] == ["processed"]
        assert events[0].duplicates == 1
        invocation = session.scalars(select(FunctionInvocation)).one()
        assert invocation.name == "request_callback" and invocation.repeats == 1
        assert "injected handler bug" in (invocation.error or "")
        assert invocation.result == first.json()
