"""Shared pieces of the experiment tests: a practice, an experiment, outcome simulation."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from frontdesk.db.core import Database
from frontdesk.experiments import service
from frontdesk.experiments.assignment import Variant, assign
from frontdesk.experiments.report import Report, judge
from frontdesk.tenancy import service as tenancy_service
from tests.voice.retell.helpers import DEMO_NUMBER

COMPANY = "Praxis Sonnenschein"
VARIANTS: list[dict[str, Any]] = [
    {"name": "A", "weight": 1, "greeting": "Guten Tag", "name_question": "Mit wem spreche ich?"},
    {
        "name": "B",
        "weight": 1,
        "greeting": "Schön, dass Sie anrufen",
        "name_question": "Darf ich zuerst Ihren Namen erfahren?",
        "override_agent_version": 7,
    },
]


def seed_company(database: Database, name: str = COMPANY, number: str = DEMO_NUMBER) -> int:
    with database.unit_of_work() as session:
        company = tenancy_service.create(session=session, name=name)
        tenancy_service.add_number(session=session, company_id=company.id, number=number)
        return company.id


def start_experiment(
    database: Database,
    company_id: int,
    *,
    name: str = "Namensfrage",
    metric: str = "name_before_second_turn",
    planned: int = 10,
    variants: Sequence[dict[str, Any]] = VARIANTS,
) -> int:
    with database.unit_of_work() as session:
        experiment = service.create(
            session=session,
            company_id=company_id,
            name=name,
            metric=metric,
            variants=variants,
            planned_per_variant=planned,
        )
        return experiment.id


def call_id(rng: random.Random) -> str:
    return f"call_{rng.getrandbits(128):032x}"


def simulated_report(
    *, seed: int, rates: dict[str, float], planned: int, metric: str = "name_before_second_turn"
) -> Report:
    """One experiment's outcomes drawn with planted true rates: calls ring with random ids, the
    real assignment picks each call's variant, success is a coin with that variant's rate, and
    the real report judges once every variant has its planned calls."""
    rng = random.Random(seed)
    variants = [Variant(name=name, weight=1.0) for name in rates]
    outcomes: dict[str, list[bool]] = {name: [] for name in rates}
    while min(len(o) for o in outcomes.values()) < planned:
        chosen = assign(seed + 1, call_id(rng), variants)
        outcomes[chosen.name].append(rng.random() < rates[chosen.name])
    return judge(
        name=f"seed {seed}", metric=metric, planned_per_variant=planned,
        outcomes=list(outcomes.items()),
    )  # fmt: skip
