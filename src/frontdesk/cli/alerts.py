"""`frontdesk alerts`: rules over the practice's figures, checked and delivered."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from frontdesk.cli.common import console, database, fail, print_json

alerts_app = typer.Typer(help="Alerts: check the rules, deliver what fires.", no_args_is_help=True)

_STATES = {"firing": "[red]firing[/red]", "ok": "ok", "no_data": "no data", "off": "off"}


def _row(evaluation: Any) -> dict[str, Any]:
    from frontdesk.alerts.rules import format_value

    rule, figure = evaluation.rule, evaluation.figure
    shown = format_value(figure.value, rule.unit) if figure is not None else None
    limit = evaluation.threshold
    return {
        "rule": rule.key,
        "title": rule.title,
        "value": figure.value if figure is not None else None,
        "value_text": shown,
        "threshold": limit,
        "threshold_text": format_value(limit, rule.unit) if limit is not None else None,
        "enough_data": figure.enough if figure is not None else None,
        "state": evaluation.status,
        "change": evaluation.change,
        "details": figure.details if figure is not None else {},
    }


def _as_dict(result: Any) -> dict[str, Any]:
    return {
        "company": result.company,
        "channels": result.channels,
        "delivered": result.delivered,
        "delivery_failures": result.failed,
        "rules": [_row(e) for e in result.evaluations],
    }


def _print(report: dict[str, Any]) -> None:
    table = Table("rule", "figure", "threshold", "state", "change", title=report["company"])
    for row in report["rules"]:
        table.add_row(
            row["rule"],
            row["value_text"] or "-",
            row["threshold_text"] or "-",
            _STATES.get(row["state"], row["state"]),
            row["change"] or "",
        )
    console.print(table)
    channels = ", ".join(report["channels"]) or "none (no recipient configured)"
    console.print(f"channels: {channels}; notices delivered now: {report['delivered']}")
    for failure in report["delivery_failures"]:
        console.print(f"[yellow]delivery failed, retried next check:[/yellow] {failure}")


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f"--at: not an ISO date and time: {text!r}")
        raise
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@alerts_app.command("check")
def alerts_check(
    company: Annotated[
        str | None, typer.Option("--company", help="Only this company (by name).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show the figures: record and send nothing.")
    ] = False,
    at: Annotated[
        str | None,
        typer.Option("--at", help="Check as of this ISO time (UTC if no offset); default now."),
    ] = None,
) -> None:
    """Evaluate every rule now: each figure against its threshold, the alert's state; what
    fired or resolved is delivered like the worker's periodic check does."""
    from frontdesk.conversations import alerting
    from frontdesk.db.core import utcnow
    from frontdesk.settings import get_settings

    db, now = database(), _moment(at) if at else utcnow()
    delivery = alerting.Delivery.from_settings(get_settings())
    try:
        results = alerting.check(
            db, now=now, delivery=delivery, company=company, deliver=not dry_run
        )
    except LookupError:
        fail(f"no company named {company!r}")
        return
    reports = [_as_dict(r) for r in results]
    unattributed = alerting.unattributed_failures(db, now)
    if as_json:
        print_json(
            {
                "at": now.isoformat(),
                "companies": reports,
                "unattributed_event_failures": unattributed,
            }
        )
        return
    for report in reports:
        _print(report)
    if unattributed:
        console.print(
            f"[red]{unattributed} failed provider events belong to no company's call[/red]: "
            "`frontdesk replay --failed`"
        )
