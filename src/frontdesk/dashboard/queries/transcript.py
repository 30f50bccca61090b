"""A call's transcript as turns, with the turns that carried a name marked."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.calls.models import Call
from frontdesk.names.extraction import Turn, extract_names


@dataclass(frozen=True)
class TurnView:
    role: str
    speaker: str
    content: str
    carries: str | None  # "Anrufer-Name" | "Patienten-Name" | None


def _turns(call: Call) -> list[Turn]:
    turns: list[Turn] = []
    for raw in call.transcript_object or []:
        if isinstance(raw, dict) and isinstance(raw.get("content"), str):
            role = "agent" if raw.get("role") == "agent" else "user"
            turns.append(Turn(role=role, content=raw["content"]))
    return turns


def transcript_view(call: Call | None, agent_names: tuple[str, ...] = ()) -> list[TurnView]:
    if call is None:
        return []
    turns = _turns(call)
    if not turns:
        return []
    names = extract_names(
        turns,
        analysis=call.analysis,
        agent_names=agent_names,
        live_caller_name=call.caller_name,
    )
    marks = {
        names.caller_turn_index: "Anrufer-Name",
        names.patient_turn_index: "Patienten-Name",
    }
    return [
        TurnView(
            role=t.role,
            speaker="Assistenz" if t.role == "agent" else "Anrufer",
            content=t.content,
            carries=marks.get(i),
        )
        for i, t in enumerate(turns)
    ]


# How the voice platform labels the speakers in its plain-text transcript.
_SPEAKERS = {"agent": "Assistenz", "user": "Anrufer"}


def readable_text(transcript: str | None) -> str:
    """A plain-text transcript with German speakers ("Agent: ..." -> "Assistenz: ...")."""
    lines = []
    for line in (transcript or "").splitlines():
        speaker, sep, rest = line.partition(":")
        german = _SPEAKERS.get(speaker.strip().lower()) if sep else None
        lines.append(f"{german}:{rest}" if german else line)
    return "\n".join(lines)
