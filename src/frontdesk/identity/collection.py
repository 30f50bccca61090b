"""Live collection: each datum the caller gives is validated, stored at once and matched.

These are the domain functions the agent's live functions call. Each returns what to ask next
(`next_required_field`) and how complete the record is; a refused name comes back with the
validator's reason so the agent can ask again."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.identity import records
from frontdesk.identity.models import Customer
from frontdesk.identity.normalise import normalise_email, parse_birth_date
from frontdesk.identity.resolution import (
    IdentityError,
    ensure_evidence_record,
    resolve,
)
from frontdesk.names.validator import validate_name
from frontdesk.phones import normalise_phone
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company


@dataclass(frozen=True)
class CollectResult:
    ok: bool
    field: str
    reason: str | None  # why a value was refused (e.g. the name validator's reason)
    next_required_field: str | None
    completeness: float
    link_status: str | None
    customer_id: int | None
    address_as: str | None  # how to address the caller once known ("Frau Schreiber")
    confidence: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _context(session: Session, company_id: int, call_id: int) -> tuple[Company, Call, Customer]:
    call = session.get(Call, call_id)
    company = tenancy_service.get(session=session, company_id=company_id)
    if call is None or company is None or call.company_id != company_id:
        raise IdentityError(f"call {call_id} does not belong to company {company_id}")
    return company, call, ensure_evidence_record(session, call, company)


def _address(record: Customer) -> str | None:
    if record.salutation and record.last_name:
        return f"{record.salutation} {record.last_name}"
    return record.full_name


def _finish(
    session: Session,
    company: Company,
    call: Call,
    record: Customer,
    field: str,
    reason: str | None = None,
    method: str | None = None,
) -> CollectResult:
    resolution = None
    if reason is None:
        resolution = resolve(
            session=session,
            company=company,
            call=call,
            final=call.status in ("ended", "analyzed"),
            method_hint=method,
            record=record,
        )
    return CollectResult(
        ok=reason is None,
        field=field,
        reason=reason,
        next_required_field=records.next_required_field(record),
        completeness=records.completeness(record),
        link_status=call.link_status,
        customer_id=call.customer_id,
        address_as=_address(record) if record.last_name else None,
        confidence=resolution.confidence if resolution else call.link_confidence,
    )


def save_name(
    *, session: Session, company_id: int, call_id: int, name: str, method: str | None = None
) -> CollectResult:
    """The caller's own name, as the agent understood it (or as they wrote it: `method`
    "sms_reply" for a name sent back by SMS after the call)."""
    company, call, record = _context(session, company_id, call_id)
    verdict = validate_name(name, agent_names=company.agent_names)
    if not verdict.ok:
        call.name_attempts = (call.name_attempts or 0) + 1
        return _finish(session, company, call, record, "name", verdict.reason or "not_a_name")
    # A bare first name ("Hier ist Sabine") stays a first name; the surname is asked next.
    only_first = verdict.first_name is not None and verdict.last_name is None
    records.update_customer(
        session,
        record,
        first_name=verdict.first_name or record.first_name,
        last_name=record.last_name if only_first else (verdict.last_name or verdict.name),
        salutation=verdict.salutation or record.salutation,
        extra={**(record.extra or {}), "name_source": method or "live"},
    )
    call.caller_name = verdict.name
    return _finish(session, company, call, record, "name", method=method)


def save_birth_date(
    *,
    session: Session,
    company_id: int,
    call_id: int,
    birth_date: str | date,
    today: date | None = None,
) -> CollectResult:
    company, call, record = _context(session, company_id, call_id)
    born = birth_date if isinstance(birth_date, date) else parse_birth_date(birth_date, today=today)
    if born is None:
        return _finish(session, company, call, record, "birth_date", "invalid_birth_date")
    records.update_customer(session, record, birth_date=born)
    return _finish(session, company, call, record, "birth_date")


def save_email(*, session: Session, company_id: int, call_id: int, email: str) -> CollectResult:
    company, call, record = _context(session, company_id, call_id)
    address = normalise_email(email)
    if address is None:
        return _finish(session, company, call, record, "email", "invalid_email")
    records.update_customer(session, record, email=address)
    return _finish(session, company, call, record, "email")


def save_phone(*, session: Session, company_id: int, call_id: int, phone: str) -> CollectResult:
    """A callback number the caller gave (the caller ID may be withheld or a switchboard)."""
    company, call, record = _context(session, company_id, call_id)
    number = normalise_phone(phone, company.region)
    if number is None:
        return _finish(session, company, call, record, "phone", "invalid_phone")
    records.update_customer(session, record, phone_e164=number)
    return _finish(session, company, call, record, "phone")
