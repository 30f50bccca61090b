"""`frontdesk calendar` (and `calendar feed`): the practice's calendar."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from frontdesk.cli.common import company_or_fail, console, database, fail, print_json
from frontdesk.settings import get_settings

calendar_app = typer.Typer(help="The practice's calendar.", no_args_is_help=True)
feed_app = typer.Typer(
    help="Read-only .ics feeds for Google, Outlook and Apple calendars (the URL is the secret).",
    no_args_is_help=True,
)
calendar_app.add_typer(feed_app, name="feed")


def _feed_ref(value: str) -> dict[str, Any]:
    """A feed named by id, token, path or URL, as keyword arguments for the domain."""
    from frontdesk.scheduling.calendar_feed import MIN_TOKEN_LENGTH

    if value.isdigit() and len(value) < MIN_TOKEN_LENGTH:
        return {"feed_id": int(value)}
    return {"token": value.rstrip("/").rsplit("/", 1)[-1].removesuffix(".ics")}


@feed_app.command("create")
def calendar_feed_create(
    company: Annotated[str, typer.Option("--company", help="Company name.")],
    staff: Annotated[
        str | None,
        typer.Option(
            "--staff", help="One staff member (id, key or name); default: the whole practice."
        ),
    ] = None,
    new: Annotated[
        bool, typer.Option("--new", help="Revoke the live feed and make a new token.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Print the subscribe URL of the practice's (or one staff member's) calendar feed.

    Asking twice gives the same URL: the live feed (made on first use).

    --new revokes that live feed and makes a new token; calendars on the old URL stop updating.

    The URL is FRONTDESK_PUBLIC_BASE_URL + /calendar/TOKEN.ics.
    """
    from frontdesk.scheduling import calendar_feed, lookup
    from frontdesk.scheduling.errors import SchedulingError
    from frontdesk.tenancy import service as tenancy_service

    with database().unit_of_work() as session:
        try:
            tenant = tenancy_service.get_by_name_or_raise(session=session, name=company)
            member = (
                lookup.get_staff_or_raise(
                    session=session,
                    company_id=tenant.id,
                    staff=int(staff) if staff.isdigit() else staff,
                )
                if staff
                else None
            )
            feed, created = calendar_feed.issue_feed(
                session=session,
                company_id=tenant.id,
                staff_id=member.id if member else None,
                fresh=new,
            )
        except (tenancy_service.TenancyError, SchedulingError) as exc:
            fail(str(exc))
            return
        path = calendar_feed.feed_path(feed.token)
        row = {
            "id": feed.id,
            "company": tenant.name,
            "staff_id": member.id if member else None,
            "staff": member.name if member else None,
            "created": created,
            "token": feed.token,
            "path": path,
            "url": get_settings().public_base_url.rstrip("/") + path,
        }
    if as_json:
        print_json(row)
        return
    scope = f"staff member {row['staff']}" if member else "the whole practice"
    state = "new" if created else "live since " + feed.created_at.strftime("%Y-%m-%d %H:%M UTC")
    typer.echo(f"calendar feed {row['id']} of {tenant.name!r} for {scope} ({state})")
    typer.echo(f"path: {row['path']}")
    typer.echo(f"url:  {row['url']}")


@feed_app.command("list")
def calendar_feed_list(
    company: Annotated[str, typer.Option("--company", help="Company name.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
) -> None:
    """The company's calendar feeds, live and revoked (tokens shortened, never in full)."""
    from frontdesk.scheduling.calendar_feed import list_feeds

    with database().sessions() as session:
        tenant = company_or_fail(session, company)
        feeds = list_feeds(session=session, company_id=tenant.id)
    rows: list[dict[str, Any]] = [
        {
            "id": f.id,
            "staff_id": f.staff_id,
            "staff": f.staff_name,
            "created_at": f.created_at.isoformat(),
            "revoked_at": f.revoked_at.isoformat() if f.revoked_at else None,
            "token_prefix": f.token_prefix,
        }
        for f in feeds
    ]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "for", "created (UTC)", "revoked (UTC)", "token")
    for f in feeds:
        table.add_row(
            str(f.id),
            f.staff_name or "whole practice",
            f.created_at.strftime("%Y-%m-%d %H:%M"),
            f.revoked_at.strftime("%Y-%m-%d %H:%M") if f.revoked_at else "",
            f"{f.token_prefix}…",
        )
    console.print(table)


@feed_app.command("revoke")
def calendar_feed_revoke(
    feed: Annotated[str, typer.Argument(help="The feed's id (see list), token or URL.")],
    company: Annotated[str, typer.Option("--company", help="Company name.")],
) -> None:
    """Revoke a calendar feed: its URL answers 404 from now on (exit 1 if not live)."""
    from frontdesk.scheduling.calendar_feed import revoke_feed
    from frontdesk.scheduling.errors import SchedulingError

    with database().unit_of_work() as session:
        tenant = company_or_fail(session, company)
        try:
            revoked = revoke_feed(session=session, company_id=tenant.id, **_feed_ref(feed))
        except SchedulingError as exc:
            fail(f"{tenant.name!r}: {exc}")
            return
        console.print(f"calendar feed {revoked.id} of {tenant.name!r} revoked", markup=False)


@calendar_app.command("sync")
def calendar_sync(
    company: Annotated[
        str | None, typer.Option("--company", help="Company name; default: every company.")
    ] = None,
    staff: Annotated[
        str | None,
        typer.Option("--staff", help="One staff member (id, key or name); needs --company."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
) -> None:
    """Read the staff members' external CalDAV calendars now (busy times, external changes).

    Pulls every configured calendar regardless of its age; an unreachable one is reported
    (and, when its data is older than it allows, a calendar_unreachable review item opened).
    Exit 1 when any calendar could not be read. Pushes of bookings run as jobs
    (`frontdesk worker`)."""
    import frontdesk.tables  # noqa: F401  (every table known)
    from frontdesk.conversations import calendar_jobs
    from frontdesk.db.core import utcnow
    from frontdesk.scheduling import lookup
    from frontdesk.scheduling.errors import SchedulingError

    if staff and not company:
        fail("--staff needs --company")
    db = database()
    company_id: int | None = None
    staff_ids: list[int] | None = None
    with db.unit_of_work() as session:
        if company:
            tenant = company_or_fail(session, company)
            company_id = tenant.id
            if staff:
                try:
                    member = lookup.get_staff_or_raise(
                        session=session,
                        company_id=tenant.id,
                        staff=int(staff) if staff.isdigit() else staff,
                    )
                except SchedulingError as exc:
                    fail(str(exc))
                    return
                staff_ids = [member.id]
    reports = calendar_jobs.pull(
        db,
        calendar_jobs.default_connector(),
        utcnow(),
        company_id=company_id,
        staff_ids=staff_ids,
        only_due=False,
    )
    rows = [r.as_dict() for r in reports]
    if as_json:
        print_json(rows)
    else:
        table = Table("staff", "result", "events", "busy blocks", "conflicts", "review item")
        for r in reports:
            table.add_row(
                r.staff,
                "ok" if r.ok else f"unreachable: {r.error}",
                str(r.events),
                str(r.busy_blocks),
                ", ".join(map(str, r.conflicts)) or "-",
                str(r.unreachable_item_id or "-"),
            )
        console.print(table)
        if not reports:
            console.print("no external calendars configured", markup=False)
    if any(not r.ok for r in reports):
        raise typer.Exit(1)
