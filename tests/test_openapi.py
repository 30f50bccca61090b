"""The OpenAPI document says what the routes really accept and answer (issue 14, defect 11)."""

from __future__ import annotations

from typing import Any

import pytest

from frontdesk.app import create_app
from frontdesk.conversations.live_schemas import TOOLS
from frontdesk.settings import Settings


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app(Settings(database_url="sqlite://")).openapi()


def test_every_retell_route_declares_its_401_and_signature_header(
    document: dict[str, Any],
) -> None:
    retell = {path: ops for path, ops in document["paths"].items() if path.startswith("/retell/")}
    assert {"/retell/webhook", "/retell/inbound"} <= set(retell)
    for path, ops in retell.items():
        operation = ops["post"]
        assert "401" in operation["responses"], path
        headers = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert "x-retell-signature" in [h.lower() for h in headers], path


def test_each_live_function_has_a_path_with_the_agents_tool_schema(
    document: dict[str, Any],
) -> None:
    for name, tool in TOOLS.items():
        operation = document["paths"][f"/retell/functions/{name}"]["post"]
        body = operation["requestBody"]["content"]["application/json"]["schema"]
        assert body["properties"]["name"]["enum"] == [name]
        declared = set(body["properties"]["args"]["properties"])
        assert declared == set(tool.args.model_fields), name


def test_the_calendar_route_serves_text_calendar_and_declares_its_404(
    document: dict[str, Any],
) -> None:
    responses = document["paths"]["/calendar/{token}.ics"]["get"]["responses"]
    assert list(responses["200"]["content"]) == ["text/calendar"]
    assert "404" in responses


def test_the_document_is_valid_openapi(document: dict[str, Any]) -> None:
    import schemathesis

    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= len(TOOLS) + 4
