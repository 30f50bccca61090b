"""Customers: lookup by phone, the greeting a known caller gets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.identity.models import Customer
from frontdesk.identity.phones import CallerNumber
from frontdesk.tenancy.models import Company

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
    return variables
