"""The assignment on the real HTTP path: the inbound answer tells the agent its variant, and the
call row, whichever request creates it, records the same one."""

from __future__ import annotations

import random

import httpx
from sqlalchemy import select

from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.experiments import service
from frontdesk.experiments.assignment import assign, parse_variants
from frontdesk.experiments.models import Experiment
from frontdesk.voice.retell.payloads import call_event, inbound_event, phone_call
from tests.experiments.helpers import VARIANTS, call_id, seed_company, start_experiment
from tests.voice.retell.helpers import DEMO_NUMBER, post_signed


def ids_for(experiment_id: int) -> dict[str, str]:
    """A call id that lands in each variant (found by the pure function)."""
    variants = parse_variants(VARIANTS)
    rng, found = random.Random(5), {}
    while len(found) < len(variants):
        cid = call_id(rng)
        found.setdefault(assign(experiment_id, cid, variants).name, cid)
    return found


def ring(client: httpx.Client, cid: str, from_number: str = "anonymous") -> dict[str, object]:
    response = post_signed(
        client,
        "/retell/inbound",
        inbound_event(from_number=from_number, to_number=DEMO_NUMBER, call_id=cid),
    )
    assert response.status_code == 200
    answer: dict[str, object] = response.json()["call_inbound"]
    return answer


def started(client: httpx.Client, cid: str, from_number: str = "anonymous") -> None:
    call = phone_call(call_id=cid, from_number=from_number, to_number=DEMO_NUMBER)
    assert (
        post_signed(client, "/retell/webhook", call_event("call_started", call)).status_code == 204
    )


def stored(database: Database, cid: str) -> tuple[int | None, str | None]:
    with database.sessions() as session:
        call = session.scalars(select(Call).where(Call.provider_call_id == cid)).one()
        return call.experiment_id, call.variant


def test_inbound_answers_with_the_variant_and_call_started_records_it(
    client: httpx.Client, database: Database
) -> None:
    experiment_id = start_experiment(database, seed_company(database))
    ids = ids_for(experiment_id)
    a = ring(client, ids["A"])
    b = ring(client, ids["B"])
    variables_a, variables_b = a["dynamic_variables"], b["dynamic_variables"]
    assert isinstance(variables_a, dict) and isinstance(variables_b, dict)
    assert variables_a["experiment"] == "Namensfrage"
    assert variables_a["experiment_variant"] == "A"
    assert variables_a["name_question"] == "Mit wem spreche ich?"
    assert variables_b["experiment_variant"] == "B"
    assert variables_b["greeting"] == "Schön, dass Sie anrufen"
    assert variables_b["name_question"] == "Darf ich zuerst Ihren Namen erfahren?"
    assert all(isinstance(v, str) for v in variables_b.values())
    assert "override_agent_version" not in a
    assert b["override_agent_version"] == 7  # B is also another agent version
    for name, cid in ids.items():
        started(client, cid)
        assert stored(database, cid) == (experiment_id, name)


def test_a_call_opened_by_a_live_function_records_the_variant_too(
    client: httpx.Client, database: Database
) -> None:
    experiment_id = start_experiment(database, seed_company(database))
    cid = ids_for(experiment_id)["B"]
    ring(client, cid)
    call = phone_call(call_id=cid, from_number="anonymous", to_number=DEMO_NUMBER)
    response = post_signed(
        client,
        "/retell/functions/save_caller_data",
        {"name": "save_caller_data", "call": call, "args": {"name": "Petra Schreiber"}},
    )
    assert response.status_code == 200
    assert stored(database, cid) == (experiment_id, "B")


def test_the_caller_number_plays_no_part(client: httpx.Client, database: Database) -> None:
    """One call id rings withheld and with a number (a retried webhook): one variant; and
    withheld callers spread over both variants like everyone else."""
    experiment_id = start_experiment(database, seed_company(database))
    rng = random.Random(9)
    seen: dict[str, set[str]] = {}
    for _ in range(12):
        cid = call_id(rng)
        withheld = ring(client, cid, "anonymous")["dynamic_variables"]
        shown = ring(client, cid, "+491712345678")["dynamic_variables"]
        assert isinstance(withheld, dict) and isinstance(shown, dict)
        assert withheld["experiment_variant"] == shown["experiment_variant"]
        seen.setdefault(withheld["experiment_variant"], set()).add(cid)
        started(client, cid, "anonymous")
        assert stored(database, cid) == (experiment_id, withheld["experiment_variant"])
    assert set(seen) == {"A", "B"}


def test_calls_outside_the_experiment_get_no_variant(
    client: httpx.Client, database: Database
) -> None:
    company_id = seed_company(database)
    experiment_id = start_experiment(database, company_id)
    ids = ids_for(experiment_id)
    # Never rang through our inbound webhook: the agent was told nothing, so nothing is recorded.
    started(client, ids["A"])
    assert stored(database, ids["A"]) == (None, None)
    # Rang after the experiment stopped: no variables, no variant.
    with database.unit_of_work() as session:
        experiment = session.get(Experiment, experiment_id)
        assert experiment is not None
        service.stop(session=session, experiment=experiment)
    answer = ring(client, ids["B"])
    assert isinstance(answer["dynamic_variables"], dict)
    assert "experiment_variant" not in answer["dynamic_variables"]
    started(client, ids["B"])
    assert stored(database, ids["B"]) == (None, None)


def test_a_call_that_rang_before_the_experiment_is_not_counted(
    client: httpx.Client, database: Database
) -> None:
    """The row is created after the experiment started, but the agent got the old prompt."""
    company_id = seed_company(database)
    cid = call_id(random.Random(3))
    ring(client, cid)
    start_experiment(database, company_id)
    started(client, cid)
    assert stored(database, cid) == (None, None)


def test_a_call_that_rang_before_the_stop_keeps_its_variant(
    client: httpx.Client, database: Database
) -> None:
    experiment_id = start_experiment(database, seed_company(database))
    cid = ids_for(experiment_id)["A"]
    ring(client, cid)
    with database.unit_of_work() as session:
        experiment = session.get(Experiment, experiment_id)
        assert experiment is not None
        service.stop(session=session, experiment=experiment)
    started(client, cid)
    assert stored(database, cid) == (experiment_id, "A")
