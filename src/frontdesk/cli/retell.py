"""`frontdesk retell` (and `retell agent`): talk to frontdesk as Retell would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from frontdesk.cli.common import console, fail, print_json
from frontdesk.settings import get_settings

retell_app = typer.Typer(help="Talk to frontdesk as Retell would.", no_args_is_help=True)


@retell_app.command("send")
def retell_send(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON payload.")],
    url: Annotated[str | None, typer.Option(help="Endpoint; default from --event.")] = None,
    event: Annotated[str | None, typer.Option(help="Override the payload's event name.")] = None,
) -> None:
    """Sign a payload with the configured key and post it, as Retell would."""
    import httpx

    from frontdesk.voice.retell.signing import sign

    settings = get_settings()
    if not settings.retell_api_key:
        fail("FRONTDESK_RETELL_API_KEY is not set")
    payload = json.loads(file.read_text(encoding="utf-8"))
    if event is not None:
        payload["event"] = event
    name = payload.get("event")
    path = "/retell/inbound" if name == "call_inbound" else "/retell/webhook"
    target = url or settings.public_base_url.rstrip("/") + path
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {
        "content-type": "application/json",
        "x-retell-signature": sign(body, settings.retell_api_key),
    }
    response = httpx.post(target, content=body, headers=headers, timeout=15)
    console.print(f"{response.status_code} {target}")
    if response.content:
        console.print(response.text)
    if response.status_code >= 300:
        raise typer.Exit(1)


agent_app = typer.Typer(help="The Retell agent definition.", no_args_is_help=True)
retell_app.add_typer(agent_app, name="agent")


@agent_app.command("export")
def retell_agent_export(
    base_url: Annotated[str, typer.Option(help="Public URL Retell reaches frontdesk at.")],
) -> None:
    """Print the Retell LLM, agent and phone-number settings as JSON."""
    from frontdesk.voice.retell.agent import export

    print_json(export(base_url))


@agent_app.command("push")
def retell_agent_push(
    base_url: Annotated[str, typer.Option(help="Public URL Retell reaches frontdesk at.")],
) -> None:
    """Create or update the agent at Retell (needs FRONTDESK_RETELL_API_KEY)."""
    from retell import Retell

    from frontdesk.voice.retell.agent import push

    settings = get_settings()
    if not settings.retell_api_key:
        fail("FRONTDESK_RETELL_API_KEY is not set")
    result = push(Retell(api_key=settings.retell_api_key), base_url)
    console.print(f"{result['action']}: agent {result['agent_id']} with LLM {result['llm_id']}")
