"""Post-call enrichment: written with call_analyzed, run by the worker step by step; a failing
step is recorded and retried while the others run; duplicates become proposals, never merges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.calls.commands import CallEventKind
from frontdesk.calls.models import Call, EnrichmentStep
from frontdesk.conversations import enrichment, work
from frontdesk.conversations.sms import SmsSetup
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.identity import records
from frontdesk.identity.models import Customer
from frontdesk.jobs import service as job_service
from frontdesk.jobs.models import DONE, PENDING, Job
from frontdesk.jobs.runner import JobView, run_one
from frontdesk.tenancy.models import Company
from tests.identity.helpers import company, customer, event

TURNS = [
    {"role": "agent", "content": "Praxis A, hier ist Lena. Mit wem spreche ich?"},
    {"role": "user", "content": "Hallo, hier ist Jana Petersen."},
    {"role": "agent", "content": "Danke, Frau Petersen. Was kann ich für Sie tun?"},
    {"role": "user", "content": "Ich hätte gern einen Termin."},
]


def _analyzed(database: Database, call_id: str, **options: Any) -> int:
    with database.unit_of_work() as session:
        company(session)
        event(session, call_id, **options)
        call = event(session, call_id, kind=CallEventKind.ANALYZED, turns=TURNS, **options)
        return call.id


def _run(database: Database, handlers: dict[str, Any], now: datetime) -> list[str]:
    outcomes = []
    with database.unit_of_work() as session:
        due = job_service.due_ids(session=session, now=now)
    for job_id in due:
        outcomes.append(
            run_one(database=database, job_id=job_id, handlers=handlers, clock=lambda: now)
        )
    return outcomes


def _handlers(steps: tuple[enrichment.Step, ...] = enrichment.DEFAULT_STEPS) -> dict[str, Any]:
    return work.handlers(SmsSetup(gateway=None, sender="", quiet=None), steps=steps)


def _steps(database: Database, call_id: int) -> dict[str, EnrichmentStep]:
    with database.unit_of_work() as session:
        rows = session.scalars(select(EnrichmentStep).where(EnrichmentStep.call_id == call_id))
        return {row.step: row for row in rows}


def test_call_analyzed_writes_one_enrichment_job_with_the_event(database: Database) -> None:
    call_id = _analyzed(database, "call_enrich_1", from_number="+4917612345001")
    with database.unit_of_work() as session:
        event(session, "call_enrich_1", kind=CallEventKind.ANALYZED, turns=TURNS)  # repeated
        jobs = session.scalars(select(Job).where(Job.kind == enrichment.CALL_ENRICH)).all()
        assert [j.payload for j in jobs] == [{"call_id": call_id}]


def test_every_step_runs_and_records_its_result(database: Database) -> None:
    call_id = _analyzed(database, "call_enrich_2", from_number="+4917612345002")
    assert _run(database, _handlers(), datetime.now(UTC)) == [DONE]
    steps = _steps(database, call_id)
    assert {name: row.status for name, row in steps.items()} == {
        "name": "done",
        "duplicates": "done",
        "callback_number": "done",
    }
    assert steps["name"].result["caller_name"] == "Jana Petersen"
    number = steps["callback_number"].result["caller_id"]
    assert number == {"number": "+4917612345002", "valid": True, "type": "mobile", "region": "DE"}


@dataclass(frozen=True)
class Flaky:
    name: str = "flaky"
    enabled_by_default: bool = True
    fails: list[int] | None = None

    def run(self, session: Session, company: Company, call: Call) -> dict[str, Any]:
        assert self.fails is not None
        if self.fails:
            self.fails.pop()
            raise ConnectionError("lookup service unreachable")
        return {"ok": True}


def test_a_failing_step_is_recorded_and_retried_while_the_others_run(database: Database) -> None:
    call_id = _analyzed(database, "call_enrich_3", from_number="+4917612345003")
    flaky = Flaky(fails=[1])
    handlers = _handlers((*enrichment.DEFAULT_STEPS, flaky))
    now = datetime.now(UTC)
    assert _run(database, handlers, now) == ["retry"]
    steps = _steps(database, call_id)
    assert steps["flaky"].status == "failed" and "unreachable" in (steps["flaky"].error or "")
    assert steps["name"].status == "done" and steps["callback_number"].status == "done"
    with database.unit_of_work() as session:
        job = session.scalars(select(Job)).one()
        assert job.status == PENDING
        retry_at = job.run_at
    assert _run(database, handlers, retry_at + timedelta(seconds=1)) == [DONE]
    steps = _steps(database, call_id)
    assert steps["flaky"].status == "done" and steps["flaky"].attempts == 2
    assert steps["name"].attempts == 1  # done steps are not run again


def test_a_duplicate_customer_becomes_a_proposal_never_a_merge(database: Database) -> None:
    with database.unit_of_work() as session:
        praxis = company(session)
        first = customer(session, praxis.id, "Jana", "Petersen", phone_e164="+4917612345004")
        second = records.create_customer(
            session,
            company_id=praxis.id,
            status="active",
            first_name="Jana",
            last_name="Petersen",
            phone_e164="+4917612345004",
        )
        call = Call(
            provider="retell",
            provider_call_id="call_enrich_dup",
            company_id=praxis.id,
            customer_id=second.id,
            status="analyzed",
        )
        session.add(call)
        session.flush()
        enrichment.enqueue_for_call(session, call)
        first_id, second_id = first.id, second.id
    assert _run(database, _handlers(), datetime.now(UTC)) == [DONE]
    with database.unit_of_work() as session:
        item = session.scalars(
            select(ReviewItem).where(ReviewItem.reason == "merge_proposal")
        ).one()
        assert {item.details["from_id"], item.details["into_id"]} == {first_id, second_id}
        statuses = {c.id: c.status for c in session.scalars(select(Customer))}
        assert statuses[first_id] == "active" and statuses[second_id] == "active"


def test_stale_provisional_customers_are_closed_and_their_calls_kept(database: Database) -> None:
    with database.unit_of_work() as session:
        praxis = company(session)
        old = records.create_customer(session, company_id=praxis.id, status="provisional")
        old.created_at = datetime.now(UTC) - timedelta(days=40)
        fresh = records.create_customer(session, company_id=praxis.id, status="provisional")
        call = Call(
            provider="retell",
            provider_call_id="call_stale",
            company_id=praxis.id,
            customer_id=old.id,
        )
        session.add(call)
        old_id, fresh_id = old.id, fresh.id
    view = JobView(0, enrichment.SWEEP_STALE, "k", None, {}, 1, datetime.now(UTC))
    outcome = enrichment.sweep_stale_provisional(database, view, timedelta(days=30))
    assert outcome.result["closed"] == 1
    with database.unit_of_work() as session:
        assert session.get(Customer, old_id).status == "unidentified"  # type: ignore[union-attr]
        assert session.get(Customer, fresh_id).status == "provisional"  # type: ignore[union-attr]
        kept = session.scalars(select(Call).where(Call.provider_call_id == "call_stale")).one()
        assert kept.customer_id == old_id
