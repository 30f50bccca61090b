"""`frontdesk companies`: tenants and their called numbers."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from frontdesk.cli.common import console, database, fail, print_json

companies_app = typer.Typer(help="Tenants and their called numbers.", no_args_is_help=True)


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
