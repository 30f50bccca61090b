"""Everything held about one person in one company: the rows export shows and erase empties.

Export and erase read the same `Holdings`, so whatever is shown as held is exactly what is
forgotten. A person's data may be spread over several customer records (merges fold records
into one and leave the folded ones pointing at it), over the calls linked to any of them, and
over SMS to or from their numbers; all of it is gathered here, always within one company."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, Table, and_, false, or_, select
from sqlalchemy.orm import Session

from frontdesk.accounts.models import ReviewAction
from frontdesk.calls.models import Call, CallEvent, EnrichmentStep, FunctionInvocation
from frontdesk.db.core import all_tables
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer, MergeAudit
from frontdesk.messaging.models import Message, SmsOptOut
from frontdesk.scheduling.models import Appointment
from frontdesk.tenancy.models import PhoneNumber

SMS_PROVIDER = "twilio"
# A merge chain longer than this is a cycle or corruption, not a person.
MAX_MERGE_DEPTH = 100


class PersonNotFound(LookupError):
    """No such customer in this company (another company's id is indistinguishable)."""


@dataclass
class Holdings:
    """The rows about one person, grouped by table."""

    company_id: int
    person: Customer
    customers: list[Customer]  # the person first, then every record merged into them
    calls: Sequence[Call] = ()
    invocations: Sequence[FunctionInvocation] = ()
    enrichment: Sequence[EnrichmentStep] = ()
    events: Sequence[CallEvent] = ()
    messages: Sequence[Message] = ()
    opt_outs: Sequence[SmsOptOut] = ()
    appointments: Sequence[Appointment] = ()
    review_items: Sequence[ReviewItem] = ()
    review_actions: Sequence[ReviewAction] = ()
    merges: Sequence[MergeAudit] = ()
    phones: set[str] = field(default_factory=set)

    @property
    def customer_ids(self) -> list[int]:
        return [c.id for c in self.customers]

    @property
    def call_ids(self) -> list[int]:
        return [c.id for c in self.calls]


def _root(session: Session, company_id: int, customer_id: int) -> Customer:
    """The record the person lives in now: a merged record leads to the one it was folded into."""
    customer = session.get(Customer, customer_id)
    for _ in range(MAX_MERGE_DEPTH):
        if customer is None or customer.company_id != company_id:
            raise PersonNotFound(f"no customer {customer_id} in this company")
        if customer.merged_into_id is None:
            return customer
        customer = session.get(Customer, customer.merged_into_id)
    raise PersonNotFound(f"customer {customer_id} has a merge chain without end")


def _family(session: Session, root: Customer) -> list[Customer]:
    """The root and every record merged into it, directly or through other merged records."""
    found = [root]
    frontier = [root.id]
    seen = {root.id}
    while frontier:
        rows = session.scalars(
            select(Customer)
            .where(Customer.company_id == root.company_id, Customer.merged_into_id.in_(frontier))
            .order_by(Customer.id)
        ).all()
        fresh = [c for c in rows if c.id not in seen]
        seen.update(c.id for c in fresh)
        found.extend(fresh)
        frontier = [c.id for c in fresh]
    return found


def _calls(session: Session, company_id: int, ids: list[int], phones: set[str]) -> list[Call]:
    # Unlinked calls from the person's number count too: nobody else claims them.
    unlinked = and_(Call.customer_id.is_(None), _among(Call.from_number_e164, phones))
    return list(
        session.scalars(
            select(Call)
            .where(Call.company_id == company_id, or_(Call.customer_id.in_(ids), unlinked))
            .order_by(Call.id)
        )
    )


def _among(column: SQLColumnExpression[Any], values: Collection[str]) -> ColumnElement[bool]:
    return column.in_(sorted(values)) if values else false()


def _messages(session: Session, company_id: int, held: Holdings) -> list[Message]:
    return list(
        session.scalars(
            select(Message)
            .where(
                Message.company_id == company_id,
                or_(
                    Message.customer_id.in_(held.customer_ids),
                    Message.call_id.in_(held.call_ids),
                    _among(Message.number, held.phones),
                ),
            )
            .order_by(Message.id)
        )
    )


def _sms_events(session: Session, company_id: int, held: Holdings) -> list[CallEvent]:
    """Raw SMS webhooks about the person: keyed by their messages' provider ids, or carrying
    their number and one of this company's numbers (never another practice's events)."""
    sids = {m.provider_id for m in held.messages if m.provider_id}
    practice = set(
        session.scalars(select(PhoneNumber.e164).where(PhoneNumber.company_id == company_id))
    )
    by_sid = [CallEvent.dedupe_key.like(f"{SMS_PROVIDER}:%:{sid}%") for sid in sorted(sids)]
    sender, receiver = CallEvent.payload["From"].as_string(), CallEvent.payload["To"].as_string()
    by_number = or_(
        and_(_among(sender, held.phones), _among(receiver, practice)),
        and_(_among(receiver, held.phones), _among(sender, practice)),
    )
    return list(
        session.scalars(
            select(CallEvent)
            .where(CallEvent.provider == SMS_PROVIDER, or_(by_number, *by_sid))
            .order_by(CallEvent.id)
        )
    )


def _call_events(session: Session, calls: Sequence[Call]) -> list[CallEvent]:
    keys = sorted({c.provider_call_id for c in calls})
    if not keys:
        return []
    return list(
        session.scalars(
            select(CallEvent).where(CallEvent.provider_call_id.in_(keys)).order_by(CallEvent.id)
        )
    )


def _review_items(session: Session, company_id: int, held: Holdings) -> list[ReviewItem]:
    return list(
        session.scalars(
            select(ReviewItem)
            .where(
                ReviewItem.company_id == company_id,
                or_(
                    ReviewItem.customer_id.in_(held.customer_ids),
                    ReviewItem.call_id.in_(held.call_ids),
                ),
            )
            .order_by(ReviewItem.id)
        )
    )


def _appointments(session: Session, company_id: int, held: Holdings) -> list[Appointment]:
    return list(
        session.scalars(
            select(Appointment)
            .where(
                Appointment.company_id == company_id,
                or_(
                    Appointment.customer_id.in_(held.customer_ids),
                    Appointment.call_id.in_(held.call_ids),
                ),
            )
            .order_by(Appointment.starts_at, Appointment.id)
        )
    )


def _merges(session: Session, company_id: int, ids: list[int]) -> list[MergeAudit]:
    return list(
        session.scalars(
            select(MergeAudit)
            .where(
                MergeAudit.company_id == company_id,
                or_(MergeAudit.from_customer_id.in_(ids), MergeAudit.into_customer_id.in_(ids)),
            )
            .order_by(MergeAudit.id)
        )
    )


def _invocations(session: Session, call_ids: list[int]) -> list[FunctionInvocation]:
    query = select(FunctionInvocation).where(FunctionInvocation.call_id.in_(call_ids))
    return list(session.scalars(query.order_by(FunctionInvocation.id)))


def _enrichment(session: Session, call_ids: list[int]) -> list[EnrichmentStep]:
    query = select(EnrichmentStep).where(EnrichmentStep.call_id.in_(call_ids))
    return list(session.scalars(query.order_by(EnrichmentStep.id)))


def linked_table(name: str) -> Table | None:
    """A table of a package this one does not import (known by name), if it is loaded."""
    return all_tables().tables.get(name)


def linked_rows(table: Table, held: Holdings) -> ColumnElement[bool]:
    """Rows of `table` in the person's company that point at one of their records or calls,
    or (with a `number` column) carry one of their numbers."""
    ours: list[ColumnElement[bool]] = []
    for column in table.columns:
        targets = {fk.target_fullname for fk in column.foreign_keys}
        if "customers.id" in targets:
            ours.append(column.in_(held.customer_ids))
        if "calls.id" in targets:
            ours.append(column.in_(held.call_ids))
    if "number" in table.c:
        ours.append(_among(table.c.number, held.phones))
    return and_(table.c.company_id == held.company_id, or_(false(), *ours))


def find(session: Session, *, company_id: int, customer_id: int) -> Holdings:
    """Everything about the person whose record (or a record merged into it) is `customer_id`."""
    person = _root(session, company_id, customer_id)
    held = Holdings(company_id=company_id, person=person, customers=_family(session, person))
    held.phones = {c.phone_e164 for c in held.customers if c.phone_e164}
    held.calls = _calls(session, company_id, held.customer_ids, held.phones)
    held.invocations = _invocations(session, held.call_ids)
    held.enrichment = _enrichment(session, held.call_ids)
    held.messages = _messages(session, company_id, held)
    held.events = _call_events(session, held.calls) + _sms_events(session, company_id, held)
    held.opt_outs = session.scalars(
        select(SmsOptOut).where(
            SmsOptOut.company_id == company_id, _among(SmsOptOut.number, held.phones)
        )
    ).all()
    held.appointments = _appointments(session, company_id, held)
    held.review_items = _review_items(session, company_id, held)
    held.review_actions = session.scalars(
        select(ReviewAction)
        .where(
            ReviewAction.company_id == company_id,
            ReviewAction.review_item_id.in_([i.id for i in held.review_items]),
        )
        .order_by(ReviewAction.id)
    ).all()
    held.merges = _merges(session, company_id, held.customer_ids)
    return held
