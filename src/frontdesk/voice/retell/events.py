"""Translate Retell payloads into the domain's neutral commands; provider words stop here."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from frontdesk.calls.commands import CallEventCommand, CallEventKind, CallSnapshot, InboundCall
from frontdesk.voice.retell.schemas import CallEventPayload, InboundPayload, RetellCall

PROVIDER = "retell"

KIND_BY_EVENT = {
    "call_started": CallEventKind.STARTED,
    "transcript_updated": CallEventKind.TRANSCRIPT_UPDATED,
    "call_ended": CallEventKind.ENDED,
    "call_analyzed": CallEventKind.ANALYZED,
}


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


# Values no real call can carry (epoch milliseconds between 2000 and 2100; a duration below
# ~24.8 days, which is also what the column holds) are dropped with a reason, never fatal.
EARLIEST_MS = 946_684_800_000
LATEST_MS = 4_102_444_800_000
MAX_DURATION_MS = 2**31 - 1


def _in_range(name: str, value: int | None, low: int, high: int, dropped: list[str]) -> int | None:
    if value is None or low <= value <= high:
        return value
    dropped.append(f"{name} {value} out of range [{low}, {high}]: dropped")
    return None


def _ms_to_datetime(name: str, value: int | None, dropped: list[str]) -> datetime | None:
    usable = _in_range(name, value, EARLIEST_MS, LATEST_MS, dropped)
    return None if usable is None else datetime.fromtimestamp(usable / 1000, tz=UTC)


def snapshot_from_call(call: RetellCall) -> CallSnapshot:
    """The neutral view of a Retell call object (fields never set stay None)."""
    dropped: list[str] = []
    analysis: dict[str, Any] | None = (
        call.call_analysis.model_dump(exclude_none=True) if call.call_analysis else None
    )
    turns = (
        [turn.model_dump(include={"role", "content"}) for turn in call.transcript_object]
        if call.transcript_object is not None
        else None
    )
    return CallSnapshot(
        provider=PROVIDER,
        provider_call_id=call.call_id,
        agent_id=call.agent_id,
        direction=call.direction,
        from_number=call.from_number,
        to_number=call.to_number,
        provider_status=call.call_status,
        started_at=_ms_to_datetime("start_timestamp", call.start_timestamp, dropped),
        ended_at=_ms_to_datetime("end_timestamp", call.end_timestamp, dropped),
        duration_ms=_in_range("duration_ms", call.duration_ms, 0, MAX_DURATION_MS, dropped),
        disconnection_reason=call.disconnection_reason,
        transcript=call.transcript,
        transcript_object=turns,
        analysis=analysis,
        recording_url=call.recording_url,
        dropped=tuple(dropped),
    )


def to_command(payload: CallEventPayload, body: bytes) -> CallEventCommand | None:
    """A neutral command for a call event; None for event types the domain does not use."""
    kind = KIND_BY_EVENT.get(payload.event)
    if kind is None:
        return None
    return CallEventCommand(
        kind=kind, snapshot=snapshot_from_call(payload.call), digest=digest(body)
    )


def to_inbound(payload: InboundPayload) -> InboundCall:
    data = payload.call_inbound
    return InboundCall(
        provider=PROVIDER,
        from_number=data.from_number,
        to_number=data.to_number,
        provider_call_id=data.call_id,
        agent_id=data.agent_id,
    )


def dedupe_key(event_type: str | None, call_id: str | None, body: bytes) -> str:
    """Identical bodies are one delivery; different bodies of one event type are kept apart."""
    return f"{PROVIDER}:{event_type or 'unknown'}:{call_id or '-'}:{digest(body)[:40]}"
