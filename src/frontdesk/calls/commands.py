"""Provider-neutral vocabulary: what a voice adapter tells the domain about a call."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import Any


class CallEventKind(IntEnum):
    """Kinds of call events, ordered by how late in a call's life they are."""

    FUNCTION_CALL = 0
    STARTED = 1
    TRANSCRIPT_UPDATED = 2
    ENDED = 3
    ANALYZED = 4


# The status a call has once an event of this kind has been seen.
STATUS_BY_KIND = {
    CallEventKind.FUNCTION_CALL: "ongoing",
    CallEventKind.STARTED: "ongoing",
    CallEventKind.TRANSCRIPT_UPDATED: "ongoing",
    CallEventKind.ENDED: "ended",
    CallEventKind.ANALYZED: "analyzed",
}


@dataclass(frozen=True)
class CallSnapshot:
    """What one provider message says about a call; None means "not said here"."""

    provider: str
    provider_call_id: str
    agent_id: str | None = None
    direction: str | None = None
    from_number: str | None = None
    to_number: str | None = None
    provider_status: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    duration_ms: int | None = None
    disconnection_reason: str | None = None
    transcript: str | None = None
    transcript_object: list[dict[str, Any]] | None = None
    analysis: dict[str, Any] | None = None
    recording_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # Values the provider sent that could not be used, each with why (kept on the event).
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class CallEventCommand:
    """A call event (started, transcript update, ended, analysed, or a live function's view)."""

    kind: CallEventKind
    snapshot: CallSnapshot
    # A stable digest of the provider message: breaks ties between same-kind events.
    digest: str


@dataclass(frozen=True)
class InboundCall:
    """The phone is ringing: who calls whom (the call id may be missing on older payloads)."""

    provider: str
    from_number: str | None
    to_number: str | None
    provider_call_id: str | None = None
    agent_id: str | None = None
