"""`frontdesk customers`, `frontdesk identity` and `frontdesk relink`: the customer base and
who is calling."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontdesk.cli.common import console, database, err_console, fail, print_json

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
    learn: Annotated[
        bool,
        typer.Option("--learn/--no-learn", help="Re-estimate match weights after a large import."),
    ] = True,
) -> None:
    """Import customers (idempotent on company + customer_id); bad rows are reported."""
    from frontdesk.identity.batch import ImportFileError, import_customers

    with database().unit_of_work() as session:
        try:
            report = import_customers(session, file, create_companies, learn=learn)
        except ImportFileError as exc:
            fail(str(exc))
            return
    for line, problem in report.errors:
        err_console.print(f"line {line}: {problem}")
    for name, version in report.weights_trained.items():
        err_console.print(f"match weights of {name}: version {version} estimated")
    console.print(
        f"created={report.created} updated={report.updated} unchanged={report.unchanged} "
        f"bad_rows={len(report.errors)} companies_created={len(report.companies_created)}"
    )


@identity_app.command("match")
def identity_match(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of queries.")],
    learn: Annotated[
        bool,
        typer.Option(
            "--learn/--no-learn",
            help="First re-estimate the weights of a company with a large batch in the file.",
        ),
    ] = True,
) -> None:
    """Decide link/review/new for each query line (the live calls' matcher)."""
    from frontdesk.identity.batch import learn_from_queries, match_queries

    if learn:
        with database().unit_of_work() as session:
            trained = learn_from_queries(session, file)
        for name, version in trained.items():
            err_console.print(f"match weights of {name}: version {version} estimated")
    with database().sessions() as session:
        for row in match_queries(session, file):
            print_json(row)


@identity_app.command("train")
def identity_train(
    company: Annotated[
        str | None, typer.Option(help="Only this company (by name); default: every company.")
    ] = None,
    queries: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="JSONL of queries to learn from instead of the calls' own history.",
        ),
    ] = None,
) -> None:
    """Estimate match weights (m and u) from each company's own data; stored as a new version."""
    from frontdesk.identity.batch import train_companies

    with database().unit_of_work() as session:
        try:
            results = train_companies(session, company=company, queries=queries)
        except ValueError as exc:  # an unknown company
            fail(str(exc))
            return
    for name, version, summary in results:
        print_json({"company": name, "version": version, **summary})


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
