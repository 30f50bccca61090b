"""The `frontdesk` command: serve, migrate, inspect calls, manage tenants, batch faces.

One module per command group; this one builds the root app from them.
"""

from __future__ import annotations

import typer

import frontdesk.tables  # noqa: F401  (every table known before any command runs)
from frontdesk.cli import (
    alerts,
    calendar,
    calls,
    cluster,
    companies,
    customers,
    dates,
    db,
    experiments,
    jobs,
    messages,
    names,
    practice,
    privacy,
    retell,
    serve,
    simulate,
    staff,
    users,
)

app = typer.Typer(
    help="frontdesk: the stateful backend of an AI phone receptionist.", no_args_is_help=True
)

# Top-level commands, in the order `frontdesk --help` lists them.
app.command()(serve.serve)
app.command()(serve.replay)
app.command()(simulate.demo)
app.command()(customers.relink)
app.command("simulate")(simulate.simulate_command)
app.command("report")(simulate.report_command)
app.command("slots")(practice.slots_list)
app.command("worker")(jobs.worker)
app.command("cluster")(cluster.cluster)

# Command groups, in the order `frontdesk --help` lists them.
app.add_typer(db.db_app, name="db")
app.add_typer(calls.calls_app, name="calls")
app.add_typer(companies.companies_app, name="companies")
app.add_typer(retell.retell_app, name="retell")
app.add_typer(names.names_app, name="names")
app.add_typer(dates.dates_app, name="dates")
app.add_typer(customers.customers_app, name="customers")
app.add_typer(customers.identity_app, name="identity")
app.add_typer(users.users_app, name="users")
app.add_typer(practice.practice_app, name="practice")
app.add_typer(staff.staff_app, name="staff")
app.add_typer(calendar.calendar_app, name="calendar")
app.add_typer(jobs.jobs_app, name="jobs")
app.add_typer(messages.messages_app, name="messages")
app.add_typer(alerts.alerts_app, name="alerts")
app.add_typer(experiments.experiments_app, name="experiments")
app.add_typer(privacy.privacy_app, name="privacy")


def main() -> None:
    app()
