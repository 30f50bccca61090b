"""Prompt experiments through the real simulator: 20 seeds with a planted difference and 20
with equal variants, each a fresh database and the app served on loopback.

    python bench/experiments_bench.py [--seeds 20] [--planned 145] [--json]

Each run: the demo practice, an experiment "Namensfrage" (metric name_before_second_turn,
planned calls per variant from 40 % vs 60 % at the product's alpha 0.01 and power 0.8 = 145),
the simulator playing withheld-number question calls as Retell would until every variant has
its planned calls, where the persona says their name in the first turn with the planted
probability of its variant (`variant_name_early` in the mix); then the report's code judges.
Planted: A 40 %, B 70 %. Equal: A 40 %, B 40 %. The acceptance is at least 19 of 20 right
verdicts in each scenario ("Variante B ist besser" / no difference shown).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import frontdesk.tables  # noqa: F401
from frontdesk.cli.common import DEMO_COMPANY, DEMO_NUMBER
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.experiments import service, stats
from frontdesk.experiments.models import Experiment
from frontdesk.settings import Settings
from frontdesk.simulator import demo as sim_demo
from frontdesk.simulator.local import demo_key, serve_locally
from frontdesk.simulator.mix import INTENTS, mix_from_dict
from frontdesk.tenancy import service as tenancy_service

VARIANTS = [
    {"name": "A", "weight": 1, "greeting": "Guten Tag", "name_question": "Mit wem spreche ich?"},
    {
        "name": "B",
        "weight": 1,
        "greeting": "Schön, dass Sie anrufen",
        "name_question": "Darf ich zuerst Ihren Namen erfahren?",
    },
]


@dataclass
class Run:
    scenario: str
    seed: int
    calls: int
    verdict: str
    right: bool
    seconds: float


def mix(rate_a: float, rate_b: float) -> object:
    return mix_from_dict(
        {
            "returning": 0.0,
            "withheld": 1.0,
            "misheard_name": 0.0,
            "intents": {name: (1.0 if name == "question" else 0.0) for name in INTENTS},
            "duplicate_call_ended": 0.0,
            "duplicate_call_analyzed": 0.0,
            "analyzed_before_ended": 0.0,
            "duplicate_function_call": 0.0,
            "wrong_analysis": 0.0,
            "extra_callback": 0.0,
            "variant_name_early": {"A": rate_a, "B": rate_b},
        }
    )


def one_run(scenario: str, seed: int, rates: tuple[float, float], planned: int) -> Run:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        key = demo_key()
        settings = Settings(
            database_url=f"sqlite:///{Path(tmp) / 'exp.db'}",
            retell_api_key=key,
            queue_path=str(Path(tmp) / "queue.db"),
            log_level="WARNING",
            orphan_sweep_seconds=0,
        )
        upgrade(settings.database_url)
        database = Database(settings.database_url)
        sim_demo.seed_practice(database, DEMO_COMPANY, DEMO_NUMBER)
        with database.unit_of_work() as session:
            company = tenancy_service.get_by_name(session=session, name=DEMO_COMPANY)
            assert company is not None
            experiment_id = service.create(
                session=session,
                company_id=company.id,
                name="Namensfrage",
                metric="name_before_second_turn",
                variants=VARIANTS,
                planned_per_variant=planned,
            ).id
        with serve_locally(settings, database) as url:
            sim = sim_demo.Simulation(
                url=url,
                api_key=key,
                company=DEMO_COMPANY,
                number=DEMO_NUMBER,
                calls=int(planned * 2.4),  # enough for both variants to reach the plan
                days=1,
                seed=seed,
                concurrency=8,
                mix=mix(*rates),  # type: ignore[arg-type]
                practice_file=sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
            )
            result = sim_demo.play(sim, sim_demo.plans(sim))
        with database.sessions() as session:
            experiment = session.get(Experiment, experiment_id)
            assert experiment is not None
            report = service.report(session=session, experiment=experiment)
        database.dispose()
    verdict = report.verdict.text if report.reached else "Plan nicht erreicht"
    right = (
        verdict == "Variante B ist besser"
        if scenario == "planted"
        else "kein Unterschied" in verdict
    )
    return Run(scenario, seed, len(result.outcomes), verdict, right, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--planned", type=int, default=stats.planned_from_effect(0.40, 0.20))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    runs: list[Run] = []
    for scenario, rates in (("planted", (0.40, 0.70)), ("equal", (0.40, 0.40))):
        for seed in range(args.seeds):
            run = one_run(scenario, seed, rates, args.planned)
            runs.append(run)
            if not args.json:
                print(
                    f"{scenario:8} seed {seed:2}: {run.calls} calls, {run.verdict!r}, "
                    f"{'right' if run.right else 'WRONG'} ({run.seconds:.0f} s)",
                    flush=True,
                )
    summary = {
        scenario: f"{sum(r.right for r in runs if r.scenario == scenario)}/{args.seeds}"
        for scenario in ("planted", "equal")
    }
    if args.json:
        print(json.dumps({"summary": summary, "runs": [r.__dict__ for r in runs]}, indent=2))
    else:
        print("right verdicts:", summary)
    if any(int(v.split("/")[0]) < args.seeds - 1 for v in summary.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
