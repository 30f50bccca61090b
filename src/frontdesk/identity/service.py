"""Identity services: the greeting, opening a call's record, finalising it, relinking.

Public API (keyword-only; `session` and `company_id` first where a company is involved):
`greeting_variables`, `open_for_call`, `save_name`, `save_birth_date`, `save_email`,
`save_phone`, `match`, `finalise_call`, `merge`, `undo_merge`, `relink`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.identity.collection import (
    CollectResult,
    save_birth_date,
    save_email,
    save_name,
    save_phone,
)
from frontdesk.identity.linking import evidence_from, match
from frontdesk.identity.merging import MergeError, merge, undo_merge
from frontdesk.identity.models import Customer
from frontdesk.identity.resolution import (
    IdentityError,
    Resolution,
    ensure_evidence_record,
    evidence_record,
    resolve,
)
from frontdesk.names.extraction import Turn, extract_names
from frontdesk.names.validator import validate_name
from frontdesk.phones import CallerNumber
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company

__all__ = [
    "CollectResult",
    "IdentityError",
    "MergeError",
    "Resolution",
    "address_name",
    "customers_by_phone",
    "evidence_from",
    "finalise_call",
    "greeting_variables",
    "match",
    "merge",
    "next_appointment_text",
    "open_for_call",
    "relink",
    "save_birth_date",
    "save_email",
    "save_name",
    "save_phone",
    "undo_merge",
]
ACTIVE_STATUSES = ("active",)


def customers_by_phone(*, session: Session, company_id: int, e164: str) -> Sequence[Customer]:
    """Active customers of this company registered under the number."""
    return session.scalars(
        select(Customer).where(
            Customer.company_id == company_id,
            Customer.phone_e164 == e164,
            Customer.status.in_(ACTIVE_STATUSES),
        )
    ).all()


def address_name(customer: Customer) -> str:
    """How the agent addresses the customer: 'Frau Schreiber', else the full name."""
    if customer.salutation and customer.last_name:
        return f"{customer.salutation} {customer.last_name}"
    return customer.full_name or ""


def greeting_variables(
    *, session: Session, company: Company, caller: CallerNumber, now: datetime
) -> dict[str, str]:
    """caller_id_withheld, caller_known, customer_name, next_appointment for the agent."""
    variables = {
        "caller_id_withheld": "true" if caller.withheld else "false",
        "caller_known": "false",
        "customer_name": "",
        "next_appointment": "",
    }
    if caller.e164 is None:
        return variables
    matches = customers_by_phone(session=session, company_id=company.id, e164=caller.e164)
    if len(matches) == 1:
        variables["caller_known"] = "true"
        variables["customer_name"] = address_name(matches[0])
        variables["next_appointment"] = next_appointment_text(
            session=session, company=company, customer_id=matches[0].id, now=now
        )
    return variables


def next_appointment_text(
    *, session: Session, company: Company, customer_id: int, now: datetime
) -> str:
    """The customer's next appointment in spoken German, or "" when there is none."""
    # Imported here: scheduling's models refer to identity's, so a module-level import cycles.
    from frontdesk.scheduling import service as scheduling_service
    from frontdesk.scheduling.schemas import AppointmentRead

    found = scheduling_service.next_appointment_for(
        session=session, company_id=company.id, customer_id=customer_id, now=now
    )
    if found is None:
        return ""
    return AppointmentRead.of(found, company.timezone, now).spoken


def open_for_call(*, session: Session, call: Call) -> Customer | None:
    """Give a call of a known company its customer from the first event on.

    The evidence record is provisional (labelled with the call's time, carrying the caller's
    number, never a fake one); a number that identifies exactly one customer folds it into
    that customer at once (method phone)."""
    if call.company_id is None:
        return None
    company = tenancy_service.get(session=session, company_id=call.company_id)
    if company is None:
        return None
    record = evidence_record(session, call)
    if record is not None and call.customer_id is not None:
        return record
    record = ensure_evidence_record(session, call, company)
    call.customer_id = record.id
    call.link_status = call.link_status or "unidentified"
    if record.phone_e164:
        resolve(session=session, company=company, call=call, final=False, method_hint="phone")
    return record


def _turns(call: Call) -> list[Turn]:
    turns = []
    for item in call.transcript_object or []:
        role, content = item.get("role"), item.get("content")
        if isinstance(role, str) and isinstance(content, str):
            turns.append(Turn("agent" if role == "agent" else "user", content))
    return turns


def _apply_extracted_name(call: Call, company: Company, record: Customer, session: Session) -> None:
    """Names said in the call (transcript, analysis) unless the agent saved one live."""
    from frontdesk.identity import records

    live = (record.extra or {}).get("name_source") == "live"
    extracted = extract_names(
        _turns(call),
        analysis=call.analysis,
        agent_names=company.agent_names,
        live_caller_name=record.full_name if live else None,
    )
    if live or not extracted.caller_name:
        call.caller_name = record.full_name if live else call.caller_name
        return
    verdict = validate_name(extracted.caller_name, agent_names=company.agent_names)
    if not verdict.ok:
        return
    call.caller_name = verdict.name
    records.update_customer(
        session,
        record,
        first_name=verdict.first_name,
        last_name=verdict.last_name or verdict.name,
        salutation=verdict.salutation or record.salutation,
    )
    record.extra = {**(record.extra or {}), "name_source": extracted.caller_source}
    if extracted.patient_name:
        call.booked_for_name = extracted.patient_name


def finalise_call(*, session: Session, call: Call) -> Resolution | None:
    """After the call (and whenever data arrives later): merge, promote, or review."""
    if call.company_id is None:
        return None
    company = tenancy_service.get(session=session, company_id=call.company_id)
    if company is None:
        return None
    record = ensure_evidence_record(session, call, company)
    _apply_extracted_name(call, company, record, session)
    return resolve(session=session, company=company, call=call, final=True)


def relink(*, session: Session, since: datetime | None = None) -> dict[str, int]:
    """Finalise again every ended call that is not linked (new data may resolve it now)."""
    query = select(Call).where(
        Call.company_id.is_not(None),
        Call.status.in_(("ended", "analyzed")),
        or_(Call.link_status.is_(None), Call.link_status.in_(("review", "unidentified"))),
    )
    if since is not None:
        query = query.where(Call.created_at >= since)
    counts: dict[str, int] = {}
    for call in session.scalars(query.order_by(Call.id)).all():
        outcome = finalise_call(session=session, call=call)
        status = outcome.link_status if outcome else "skipped"
        counts[status] = counts.get(status, 0) + 1
    return counts
