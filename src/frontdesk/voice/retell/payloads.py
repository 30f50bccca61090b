"""Building Retell payloads from retell-sdk's own types (the simulator, `retell send`, tests)."""

from __future__ import annotations

from typing import Any

from retell.types.phone_call_response import CallAnalysis, PhoneCallResponse

EVENT_STATUS = {
    "call_started": "ongoing",
    "transcript_updated": "ongoing",
    "call_ended": "ended",
    "call_analyzed": "ended",
}


def phone_call(
    *,
    call_id: str,
    from_number: str,
    to_number: str,
    agent_id: str = "agent_frontdesk_demo",
    call_status: str = "ongoing",
    **optional: Any,
) -> dict[str, Any]:
    """A call object validated by the SDK's PhoneCallResponse, with unset fields left out."""
    analysis = optional.pop("call_analysis", None)
    if optional.get("transcript_object") is not None:
        optional["transcript_object"] = with_word_timings(optional["transcript_object"])
    call = PhoneCallResponse.model_validate(
        {
            "call_id": call_id,
            "agent_id": agent_id,
            "agent_version": 1,
            "call_status": call_status,
            "call_type": "phone_call",
            "direction": "inbound",
            "from_number": from_number,
            "to_number": to_number,
            **optional,
        }
    )
    if analysis is not None:
        call.call_analysis = CallAnalysis.model_validate(analysis)
    dumped: dict[str, Any] = call.model_dump(exclude_none=True, mode="json")
    return dumped


def with_word_timings(
    turns: list[dict[str, Any]], words_per_second: float = 2.5
) -> list[dict[str, Any]]:
    """Turns as Retell sends them: each with its words and their audio times in seconds."""
    clock = 0.0
    result = []
    for turn in turns:
        if "words" in turn:
            result.append(turn)
            continue
        words = []
        for word in str(turn.get("content", "")).split():
            words.append(
                {
                    "word": word,
                    "start": round(clock, 2),
                    "end": round(clock + 1 / words_per_second, 2),
                }
            )
            clock += 1 / words_per_second
        clock += 0.6
        result.append({**turn, "words": words})
    return result


def call_event(event: str, call: dict[str, Any]) -> dict[str, Any]:
    """`{"event", "call"}` with the call status the event implies."""
    return {"event": event, "call": {**call, "call_status": EVENT_STATUS.get(event, "ongoing")}}


def inbound_event(
    *, from_number: str, to_number: str, call_id: str | None = None, agent_id: str | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"from_number": from_number, "to_number": to_number}
    if call_id is not None:
        data["call_id"] = call_id
    if agent_id is not None:
        data["agent_id"] = agent_id
    return {"event": "call_inbound", "call_inbound": data}
