"""After a run: the simulator's ground truth against the database, every difference printed.

The promises checked are the issue's: every call exists and has a customer record; calls where
the caller said a name are linked or a new customer, at most 5% unresolved in review; calls with
nothing identifying (no name, withheld number) are in review with reason no_identifying_data
and keep their appointment request; no event, call, name or appointment request is lost; zero
double bookings."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, CallEvent
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.insights.tables import AppointmentRow, appointments, overlaps
from frontdesk.simulator.player import Outcome

RESOLVED = frozenset({"linked", "new_customer"})
UNRESOLVED_GOAL = 0.05  # the seed's phase-3 goal
NO_IDENTIFYING_DATA = "no_identifying_data"


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
    customer: Customer | None
    reviews: list[ReviewItem]
    appointments: list[AppointmentRow]
    event_digests: set[str]
    failed_events: list[str]


def _load(
    session: Session, outcome: Outcome, by_call: dict[int, list[AppointmentRow]]
) -> Stored | None:
    call = session.scalars(
        select(Call).where(Call.provider_call_id == outcome.call_id)
    ).one_or_none()
    if call is None:
        return None
    customer = session.get(Customer, call.customer_id) if call.customer_id else None
    while customer is not None and customer.merged_into_id is not None:
        customer = session.get(Customer, customer.merged_into_id)
    reviews = list(session.scalars(select(ReviewItem).where(ReviewItem.call_id == call.id)))
    events = list(
        session.scalars(select(CallEvent).where(CallEvent.provider_call_id == outcome.call_id))
    )
    return Stored(
        call=call,
        customer=customer,
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


def _check_named(truth: Truth, outcome: Outcome, stored: Stored) -> bool:
    """Returns whether the named call ended resolved."""
    call, customer = stored.call, stored.customer
    if not (call.caller_name or (customer is not None and customer.last_name)):
        truth.diff(outcome.call_id, "the caller said a name but no name is stored")
    persona = outcome.plan.caller
    linked_to = customer.external_id if customer is not None else None
    wrong = linked_to is not None and linked_to != persona.customer_id
    if call.link_status == "linked" and persona.customer_id and wrong:
        truth.diff(
            outcome.call_id, f"linked to {linked_to}, but the caller is {persona.customer_id}"
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


def check(database: Database, outcomes: Sequence[Outcome], company_id: int) -> Truth:
    """Compare every played call with the database."""
    truth = Truth()
    named = unresolved = unnamed = shown_unnamed = 0
    statuses: dict[str, int] = {}
    with database.sessions() as session:
        rows = appointments(session, company_id)
        by_call: dict[int, list[AppointmentRow]] = {}
        for row in rows:
            if row.call_id is not None:
                by_call.setdefault(row.call_id, []).append(row)
        by_id = {str(row.id): row for row in rows}
        cancelled_anywhere = {i for o in outcomes for i in o.cancelled_ids}
        for outcome in outcomes:
            stored = _load(session, outcome, by_call)
            if stored is None:
                truth.diff(outcome.call_id, "call lost: no call row")
                continue
            status = stored.call.link_status or "none"
            statuses[status] = statuses.get(status, 0) + 1
            if stored.call.customer_id is None:
                truth.diff(outcome.call_id, "call has no customer record")
            _check_events(truth, outcome, stored)
            if outcome.named:
                named += 1
                unresolved += 0 if _check_named(truth, outcome, stored) else 1
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
            "appointments": sum(1 for r in rows if r.active),
            "double_bookings": len(overlaps(rows)),
        }
    return truth
