"""`frontdesk practice` and `frontdesk slots`: the practice's setup and its free slots."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from frontdesk.cli.common import console, database, err_console, fail, print_json

practice_app = typer.Typer(help="The practice: services, staff, hours.", no_args_is_help=True)


@practice_app.command("load")
def practice_load(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Practice YAML.")],
) -> None:
    """Load a practice file (idempotent: loading it twice changes nothing)."""
    from frontdesk.scheduling.errors import PracticeFileError
    from frontdesk.scheduling.practice import load_file

    try:
        with database().unit_of_work() as session:
            report = load_file(session=session, path=file)
    except PracticeFileError as exc:
        for line, message in exc.problems:
            err_console.print(f"{file}:{line or '?'}: {message}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    for change in report.changes:
        console.print(f"  {change}", markup=False, highlight=False)
    summary = f"{len(report.changes)} changes" if report.changed else "no changes"
    console.print(
        f"{report.company_name}: {report.services} services, {report.staff} staff; {summary}",
        markup=False,
    )


def slots_list(
    company: Annotated[str, typer.Option("--company", help="Company name.")],
    service: Annotated[str, typer.Option("--service", help="Service name or synonym.")],
    staff: Annotated[str | None, typer.Option("--staff", help="Only this staff member.")] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default today).")
    ] = None,
    days: Annotated[int, typer.Option("--days", help="How many days.")] = 7,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
) -> None:
    """Free slots as the agent would be offered them (to check a practice's setup)."""
    from datetime import date, timedelta

    from frontdesk.db.core import utcnow
    from frontdesk.scheduling import lookup
    from frontdesk.scheduling import service as scheduling_service
    from frontdesk.scheduling.errors import SchedulingError
    from frontdesk.scheduling.slots import SlotWish, free_slots, today_in
    from frontdesk.tenancy import service as tenancy_service

    now = utcnow()
    with database().sessions() as session:
        try:
            tenant = tenancy_service.get_by_name_or_raise(session=session, name=company)
            first = date.fromisoformat(start) if start else today_in(tenant, now)
            last = first + timedelta(days=max(1, days) - 1)
            chosen = lookup.get_service_or_raise(
                session=session, company_id=tenant.id, service=service
            )
            members = (
                [lookup.get_staff_or_raise(session=session, company_id=tenant.id, staff=staff)]
                if staff
                else list(lookup.staff_of(session=session, company_id=tenant.id))
            )
            found = free_slots(
                session=session,
                company=tenant,
                service=chosen,
                staff=members,
                first_day=first,
                last_day=last,
                now=now,
            )
            offer = scheduling_service.check_availability(
                session=session,
                company_id=tenant.id,
                service=chosen.id,
                wish=SlotWish(date_from=first, date_to=last),
                staff=staff,
                now=now,
                hold=False,
            )
        except (tenancy_service.TenancyError, SchedulingError, ValueError) as exc:
            fail(str(exc))
            return
        heading = f"{chosen.name} ({chosen.duration_minutes} min) at {company}"
        session.rollback()
    rows = [
        {
            "slot_id": s.id,
            "date": s.local_start.date().isoformat(),
            "time": s.local_start.strftime("%H:%M"),
            "ends": s.ends_at.astimezone(s.local_start.tzinfo).strftime("%H:%M"),
            "staff": s.staff_name,
            "service": s.service_name,
            "starts_at_utc": s.starts_at.isoformat(),
        }
        for s in found
    ]
    if as_json:
        print_json(rows)
        return
    console.print(
        f"{heading}, {first:%d.%m.%Y}-{last:%d.%m.%Y}: {len(rows)} free slots",
        markup=False,
    )
    if offer.slots:
        console.print(
            "offered first: " + "; ".join(f"{o.spoken} ({o.staff_name})" for o in offer.slots),
            markup=False,
        )
    table = Table("date", "time", "until", "staff", "slot_id")
    for row in rows:
        table.add_row(row["date"], row["time"], row["ends"], row["staff"], row["slot_id"])
    console.print(table)
