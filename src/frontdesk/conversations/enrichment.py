"""Post-call enrichment: independent steps the worker runs after call_analyzed.

Each step reads the call and records one result row; one failing step is recorded and retried
(the job fails over and re-runs only the steps not done), the others still run. A practice can
add a step (`Step` below) and enable it by name in its settings (`enrichment_steps`); steps
that would call an outside service must be disabled by default."""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

import phonenumbers
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, EnrichmentStep
from frontdesk.db.core import Database
from frontdesk.followup import service as followup_service
from frontdesk.identity import service as identity_service
from frontdesk.identity.linking import match
from frontdesk.identity.models import Customer
from frontdesk.identity.resolution import evidence_of
from frontdesk.jobs import service as job_service
from frontdesk.jobs.runner import JobView, Outcome, TransientJobError
from frontdesk.scheduling.models import Appointment
from frontdesk.tenancy.models import Company

CALL_ENRICH = "call.enrich"
SWEEP_STALE = "identity.sweep_stale_provisional"
MERGE_PROPOSAL = "merge_proposal"


class Step(Protocol):
    """One enrichment step: `run` returns its result (a small JSON object) or raises."""

    @property
    def name(self) -> str: ...

    @property
    def enabled_by_default(self) -> bool: ...

    def run(self, session: Session, company: Company, call: Call) -> dict[str, Any]: ...


@dataclass(frozen=True)
class NameStep:
    """Re-extract the caller's name from transcript and analysis when none was captured live
    (the call's final state may be newer than the webhook that first tried)."""

    name: str = "name"
    enabled_by_default: bool = True

    def run(self, session: Session, company: Company, call: Call) -> dict[str, Any]:
        if call.caller_name:
            return {"caller_name": call.caller_name, "action": "kept"}
        if not call.transcript_object and not call.analysis:
            return {"caller_name": None, "action": "nothing to read"}
        identity_service.finalise_call(session=session, call=call)
        return {"caller_name": call.caller_name, "action": "re-extracted"}


@dataclass(frozen=True)
class DuplicateStep:
    """Is the call's (established) customer a duplicate of another? Then a merge proposal for
    a person, never an automatic merge: a wrong merge is worse than a duplicate."""

    name: str = "duplicates"
    enabled_by_default: bool = True

    def run(self, session: Session, company: Company, call: Call) -> dict[str, Any]:
        customer = session.get(Customer, call.customer_id) if call.customer_id else None
        if customer is None or customer.status != "active":
            return {"checked": False, "reason": "no established customer"}
        decision = match(
            session=session,
            company=company,
            evidence=evidence_of(customer),
            exclude_ids=[customer.id],
        )
        if decision.decision != "link" or decision.customer_id is None:
            return {"checked": True, "duplicate_of": None, "decision": decision.decision}
        followup_service.open_item(
            session=session,
            company_id=company.id,
            reason=MERGE_PROPOSAL,
            call_id=call.id,
            customer_id=customer.id,
            summary=f"Mögliches Duplikat: Kunde {customer.id} und Kunde {decision.customer_id} "
            f"(Sicherheit {decision.confidence:.2f}) – bitte prüfen und ggf. zusammenführen.",
            details={
                "from_id": customer.id,
                "into_id": decision.customer_id,
                "confidence": round(decision.confidence, 4),
            },
        )
        return {"checked": True, "duplicate_of": decision.customer_id, "proposal": True}


_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "landline",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "landline_or_mobile",
    phonenumbers.PhoneNumberType.VOIP: "voip",
    phonenumbers.PhoneNumberType.TOLL_FREE: "toll_free",
}


def describe_number(e164: str) -> dict[str, Any]:
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return {"number": e164, "valid": False}
    return {
        "number": e164,
        "valid": phonenumbers.is_valid_number(parsed),
        "type": _TYPES.get(phonenumbers.number_type(parsed), "other"),
        "region": phonenumbers.region_code_for_number(parsed),
    }


@dataclass(frozen=True)
class CallbackNumberStep:
    """Can the practice call (or text) back? Caller ID and the number given, checked."""

    name: str = "callback_number"
    enabled_by_default: bool = True

    def run(self, session: Session, company: Company, call: Call) -> dict[str, Any]:
        customer = session.get(Customer, call.customer_id) if call.customer_id else None
        numbers = {
            "caller_id": call.from_number_e164,
            "given": customer.phone_e164 if customer is not None else None,
        }
        return {key: describe_number(value) for key, value in numbers.items() if value}


DEFAULT_STEPS: tuple[Step, ...] = (NameStep(), DuplicateStep(), CallbackNumberStep())


def enabled_steps(company: Company, steps: Sequence[Step]) -> list[Step]:
    chosen = (company.settings or {}).get("enrichment_steps")
    if isinstance(chosen, list):
        return [s for s in steps if s.name in chosen]
    return [s for s in steps if s.enabled_by_default]


def _record(
    session: Session,
    call_id: int,
    step: str,
    status: str,
    result: dict[str, Any],
    error: str | None,
) -> None:
    row = session.scalars(
        select(EnrichmentStep).where(EnrichmentStep.call_id == call_id, EnrichmentStep.step == step)
    ).first()
    if row is None:
        row = EnrichmentStep(call_id=call_id, step=step, attempts=0)
        session.add(row)
    row.status, row.result, row.error = status, result, error
    row.attempts = (row.attempts or 0) + 1
    session.flush()


def _done(session: Session, call_id: int) -> set[str]:
    return set(
        session.scalars(
            select(EnrichmentStep.step).where(
                EnrichmentStep.call_id == call_id, EnrichmentStep.status == "done"
            )
        )
    )


def enrich_call(database: Database, view: JobView, steps: Sequence[Step]) -> Outcome:
    call_id = int(view.payload["call_id"])
    with database.unit_of_work() as session:
        call = session.get(Call, call_id)
        company = session.get(Company, call.company_id) if call and call.company_id else None
        if call is None or company is None:
            return Outcome({"skipped": "call or company not found"})
        todo = [s for s in enabled_steps(company, steps) if s.name not in _done(session, call_id)]
    results: dict[str, str] = {}
    for step in todo:
        results[step.name] = _run_step(database, call_id, step)
    failed = sorted(name for name, status in results.items() if status == "failed")
    if failed:
        raise TransientJobError(f"enrichment steps failed: {', '.join(failed)}")
    return Outcome({"steps": results})


def _run_step(database: Database, call_id: int, step: Step) -> str:
    try:
        with database.unit_of_work() as session:
            call = session.get(Call, call_id)
            company = session.get(Company, call.company_id) if call and call.company_id else None
            if call is None or company is None:
                return "skipped"
            result = step.run(session, company, call)
            _record(session, call_id, step.name, "done", result, None)
        return "done"
    except Exception as error:  # recorded; the others still run, the job retries this one
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        with database.unit_of_work() as session:
            _record(session, call_id, step.name, "failed", {}, text[:2000])
        return "failed"


def enqueue_for_call(session: Session, call: Call) -> None:
    """Written with the call_analyzed event's own transaction (the outbox)."""
    job_service.enqueue(
        session=session,
        kind=CALL_ENRICH,
        key=f"{CALL_ENRICH}:{call.id}",
        company_id=call.company_id,
        payload={"call_id": call.id},
    )


def sweep_stale_provisional(database: Database, view: JobView, max_age: timedelta) -> Outcome:
    """Provisional customers older than `max_age` with no appointment are closed as
    unidentified; their calls keep pointing at them (nothing is deleted)."""
    cutoff = view.now - max_age
    with database.unit_of_work() as session:
        has_appointment = exists().where(Appointment.customer_id == Customer.id)
        stale = session.scalars(
            select(Customer).where(
                Customer.status == "provisional",
                Customer.created_at < cutoff,
                ~has_appointment,
            )
        ).all()
        for customer in stale:
            customer.status = "unidentified"
            customer.extra = {**(customer.extra or {}), "closed_at": view.now.isoformat()}
        session.flush()
    return Outcome({"closed": len(stale), "cutoff": cutoff.isoformat()})


def schedule_sweep(session: Session, now: datetime) -> None:
    """One stale-provisional sweep a day (the key makes it once per day, whoever asks)."""
    job_service.enqueue(
        session=session,
        kind=SWEEP_STALE,
        key=f"{SWEEP_STALE}:{now.date().isoformat()}",
        company_id=None,
    )
