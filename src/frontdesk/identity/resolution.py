"""Resolving a call's identity: its evidence record against the company's customers.

Every call gets one *evidence record*: a customer row (external id "call:<provider call id>")
that holds what the caller said. It starts provisional; a confident match folds it into the
existing customer (an audited merge, undone again if later data contradicts it); at the end of
the call it is promoted to a new customer, or the call goes to review. Because the record is
re-matched from its current content each time, the outcome depends on what is known, not on
the order in which it arrived."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.db.core import all_tables, utcnow
from frontdesk.followup import service as followup_service
from frontdesk.identity import merging, records
from frontdesk.identity.linking import match
from frontdesk.identity.matcher import EXACT, Decision, Evidence
from frontdesk.identity.models import Customer
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company

SYSTEM_ACTOR = "frontdesk:identity"
_EXTERNAL_ID_MAX = 64
LINKED, NEW_CUSTOMER, REVIEW, UNIDENTIFIED = "linked", "new_customer", "review", "unidentified"


class IdentityError(ValueError):
    """An identity operation that cannot be done as asked."""


@dataclass(frozen=True)
class Resolution:
    link_status: str
    customer_id: int | None
    confidence: float | None
    method: str | None
    decision: Decision


def evidence_key(call: Call) -> str:
    """Keyed by the provider's call id (stable across replays, never reused like a row id)."""
    key = f"call:{call.provider_call_id}"
    if len(key) <= _EXTERNAL_ID_MAX:
        return key
    return "call:" + hashlib.sha256(call.provider_call_id.encode()).hexdigest()[:40]


_EVIDENCE = select(Customer).where(
    Customer.company_id == bindparam("company_id"), Customer.external_id == bindparam("key")
)


def evidence_record(session: Session, call: Call) -> Customer | None:
    params = {"company_id": call.company_id, "key": evidence_key(call)}
    return session.scalars(_EVIDENCE, params).one_or_none()


def call_label(company: Company, when: datetime) -> str:
    local = tenancy_service.local_now(company, when)
    return f"Anrufer vom {local:%d.%m.%Y, %H:%M}"


def ensure_evidence_record(session: Session, call: Call, company: Company) -> Customer:
    """The call's evidence record, created once (the unique external id settles races)."""
    existing = evidence_record(session, call)
    if existing is not None:
        return existing
    try:
        with session.begin_nested():
            return records.create_customer(
                session,
                company_id=company.id,
                status="provisional",
                external_id=evidence_key(call),
                label=call_label(company, call.started_at or call.created_at or utcnow()),
                phone_e164=call.from_number_e164,
                source="call",
            )
    except IntegrityError:
        found = evidence_record(session, call)
        if found is None:
            raise
        return found


def evidence_of(record: Customer) -> Evidence:
    return Evidence(
        first_norm=record.first_name_norm,
        last_norm=record.last_name_norm,
        birth_date=record.birth_date,
        phone_e164=record.phone_e164,
        email=record.email,
    )


def _method(decision: Decision) -> str:
    levels = decision.best.levels if decision.best else {}
    if levels.get("email") == EXACT and levels.get("surname") != EXACT:
        return "email"
    if levels.get("birth_date") == EXACT and levels.get("surname") in (EXACT, "close"):
        return "name_birthdate"
    if levels.get("phone") == EXACT:
        return "phone"
    if levels.get("email") == EXACT:
        return "email"
    return "name"


def _fold_target(session: Session, record: Customer) -> int | None:
    return record.merged_into_id if record.status == "merged" else None


# What the caller says lands on the evidence record; an unfold must not take it back.
_SAID = ("first_name", "last_name", "salutation", "phone_e164", "email", "birth_date")


def _unfold(session: Session, record: Customer) -> None:
    """Undo the merge that folded the call's record into a customer, keeping what the caller
    said since (undoing restores the record as it was at the merge: the name just given, the
    reason the link no longer holds, would be lost)."""
    audit = merging.active_merge_of(session=session, from_id=record.id)
    if audit is None:
        return
    said = {f: getattr(record, f) for f in _SAID if getattr(record, f) is not None}
    merging.undo_merge(session=session, audit_id=audit.id, actor=SYSTEM_ACTOR)
    records.update_customer(session, record, **said)


def _set_link(
    call: Call, status: str, customer_id: int | None, method: str | None, confidence: float | None
) -> None:
    call.link_status, call.link_method = status, method
    call.link_confidence = round(confidence, 4) if confidence is not None else None
    if customer_id is not None:
        call.customer_id = customer_id
    if status == LINKED and call.identified_at is None:
        call.identified_at = utcnow()


def appointment_hangs_on(session: Session, call: Call) -> bool:
    """Whether an appointment was booked in this call (its review item is then urgent)."""
    table = all_tables().tables.get("appointments")
    if table is None or "call_id" not in table.c:
        return False
    return (
        session.execute(select(table.c.call_id).where(table.c.call_id == call.id).limit(1)).first()
        is not None
    )


def _review(session: Session, call: Call, reason: str, decision: Decision, summary: str) -> None:
    priority = (
        followup_service.PRIORITY_HIGH
        if appointment_hangs_on(session, call)
        else followup_service.PRIORITY_NORMAL
    )
    # Everything a person needs to resolve it: the candidates, and what the caller wanted.
    details: dict[str, Any] = {
        "decision_reason": decision.reason,
        "candidates": [s.as_dict() for s in decision.scored[:5]],
        "caller_number": call.from_number_e164,
        "caller_name": call.caller_name,
        "analysis": call.analysis,
    }
    followup_service.open_item(
        session=session,
        company_id=call.company_id or 0,
        reason=reason,
        call_id=call.id,
        customer_id=call.customer_id,
        priority=priority,
        summary=summary,
        details=details,
    )
    call.needs_followup = True


def _close_reviews(session: Session, call: Call, resolution: str) -> None:
    if not call.needs_followup:
        return  # _review marks the call whenever it opens one: nothing to close, no query
    for reason in ("uncertain_link", "no_identifying_data"):
        followup_service.resolve_for_call(
            session=session,
            company_id=call.company_id or 0,
            call_id=call.id,
            reason=reason,
            resolution=resolution,
        )


def resolve(
    *,
    session: Session,
    company: Company,
    call: Call,
    final: bool,
    method_hint: str | None = None,
    record: Customer | None = None,
) -> Resolution:
    """Match the call's evidence and bring record, call and review queue in line with it.

    `record`: the call's evidence record when the caller already holds it (a live save has
    just written to it), so it is not looked up again."""
    record = record or ensure_evidence_record(session, call, company)
    decision = match(
        session=session, company=company, evidence=evidence_of(record), exclude_ids=[record.id]
    )
    target = _fold_target(session, record)
    if decision.decision == "link" and decision.customer_id is not None:
        if target != decision.customer_id:
            if target is not None:
                _unfold(session, record)
            if record.status == "active":  # promoted earlier: becomes provisional again
                records.update_customer(session, record, status="provisional")
            merging.merge(
                session=session,
                company_id=company.id,
                into_id=decision.customer_id,
                from_id=record.id,
                actor=SYSTEM_ACTOR,
                reason="match",
            )
        method = method_hint or _method(decision)
        _set_link(call, LINKED, decision.customer_id, method, decision.confidence)
        _close_reviews(session, call, "linked")
        return Resolution(LINKED, decision.customer_id, decision.confidence, method, decision)
    if target is not None:
        _unfold(session, record)
    call.customer_id = record.id
    return _unlinked(session, call, record, decision, final)


def _unlinked(
    session: Session, call: Call, record: Customer, decision: Decision, final: bool
) -> Resolution:
    named = bool(record.last_name)
    if decision.decision == "new" and named:
        if final and record.status != "active":
            records.update_customer(session, record, status="active", label=None)
        status = NEW_CUSTOMER if record.status == "active" else UNIDENTIFIED
        _set_link(call, status, record.id, None, decision.confidence)
        if final:
            _close_reviews(session, call, "new_customer")
        return Resolution(status, record.id, decision.confidence, None, decision)
    if record.status == "active":  # a promoted record that now looks like someone else
        records.update_customer(session, record, status="provisional")
    if decision.decision == "review" and decision.reason != "no_identifying_data":
        _set_link(call, REVIEW, record.id, None, decision.confidence)
        if final:
            _review(
                session,
                call,
                "uncertain_link",
                decision,
                "Anrufer nicht sicher zugeordnet: bitte Kandidaten prüfen.",
            )
        return Resolution(REVIEW, record.id, decision.confidence, None, decision)
    _set_link(call, UNIDENTIFIED, record.id, None, None)
    if final:
        _review(
            session,
            call,
            "no_identifying_data",
            decision,
            "Anrufer hat keinen Namen genannt: bitte zuordnen oder zurückrufen.",
        )
    return Resolution(UNIDENTIFIED, record.id, None, None, decision)
