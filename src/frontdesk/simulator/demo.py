"""Glue for the CLI: resolve the demo files, seed the demo practice, play a run, check it.

Optional pieces (the practice loader, the customer importer) are used when their modules exist,
so the demo works at every stage of the project."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select

from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.simulator import personas as personas_mod
from frontdesk.simulator import plan as plan_mod
from frontdesk.simulator import run as run_mod
from frontdesk.simulator import truth as truth_mod
from frontdesk.simulator.mix import DEFAULT_MIX, Mix
from frontdesk.simulator.player import Outcome
from frontdesk.tenancy import service as tenancy_service

T = TypeVar("T")

DEMO_PRACTICE_FILE = "praxis-sonnenschein.yaml"
DEMO_CUSTOMERS_FILE = "praxis-sonnenschein-customers.csv"


def examples_dir() -> Path:
    """The repository's examples/ (an editable install), else ./examples."""
    beside_source = Path(__file__).resolve().parents[3] / "examples"
    return beside_source if beside_source.is_dir() else Path.cwd() / "examples"


def example_file(name: str) -> Path | None:
    path = examples_dir() / name
    return path if path.is_file() else None


def optional_module(name: str) -> Any | None:
    """A module another part of the project provides, or None while it does not exist yet."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


@dataclass(frozen=True)
class Simulation:
    url: str
    api_key: str
    company: str
    number: str
    calls: int = 100
    days: int = 7
    concurrency: int = 8
    seed: int = 0
    mix: Mix = DEFAULT_MIX
    realtime: bool = False
    customers_file: Path | None = None
    practice_file: Path | None = None
    deadline_s: float = run_mod.DEFAULT_DEADLINE_S
    anchor: datetime | None = None


def practice(sim: Simulation) -> plan_mod.Practice:
    return plan_mod.load_practice(sim.practice_file, sim.company, sim.number)


def customers(sim: Simulation) -> list[personas_mod.Persona]:
    if sim.customers_file is not None:
        return personas_mod.load_customers(sim.customers_file, sim.company)
    return personas_mod.demo_customers(sim.company)


def plans(sim: Simulation) -> list[plan_mod.CallPlan]:
    return plan_mod.generate(
        count=sim.calls,
        days=sim.days,
        mix=sim.mix,
        practice=practice(sim),
        customers=customers(sim),
        seed=sim.seed,
        anchor=sim.anchor,
    )


def _run_to_end(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run the coroutine to its end, also from a thread whose event loop is already running
    (a caller inside another async framework): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def play(
    sim: Simulation,
    planned: list[plan_mod.CallPlan],
    on_done: Callable[[Outcome], None] | None = None,
) -> run_mod.RunResult:
    return _run_to_end(
        run_mod.play_all(
            planned,
            url=sim.url,
            api_key=sim.api_key,
            practice=practice(sim),
            concurrency=sim.concurrency,
            realtime=sim.realtime,
            deadline_s=sim.deadline_s,
            on_done=on_done,
            variant_name_early=sim.mix.variant_name_early,
        )
    )


def check(database: Database, company: str, outcomes: list[Outcome]) -> truth_mod.Truth:
    with database.sessions() as session:
        row = tenancy_service.get_by_name(session=session, name=company)
        company_id = row.id if row is not None else None
    if company_id is None:
        return truth_mod.Truth(differences=[f"company {company!r} is not in the database"])
    return truth_mod.check(database, outcomes, company_id)


def call_count(database: Database, company: str) -> int:
    with database.sessions() as session:
        row = tenancy_service.get_by_name(session=session, name=company)
        if row is None:
            return 0
        return int(
            session.scalar(select(func.count()).select_from(Call).where(Call.company_id == row.id))
            or 0
        )


def seed_practice(database: Database, company: str, number: str, agent: str = "Lena") -> str:
    """The demo practice from its YAML file when the loader exists, else company + number."""
    loader = optional_module("frontdesk.scheduling.practice")
    practice_file = example_file(DEMO_PRACTICE_FILE)
    if loader is not None and practice_file is not None:
        with database.unit_of_work() as session:
            report = loader.load_file(session=session, path=practice_file)
        return (
            f"practice file {practice_file.name}: {report.services} services, "
            f"{report.staff} staff, {len(report.changes)} changes"
        )
    with database.unit_of_work() as session:
        row = tenancy_service.create(session=session, name=company, agent_names=[agent])
        tenancy_service.add_number(session=session, company_id=row.id, number=number)
    return f"demo practice {company!r} answers {number}"


def seed_customers(database: Database) -> str | None:
    """The demo customer base through the identity importer (idempotent), when it exists."""
    importer = optional_module("frontdesk.identity.batch")
    csv_file = example_file(DEMO_CUSTOMERS_FILE)
    if importer is None or csv_file is None:
        return None
    with database.unit_of_work() as session:
        report = importer.import_customers(session, csv_file)
    errors = len(getattr(report, "errors", []))
    return (
        f"customers {csv_file.name}: {getattr(report, 'created', 0)} new, "
        f"{getattr(report, 'updated', 0)} updated, {getattr(report, 'unchanged', 0)} unchanged"
        + (f", {errors} bad rows" if errors else "")
    )
