"""`frontdesk privacy`: a person's data exported or erased (GDPR), and the retention purge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from frontdesk.cli.common import console, database, err_console, fail, print_json

privacy_app = typer.Typer(
    help="Data protection: export or erase a person's data; purge expired call content.",
    no_args_is_help=True,
)

CustomerOption = Annotated[int, typer.Option("--customer", help="The customer's id.")]
CompanyOption = Annotated[
    str | None,
    typer.Option("--company", help="Refuse unless the customer belongs to this company (by name)."),
]


def _company_of(session: Any, customer_id: int, company: str | None) -> int:
    """The company to act in: the customer's own, checked against --company when given."""
    from frontdesk.cli.common import company_or_fail
    from frontdesk.identity.models import Customer

    customer = session.get(Customer, customer_id)
    if company is not None:
        expected = company_or_fail(session, company).id
        if customer is None or customer.company_id != expected:
            fail(f"no customer {customer_id} in company {company!r}")
        return int(expected)
    if customer is None:
        fail(f"no customer {customer_id}")
    return int(customer.company_id)


@privacy_app.command("export")
def export(
    customer: CustomerOption,
    company: CompanyOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", dir_okay=False, help="Write here, not to stdout.")
    ] = None,
) -> None:
    """Everything held about a person (merged records, calls, SMS, appointments...) as JSON."""
    from frontdesk.privacy.export import export_person
    from frontdesk.privacy.holdings import PersonNotFound

    with database().sessions() as session:
        company_id = _company_of(session, customer, company)
        try:
            document = export_person(session, company_id=company_id, customer_id=customer)
        except PersonNotFound as exc:
            fail(str(exc))
            return
    if out is None:
        print_json(document)
        return
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
    err_console.print(f"exported customer {customer} to {out}")


@privacy_app.command("erase")
def erase(
    customer: CustomerOption,
    company: CompanyOption = None,
    actor: Annotated[str, typer.Option(help="Who asked, for the erasure record.")] = "cli",
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a person's data (records merged into them too); appointment facts stay."""
    from frontdesk.privacy.erasure import erase_person
    from frontdesk.privacy.holdings import PersonNotFound

    if not yes and not typer.confirm(f"Erase customer {customer} for good?"):
        fail("not erased", code=1)
    with database().unit_of_work() as session:
        company_id = _company_of(session, customer, company)
        try:
            erasure, fresh = erase_person(
                session, company_id=company_id, customer_id=customer, actor=actor
            )
        except PersonNotFound as exc:
            fail(str(exc))
            return
        changed = erasure.summary.get("changed", {})
        summary = ", ".join(f"{k}={v}" for k, v in sorted(changed.items()) if v)
        state = "erased" if fresh else "already erased"
        console.print(f"{state}: customer {erasure.customer_id} (erasure {erasure.id}) {summary}")


@privacy_app.command("purge")
def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count only, change nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Purge transcripts, recordings, SMS bodies and raw events past each company's retention."""
    from frontdesk.db.core import utcnow
    from frontdesk.privacy.retention import purge_expired
    from frontdesk.settings import get_settings

    days = get_settings().retention_days
    with database().unit_of_work() as session:
        report = purge_expired(session, now=utcnow(), default_days=days, dry_run=dry_run)
        if dry_run:
            session.rollback()  # nothing was written; make sure of it
    if as_json:
        print_json(report.as_dict())
        return
    verb = "would purge" if dry_run else "purged"
    totals = report.totals()
    console.print(
        f"{verb}: calls={totals['calls']} messages={totals['messages']} "
        f"events={totals['events']} (default {days} days)"
    )
