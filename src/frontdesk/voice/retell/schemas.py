"""Retell wire payloads as pydantic models; field names are Retell's, unknown fields allowed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class RetellModel(BaseModel):
    model_config = ConfigDict(extra="allow")


class TranscriptTurn(RetellModel):
    role: str
    content: str = ""


class CallAnalysis(RetellModel):
    call_summary: str | None = None
    user_sentiment: str | None = None
    call_successful: bool | None = None
    in_voicemail: bool | None = None
    custom_analysis_data: dict[str, Any] | None = None


class RetellCall(RetellModel):
    call_id: str = Field(min_length=1)
    agent_id: str | None = None
    agent_version: int | None = None
    call_status: str | None = None
    call_type: str | None = None
    direction: str | None = None
    from_number: str | None = None
    to_number: str | None = None
    start_timestamp: int | None = None
    end_timestamp: int | None = None
    duration_ms: int | None = None
    disconnection_reason: str | None = None
    transcript: str | None = None
    transcript_object: list[TranscriptTurn] | None = None
    call_analysis: CallAnalysis | None = None
    recording_url: str | None = None
    retell_llm_dynamic_variables: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None


class CallEventPayload(RetellModel):
    event: str = Field(min_length=1)
    call: RetellCall


class InboundCallData(RetellModel):
    from_number: str | None = None
    to_number: str | None = None
    agent_id: str | None = None
    agent_version: int | None = None
    call_id: str | None = None


class InboundPayload(RetellModel):
    event: str = Field(pattern="^call_inbound$")
    call_inbound: InboundCallData


class InboundReply(BaseModel):
    """What Retell expects back; dynamic variables must sit inside `call_inbound`."""

    dynamic_variables: dict[str, str] | None = None
    metadata: dict[str, Any] | None = None
    override_agent_id: str | None = None
