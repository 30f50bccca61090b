"""Retell's HTTP edge: read within limits, verify, store raw, translate, answer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import structlog
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from frontdesk.calls import inbox
from frontdesk.calls.models import CallEvent
from frontdesk.conversations import call_events
from frontdesk.conversations.inbound import answer_inbound
from frontdesk.db.core import Database
from frontdesk.logs import bind_call_id
from frontdesk.request_body import BodyTooLarge, error, read_body
from frontdesk.settings import Settings
from frontdesk.storable_text import storable
from frontdesk.voice.retell import events
from frontdesk.voice.retell.openapi import route_openapi
from frontdesk.voice.retell.schemas import CallEventPayload, InboundPayload
from frontdesk.voice.retell.verify import SIGNATURE_HEADER, InvalidSignature, check_signature

router = APIRouter(prefix="/retell", tags=["retell"])
log = structlog.get_logger(__name__)


async def verified_body(request: Request) -> bytes | JSONResponse:
    """The body if it is within limits and signed by Retell, else the error response."""
    settings: Settings = request.app.state.settings
    try:
        body = await read_body(request, settings.max_body_bytes)
    except BodyTooLarge:
        return error(413, "body_too_large", f"request body exceeds {settings.max_body_bytes} bytes")
    try:
        check_signature(
            body,
            request.headers.get(SIGNATURE_HEADER),
            settings.retell_api_key,
            tolerance_ms=settings.signature_tolerance_seconds * 1000,
        )
    except InvalidSignature as exc:
        log.warning("retell.signature_rejected", reason=str(exc), path=request.url.path)
        return error(401, "invalid_signature", str(exc))
    return body


def parse_json(body: bytes) -> dict[str, Any] | str:
    """The JSON object, or a message saying why it is not one."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"body is not valid JSON: {exc}"
    if not isinstance(data, dict):
        return "body must be a JSON object"
    # "\u0000" or a lone "\udc00" in the JSON: the raw bytes keep them, the payload may not.
    cleaned: dict[str, Any] = storable(data)
    return cleaned


def store_rejected(db: Database, body: bytes, payload: dict[str, Any] | None, why: str) -> None:
    """A signed but unusable body is still kept, so nothing Retell sent is lost."""
    event_type = payload.get("event") if payload else None
    with db.unit_of_work() as session:
        inbox.store_raw(
            session=session,
            provider=events.PROVIDER,
            dedupe_key=events.dedupe_key("rejected", None, body),
            body=body,
            payload=payload,
            event_type=event_type if isinstance(event_type, str) else None,
            provider_call_id=None,
            status="rejected",
            error=why[:4000],
        )


def _validation_message(exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]]
    return "payload does not match the Retell schema: " + "; ".join(parts)


def process_call_event(session: Session, event: CallEvent) -> str:
    """The inbox processor for call events (also used by `frontdesk replay`)."""
    payload = CallEventPayload.model_validate(event.payload)
    command = events.to_command(payload, event.body)
    if command is None:
        return "ignored"
    call_events.handle_call_event(session=session, command=command)
    if command.snapshot.dropped:
        event.error = "; ".join(command.snapshot.dropped)
        log.warning("retell.values_dropped", event_id=event.id, dropped=event.error)
    return "processed"


def _ingest_call_event(
    db: Database, body: bytes, payload: CallEventPayload, raw: dict[str, Any]
) -> str:
    call_id = payload.call.call_id
    with db.unit_of_work() as session:
        stored = inbox.store_raw(
            session=session,
            provider=events.PROVIDER,
            dedupe_key=events.dedupe_key(payload.event, call_id, body),
            body=body,
            payload=raw,
            event_type=payload.event,
            provider_call_id=call_id,
        )
    if not stored.is_new and stored.status in {"processed", "ignored"}:
        return "duplicate"
    event_id = stored.id
    result = inbox.process(
        session_factory=db.sessions, event_id=event_id, processor=process_call_event
    )
    if result == "failed":
        log.error("retell.event_failed", event_type=payload.event, event_id=event_id)
    return result


@router.post(
    "/webhook", status_code=204, openapi_extra=route_openapi(CallEventPayload, 400, 401, 413, 422)
)
async def call_event_webhook(request: Request) -> Response:
    """Call lifecycle events. Any signed event is kept; a processing bug still answers 204."""
    body = await verified_body(request)
    if isinstance(body, Response):
        return body
    db: Database = request.app.state.db
    raw = parse_json(body)
    if isinstance(raw, str):
        await run_in_threadpool(store_rejected, db, body, None, raw)
        return error(400, "invalid_json", raw)
    try:
        payload = CallEventPayload.model_validate(raw)
    except ValidationError as exc:
        message = _validation_message(exc)
        await run_in_threadpool(store_rejected, db, body, raw, message)
        return error(422, "invalid_payload", message)
    bind_call_id(payload.call.call_id)
    result = await run_in_threadpool(_ingest_call_event, db, body, payload, raw)
    log.info("retell.event", event_type=payload.event, result=result)
    return Response(status_code=204)


def _answer_inbound(
    db: Database, body: bytes, payload: InboundPayload, raw: dict[str, Any]
) -> dict[str, Any]:
    inbound = events.to_inbound(payload)
    with db.unit_of_work() as session:
        event_id = inbox.store_raw(
            session=session,
            provider=events.PROVIDER,
            dedupe_key=events.dedupe_key("call_inbound", inbound.provider_call_id, body),
            body=body,
            payload=raw,
            event_type="call_inbound",
            provider_call_id=inbound.provider_call_id,
        ).id
    reply: dict[str, Any] = {"call_inbound": {}}

    def processor(session: Session, _event: CallEvent) -> str:
        answer = answer_inbound(session=session, inbound=inbound, now=datetime.now(UTC))
        if answer.company is None:
            log.warning("retell.inbound_unknown_number", to_number=inbound.to_number)
            return "unknown_number"
        reply["call_inbound"] = {"dynamic_variables": answer.dynamic_variables}
        # A prompt experiment's variant may switch the call to another agent or version.
        if answer.override_agent_id:
            reply["call_inbound"]["override_agent_id"] = answer.override_agent_id
        if answer.override_agent_version is not None:
            reply["call_inbound"]["override_agent_version"] = answer.override_agent_version
        return "processed"

    inbox.process(session_factory=db.sessions, event_id=event_id, processor=processor)
    return reply


@router.post("/inbound", openapi_extra=route_openapi(InboundPayload, 400, 401, 413, 422))
async def inbound_webhook(request: Request) -> Response:
    """The phone is ringing: answer fast with what the agent should know."""
    body = await verified_body(request)
    if isinstance(body, Response):
        return body
    db: Database = request.app.state.db
    raw = parse_json(body)
    if isinstance(raw, str):
        await run_in_threadpool(store_rejected, db, body, None, raw)
        return error(400, "invalid_json", raw)
    try:
        payload = InboundPayload.model_validate(raw)
    except ValidationError as exc:
        message = _validation_message(exc)
        await run_in_threadpool(store_rejected, db, body, raw, message)
        return error(422, "invalid_payload", message)
    bind_call_id(payload.call_inbound.call_id)
    reply = await run_in_threadpool(_answer_inbound, db, body, payload, raw)
    return JSONResponse(reply)
