"""`frontdesk staff`: who works when; absences (holiday, sick days)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from frontdesk.cli.common import DEMO_COMPANY, company_or_fail, console, database, fail, print_json

staff_app = typer.Typer(help="Staff: absences (holiday and sick days).", no_args_is_help=True)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} must be a date YYYY-MM-DD, not {text!r}")
        raise


@staff_app.command("absent")
def staff_absent(
    staff: Annotated[str, typer.Option("--staff", help="Staff key, id or name.")],
    first: Annotated[str, typer.Option("--from", help="First absent day, YYYY-MM-DD.")],
    last: Annotated[str, typer.Option("--to", help="Last absent day, YYYY-MM-DD.")],
    note: Annotated[str | None, typer.Option("--note", help="e.g. Urlaub, krank.")] = None,
    company: Annotated[str, typer.Option("--company", help="Company name.")] = DEMO_COMPANY,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Record an absence: no slots on those days; appointments in it go to the review queue."""
    from frontdesk.scheduling.absences import add_absence
    from frontdesk.scheduling.errors import SchedulingError

    first_day, last_day = _day(first, "--from"), _day(last, "--to")
    try:
        with database().unit_of_work() as session:
            row = company_or_fail(session, company)
            report = add_absence(
                session=session,
                company_id=row.id,
                staff=staff,
                first_day=first_day,
                last_day=last_day,
                note=note,
            )
            affected = [
                {
                    "appointment_id": a.id,
                    "starts_at": a.starts_at.isoformat(),
                    "service": a.service.name,
                    "customer_id": a.customer_id,
                    "status": a.status,
                }
                for a in report.affected
            ]
            absence_id = report.absence.id
    except SchedulingError as exc:
        fail(str(exc))
        return
    if as_json:
        print_json({"absence_id": absence_id, "to_rebook": affected})
        return
    console.print(f"absence {absence_id} recorded ({first_day} to {last_day})")
    if not affected:
        console.print("no appointments fall into it")
        return
    table = Table("appointment", "starts_at (UTC)", "service", "customer", "status")
    for item in affected:
        table.add_row(
            *(
                str(item[k] or "")[:16]
                for k in ("appointment_id", "starts_at", "service", "customer_id", "status")
            )
        )
    console.print(f"{len(affected)} appointments to rebook (each has a review item):")
    console.print(table)


@staff_app.command("absences")
def staff_absences(
    company: Annotated[str, typer.Option("--company", help="Company name.")] = DEMO_COMPANY,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
) -> None:
    """The practice's recorded absences."""
    from frontdesk.scheduling.absences import absences_of

    with database().sessions() as session:
        row = company_or_fail(session, company)
        rows = [
            {
                "id": a.id,
                "staff_id": a.staff_id,
                "from": a.first_day.isoformat(),
                "to": a.last_day.isoformat(),
                "note": a.note,
                "source": a.source,
            }
            for a in absences_of(session=session, company_id=row.id)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "staff", "from", "to", "note", "source")
    for item in rows:
        table.add_row(
            *(str(item[k] or "") for k in ("id", "staff_id", "from", "to", "note", "source"))
        )
    console.print(table)
