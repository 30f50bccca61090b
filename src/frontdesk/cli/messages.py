"""`frontdesk messages`: the SMS sent to and received from callers."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from frontdesk.cli.common import console, database, fail, print_json

messages_app = typer.Typer(help="SMS to and from callers.", no_args_is_help=True)


@messages_app.command("list")
def messages_list(
    call: Annotated[
        str | None, typer.Option("--call", help="Only this call's (the provider's call id).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 100,
) -> None:
    """Messages, newest first: direction, number, body, delivery status."""
    from frontdesk.calls import service as call_service
    from frontdesk.messaging import service as messaging

    with database().sessions() as session:
        call_id = None
        if call is not None:
            found = call_service.get_by_provider_id(session=session, provider_call_id=call)
            if found is None:
                fail(f"no call {call!r}")
                return
            call_id = found.id
        rows = [
            messaging.message_as_dict(m)
            for m in messaging.list_messages(session=session, call_id=call_id, limit=limit)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "when", "dir", "number", "purpose", "status", "body")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["created_at"][:16],
            "→" if row["direction"] == "outbound" else "←",
            row["number"],
            row["purpose"],
            row["status"],
            (row["body"] or "")[:70],
        )
    console.print(table)
