"""The whole loop: an experiment runs, the simulator plays calls as Retell would with a planted
difference between the variants, and the report, the CLI and Kennzahlen reach the verdict."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from sqlalchemy import select

from frontdesk.calls.models import Call, CallEvent
from frontdesk.db.core import Database
from frontdesk.experiments import service
from frontdesk.experiments.models import Experiment
from frontdesk.simulator import demo as sim_demo
from frontdesk.simulator.mix import INTENTS, mix_from_dict
from frontdesk.tenancy import service as tenancy_service
from tests.conftest import TEST_API_KEY, LiveServer
from tests.dashboard.conftest import login_as, practices  # noqa: F401  (fixtures)
from tests.dashboard.seed import Seeded
from tests.experiments.helpers import COMPANY, VARIANTS, start_experiment
from tests.voice.retell.helpers import DEMO_NUMBER

ANCHOR = datetime(2026, 3, 31, 9, 30, tzinfo=UTC)
PLANNED = 10
# Unknown callers asking a question: short calls whose only uncertainty is the planted one.
# Under A nobody says their name in the first turn, under B everybody does.
MIX = mix_from_dict(
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
        "variant_name_early": {"A": 0.0, "B": 1.0},
    }
)


def test_planted_difference_through_the_simulator(
    live_server: LiveServer, database: Database
) -> None:
    sim_demo.seed_practice(database, COMPANY, DEMO_NUMBER)
    with database.sessions() as session:
        company = tenancy_service.get_by_name(session=session, name=COMPANY)
        assert company is not None
        company_id = company.id
    experiment_id = start_experiment(database, company_id, planned=PLANNED)
    sim = sim_demo.Simulation(
        url=live_server.url,
        api_key=TEST_API_KEY,
        company=COMPANY,
        number=DEMO_NUMBER,
        calls=26,
        seed=4,
        concurrency=4,
        mix=MIX,
        practice_file=sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
        anchor=ANCHOR,
    )
    result = sim_demo.play(sim, sim_demo.plans(sim))
    assert not result.stats.http_errors

    greetings = {v["name"]: v["greeting"] for v in VARIANTS}
    with database.sessions() as session:
        calls = session.scalars(select(Call).where(Call.company_id == company_id)).all()
        assert len(calls) == 26
        # The variant reached the call row...
        assert all(c.experiment_id == experiment_id for c in calls)
        per_variant = Counter(c.variant for c in calls)
        assert min(per_variant["A"], per_variant["B"]) >= PLANNED, per_variant
        for call in calls:
            assert call.variant is not None
            # ...the agent's variables (Retell sends them back on every call object)...
            started = session.scalars(
                select(CallEvent).where(
                    CallEvent.provider_call_id == call.provider_call_id,
                    CallEvent.event_type == "call_started",
                )
            ).one()
            assert started.payload is not None
            variables = started.payload["call"]["retell_llm_dynamic_variables"]
            assert variables["experiment_variant"] == call.variant
            # ...and what the agent said.
            assert call.transcript_object is not None
            assert call.transcript_object[0]["content"].startswith(greetings[call.variant])
        experiment = session.get(Experiment, experiment_id)
        assert experiment is not None
        report = service.report(session=session, experiment=experiment)
    assert report.reached
    assert [(v.name, v.calls, v.successes) for v in report.variants] == [
        ("A", PLANNED, 0),
        ("B", PLANNED, PLANNED),
    ]
    assert report.verdict.text == "Variante B ist besser"


def test_kennzahlen_shows_running_experiments(
    database: Database,
    practices: tuple[Seeded, Seeded],  # noqa: F811
    login_as: Callable[[str], httpx.Client],  # noqa: F811
) -> None:
    own, other = practices
    start_experiment(database, own.company_id, name="Namensfrage Frühling", planned=40)
    page = login_as(own.owner_email).get("/app/metrics")
    assert page.status_code == 200
    assert "Laufende Experimente" in page.text and "Namensfrage Frühling" in page.text
    assert "Noch keine Aussage: geplant sind 40 Anrufe je Variante, bisher 0." in page.text
    # Another practice sees none of it.
    elsewhere = login_as(other.owner_email).get("/app/metrics")
    assert elsewhere.status_code == 200
    assert "Namensfrage Frühling" not in elsewhere.text
