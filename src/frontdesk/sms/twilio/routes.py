"""Twilio's HTTP edge for SMS: store raw, check the signature, translate, answer TwiML.

Every request is kept in the inbox before anything else (a forged or broken one too, marked
rejected), so nothing Twilio sent is lost and a processing bug can be replayed."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

import structlog
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped, unused-ignore]
from twilio.twiml.messaging_response import (  # type: ignore[import-untyped, unused-ignore]
    MessagingResponse,
)

from frontdesk.calls import inbox
from frontdesk.calls.models import CallEvent
from frontdesk.conversations import sms as sms_flow
from frontdesk.conversations.sms_replies import IncomingSms, handle_incoming
from frontdesk.db.core import Database
from frontdesk.request_body import BodyTooLarge, error, error_responses, read_body
from frontdesk.settings import Settings
from frontdesk.storable_text import storable

router = APIRouter(prefix="/sms/twilio", tags=["twilio"])
log = structlog.get_logger(__name__)
PROVIDER = "twilio"
SIGNATURE_HEADER = "X-Twilio-Signature"
INCOMING = "sms_incoming"
STATUS = "sms_status"


def signed_url(request: Request, settings: Settings) -> str:
    """The URL Twilio signed: the configured public URL when set, else the request's own."""
    if "public_base_url" in settings.model_fields_set and settings.public_base_url:
        query = f"?{request.url.query}" if request.url.query else ""
        return settings.public_base_url.rstrip("/") + request.url.path + query
    return str(request.url)


def form_of(body: bytes) -> dict[str, str] | str:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"body is not UTF-8: {exc}"
    fields: dict[str, str] = storable(dict(parse_qsl(text, keep_blank_values=True)))
    return fields


def _key(kind: str, fields: dict[str, str] | None, body: bytes) -> str:
    sid = (fields or {}).get("MessageSid") or (fields or {}).get("SmsSid")
    status = (fields or {}).get("MessageStatus", "")
    if sid:
        return f"twilio:{kind}:{sid}:{status}" if kind == STATUS else f"twilio:{kind}:{sid}"
    return f"twilio:{kind}:sha256:{hashlib.sha256(body).hexdigest()}"


def _store(
    db: Database,
    kind: str,
    body: bytes,
    fields: dict[str, str] | None,
    status: str = "received",
    why: str | None = None,
) -> tuple[int, bool, str]:
    key = (
        _key(kind, fields, body) if status == "received" else f"{_key(kind, fields, body)}:{status}"
    )
    with db.unit_of_work() as session:
        stored = inbox.store_raw(
            session=session,
            provider=PROVIDER,
            dedupe_key=key[:200],
            body=body,
            payload=dict(fields) if fields is not None else None,
            event_type=kind,
            provider_call_id=None,
            status=status,
            error=why,
        )
        return stored.id, stored.is_new, stored.status


async def _verified(request: Request, kind: str) -> tuple[bytes, dict[str, str]] | Response:
    """Body and form fields of a request Twilio signed; anything else is kept and refused."""
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    try:
        body = await read_body(request, settings.max_body_bytes)
    except BodyTooLarge:
        return error(413, "body_too_large", f"request body exceeds {settings.max_body_bytes} bytes")
    fields = form_of(body)
    if isinstance(fields, str):
        await run_in_threadpool(_store, db, kind, body, None, "rejected", fields)
        return error(400, "invalid_form", fields)
    if not settings.twilio_auth_token:
        await run_in_threadpool(_store, db, kind, body, fields, "rejected", "SMS is not configured")
        return error(403, "sms_not_configured", "FRONTDESK_TWILIO_AUTH_TOKEN is not set")
    validator = RequestValidator(settings.twilio_auth_token)
    signature = request.headers.get(SIGNATURE_HEADER, "")
    if not validator.validate(signed_url(request, settings), fields, signature):
        log.warning("twilio.signature_rejected", path=request.url.path)
        await run_in_threadpool(_store, db, kind, body, fields, "rejected", "invalid signature")
        return error(403, "invalid_signature", "X-Twilio-Signature does not match this request")
    return body, fields


def _twiml(answer: str | None) -> Response:
    reply = MessagingResponse()
    if answer:
        reply.message(answer)
    return Response(content=str(reply), media_type="application/xml")


def incoming_of(fields: dict[str, Any]) -> IncomingSms | str:
    missing = [k for k in ("MessageSid", "From", "To") if not fields.get(k)]
    if missing:
        return f"missing fields: {', '.join(missing)}"
    return IncomingSms(
        provider_id=str(fields["MessageSid"]),
        from_number=str(fields["From"]),
        to_number=str(fields["To"]),
        body=str(fields.get("Body", "")),
    )


def process_incoming(
    session: Session, event: CallEvent, answers: list[str | None] | None = None
) -> str:
    """The inbox processor for incoming SMS (also used by `frontdesk replay`)."""
    sms = incoming_of(event.payload or {})
    if isinstance(sms, str):
        raise ValueError(sms)
    outcome = handle_incoming(session=session, sms=sms, now=datetime.now(UTC))
    if answers is not None:
        answers.append(outcome.answer)
    return "processed" if outcome.outcome != "unknown_number" else "unknown_number"


def process_status(session: Session, event: CallEvent) -> str:
    """The inbox processor for delivery status callbacks."""
    fields = event.payload or {}
    sid = fields.get("MessageSid") or fields.get("SmsSid")
    status = fields.get("MessageStatus") or fields.get("SmsStatus")
    if not sid or not status:
        raise ValueError("status callback without MessageSid or MessageStatus")
    message = sms_flow.apply_delivery_status(
        session=session,
        provider_id=str(sid),
        status=str(status),
        error_code=fields.get("ErrorCode"),
    )
    return "processed" if message is not None else "unknown_message"


def _ingest_incoming(db: Database, body: bytes, fields: dict[str, str]) -> str | None:
    event_id, is_new, status = _store(db, INCOMING, body, fields)
    if not is_new and status != "received":
        return None  # Twilio's retry of a reply already handled: answer it once only
    answers: list[str | None] = []

    def processor(session: Session, event: CallEvent) -> str:
        return process_incoming(session, event, answers)

    inbox.process(session_factory=db.sessions, event_id=event_id, processor=processor)
    return answers[0] if answers else None


def _ingest_status(db: Database, body: bytes, fields: dict[str, str]) -> None:
    event_id, is_new, status = _store(db, STATUS, body, fields)
    if is_new or status == "received":
        inbox.process(session_factory=db.sessions, event_id=event_id, processor=process_status)


def _form_body(fields: dict[str, str], required: list[str]) -> dict[str, Any]:
    """The OpenAPI request body of a Twilio callback (read raw, so FastAPI cannot infer it)."""
    properties = {name: {"type": "string", "description": text} for name, text in fields.items()}
    schema = {"type": "object", "properties": properties, "required": required}
    return {"requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": schema}}}}


_REFUSALS = {
    400: "The body is not UTF-8 form data",
    403: "SMS is not configured, or X-Twilio-Signature does not match",
    413: "Body larger than the configured limit",
    422: "Signed, but without the fields this callback needs (kept as a rejected event)",
}
_TWIML = {"description": "TwiML, with the reply in German if there is one"}


@router.post(
    "",
    response_class=Response,
    responses={
        200: {**_TWIML, "content": {"application/xml": {"schema": {"type": "string"}}}},
        **error_responses(_REFUSALS),
    },
    openapi_extra=_form_body(
        {
            "MessageSid": "Twilio's message id",
            "From": "Sender (E.164)",
            "To": "Practice number",
            "Body": "The text",
        },
        ["MessageSid", "From", "To"],
    ),
)
async def incoming_sms(request: Request) -> Response:
    """A patient's SMS to the practice's number; answered with TwiML in German."""
    verified = await _verified(request, INCOMING)
    if isinstance(verified, Response):
        return verified
    body, fields = verified
    problem = incoming_of(fields)
    if isinstance(problem, str):
        await run_in_threadpool(
            _store, request.app.state.db, INCOMING, body, fields, "rejected", problem
        )
        return error(422, "invalid_message", problem)
    answer = await run_in_threadpool(_ingest_incoming, request.app.state.db, body, fields)
    return _twiml(answer)


@router.post(
    "/status",
    status_code=204,
    response_class=Response,
    responses=error_responses(_REFUSALS),
    openapi_extra=_form_body(
        {
            "MessageSid": "Our message's id at Twilio",
            "MessageStatus": "queued ... delivered",
            "ErrorCode": "Twilio's error code, when it failed",
        },
        ["MessageSid", "MessageStatus"],
    ),
)
async def delivery_status(request: Request) -> Response:
    """Twilio's delivery status callback for a message we sent."""
    verified = await _verified(request, STATUS)
    if isinstance(verified, Response):
        return verified
    body, fields = verified
    if not (fields.get("MessageSid") or fields.get("SmsSid")):
        await run_in_threadpool(
            _store, request.app.state.db, STATUS, body, fields, "rejected", "no MessageSid"
        )
        return error(422, "invalid_status", "status callback without MessageSid")
    await run_in_threadpool(_ingest_status, request.app.state.db, body, fields)
    return Response(status_code=204)
