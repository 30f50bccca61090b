"""`frontdesk calls`: what frontdesk knows about calls."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from frontdesk.cli.common import console, database, fail, print_json

calls_app = typer.Typer(help="What frontdesk knows about calls.", no_args_is_help=True)


@calls_app.command("list")
def calls_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 50,
) -> None:
    """The most recent calls."""
    from frontdesk.calls import service as call_service

    with database().sessions() as session:
        rows = [
            call_service.call_as_dict(c)
            for c in call_service.list_recent(session=session, limit=limit)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("call_id", "status", "from", "withheld", "customer", "link", "name")
    for row in rows:
        table.add_row(
            row["call_id"],
            row["status"],
            row["from_number"] or "",
            "ja" if row["caller_id_withheld"] else "",
            str(row["customer_id"] or ""),
            row["link_status"] or "",
            row["caller_name"] or "",
        )
    console.print(table)


@calls_app.command("show")
def calls_show(
    provider_call_id: Annotated[str, typer.Argument(help="The provider's call id.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Everything frontdesk knows of one call: row, events, invocations, customer."""
    from frontdesk.conversations.call_story import call_story

    with database().sessions() as session:
        story = call_story(session=session, provider_call_id=provider_call_id)
    if story is None:
        fail(f"no call {provider_call_id!r}")
        return
    if as_json:
        print_json(story)
        return
    console.print_json(json.dumps(story, ensure_ascii=False, default=str))
