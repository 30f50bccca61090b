"""The Retell LLM, agent and phone-number settings that make an agent talk to frontdesk."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from retell.types.agent_create_params import (
    AgentCreateParams,
    PostCallAnalysisDataBooleanAnalysisData,
    PostCallAnalysisDataStringAnalysisData,
)
from retell.types.llm_create_params import (
    GeneralToolCustomTool,
    GeneralToolEndCallTool,
    LlmCreateParams,
)
from retell.types.phone_number_update_params import PhoneNumberUpdateParams

from frontdesk.conversations.live_schemas import TOOLS, LiveArgs

AGENT_NAME = "frontdesk"
LLM_PLACEHOLDER = "set-by-push"

GENERAL_PROMPT = """\
Du bist {{agent_name}}, die freundliche telefonische Rezeption von {{company_name}}.
Heute ist {{current_date}}, es ist {{current_time}} Uhr. Nenne nie ein Datum, das du nicht \
aus diesen Angaben oder aus einer Funktion hast.

Gesprächsbeginn:
- Ist caller_known "{{caller_known}}" gleich "true", begrüße die Person mit Namen \
("Guten Tag, {{customer_name}}!") und frage nur kurz: "Spreche ich mit {{customer_name}}?"
- Sonst begrüße mit „{{greeting}}“, dem Namen der Praxis und deinem Namen und stelle als \
Allererstes die Namensfrage „{{name_question}}“ (ohne Vorgabe: "Mit wem spreche ich?") – \
noch bevor es um das Anliegen geht.
- Eine unterdrückte Rufnummer (caller_id_withheld = "{{caller_id_withheld}}") ist normal; \
erwähne sie nicht als Problem.

Daten sofort sichern:
- Sobald die Person ihren Namen, ihr Geburtsdatum, ihre E-Mail-Adresse oder eine \
Rückrufnummer sagt, rufe sofort save_caller_data mit genau diesem Wert auf – nicht erst am Ende.
- Folge dem Feld next_required_field und dem Text in ask/say der Antwort.
- Wenn die Antwort um eine Wiederholung des Namens bittet, frage höflich nach \
(auch buchstabiert). Nach zwei erfolglosen Versuchen mach ohne Namen weiter.
- Bei unterdrückter Rufnummer frage nach dem Namen nach einer Rückrufnummer für die \
SMS-Bestätigung.

Termine:
- Frage nach der gewünschten Leistung und dem Wunschtermin und rufe check_availability mit \
den Worten der Person auf (z. B. date "nächste Woche Dienstag", time "vormittags").
- Lies höchstens drei Angebote vor, so wie sie in say stehen. Buche erst nach einem klaren Ja \
mit book_appointment und der slot_id. Ist der Termin für jemand anderen, gib for_name mit.
- Sage "gebucht" nur, wenn book_appointment es bestätigt hat.
- Passt keines der Angebote, biete die Warteliste an; stimmt die Person zu, rufe \
join_waitlist mit Leistung, Zeitraum und Zeitwunsch in ihren Worten auf.
- Absagen mit cancel_appointment, Verschieben mit reschedule_appointment, eigene Termine mit \
list_appointments. Für alles andere: request_callback.

Stil: kurze, natürliche Sätze auf Deutsch, Sie-Form, keine Listen, keine Fachbegriffe. \
Wenn eine Funktion einen Fehler meldet, entschuldige dich kurz und biete einen Rückruf an.
"""

POST_CALL_ANALYSIS = [
    {
        "type": "string",
        "name": "caller_full_name",
        "description": "Vor- und Nachname der anrufenden Person, nur wenn sie ihn "
        "selbst gesagt hat; "
        "sonst leer. Nie den Namen der Rezeption oder des Praxisteams.",
    },
    {
        "type": "string",
        "name": "patient_full_name",
        "description": "Name der Person, für die der Termin ist, nur wenn das nicht die anrufende "
        "Person ist; sonst leer.",
    },
    {"type": "string", "name": "reason_for_visit", "description": "Anliegen in wenigen Worten."},
    {"type": "boolean", "name": "first_visit", "description": "Ist die Person zum ersten Mal da?"},
    {
        "type": "boolean",
        "name": "appointment_made",
        "description": "Wurde im Gespräch ein Termin fest gebucht?",
    },
]


def _json_schema(args: type[LiveArgs]) -> dict[str, Any]:
    """A plain JSON Schema for the LLM: optional strings as strings, no titles or nulls."""
    schema = args.model_json_schema(by_alias=False)
    properties: dict[str, Any] = {}
    for name, spec in schema.get("properties", {}).items():
        kinds = [s.get("type") for s in spec.get("anyOf", [spec]) if s.get("type") != "null"]
        properties[name] = {
            "type": kinds[0] if kinds else "string",
            "description": spec.get("description", ""),
        }
    result: dict[str, Any] = {"type": "object", "properties": properties}
    if schema.get("required"):
        result["required"] = list(schema["required"])
    return result


def tool_definitions(base_url: str) -> list[dict[str, Any]]:
    base = base_url.rstrip("/")
    tools: list[dict[str, Any]] = []
    for tool in TOOLS.values():
        definition: dict[str, Any] = {
            "type": "custom",
            "name": tool.name,
            "description": tool.description,
            "url": f"{base}/retell/functions/{tool.name}",
            "method": "POST",
            "parameters": _json_schema(tool.args),
            "timeout_ms": 8000,
            "max_retry": 2,
            "speak_during_execution": tool.slow,
            "speak_after_execution": True,
        }
        if tool.slow:
            definition["execution_message_description"] = "Einen Moment, ich schaue kurz nach."
        tools.append(definition)
    tools.append(
        {
            "type": "end_call",
            "name": "end_call",
            "description": "Beendet das Gespräch nach einer freundlichen Verabschiedung.",
        }
    )
    return tools


def llm_definition(base_url: str, agent_name: str = "Lena") -> dict[str, Any]:
    return {
        "model": "gpt-4.1",
        "model_temperature": 0.2,
        "start_speaker": "agent",
        "general_prompt": GENERAL_PROMPT,
        "general_tools": tool_definitions(base_url),
        "default_dynamic_variables": {
            "agent_name": agent_name,
            "company_name": "unserer Praxis",
            # A prompt experiment's variant replaces these two through the inbound answer.
            "greeting": "Guten Tag",
            "name_question": "Mit wem spreche ich?",
            "caller_known": "false",
            "customer_name": "",
            "caller_id_withheld": "false",
            "next_appointment": "",
            "current_date": "",
            "current_time": "",
        },
    }


def agent_definition(base_url: str, llm_id: str = LLM_PLACEHOLDER) -> dict[str, Any]:
    return {
        "agent_name": AGENT_NAME,
        "response_engine": {"type": "retell-llm", "llm_id": llm_id},
        "voice_id": "11labs-Carola",
        "language": "de-DE",
        "webhook_url": f"{base_url.rstrip('/')}/retell/webhook",
        "webhook_events": ["call_started", "call_ended", "call_analyzed", "transcript_updated"],
        "webhook_timeout_ms": 10000,
        "post_call_analysis_data": POST_CALL_ANALYSIS,
        "end_call_after_silence_ms": 30000,
        "max_call_duration_ms": 1_800_000,
        "data_storage_setting": "everything",
    }


def phone_number_settings(base_url: str) -> dict[str, Any]:
    return {"inbound_webhook_url": f"{base_url.rstrip('/')}/retell/inbound"}


def export(base_url: str) -> dict[str, Any]:
    """LLM, agent and phone-number settings, each checked against retell-sdk's own types."""
    definition = {
        "llm": llm_definition(base_url),
        "agent": agent_definition(base_url),
        "phone_number": phone_number_settings(base_url),
    }
    validate(definition)
    return definition


class DefinitionError(ValueError):
    """A definition has a key the SDK's parameter type does not know."""


def _check(kind: Any, data: dict[str, Any], where: str) -> None:
    """Validate `data` as the SDK TypedDict `kind`, refusing keys it does not declare.

    (pydantic ignores unknown TypedDict keys and validates Iterable fields lazily, so both
    are checked here explicitly.)"""
    known = set(kind.__required_keys__) | set(kind.__optional_keys__)
    unknown = set(data) - known
    if unknown:
        raise DefinitionError(f"{where}: unknown keys {sorted(unknown)}")
    missing = set(kind.__required_keys__) - set(data)
    if missing:
        raise DefinitionError(f"{where}: missing keys {sorted(missing)}")
    TypeAdapter(kind).validate_python(data)


ANALYSIS_TYPES = {
    "string": PostCallAnalysisDataStringAnalysisData,
    "boolean": PostCallAnalysisDataBooleanAnalysisData,
}
TOOL_TYPES = {"custom": GeneralToolCustomTool, "end_call": GeneralToolEndCallTool}


def validate(definition: dict[str, Any]) -> None:
    """Raise if any part does not fit the SDK's parameter types."""
    _check(LlmCreateParams, definition["llm"], "llm")
    for tool in definition["llm"]["general_tools"]:
        _check(TOOL_TYPES[tool["type"]], tool, f"tool {tool['name']}")
    _check(AgentCreateParams, definition["agent"], "agent")
    for item in definition["agent"]["post_call_analysis_data"]:
        _check(ANALYSIS_TYPES[item["type"]], item, f"analysis {item['name']}")
    _check(PhoneNumberUpdateParams, definition["phone_number"], "phone_number")


def push(client: Any, base_url: str) -> dict[str, str]:
    """Create or update the LLM and agent through a retell-sdk client; returns their ids."""
    definition = export(base_url)
    listed = next((a for a in client.agent.list().items if a.agent_name == AGENT_NAME), None)
    existing = client.agent.retrieve(listed.agent_id) if listed is not None else None
    if existing is not None and getattr(existing.response_engine, "llm_id", None):
        llm_id = existing.response_engine.llm_id
        client.llm.update(llm_id, **definition["llm"])
        agent_body = {k: v for k, v in definition["agent"].items() if k != "response_engine"}
        client.agent.update(existing.agent_id, **agent_body)
        return {"llm_id": llm_id, "agent_id": existing.agent_id, "action": "updated"}
    llm = client.llm.create(**definition["llm"])
    agent = client.agent.create(**agent_definition(base_url, llm.llm_id))
    return {"llm_id": llm.llm_id, "agent_id": agent.agent_id, "action": "created"}
