"""The `frontdesk` command: serve, migrate, inspect calls, manage tenants, batch faces."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

import frontdesk.tables  # noqa: F401  (every table known before any command runs)
from frontdesk.db.core import Database
from frontdesk.settings import get_settings

app = typer.Typer(
    help="frontdesk: the stateful backend of an AI phone receptionist.", no_args_is_help=True
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
calls_app = typer.Typer(help="What frontdesk knows about calls.", no_args_is_help=True)
companies_app = typer.Typer(help="Tenants and their called numbers.", no_args_is_help=True)
retell_app = typer.Typer(help="Talk to frontdesk as Retell would.", no_args_is_help=True)
names_app = typer.Typer(help="Caller names.", no_args_is_help=True)
dates_app = typer.Typer(help="German date and time understanding.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(calls_app, name="calls")
app.add_typer(companies_app, name="companies")
app.add_typer(retell_app, name="retell")
app.add_typer(names_app, name="names")
app.add_typer(dates_app, name="dates")

console = Console()
err_console = Console(stderr=True)

DEMO_COMPANY = "Praxis Sonnenschein"
DEMO_NUMBER = "+4930120045670"


def database() -> Database:
    return Database(get_settings().database_url)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def _password(from_stdin: bool) -> tuple[str, bool]:
    """The password read from standard input, or a strong generated one (and whether it was)."""
    from frontdesk.accounts import service as accounts_service

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n"), False
    return accounts_service.generate_password(), True


def company_or_fail(session: Any, name: str) -> Any:
    """The company named `name`, or exit 1 saying there is none."""
    from frontdesk.tenancy import service as tenancy_service

    company = tenancy_service.get_by_name(session=session, name=name)
    if company is None:
        fail(f"no company named {name!r}")
    return company


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="TCP port.")] = None,
) -> None:
    """Serve the HTTP API (the one way frontdesk is served)."""
    import uvicorn

    from frontdesk.app import create_app
    from frontdesk.server import server_config

    settings = get_settings()
    config = server_config(create_app(settings), host or settings.host, port or settings.port)
    uvicorn.Server(config).run()


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "heads") -> None:
    """Apply database migrations."""
    from frontdesk.db.migrate import upgrade

    url = get_settings().database_url
    upgrade(url, revision)
    console.print(f"database at {url.split('@')[-1]} is at revision {revision}")


@app.command()
def replay(
    failed: Annotated[bool, typer.Option("--failed", help="Only events that failed.")] = False,
    call: Annotated[str | None, typer.Option("--call", help="Only this provider call id.")] = None,
) -> None:
    """Process stored provider events again (after a fix, or to rebuild a call)."""
    from frontdesk.calls import inbox
    from frontdesk.voice.replay import processor_for

    db = database()
    with db.sessions() as session:
        todo = [
            (e.id, e.provider, e.event_type)
            for e in inbox.pending(session=session, failed_only=failed, provider_call_id=call)
        ]
    counts: dict[str, int] = {}
    for event_id, provider, event_type in todo:
        processor = processor_for(provider, event_type)
        if processor is None:
            counts["skipped"] = counts.get("skipped", 0) + 1
            continue
        status = inbox.process(session_factory=db.sessions, event_id=event_id, processor=processor)
        counts[status] = counts.get(status, 0) + 1
    console.print(
        f"replayed {len(todo)} events: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    )
    if counts.get("failed"):
        raise typer.Exit(1)


@retell_app.command("send")
def retell_send(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON payload.")],
    url: Annotated[str | None, typer.Option(help="Endpoint; default from --event.")] = None,
    event: Annotated[str | None, typer.Option(help="Override the payload's event name.")] = None,
) -> None:
    """Sign a payload with the configured key and post it, as Retell would."""
    import httpx

    from frontdesk.voice.retell.signing import sign

    settings = get_settings()
    if not settings.retell_api_key:
        fail("FRONTDESK_RETELL_API_KEY is not set")
    payload = json.loads(file.read_text(encoding="utf-8"))
    if event is not None:
        payload["event"] = event
    name = payload.get("event")
    path = "/retell/inbound" if name == "call_inbound" else "/retell/webhook"
    target = url or settings.public_base_url.rstrip("/") + path
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {
        "content-type": "application/json",
        "x-retell-signature": sign(body, settings.retell_api_key),
    }
    response = httpx.post(target, content=body, headers=headers, timeout=15)
    console.print(f"{response.status_code} {target}")
    if response.content:
        console.print(response.text)
    if response.status_code >= 300:
        raise typer.Exit(1)


agent_app = typer.Typer(help="The Retell agent definition.", no_args_is_help=True)
retell_app.add_typer(agent_app, name="agent")


@agent_app.command("export")
def retell_agent_export(
    base_url: Annotated[str, typer.Option(help="Public URL Retell reaches frontdesk at.")],
) -> None:
    """Print the Retell LLM, agent and phone-number settings as JSON."""
    from frontdesk.voice.retell.agent import export

    print_json(export(base_url))


@agent_app.command("push")
def retell_agent_push(
    base_url: Annotated[str, typer.Option(help="Public URL Retell reaches frontdesk at.")],
) -> None:
    """Create or update the agent at Retell (needs FRONTDESK_RETELL_API_KEY)."""
    from retell import Retell

    from frontdesk.voice.retell.agent import push

    settings = get_settings()
    if not settings.retell_api_key:
        fail("FRONTDESK_RETELL_API_KEY is not set")
    result = push(Retell(api_key=settings.retell_api_key), base_url)
    console.print(f"{result['action']}: agent {result['agent_id']} with LLM {result['llm_id']}")


@calls_app.command("list")
def calls_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 50,
) -> None:
    """The most recent calls."""
    from frontdesk.calls import service as call_service

    with database().sessions() as session:
        rows = [
            call_service.call_as_dict(c)
            for c in call_service.list_recent(session=session, limit=limit)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("call_id", "status", "from", "withheld", "customer", "link", "name")
    for row in rows:
        table.add_row(
            row["call_id"],
            row["status"],
            row["from_number"] or "",
            "ja" if row["caller_id_withheld"] else "",
            str(row["customer_id"] or ""),
            row["link_status"] or "",
            row["caller_name"] or "",
        )
    console.print(table)


@calls_app.command("show")
def calls_show(
    provider_call_id: Annotated[str, typer.Argument(help="The provider's call id.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Everything frontdesk knows of one call: row, events, invocations, customer."""
    from frontdesk.conversations.call_story import call_story

    with database().sessions() as session:
        story = call_story(session=session, provider_call_id=provider_call_id)
    if story is None:
        fail(f"no call {provider_call_id!r}")
        return
    if as_json:
        print_json(story)
        return
    console.print_json(json.dumps(story, ensure_ascii=False, default=str))


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


@app.command()
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


@names_app.command("extract")
def names_extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of calls.")],
    explain: Annotated[
        bool, typer.Option("--explain", help="Add each decision's candidates and evidence.")
    ] = False,
) -> None:
    """Caller and patient names from finished calls, one JSON object per input line."""
    from frontdesk.names.batch import extract_file

    for row in extract_file(file, explain=explain):
        print_json(row)


@names_app.command("lexicon")
def names_lexicon(
    build: Annotated[
        bool, typer.Option("--build", help="Compile the table from the installed packages.")
    ] = False,
) -> None:
    """The lexical knowledge behind names: where it lives, its size and load time."""
    from frontdesk.names import knowledge

    if build:
        started = time.perf_counter()
        path = knowledge.build()
        console.print(f"compiled {path} in {time.perf_counter() - started:.1f} s")
    table = knowledge.load()
    print_json({"entries": len(table), **table.meta})


@dates_app.command("parse")
def dates_parse(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of phrases.")],
) -> None:
    """Date and time wishes, one JSON object per input line."""
    from frontdesk.scheduling.dates_batch import parse_file

    for row in parse_file(file):
        print_json(row)


customers_app = typer.Typer(help="The customer base.", no_args_is_help=True)
identity_app = typer.Typer(
    help="Who is calling: matching callers to customers.", no_args_is_help=True
)
app.add_typer(customers_app, name="customers")
app.add_typer(identity_app, name="identity")


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


@identity_app.command("match")
def identity_match(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of queries.")],
) -> None:
    """Decide link/review/new for each query line (the live calls' matcher)."""
    from frontdesk.identity.batch import match_queries

    with database().sessions() as session:
        for row in match_queries(session, file):
            print_json(row)


@app.command()
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


# --- simulator, report and the demo week (issue 9) -----------------------------------------


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


@app.command("simulate")
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


@app.command("report")
def report_command(
    days: Annotated[int, typer.Option(min=1, max=3650, help="The last N days.")] = 7,
    company: Annotated[str | None, typer.Option(help="Company name.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """The root-cause analysis's evidence, computed from the database."""
    if fmt not in {"text", "json"}:
        fail("--format must be text or json")
    _print_report(database(), company, days, fmt)


users_app = typer.Typer(help="Dashboard users (each belongs to one company).", no_args_is_help=True)
app.add_typer(users_app, name="users")

DEMO_OWNER_EMAIL = "inhaber@praxis-sonnenschein.de"
DEMO_OWNER_PASSWORD = "Sonnenschein-Demo-2026"


@users_app.command("create")
def users_create(
    company: Annotated[str, typer.Option("--company", help="The company's name.")],
    email: Annotated[str, typer.Option("--email", help="Login e-mail (unique).")],
    role: Annotated[str, typer.Option("--role", help="owner or staff.")] = "staff",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a dashboard user; without --password-stdin a strong password is printed once."""
    from frontdesk.accounts import service as accounts_service

    password, generated = _password(password_stdin)
    with database().unit_of_work() as session:
        target = company_or_fail(session, company)
        try:
            user = accounts_service.create_user(
                session=session, company_id=target.id, email=email, role=role, password=password
            )
        except accounts_service.AccountsError as exc:
            fail(str(exc))
            return
        console.print(f"user {user.email} ({user.role}) of {target.name!r} created")
    if generated:
        typer.echo(f"password (shown once): {password}")


@users_app.command("set-password")
def users_set_password(
    email: Annotated[str, typer.Argument(help="The user's login e-mail.")],
    company: Annotated[str, typer.Option("--company", help="The company's name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a user's password and end every session of the user; without --password-stdin a
    strong password is printed once."""
    from frontdesk.accounts import service as accounts_service

    password, generated = _password(password_stdin)
    with database().unit_of_work() as session:
        target = company_or_fail(session, company)
        user = accounts_service.get_by_email(session=session, email=email)
        if user is None or user.company_id != target.id:
            fail(f"no user {accounts_service.normalise_email(email)!r} of {target.name!r}")
            return
        try:
            accounts_service.set_password(session=session, user_id=user.id, new_password=password)
        except accounts_service.AccountsError as exc:
            fail(str(exc))
            return
        console.print(f"password of {user.email} of {target.name!r} set; every session ended")
    if generated:
        typer.echo(f"password (shown once): {password}")


@users_app.command("ensure-demo")
def users_ensure_demo() -> None:
    """Create the demo practice's owner with the fixed demo credentials (idempotent)."""
    from frontdesk.accounts import service as accounts_service
    from frontdesk.tenancy import service as tenancy_service

    with database().unit_of_work() as session:
        company = tenancy_service.get_by_name(session=session, name=DEMO_COMPANY)
        if company is None:
            fail(f"no company {DEMO_COMPANY!r}: run `frontdesk demo` first")
            return
        _user, created = accounts_service.ensure_user(
            session=session,
            company_id=company.id,
            email=DEMO_OWNER_EMAIL,
            role="owner",
            password=DEMO_OWNER_PASSWORD,
        )
    state = "created" if created else "exists"
    typer.echo(f"demo owner {DEMO_OWNER_EMAIL} ({state}); password {DEMO_OWNER_PASSWORD}")


practice_app = typer.Typer(help="The practice: services, staff, hours.", no_args_is_help=True)
app.add_typer(practice_app, name="practice")


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


@app.command("slots")
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


calendar_app = typer.Typer(help="The practice's calendar.", no_args_is_help=True)
feed_app = typer.Typer(
    help="Read-only .ics feeds for Google, Outlook and Apple calendars (the URL is the secret).",
    no_args_is_help=True,
)
app.add_typer(calendar_app, name="calendar")
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


def main() -> None:
    app()
