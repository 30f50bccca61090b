"""The exported agent fits retell-sdk's types, matches our endpoints, and pushes via the SDK."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from retell import Retell
from retell.types.agent_list_response import AgentListResponse
from retell.types.agent_response import AgentResponse
from retell.types.llm_create_params import GeneralToolCustomTool
from retell.types.llm_response import LlmResponse

from frontdesk.app import create_app
from frontdesk.conversations.live_registry import HANDLERS
from frontdesk.conversations.live_schemas import TOOLS
from frontdesk.settings import Settings
from frontdesk.voice.retell.agent import DefinitionError, _check, export, push

BASE = "https://frontdesk.example.org"


def test_export_validates_against_sdk_types() -> None:
    definition = export(BASE)
    assert definition["agent"]["webhook_url"] == f"{BASE}/retell/webhook"
    assert definition["phone_number"]["inbound_webhook_url"] == f"{BASE}/retell/inbound"
    names = {f["name"] for f in definition["agent"]["post_call_analysis_data"]}
    assert names == {
        "caller_full_name",
        "patient_full_name",
        "reason_for_visit",
        "first_visit",
        "appointment_made",
    }


def test_unknown_key_is_refused() -> None:
    tool = export(BASE)["llm"]["general_tools"][0] | {"speak_while_thinking": True}
    with pytest.raises(DefinitionError):
        _check(GeneralToolCustomTool, tool, "tool")


def test_prompt_asks_the_name_first_in_german() -> None:
    prompt = export(BASE)["llm"]["general_prompt"]
    assert "Mit wem spreche ich?" in prompt
    assert "save_caller_data" in prompt
    assert "Rückrufnummer" in prompt and "SMS" in prompt
    assert prompt.index("Mit wem spreche ich?") < prompt.index("check_availability")


def test_tools_match_the_served_functions() -> None:
    tools = [t for t in export(BASE)["llm"]["general_tools"] if t["type"] == "custom"]
    assert {t["name"] for t in tools} == set(TOOLS) == set(HANDLERS)
    app = create_app(Settings(database_url="sqlite://", retell_api_key="k"))
    assert "/retell/functions/{name}" in app.openapi()["paths"]
    for tool in tools:
        assert tool["url"] == f"{BASE}/retell/functions/{tool['name']}"
        assert tool["parameters"]["type"] == "object"
        model_fields = set(TOOLS[tool["name"]].args.model_fields)
        assert set(tool["parameters"]["properties"]) == model_fields
    slow = {t["name"] for t in tools if t["speak_during_execution"]}
    assert {"check_availability", "book_appointment"} <= slow


def _sdk_server(existing: bool) -> tuple[httpx.MockTransport, list[tuple[str, str, Any]]]:
    """Retell's API for the push test, answering with bodies made from the SDK's own types."""
    seen: list[tuple[str, str, Any]] = []
    llm = LlmResponse.model_validate({"llm_id": "llm_abc", "last_modification_timestamp": 1})
    agent = AgentResponse.model_validate(
        {
            "agent_id": "agent_xyz",
            "agent_name": "frontdesk",
            "last_modification_timestamp": 1,
            "version": 1,
            "voice_id": "11labs-Carola",
            "response_engine": {"type": "retell-llm", "llm_id": "llm_abc"},
        }
    )

    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        seen.append((request.method, request.url.path, body))
        if request.url.path == "/v2/list-agents":
            items = [
                {
                    "agent_id": "agent_xyz",
                    "agent_name": "frontdesk",
                    "channel": "voice",
                    "is_suspended": False,
                    "tags": {},
                    "user_modified_timestamp": 1,
                }
            ]
            listing = AgentListResponse.model_validate(
                {"has_more": False, "items": items if existing else []}
            )
            return httpx.Response(200, json=listing.model_dump(mode="json"))
        if "llm" in request.url.path:
            return httpx.Response(200, json=llm.model_dump(mode="json"))
        return httpx.Response(200, json=agent.model_dump(mode="json"))

    return httpx.MockTransport(handle), seen


@pytest.mark.parametrize("existing", [False, True])
def test_push_creates_or_updates_through_the_sdk(existing: bool) -> None:
    transport, seen = _sdk_server(existing)
    client = Retell(
        api_key="key",
        base_url="https://api.retellai.test",
        http_client=httpx.Client(transport=transport),
    )
    result = push(client, BASE)
    assert result == {
        "llm_id": "llm_abc",
        "agent_id": "agent_xyz",
        "action": "updated" if existing else "created",
    }
    paths = [path for _method, path, _body in seen]
    if existing:
        assert any(p.startswith("/update-retell-llm/llm_abc") for p in paths)
        assert any(p.startswith("/update-agent/agent_xyz") for p in paths)
    else:
        created = next(body for _m, path, body in seen if path == "/create-agent")
        assert created["response_engine"] == {"type": "retell-llm", "llm_id": "llm_abc"}
        llm_body = next(body for _m, path, body in seen if path == "/create-retell-llm")
        assert len(llm_body["general_tools"]) == len(TOOLS) + 1
