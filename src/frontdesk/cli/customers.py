"""`frontdesk customers`, `frontdesk identity` and `frontdesk relink`: the customer base and
who is calling."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from frontdesk.cli.common import console, database, err_console, fail, print_json

if TYPE_CHECKING:
    from frontdesk.identity.training import Training

customers_app = typer.Typer(help="The customer base.", no_args_is_help=True)
identity_app = typer.Typer(
    help="Who is calling: matching callers to customers.", no_args_is_help=True
)


@customers_app.command("import")
def customers_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Customer CSV.")],
    create_companies: Annotated[
        bool, typer.Option("--create-companies", help="Create companies named in the file.")
    ] = False,
) -> None:
    """Import customers (idempotent on company + customer_id); bad rows are reported."""
    from frontdesk.identity.batch import ImportFileError, import_customers

    with database().unit_of_work() as session:
        try:
            report = import_customers(session, file, create_companies)
        except ImportFileError as exc:
            fail(str(exc))
            return
    for line, problem in report.errors:
        err_console.print(f"line {line}: {problem}")
    console.print(
        f"created={report.created} updated={report.updated} unchanged={report.unchanged} "
        f"bad_rows={len(report.errors)} companies_created={len(report.companies_created)}"
    )
    _retrain_after_import(report.changed)


def _retrain_after_import(changed: dict[int, int]) -> None:
    """A large import changes who the customers are: re-estimate those companies' weights."""
    from frontdesk.identity import training

    with database().unit_of_work() as session:
        for company_id, n in sorted(changed.items()):
            if n >= training.LARGE_IMPORT:
                version, result = training.train_company(session, company_id)
                console.print(f"company {company_id}: match weights v{version} ({_said(result)})")


def _said(result: Training) -> str:
    if "defaults" in result.summary:
        return f"defaults: {result.summary['defaults']}"
    runs = result.summary.get("runs", {})
    used = [name for name, run in runs.items() if run.get("used")]
    return f"u estimated; m estimated from runs: {', '.join(used) or 'none (defaults)'}"


@identity_app.command("match")
def identity_match(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of queries.")],
) -> None:
    """Decide link/review/new for each query line (the live calls' matcher)."""
    from frontdesk.identity.batch import match_queries

    with database().sessions() as session:
        for row in match_queries(session, file):
            print_json(row)


@identity_app.command("train")
def identity_train(
    company: Annotated[
        str | None, typer.Option(help="Only this company (by name); default: every company.")
    ] = None,
    calls: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="JSONL of the company's calls (query format, no answers) to learn from too.",
        ),
    ] = None,
) -> None:
    """Estimate each company's match weights from its own customers (and calls); versioned."""
    from frontdesk.identity import training
    from frontdesk.identity.batch import calls_of
    from frontdesk.tenancy import service as tenancy_service

    with database().unit_of_work() as session:
        if company is not None:
            found = tenancy_service.get_by_name(session=session, name=company)
            if found is None:
                fail(f"unknown company {company!r}")
                return
            targets = [found]
        else:
            targets = list(tenancy_service.list_all(session=session))
        for target in targets:
            said = calls_of(calls, target) if calls else None
            version, result = training.train_company(session, target.id, said)
            print_json(
                {
                    "company": target.name,
                    "version": version,
                    "summary": result.summary,
                    "p_known": result.weights.get("p_known"),
                }
            )


def relink(
    since: Annotated[
        str | None, typer.Option(help="Only calls created on or after YYYY-MM-DD.")
    ] = None,
) -> None:
    """Finalise identity again for past calls that stayed unresolved."""
    from datetime import UTC, datetime

    from frontdesk.identity import service as identity_service

    start = datetime.fromisoformat(since).replace(tzinfo=UTC) if since else None
    with database().unit_of_work() as session:
        counts = identity_service.relink(session=session, since=start)
    summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "no unresolved calls"
    console.print(f"relinked: {summary}")
