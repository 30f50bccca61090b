"""The one write path for customer records: derived match keys, completeness, surname index."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.identity import surnames
from frontdesk.identity.models import Customer
from frontdesk.identity.normalise import cologne_keys, normalise_name

# What the agent should still ask for, in this order; e-mail is never required.
REQUIRED_FIELDS = ("name", "birth_date", "phone")
_WEIGHTS = {
    "last_name": 0.3,
    "first_name": 0.15,
    "birth_date": 0.25,
    "phone_e164": 0.2,
    "email": 0.1,
}
INDEXED_STATUS = "active"


def completeness(customer: Customer) -> float:
    """Share (0..1) of the identifying data the record holds."""
    return round(sum(w for f, w in _WEIGHTS.items() if getattr(customer, f)), 2)


def next_required_field(customer: Customer) -> str | None:
    """What the agent should ask next: the name, the first name to a bare surname (a household
    landline or a common surname needs it), then birth date and a number to call back."""
    if not customer.last_name:
        return "name"
    if not customer.first_name:
        return "first_name"
    if customer.birth_date is None:
        return "birth_date"
    if not customer.phone_e164:
        return "phone"
    return None


def _derive(customer: Customer) -> None:
    customer.first_name_norm = normalise_name(customer.first_name)
    customer.last_name_norm = normalise_name(customer.last_name)
    customer.surname_key, customer.surname_key_alt = cologne_keys(customer.last_name_norm)
    customer.completeness = completeness(customer)


def _indexed_name(status: str | None, last_norm: str | None) -> str | None:
    return last_norm if status == INDEXED_STATUS and last_norm else None


def _sync_index(session: Session, company_id: int, before: str | None, after: str | None) -> None:
    if before == after:
        return
    if before is not None:
        surnames.adjust(session, company_id, before, -1)
    if after is not None:
        surnames.adjust(session, company_id, after, +1)


def update_customer(
    session: Session, customer: Customer, *, flush: bool = True, **changes: Any
) -> Customer:
    """Set fields, recompute the match keys and keep the surname index in step.

    `flush=False` leaves the UPDATE to the caller's next flush (a merge writes both records
    and its audit row in one)."""
    before = _indexed_name(customer.status, customer.last_name_norm)
    for name, value in changes.items():
        if not hasattr(Customer, name):
            raise AttributeError(f"customers have no field {name!r}")
        setattr(customer, name, value)
    _derive(customer)
    if flush:
        session.flush()
    _sync_index(
        session,
        customer.company_id,
        before,
        _indexed_name(customer.status, customer.last_name_norm),
    )
    return customer


def create_customer(
    session: Session,
    *,
    company_id: int,
    status: str,
    first_name: str | None = None,
    last_name: str | None = None,
    salutation: str | None = None,
    phone_e164: str | None = None,
    email: str | None = None,
    birth_date: date | None = None,
    external_id: str | None = None,
    label: str | None = None,
    source: str | None = None,
) -> Customer:
    customer = Customer(
        company_id=company_id,
        status=status,
        first_name=first_name,
        last_name=last_name,
        salutation=salutation,
        phone_e164=phone_e164,
        email=email,
        birth_date=birth_date,
        external_id=external_id,
        label=label,
        source=source,
        extra={},
    )
    _derive(customer)
    session.add(customer)
    session.flush()
    _sync_index(session, company_id, None, _indexed_name(status, customer.last_name_norm))
    return customer
