"""After a run: the simulator's ground truth against the database, every difference printed.

The promises checked are the issue's: every call exists and has a customer record; calls where
the caller said a name are linked or a new customer, at most 5% unresolved in review; calls with
nothing identifying (no name, withheld number) are in review with reason no_identifying_data
and keep their appointment request; no event, call, name or appointment request is lost; zero
double bookings.

A named call's link is judged against who owns the customer it is linked to: an imported customer
belongs to the persona with its customer id, a customer created during the run (a call's record
promoted to a new customer) belongs to the persona whose call created it. So a returning caller
linked to the customer their own earlier call created is right, another persona linked to it is
wrong, also when the database held no customer base before the run."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, CallEvent
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.identity.resolution import evidence_key
from frontdesk.insights.tables import AppointmentRow, appointments, overlaps
from frontdesk.simulator.personas import Persona
from frontdesk.simulator.player import Outcome

RESOLVED = frozenset({"linked", "new_customer"})
UNRESOLVED_GOAL = 0.05  # the seed's phase-3 goal
NO_IDENTIFYING_DATA = "no_identifying_data"
NEW_CUSTOMER = "new_customer"
MAX_MERGE_HOPS = 50


@dataclass
class Truth:
    differences: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    def diff(self, call_id: str, message: str) -> None:
        self.differences.append(f"{call_id}: {message}")


@dataclass(frozen=True)
class Stored:
    """What the database holds for one call."""

    call: Call
    customer: Customer | None  # the call's customer after following merges
    reviews: list[ReviewItem]
    appointments: list[AppointmentRow]
    event_digests: set[str]
    failed_events: list[str]


def persona_key(persona: Persona) -> str:
    """Who a persona is: its imported customer id, else its name, birth date and number."""
    if persona.customer_id:
        return persona.customer_id
    born = persona.birth_date.isoformat() if persona.birth_date else "-"
    return f"new:{persona.full_name}|{born}|{persona.phone or '-'}"


def persona_shown(persona: Persona) -> str:
    """A persona as a difference names it (two new callers may share a name)."""
    if persona.customer_id:
        return f"{persona.customer_id} ({persona.full_name})"
    born = f", born {persona.birth_date.isoformat()}" if persona.birth_date else ""
    return f"{persona.full_name}{born} (new caller)"


@dataclass(frozen=True)
class Owner:
    key: str  # persona_key of the person the record belongs to
    shown: str  # how a difference names the record and its person


@dataclass
class Owners:
    """Which customer records belong to which persona, collected in call order.

    Imported customers belong to the persona with their customer id (their external id). A
    record created during the run belongs to the persona whose call created it: the customer a
    call was linked to with status new_customer, and the call's own evidence record (the
    provisional record that is promoted to a new customer), whatever became of it later."""

    created: dict[int, Owner] = field(default_factory=dict)

    def add(self, record_id: int, persona: Persona, call_id: str) -> None:
        shown = f"customer {record_id}, created by call {call_id} of {persona_shown(persona)}"
        self.created.setdefault(record_id, Owner(persona_key(persona), shown))

    def of(self, customer: Customer) -> Owner | None:
        """The record's owner; None for a record neither imported nor created in this run
        (e.g. created by an earlier run into the same database): its owner is unknown."""
        created = self.created.get(customer.id)
        if created is not None:
            return created
        external = customer.external_id
        if external and not external.startswith("call:"):
            named = f" ({customer.full_name})" if customer.full_name else ""
            return Owner(external, f"{external}{named}")
        return None


def final_customer(customers: dict[int, Customer], customer_id: int | None) -> Customer | None:
    """The customer a reference ends at, following merges (bounded, in case of a cycle)."""
    customer = customers.get(customer_id) if customer_id is not None else None
    for _ in range(MAX_MERGE_HOPS):
        if customer is None or customer.merged_into_id is None:
            break
        customer = customers.get(customer.merged_into_id)
    return customer


def owners_of(played: Iterable[tuple[Outcome, Stored]], customers: dict[int, Customer]) -> Owners:
    """Every record created by a call of the run, with the persona of that call."""
    by_external = {c.external_id: c for c in customers.values() if c.external_id}
    owners = Owners()
    for outcome, stored in played:
        call, persona = stored.call, outcome.plan.caller
        if call.link_status == NEW_CUSTOMER and call.customer_id is not None:
            owners.add(call.customer_id, persona, outcome.call_id)
        record = by_external.get(evidence_key(call))
        if record is not None:
            owners.add(record.id, persona, outcome.call_id)
    return owners


def _load(
    session: Session,
    outcome: Outcome,
    by_call: dict[int, list[AppointmentRow]],
    customers: dict[int, Customer],
) -> Stored | None:
    call = session.scalars(
        select(Call).where(Call.provider_call_id == outcome.call_id)
    ).one_or_none()
    if call is None:
        return None
    reviews = list(session.scalars(select(ReviewItem).where(ReviewItem.call_id == call.id)))
    events = list(
        session.scalars(select(CallEvent).where(CallEvent.provider_call_id == outcome.call_id))
    )
    return Stored(
        call=call,
        customer=final_customer(customers, call.customer_id),
        reviews=reviews,
        appointments=by_call.get(call.id, []),
        event_digests={hashlib.sha256(e.body).hexdigest() for e in events},
        failed_events=[f"{e.event_type}: {e.error}" for e in events if e.status == "failed"],
    )


def _check_events(truth: Truth, outcome: Outcome, stored: Stored) -> None:
    lost = outcome.wire.digests - stored.event_digests
    if lost:
        truth.diff(outcome.call_id, f"{len(lost)} delivered request(s) not stored")
    for failure in stored.failed_events:
        truth.diff(outcome.call_id, f"event failed in processing: {failure[:200]}")
    for problem in outcome.wire.problems:
        truth.diff(outcome.call_id, f"request refused: {problem}")


def _check_named(truth: Truth, outcome: Outcome, stored: Stored, owners: Owners) -> bool:
    """Returns whether the named call ended resolved."""
    call, customer = stored.call, stored.customer
    if not (call.caller_name or (customer is not None and customer.last_name)):
        truth.diff(outcome.call_id, "the caller said a name but no name is stored")
    persona = outcome.plan.caller
    owner = owners.of(customer) if customer is not None else None
    if call.link_status == "linked" and owner is not None and owner.key != persona_key(persona):
        truth.diff(
            outcome.call_id, f"linked to {owner.shown}, but the caller is {persona_shown(persona)}"
        )
    return call.link_status in RESOLVED


def _request_kept(outcome: Outcome, stored: Stored, *, on_call: bool = False) -> bool:
    """An appointment request survives as an appointment, or in a review item that names it
    (`on_call`: for an identified caller, the call's own analysis naming it is enough)."""
    if any(row.call_id == stored.call.id for row in stored.appointments):
        return True
    service = outcome.plan.service.lower()
    if on_call and service in json.dumps(stored.call.analysis or {}, ensure_ascii=False).lower():
        return True
    for item in stored.reviews:
        text = f"{item.summary or ''} {json.dumps(item.details, ensure_ascii=False)}".lower()
        if service in text or item.reason == "callback_request":
            return True
    return False


def _check_unnamed(truth: Truth, outcome: Outcome, stored: Stored) -> None:
    call = stored.call
    if call.link_status not in {"review", "unidentified"}:
        truth.diff(
            outcome.call_id, f"nothing identifying was said, yet link status is {call.link_status}"
        )
    if not any(item.reason == NO_IDENTIFYING_DATA for item in stored.reviews):
        truth.diff(
            outcome.call_id, "nothing identifying was said, but no no_identifying_data review"
        )
    if outcome.booking_requested and not _request_kept(outcome, stored):
        truth.diff(outcome.call_id, "the appointment request is lost (no appointment, no review)")


def _check_appointments(
    truth: Truth,
    outcome: Outcome,
    stored: Stored,
    all_rows: dict[str, AppointmentRow],
    cancelled_later: set[str],
) -> None:
    mine = stored.appointments
    if outcome.booked and not mine:
        truth.diff(
            outcome.call_id, f"booked {outcome.appointment_ids} but no appointment has this call"
        )
    for appointment_id in outcome.cancelled_ids:
        row = all_rows.get(appointment_id)
        if row is not None and row.status != "cancelled":
            truth.diff(
                outcome.call_id, f"appointment {appointment_id} cancelled, status {row.status}"
            )
    for appointment_id in outcome.rescheduled_ids:
        row = all_rows.get(appointment_id)
        # Follow the replacement chain: the moved appointment must still hold a time.
        for _ in range(10):
            if row is None or row.replaced_by_id is None:
                break
            row = all_rows.get(str(row.replaced_by_id))
        # A later call of the simulation may have cancelled the moved appointment on purpose.
        if row is not None and str(row.id) in cancelled_later:
            continue
        if row is not None and not row.active and not any(r.active for r in mine):
            truth.diff(
                outcome.call_id, f"appointment {appointment_id} rescheduled, none active now"
            )
    asked = outcome.booking_requested and outcome.named and not outcome.booked
    if asked and not _request_kept(outcome, stored, on_call=True):
        truth.diff(outcome.call_id, "the appointment request is lost (no appointment, no review)")
    if outcome.callback_requested and not any(
        i.reason == "callback_request" for i in stored.reviews
    ):
        truth.diff(outcome.call_id, "a callback was requested but is not in the review queue")


def _link_figures(played: list[tuple[Outcome, Stored]], owners: Owners) -> dict[str, int]:
    """How the named calls' links were judged: against an imported customer, against a customer
    created in the run, or not at all (a record of unknown owner)."""
    imported = created = unknown = 0
    for outcome, stored in played:
        if not outcome.named or stored.call.link_status != "linked" or stored.customer is None:
            continue
        if stored.customer.id in owners.created:
            created += 1
        elif owners.of(stored.customer) is not None:
            imported += 1
        else:
            unknown += 1
    return {
        "links_to_imported_customers": imported,
        "links_to_created_customers": created,
        "links_not_judged": unknown,
    }


def check(database: Database, outcomes: Sequence[Outcome], company_id: int) -> Truth:
    """Compare every played call with the database, in call order."""
    truth = Truth()
    named = unresolved = unnamed = shown_unnamed = 0
    statuses: dict[str, int] = {}
    in_order = sorted(outcomes, key=lambda o: (o.plan.start, o.call_id))
    with database.sessions() as session:
        rows = appointments(session, company_id)
        by_call: dict[int, list[AppointmentRow]] = {}
        for row in rows:
            if row.call_id is not None:
                by_call.setdefault(row.call_id, []).append(row)
        by_id = {str(row.id): row for row in rows}
        cancelled_anywhere = {i for o in outcomes for i in o.cancelled_ids}
        customers = {
            c.id: c
            for c in session.scalars(select(Customer).where(Customer.company_id == company_id))
        }
        played: list[tuple[Outcome, Stored]] = []
        for outcome in in_order:
            stored = _load(session, outcome, by_call, customers)
            if stored is None:
                truth.diff(outcome.call_id, "call lost: no call row")
            else:
                played.append((outcome, stored))
        owners = owners_of(played, customers)
        for outcome, stored in played:
            status = stored.call.link_status or "none"
            statuses[status] = statuses.get(status, 0) + 1
            if stored.call.customer_id is None:
                truth.diff(outcome.call_id, "call has no customer record")
            _check_events(truth, outcome, stored)
            if outcome.named:
                named += 1
                unresolved += 0 if _check_named(truth, outcome, stored, owners) else 1
            elif outcome.plan.withheld:
                unnamed += 1
                _check_unnamed(truth, outcome, stored)
            else:
                # No name, but the shown number is identifying data: any resolution may be
                # right (a unique number links, a family landline needs review); only the
                # request must survive.
                shown_unnamed += 1
                linked = stored.call.link_status in RESOLVED
                if outcome.booking_requested and not _request_kept(outcome, stored, on_call=linked):
                    truth.diff(
                        outcome.call_id,
                        "the appointment request is lost (no appointment, no review)",
                    )
            _check_appointments(truth, outcome, stored, by_id, cancelled_anywhere)
        for first, second in overlaps(rows):
            truth.diff(
                f"appointments {first.id}/{second.id}",
                f"double booking: staff {first.staff_id} at {second.starts_at:%Y-%m-%d %H:%M}",
            )
        share = unresolved / named if named else 0.0
        if share > UNRESOLVED_GOAL:
            truth.differences.append(
                f"named calls unresolved: {unresolved}/{named} = {share:.1%}"
                f" > {UNRESOLVED_GOAL:.0%}"
            )
        truth.figures = {
            "calls": len(outcomes),
            "named_calls": named,
            "named_unresolved": unresolved,
            "named_unresolved_share": round(share, 4),
            "nothing_identifying_calls": unnamed,
            "unnamed_shown_number_calls": shown_unnamed,
            "link_status": dict(sorted(statuses.items())),
            **_link_figures(played, owners),
            "appointments": sum(1 for r in rows if r.active),
            "double_bookings": len(overlaps(rows)),
        }
    return truth
