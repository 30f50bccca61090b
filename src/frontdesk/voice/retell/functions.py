"""Retell custom functions: verify, find or open the call, run the live function, answer.

Both body shapes are accepted: `{"name", "call", "args"}` and args at the root (the call id
then comes from the `X-Retell-Call-Id` header or the `call_id` query parameter)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import structlog
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from frontdesk.calls import inbox, invocations
from frontdesk.calls import service as call_service
from frontdesk.calls.commands import CallEventCommand, CallEventKind, CallSnapshot
from frontdesk.calls.ids import InvalidCallId, check_call_id
from frontdesk.calls.models import Call, CallEvent
from frontdesk.conversations import call_events, live
from frontdesk.conversations import invocations as invocations_flow
from frontdesk.conversations.live_registry import HANDLERS
from frontdesk.conversations.live_schemas import TOOLS
from frontdesk.db.core import Database
from frontdesk.logs import bind_call_id
from frontdesk.request_body import error
from frontdesk.tenancy import service as tenancy_service
from frontdesk.voice.retell import events
from frontdesk.voice.retell.openapi import route_openapi
from frontdesk.voice.retell.routes import parse_json, store_rejected, verified_body
from frontdesk.voice.retell.schemas import RetellCall

router = APIRouter(prefix="/retell", tags=["retell"])
log = structlog.get_logger(__name__)
CALL_ID_HEADER = "x-retell-call-id"


def _split_body(
    raw: dict[str, Any], request: Request
) -> tuple[Any, dict[str, Any] | None, dict[str, Any]]:
    """(call id, call object or None, args) from either body shape."""
    if isinstance(raw.get("args"), dict) and ("call" in raw or "name" in raw):
        call_obj = raw.get("call") if isinstance(raw.get("call"), dict) else None
        call_id = call_obj.get("call_id") if call_obj else raw.get("call_id")
        return call_id, call_obj, dict(raw["args"])
    args = {k: v for k, v in raw.items() if k != "call_id"}
    call_id = (
        request.headers.get(CALL_ID_HEADER)
        or request.query_params.get("call_id")
        or raw.get("call_id")
    )
    return call_id, None, args


def _call_from_inbound(session: Session, call_id: str) -> CallSnapshot | None:
    """An id-only request: the numbers may be known from this call's stored call_inbound."""
    for event in call_service.events_for(session=session, provider_call_id=call_id):
        if event.event_type == "call_inbound" and event.payload:
            data = event.payload.get("call_inbound", {})
            return CallSnapshot(
                provider=events.PROVIDER,
                provider_call_id=call_id,
                from_number=data.get("from_number"),
                to_number=data.get("to_number"),
            )
    return None


def _find_or_open_call(
    session: Session, call_id: str, call_obj: dict[str, Any] | None, digest: str
) -> Call | None:
    snapshot: CallSnapshot | None = None
    if call_obj is not None:
        try:
            snapshot = events.snapshot_from_call(RetellCall.model_validate(call_obj))
        except ValidationError:  # a call object Retell would never send: go by the id alone
            snapshot = None
    if snapshot is None:
        existing = call_service.get_by_provider_id(session=session, provider_call_id=call_id)
        if existing is not None:
            return existing
        snapshot = _call_from_inbound(session, call_id)
    if snapshot is None:
        return None
    command = CallEventCommand(kind=CallEventKind.FUNCTION_CALL, snapshot=snapshot, digest=digest)
    return call_events.handle_call_event(session=session, command=command)


def _problems(exc: ValidationError) -> list[str]:
    return [f"{'.'.join(str(p) for p in e['loc']) or 'args'}: {e['msg']}" for e in exc.errors()[:4]]


def _refused(
    session: Session, call: Call, name: str, args: dict[str, Any], reply: dict[str, Any]
) -> dict[str, Any]:
    """Record a call the agent got wrong (unknown function, bad arguments) and answer it."""
    invocations.record(
        session=session,
        key=invocations.idempotency_key(call.provider_call_id, name, args, side_effect=False),
        call_id=call.id,
        company_id=call.company_id,
        name=name,
        arguments=args,
        result=reply,
        duration_ms=0.0,
        error=str(reply.get("error")),
    )
    return reply


def _run(
    session: Session, name: str, call: Call, args: dict[str, Any], failure: str | None
) -> dict[str, Any]:
    """Validate, deduplicate, execute and record one invocation; with `failure` (the handler
    failed in an earlier attempt of this request) record that instead of running it again."""
    started = time.perf_counter()
    tool = TOOLS.get(name)
    handler = HANDLERS.get(name)
    if tool is None or handler is None:
        reply = live.unknown_function_reply(name, list(HANDLERS))
        return _refused(session, call, name, args, reply)
    try:
        parsed = tool.args.model_validate(args)
    except ValidationError as exc:
        return _refused(session, call, name, args, live.bad_arguments_reply(name, _problems(exc)))
    normalised = parsed.model_dump(exclude_none=True)

    def execute() -> invocations_flow.Execution:
        if failure is not None:  # a bug becomes a polite German answer, never a 500
            return live.failure_reply(), failure
        company = tenancy_service.get(session=session, company_id=call.company_id or 0)
        assert company is not None
        ctx = live.LiveContext(session=session, company=company, call=call, now=datetime.now(UTC))
        return handler(ctx, parsed), None

    # Side-effecting functions are claimed first: Retell's retry of an attempt still running
    # waits for its answer instead of booking a second time.
    return invocations_flow.answer_once(
        session=session,
        call=call,
        name=name,
        arguments=normalised,
        side_effect=tool.side_effect,
        execute=execute,
        started=started,
    )


def _handle(
    db: Database,
    name: str,
    body: bytes,
    raw: dict[str, Any],
    call_id: str,
    call_obj: dict[str, Any] | None,
    args: dict[str, Any],
) -> dict[str, Any]:
    """One transaction: the raw request is stored first, then processed. A bug anywhere rolls
    that attempt back as a whole; a second transaction then keeps the request, the call and
    the failure answer without running the handler again, and a bug outside the handler marks
    the request failed, for replay. (No savepoints on the common path: four statements less.)"""
    try:
        with db.unit_of_work() as session:
            _store(session, name, body, raw, call_id)
            return _process(session, name, body, call_id, call_obj, args, None)
    except Exception as exc:  # never a 500 to the agent
        log.exception("retell.function_failed", function=name)
        failure = f"{type(exc).__name__}: {exc}"
    with db.unit_of_work() as session:
        stored = _store(session, name, body, raw, call_id)
        try:
            with session.begin_nested():
                return _process(session, name, body, call_id, call_obj, args, failure)
        except Exception as exc:
            log.exception("retell.function_failed", function=name)
            event = session.get(CallEvent, stored.id)
            assert event is not None  # stored above, in this transaction
            inbox.mark_failed(session=session, event=event, error=exc)
            return live.failure_reply()


def _store(
    session: Session, name: str, body: bytes, raw: dict[str, Any], call_id: str
) -> inbox.Stored:
    return inbox.store_raw(
        session=session,
        provider=events.PROVIDER,
        dedupe_key=events.dedupe_key(f"function:{name}", call_id, body),
        body=body,
        payload=raw,
        event_type=f"function:{name}",
        provider_call_id=call_id,
        status="processed",
    )


def _process(
    session: Session,
    name: str,
    body: bytes,
    call_id: str,
    call_obj: dict[str, Any] | None,
    args: dict[str, Any],
    failure: str | None,
) -> dict[str, Any]:
    call = _find_or_open_call(session, call_id, call_obj, events.digest(body))
    if call is None:
        return live.say(
            "Zu diesem Gespräch liegen noch keine Daten vor. Fahren Sie fort "
            "und bieten Sie notfalls einen Rückruf an.",
            error="unknown_call",
        )
    if call.company_id is None:
        return live.say(
            "Diese Rufnummer ist keiner Praxis zugeordnet. Bitten Sie die "
            "anrufende Person, es später erneut zu versuchen.",
            error="unknown_company",
        )
    return _run(session, name, call, args, failure)


@router.post("/functions/{name}", openapi_extra=route_openapi(None, 400, 401, 413))
async def function_call(name: str, request: Request) -> Response:
    """A live function the agent calls; always a German answer, never a 500."""
    body = await verified_body(request)
    if isinstance(body, Response):
        return body
    db: Database = request.app.state.db
    raw = parse_json(body)
    if isinstance(raw, str):
        await run_in_threadpool(store_rejected, db, body, None, raw)
        return error(400, "invalid_json", raw)
    # Retell signs the body, not the path: a body that names another function is refused, or a
    # body signed for request_callback could be replayed at /functions/cancel_appointment.
    named = raw.get("name") if isinstance(raw.get("args"), dict) else None
    if isinstance(named, str) and named != name:
        why = f"body names function {named!r} but was sent to {name!r}"
        log.warning("retell.function_name_mismatch", function=name, body_function=named)
        await run_in_threadpool(store_rejected, db, body, raw, why)
        return error(400, "function_mismatch", f"The request {why}; nothing was run.")
    call_id_value, call_obj, args = _split_body(raw, request)
    try:
        call_id = check_call_id(call_id_value)
    except InvalidCallId as exc:
        log.warning("retell.function_invalid_call_id", function=name, reason=str(exc))
        await run_in_threadpool(store_rejected, db, body, raw, f"function {name}: {exc}")
        return JSONResponse(
            live.say(
                "Die Gesprächskennung fehlt oder ist ein Platzhalter; so kann ich "
                "nichts speichern. "
                "Fahren Sie mit dem Gespräch fort, ohne etwas zuzusagen.",
                error="invalid_call_id",
                detail=str(exc),
            )
        )
    bind_call_id(call_id)
    reply = await run_in_threadpool(_handle, db, name, body, raw, call_id, call_obj, args)
    return JSONResponse(reply)
