"""`frontdesk serve` and `frontdesk replay`: serve the API, process stored events again."""

from __future__ import annotations

from typing import Annotated

import typer

from frontdesk.cli.common import console, database
from frontdesk.settings import get_settings


def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="TCP port.")] = None,
) -> None:
    """Serve the HTTP API (the one way frontdesk is served)."""
    import uvicorn

    from frontdesk.app import create_app
    from frontdesk.server import server_config

    settings = get_settings()
    config = server_config(create_app(settings), host or settings.host, port or settings.port)
    uvicorn.Server(config).run()


def replay(
    failed: Annotated[bool, typer.Option("--failed", help="Only events that failed.")] = False,
    call: Annotated[str | None, typer.Option("--call", help="Only this provider call id.")] = None,
) -> None:
    """Process stored provider events again (after a fix, or to rebuild a call)."""
    from frontdesk.calls import inbox
    from frontdesk.voice.replay import processor_for

    db = database()
    with db.sessions() as session:
        todo = [
            (e.id, e.provider, e.event_type)
            for e in inbox.pending(session=session, failed_only=failed, provider_call_id=call)
        ]
    counts: dict[str, int] = {}
    for event_id, provider, event_type in todo:
        processor = processor_for(provider, event_type)
        if processor is None:
            counts["skipped"] = counts.get("skipped", 0) + 1
            continue
        status = inbox.process(session_factory=db.sessions, event_id=event_id, processor=processor)
        counts[status] = counts.get(status, 0) + 1
    console.print(
        f"replayed {len(todo)} events: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    )
    if counts.get("failed"):
        raise typer.Exit(1)
