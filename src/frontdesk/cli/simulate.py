"""`frontdesk demo`, `frontdesk simulate` and `frontdesk report`: the simulator, the report
and the demo week."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from frontdesk.cli.common import (
    DEMO_COMPANY,
    DEMO_NUMBER,
    company_or_fail,
    console,
    database,
    err_console,
    fail,
    print_json,
)
from frontdesk.db.core import Database
from frontdesk.settings import get_settings


def demo(
    simulate: Annotated[bool, typer.Option(help="Play a past week of calls into it.")] = True,
    calls: Annotated[int, typer.Option(min=1, max=5000, help="Calls in the demo week.")] = 150,
    days: Annotated[int, typer.Option(min=1, max=60, help="Days they span.")] = 7,
    seed: Annotated[int, typer.Option(help="Seed of the demo week.")] = 2025,
) -> None:
    """Seed the demo practice 'Praxis Sonnenschein' and play a past week into it (idempotent)."""
    from frontdesk.simulator import demo as sim_demo

    db = database()
    console.print(sim_demo.seed_practice(db, DEMO_COMPANY, DEMO_NUMBER))
    imported = sim_demo.seed_customers(db)
    if imported:
        console.print(imported)
    if simulate:
        existing = sim_demo.call_count(db, DEMO_COMPANY)
        if existing:
            console.print(f"the demo practice already has {existing} calls: no second demo week")
        else:
            _play_demo_week(db, calls, days, seed)
    _print_report(db, DEMO_COMPANY, days, "text")


def _report_company(session: Any, name: str | None) -> Any:
    from frontdesk.tenancy import service as tenancy_service

    if name is not None:
        return company_or_fail(session, name)
    companies = list(tenancy_service.list_all(session=session))
    if len(companies) == 1:
        return companies[0]
    demo_company = tenancy_service.get_by_name(session=session, name=DEMO_COMPANY)
    if demo_company is None:
        fail("several companies: choose one with --company")
    return demo_company


def _print_report(db: Database, company_name: str | None, days: int, fmt: str) -> None:
    from frontdesk.insights import report as report_mod
    from frontdesk.insights.text import report_table, series_table

    with db.sessions() as session:
        company = _report_company(session, company_name)
        result = report_mod.company_report(session=session, company=company, days=days)
        series = report_mod.daily_series(session=session, company=company, days=days)
    if fmt == "json":
        print_json({**result.as_dict(), "daily": series})
        return
    console.print(report_table(result))
    console.print(series_table(series))


def _play_demo_week(db: Database, calls: int, days: int, seed: int) -> None:
    """Serve frontdesk in-process on loopback and play a past week of calls into it."""
    from frontdesk.simulator import console as sim_console
    from frontdesk.simulator import demo as sim_demo
    from frontdesk.simulator.local import demo_key, serve_locally
    from frontdesk.simulator.run import summary

    settings = get_settings()
    # Demo mode: without a configured key, the in-process server and the simulator share a
    # throwaway key; `frontdesk serve` still refuses every request until a real key is set.
    key = settings.retell_api_key or demo_key()
    local = settings.model_copy(update={"retell_api_key": key, "log_level": "WARNING"})
    with serve_locally(local, db) as url:
        sim = sim_demo.Simulation(
            url=url,
            api_key=key,
            company=DEMO_COMPANY,
            number=DEMO_NUMBER,
            calls=calls,
            days=days,
            seed=seed,
            concurrency=4,
            customers_file=sim_demo.example_file(sim_demo.DEMO_CUSTOMERS_FILE),
            practice_file=sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
        )
        console.print(f"playing a past week: {calls} simulated calls over {days} days")
        result = sim_console.play_with_progress(sim, sim_demo.plans(sim), console)
    truth = sim_demo.check(db, DEMO_COMPANY, result.outcomes)
    sim_console.print_summary(console, summary(result, truth.differences), truth.figures, limit=10)


def simulate_command(
    url: Annotated[str | None, typer.Option(help="frontdesk's base URL (loopback only).")] = None,
    calls: Annotated[int, typer.Option(min=1, max=100_000, help="How many calls.")] = 100,
    days: Annotated[int, typer.Option(min=1, max=365, help="Past days they span.")] = 7,
    concurrency: Annotated[int, typer.Option(min=1, max=256, help="Calls at once.")] = 8,
    seed: Annotated[int | None, typer.Option(help="Random seed (default: random).")] = None,
    mix: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="Mix file (YAML/JSON).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    realtime: Annotated[bool, typer.Option(help="Sleep the real pauses of each call.")] = False,
    company: Annotated[str, typer.Option(help="The called company.")] = DEMO_COMPANY,
    number: Annotated[str, typer.Option(help="The called number (E.164).")] = DEMO_NUMBER,
    customers: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="Customers CSV (personas).")
    ] = None,
    practice: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="Practice YAML.")
    ] = None,
    api_key: Annotated[str | None, typer.Option(help="Signing key (default: settings).")] = None,
    database_url: Annotated[
        str | None, typer.Option(help="Database for the truth check (default: settings).")
    ] = None,
    check: Annotated[bool, typer.Option(help="Compare ground truth with the database.")] = True,
    max_seconds: Annotated[float, typer.Option(min=1, help="Stop starting calls after.")] = 3600,
) -> None:
    """Play simulated calls into a running frontdesk exactly as Retell would."""
    import random

    from frontdesk.simulator import console as sim_console
    from frontdesk.simulator import demo as sim_demo
    from frontdesk.simulator.mix import DEFAULT_MIX, MixError, load_mix
    from frontdesk.simulator.run import summary
    from frontdesk.simulator.transport import NotLoopback, check_loopback

    settings = get_settings()
    key = api_key or settings.retell_api_key
    if not key:
        fail("no signing key: set FRONTDESK_RETELL_API_KEY or pass --api-key")
    try:
        target = check_loopback(url or settings.public_base_url)
        traffic = load_mix(mix) if mix is not None else DEFAULT_MIX
    except (NotLoopback, MixError) as exc:
        fail(str(exc))
        return
    sim = sim_demo.Simulation(
        url=target,
        api_key=key,
        company=company,
        number=number,
        calls=calls,
        days=days,
        concurrency=concurrency,
        seed=seed if seed is not None else random.SystemRandom().randrange(2**31),
        mix=traffic,
        realtime=realtime,
        customers_file=customers or sim_demo.example_file(sim_demo.DEMO_CUSTOMERS_FILE),
        practice_file=practice or sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
        deadline_s=max_seconds,
    )
    shown = err_console if as_json else console
    result = sim_console.play_with_progress(sim, sim_demo.plans(sim), shown)
    truth = None
    if check:
        checked = Database(database_url or settings.database_url)
        truth = sim_demo.check(checked, company, result.outcomes)
    figures = summary(result, truth.differences if truth is not None else None)
    figures["seed"] = sim.seed
    figures["truth"] = truth.figures if truth is not None else None
    if as_json:
        print_json(figures)
    else:
        sim_console.print_summary(console, figures, truth.figures if truth is not None else {})
    if result.stats.http_errors or (truth is not None and truth.differences):
        raise typer.Exit(1)


def report_command(
    days: Annotated[int, typer.Option(min=1, max=3650, help="The last N days.")] = 7,
    company: Annotated[str | None, typer.Option(help="Company name.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """The root-cause analysis's evidence, computed from the database."""
    if fmt not in {"text", "json"}:
        fail("--format must be text or json")
    _print_report(database(), company, days, fmt)
