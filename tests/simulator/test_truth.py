"""The ground truth knows every person: a customer created during a run belongs to the persona
whose call created it, so the check is right against a database without a customer base."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.identity.models import Customer
from frontdesk.simulator import demo as sim_demo
from frontdesk.simulator.player import Outcome
from frontdesk.simulator.run import RunResult
from frontdesk.simulator.truth import persona_key
from tests.conftest import TEST_API_KEY, LiveServer

COMPANY, NUMBER = "Praxis Sonnenschein", "+4930120045670"
ANCHOR = datetime(2026, 3, 31, 9, 30, tzinfo=UTC)
LOSSES = ("call lost", "not stored", "failed in processing", "request refused")
GOAL = "named calls unresolved:"


def shipped_customers() -> Path:
    """The demo customer base, as `frontdesk simulate` plays it: households share a landline
    and a surname; nobody shares a full name (as in a real practice of 300)."""
    source = sim_demo.example_file(sim_demo.DEMO_CUSTOMERS_FILE)
    assert source is not None
    return source


def practice_only_run(
    server: LiveServer, database: Database, customers: Path, calls: int, seed: int
) -> RunResult:
    """A run against a database that holds the practice and nothing else."""
    sim_demo.seed_practice(database, COMPANY, NUMBER)
    sim = sim_demo.Simulation(
        url=server.url,
        api_key=TEST_API_KEY,
        company=COMPANY,
        number=NUMBER,
        calls=calls,
        seed=seed,
        concurrency=4,
        customers_file=customers,
        practice_file=sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
        anchor=ANCHOR,
    )
    result = sim_demo.play(sim, sim_demo.plans(sim))
    assert result.stats.http_errors == [] and not result.not_played
    return result


def creators(database: Database, result: RunResult) -> dict[int, Outcome]:
    """Each customer record created in the run (a call's promoted record), by the call."""
    by_key = {f"call:{o.call_id}": o for o in result.outcomes}
    with database.sessions() as session:
        created = session.scalars(select(Customer).where(Customer.external_id.like("call:%")))
        return {c.id: by_key[c.external_id] for c in created if c.external_id in by_key}


def test_without_a_customer_base_a_correct_product_has_no_differences(
    live_server: LiveServer, database: Database
) -> None:
    result = practice_only_run(live_server, database, shipped_customers(), 120, seed=5)
    truth = sim_demo.check(database, COMPANY, result.outcomes)
    assert truth.figures["calls"] == 120
    assert truth.figures["links_to_imported_customers"] == 0  # there are none
    assert truth.figures["links_to_created_customers"] > 0  # returning callers reuse them
    # Every call right; the share of named calls left in review is the matcher's own goal,
    # judged with the customer base loaded (test_player, bench/demo_week.py).
    assert [d for d in truth.differences if not d.startswith(GOAL)] == []
    # A link to the customer the same persona's earlier call created is counted right.
    made_by = creators(database, result)
    reused = []
    with database.sessions() as session:
        for outcome in result.outcomes:
            call = session.scalars(
                select(Call).where(Call.provider_call_id == outcome.call_id)
            ).one()
            creator = made_by.get(call.customer_id or 0)
            if call.link_status == "linked" and outcome.named and creator is not None:
                assert creator.plan.start < outcome.plan.start
                assert persona_key(creator.plan.caller) == persona_key(outcome.plan.caller)
                reused.append(outcome.call_id)
    assert reused
    assert not [d for d in truth.differences if d.split(":")[0] in reused]


def test_a_planted_wrong_link_is_reported_naming_the_call(
    live_server: LiveServer, database: Database
) -> None:
    result = practice_only_run(live_server, database, shipped_customers(), 40, seed=2)
    before = sim_demo.check(database, COMPANY, result.outcomes)
    assert [d for d in before.differences if any(loss in d for loss in LOSSES)] == []
    made_by = creators(database, result)
    with database.unit_of_work() as session:
        named = [
            (o, session.scalars(select(Call).where(Call.provider_call_id == o.call_id)).one())
            for o in sorted(result.outcomes, key=lambda o: o.plan.start)
            if o.named
        ]
        victim, call = next((o, c) for o, c in named if c.link_status in {"linked", "new_customer"})
        target, creator = next(
            (record_id, o)
            for record_id, o in made_by.items()
            if persona_key(o.plan.caller) != persona_key(victim.plan.caller)
        )
        call.customer_id, call.link_status = target, "linked"
    after = sim_demo.check(database, COMPANY, result.outcomes)
    planted = [d for d in after.differences if d.startswith(f"{victim.call_id}: linked to")]
    assert len(planted) == 1
    assert f"customer {target}, created by call {creator.call_id}" in planted[0]
    assert set(after.differences) - set(before.differences) == set(planted)
