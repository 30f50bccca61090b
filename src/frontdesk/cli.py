"""The `frontdesk` command: serve, migrate, inspect calls, manage tenants, batch faces."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from frontdesk.db.core import Database
from frontdesk.settings import get_settings

app = typer.Typer(
    help="frontdesk: the stateful backend of an AI phone receptionist.", no_args_is_help=True
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
calls_app = typer.Typer(help="What frontdesk knows about calls.", no_args_is_help=True)
companies_app = typer.Typer(help="Tenants and their called numbers.", no_args_is_help=True)
retell_app = typer.Typer(help="Talk to frontdesk as Retell would.", no_args_is_help=True)
names_app = typer.Typer(help="Caller names.", no_args_is_help=True)
dates_app = typer.Typer(help="German date and time understanding.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(calls_app, name="calls")
app.add_typer(companies_app, name="companies")
app.add_typer(retell_app, name="retell")
app.add_typer(names_app, name="names")
app.add_typer(dates_app, name="dates")

console = Console()
err_console = Console(stderr=True)

DEMO_COMPANY = "Praxis Sonnenschein"
DEMO_NUMBER = "+4930120045670"


def database() -> Database:
    return Database(get_settings().database_url)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="TCP port.")] = None,
) -> None:
    """Serve the HTTP API (the one way frontdesk is served)."""
    import uvicorn

    from frontdesk.app import create_app

    settings = get_settings()
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_config=None,
        access_log=False,
    )


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "heads") -> None:
    """Apply database migrations."""
    from frontdesk.db.migrate import upgrade

    url = get_settings().database_url
    upgrade(url, revision)
    console.print(f"database at {url.split('@')[-1]} is at revision {revision}")


@app.command()
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
    from frontdesk.calls.report import call_story

    with database().sessions() as session:
        story = call_story(session=session, provider_call_id=provider_call_id)
    if story is None:
        fail(f"no call {provider_call_id!r}")
        return
    if as_json:
        print_json(story)
        return
    console.print_json(json.dumps(story, ensure_ascii=False, default=str))


@companies_app.command("add")
def companies_add(
    name: Annotated[str, typer.Argument(help="The business's name.")],
    number: Annotated[list[str], typer.Option("--number", help="A called number (E.164).")],
    timezone: Annotated[str, typer.Option(help="IANA time zone.")] = "Europe/Berlin",
) -> None:
    """Add a company (or update it) with its called numbers."""
    from frontdesk.tenancy import service as tenancy_service

    with database().unit_of_work() as session:
        try:
            company = tenancy_service.create(session=session, name=name, timezone=timezone)
            for item in number:
                tenancy_service.add_number(session=session, company_id=company.id, number=item)
        except tenancy_service.TenancyError as exc:
            fail(str(exc))
        console.print(f"company {company.id} {company.name!r} with {', '.join(number)}")


@companies_app.command("list")
def companies_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
) -> None:
    """All companies with their numbers."""
    from frontdesk.tenancy import service as tenancy_service

    with database().sessions() as session:
        rows: list[dict[str, Any]] = [
            {
                "id": c.id,
                "name": c.name,
                "timezone": c.timezone,
                "numbers": [p.e164 for p in c.phone_numbers],
            }
            for c in tenancy_service.list_all(session=session)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "name", "timezone", "numbers")
    for row in rows:
        table.add_row(str(row["id"]), row["name"], row["timezone"], ", ".join(row["numbers"]))
    console.print(table)


@app.command()
def demo(
    simulate: Annotated[bool, typer.Option(help="Play a past week of calls into it.")] = True,
) -> None:
    """Seed the demo practice 'Praxis Sonnenschein' (idempotent)."""
    from frontdesk.tenancy import service as tenancy_service

    with database().unit_of_work() as session:
        company = tenancy_service.create(session=session, name=DEMO_COMPANY, agent_names=["Lena"])
        tenancy_service.add_number(session=session, company_id=company.id, number=DEMO_NUMBER)
    console.print(f"demo practice {DEMO_COMPANY!r} answers {DEMO_NUMBER}")


@names_app.command("extract")
def names_extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of calls.")],
) -> None:
    """Caller and patient names from finished calls, one JSON object per input line."""
    from frontdesk.names.batch import extract_file

    for row in extract_file(file):
        print_json(row)


@dates_app.command("parse")
def dates_parse(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of phrases.")],
) -> None:
    """Date and time wishes, one JSON object per input line."""
    from frontdesk.scheduling.dates_batch import parse_file

    for row in parse_file(file):
        print_json(row)


def main() -> None:
    app()
