"""The Retell routes in the OpenAPI document.

The routes read raw bytes (the signature covers exactly those bytes), so FastAPI cannot infer
their bodies; this module describes them: the signature header, the call-event and inbound
bodies from the wire models, the error answers, and one path per live function whose body
carries the agent's own tool schema as `args`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from frontdesk.request_body import ERROR_SCHEMA
from frontdesk.voice.retell.agent import tool_definitions
from frontdesk.voice.retell.schemas import CallEventPayload, InboundPayload, RetellCall
from frontdesk.voice.retell.verify import SIGNATURE_HEADER

REF = "#/components/schemas/{model}"
SIGNATURE_PARAMETER: dict[str, Any] = {
    "name": SIGNATURE_HEADER,
    "in": "header",
    "required": True,
    "description": "v=<epoch ms>,d=<hex HMAC-SHA256 of the raw body and the timestamp>",
    "schema": {"type": "string"},
}
REPLY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "What the agent is told (German), with machine-readable fields.",
    "additionalProperties": True,
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_SCHEMA}}}


def _errors(*statuses: int) -> dict[str, Any]:
    texts = {
        400: "Not JSON, not an object, or a function body naming another function",
        401: "Missing, malformed, expired or wrong X-Retell-Signature",
        413: "Body larger than the configured limit",
        422: "JSON that does not match Retell's payload (kept as a rejected event)",
    }
    return {str(status): _error(texts[status]) for status in statuses}


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _model_schema(model: type[BaseModel], components: dict[str, Any]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template=REF)
    components.update(schema.pop("$defs", {}))
    components[model.__name__] = schema
    return {"$ref": REF.format(model=model.__name__)}


def route_openapi(model: type[BaseModel] | None, *statuses: int) -> dict[str, Any]:
    """`openapi_extra` for a signed route: the header, the body (if a model) and its errors."""
    extra: dict[str, Any] = {"parameters": [SIGNATURE_PARAMETER], "responses": _errors(*statuses)}
    # The model's schema is registered by add_retell_paths.
    schema = {"$ref": REF.format(model=model.__name__)} if model else {"type": "object"}
    extra["requestBody"] = _json_body(schema)
    return extra


def _function_path(tool: dict[str, Any], call_ref: dict[str, Any]) -> dict[str, Any]:
    body = {
        "type": "object",
        "required": ["name", "call", "args"],
        "properties": {
            "name": {"type": "string", "enum": [tool["name"]]},
            "call": call_ref,
            "args": tool["parameters"],
        },
    }
    return {
        "post": {
            "tags": ["retell"],
            "summary": f"Live function {tool['name']}",
            "description": tool["description"],
            "operationId": f"retell_function_{tool['name']}",
            "parameters": [SIGNATURE_PARAMETER],
            "requestBody": _json_body(body),
            "responses": {
                "200": {
                    "description": "Always an answer for the agent, never a 500",
                    "content": {"application/json": {"schema": REPLY_SCHEMA}},
                },
                **_errors(400, 401, 413),
            },
        }
    }


def add_retell_paths(document: dict[str, Any], base_url: str = "") -> dict[str, Any]:
    """The document with the wire models as components and one path per live function."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    call_ref = _model_schema(RetellCall, components)
    for model in (CallEventPayload, InboundPayload):
        _model_schema(model, components)
    paths = document.setdefault("paths", {})
    for tool in tool_definitions(base_url):
        if tool.get("type") == "custom":
            paths[f"/retell/functions/{tool['name']}"] = _function_path(tool, call_ref)
    return document
