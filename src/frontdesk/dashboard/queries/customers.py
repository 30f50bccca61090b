"""Customers of one company: search by name (phonetic), phone in any notation, or e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.dashboard import history
from frontdesk.dashboard.history import HistoryLine
from frontdesk.dashboard.queries import messages as sms
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.identity import candidates
from frontdesk.identity.linking import evidence_from
from frontdesk.identity.models import Customer, MergeAudit
from frontdesk.identity.normalise import normalise_email
from frontdesk.phones import normalise_phone
from frontdesk.scheduling.models import Appointment

LIMIT = 50
_VISIBLE = ("active", "provisional")


@dataclass
class CustomerPage:
    customer: Customer
    calls: Sequence[Call]
    appointments: Sequence[Appointment]
    merges: Sequence[MergeAudit]
    messages: list[sms.MessageView]
    merge_history: list[HistoryLine]  # the merges as sentences, newest first


def _looks_like_phone(query: str) -> bool:
    digits = sum(ch.isdigit() for ch in query)
    return digits >= 5 and digits >= len(query.replace(" ", "")) * 0.6


def search(*, session: Session, company_id: int, query: str, region: str = "DE") -> list[Customer]:
    """Customers matching the query: e-mail, phone (any notation) or name (sounds alike)."""
    text = query.strip()
    if not text:
        return []
    base = select(Customer).where(Customer.company_id == company_id, Customer.status.in_(_VISIBLE))
    if "@" in text:
        email = normalise_email(text) or text.lower()
        return list(session.scalars(base.where(Customer.email == email).limit(LIMIT)))
    if _looks_like_phone(text):
        e164 = normalise_phone(text, region)
        if e164 is None:
            return []
        return list(session.scalars(base.where(Customer.phone_e164 == e164).limit(LIMIT)))
    return _by_name(session=session, base_company=company_id, text=text)


def _by_name(*, session: Session, base_company: int, text: str) -> list[Customer]:
    """The identity matcher's candidates (sounds-alike surnames, first names narrowed)."""
    evidence = evidence_from(name=text)
    if evidence.last_norm is None:
        return []
    found = candidates.find(session=session, company_id=base_company, evidence=evidence)
    ids = [r.customer_id for r in found.records][: LIMIT * 2]
    if not ids:
        return []
    rows = session.scalars(
        select(Customer).where(
            Customer.company_id == base_company,
            Customer.status.in_(_VISIBLE),
            Customer.id.in_(ids),
        )
    ).all()

    def rank(c: Customer) -> tuple[int, int, str]:
        exact_last = 0 if c.last_name_norm == evidence.last_norm else 1
        first = evidence.first_norm
        first_hit = 0 if first and c.first_name_norm and c.first_name_norm.startswith(first) else 1
        return (first_hit, exact_last, c.full_name or "")

    return sorted(rows, key=rank)[:LIMIT]


def recent(*, session: Session, company_id: int) -> list[Customer]:
    return list(
        session.scalars(
            select(Customer)
            .where(Customer.company_id == company_id, Customer.status == "active")
            .order_by(Customer.updated_at.desc())
            .limit(20)
        )
    )


def customer_page(
    *, session: Session, company_id: int, customer_id: int, tz: ZoneInfo = ZoneInfo("Europe/Berlin")
) -> CustomerPage:
    """The customer's calls, appointments, merges and messages, each newest first."""
    customer = get_owned(session, Customer, customer_id, company_id)
    merges = session.scalars(
        select(MergeAudit)
        .where(
            MergeAudit.company_id == company_id,
            or_(
                MergeAudit.into_customer_id == customer.id,
                MergeAudit.from_customer_id == customer.id,
            ),
        )
        .order_by(MergeAudit.created_at.desc(), MergeAudit.id.desc())
    ).all()
    return CustomerPage(
        customer=customer,
        calls=session.scalars(
            select(Call)
            .where(Call.company_id == company_id, Call.customer_id == customer.id)
            .order_by(Call.created_at.desc(), Call.id.desc())
            .limit(100)
        ).all(),
        appointments=session.scalars(
            select(Appointment)
            .where(Appointment.company_id == company_id, Appointment.customer_id == customer.id)
            .order_by(Appointment.starts_at.desc(), Appointment.id.desc())
            .limit(100)
        ).all(),
        merges=merges,
        messages=sms.for_customer(session=session, company_id=company_id, customer=customer),
        merge_history=history.merge_lines(
            session=session, company_id=company_id, merges=merges, tz=tz
        ),
    )
