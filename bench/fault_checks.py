"""After a fault run: what the database holds against what the simulator sent and was told.

Each promise is counted on its own, so a violation names itself in the summary:
- lost_events: a request that got a 2xx whose raw body is not in call_events;
- lost_function_results: an appointment a function announced to the caller that does not exist;
- double_bookings: two active appointments of one staff member that overlap, and
  unannounced_bookings: an active appointment of a played call that no answer announced (what a
  second execution of a retried booking would leave);
- calls_lost / calls_without_customer: a played call without its row or without a customer;
- failed_events_after_replay / unprocessed_events: events still failed or never processed;
- jobs_not_done / jobs_failed: due jobs that did not end done; sms_sent_twice: the same text to
  the same number twice (Twilio's log), messages_twice: two sent messages for one purpose and
  appointment.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from frontdesk.calls.models import Call, CallEvent
from frontdesk.db.core import Database
from frontdesk.insights.tables import appointments, overlaps
from frontdesk.jobs.models import DONE, FAILED, Job
from frontdesk.messaging.models import Message
from frontdesk.simulator.player import Outcome

BOOKING_FUNCTIONS = frozenset({"book_appointment", "reschedule_appointment"})


@dataclass
class Verdict:
    violations: dict[str, int] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def count(self, name: str, found: list[str]) -> None:
        self.violations[name] = len(found)
        self.examples.extend(f"{name}: {item}" for item in found[:3])


def announced_ids(outcome: Outcome) -> set[int]:
    """Appointments the caller was told about (booked or moved to), by the answers heard."""
    ids = set()
    for name, reply in outcome.wire.replies:
        value = reply.get("appointment_id")
        if name in BOOKING_FUNCTIONS and str(value).isdigit() and not reply.get("error"):
            ids.add(int(str(value)))
    return ids


def check_calls(database: Database, company_id: int, outcomes: list[Outcome], v: Verdict) -> None:
    by_id = {o.call_id: o for o in outcomes}
    with database.sessions() as session:
        calls = {
            c.provider_call_id: c
            for c in session.scalars(select(Call).where(Call.provider_call_id.in_(list(by_id))))
        }
        stored: dict[str, set[str]] = {}
        for call_id, body in session.execute(
            select(CallEvent.provider_call_id, CallEvent.body).where(
                CallEvent.provider_call_id.in_(list(by_id))
            )
        ):
            stored.setdefault(call_id, set()).add(hashlib.sha256(body).hexdigest())
        rows = appointments(session, company_id)
    lost_events = [
        f"{o.call_id}: {len(o.wire.digests - stored.get(o.call_id, set()))} request(s)"
        for o in outcomes
        if o.wire.digests - stored.get(o.call_id, set())
    ]
    v.count("lost_events", lost_events)
    v.count("calls_lost", [i for i in by_id if i not in calls])
    v.count("calls_without_customer", [i for i, c in calls.items() if c.customer_id is None])
    existing = {r.id: r for r in rows}
    told = {i: o.call_id for o in outcomes for i in announced_ids(o)}
    v.count(
        "lost_function_results",
        [f"{call}: appointment {i}" for i, call in told.items() if i not in existing],
    )
    v.count(
        "double_bookings",
        [f"{a.id}/{b.id} staff {a.staff_id} at {b.starts_at}" for a, b in overlaps(rows)],
    )
    played_calls = {c.id for c in calls.values()}
    v.count(
        "unannounced_bookings",
        [
            f"appointment {r.id} of call row {r.call_id}"
            for r in rows
            if r.active and r.call_id in played_calls and r.id not in told
        ],
    )
    v.figures["events_stored"] = sum(len(s) for s in stored.values())
    v.figures["bookings_announced"] = len(told)
    v.figures["appointments_active"] = sum(1 for r in rows if r.active)


def event_statuses(database: Database) -> dict[str, int]:
    with database.sessions() as session:
        return {
            status: int(n)
            for status, n in session.execute(
                select(CallEvent.status, func.count()).group_by(CallEvent.status)
            )
        }


def check_events(database: Database, v: Verdict) -> None:
    statuses = event_statuses(database)
    v.figures["event_statuses_after_replay"] = statuses
    with database.sessions() as session:
        failed = [
            f"{e.event_type} of {e.provider_call_id}: {(e.error or '')[:160]}"
            for e in session.scalars(select(CallEvent).where(CallEvent.status == "failed"))
        ]
        received = [
            f"{e.event_type} of {e.provider_call_id}"
            for e in session.scalars(select(CallEvent).where(CallEvent.status == "received"))
        ]
    v.count("failed_events_after_replay", failed)
    v.count("unprocessed_events", received)


def _open_by(by: datetime) -> Any:
    """Pending and due by `by`, or running (a worker holds it, or its lease ran out)."""
    return ((Job.status == "pending") & (Job.run_at <= by)) | (Job.status == "running")


def due_jobs_open(database: Database, by: datetime | None = None) -> int:
    """Jobs that should have run by `by` (default now) and did not end."""
    with database.sessions() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(Job).where(_open_by(by or datetime.now(UTC)))
            )
            or 0
        )


def check_jobs(
    database: Database, sms_log: list[tuple[str, str]], v: Verdict, as_of: datetime
) -> None:
    """Jobs as of the drain's end: a retry whose backoff ends after it is not yet due then
    (counted in the figures), and one that came due while the checks ran is not a miss."""
    with database.sessions() as session:
        jobs = list(session.scalars(select(Job)))
        messages = list(session.scalars(select(Message).where(Message.direction == "outbound")))
        dedupe = session.execute(
            select(Message.dedupe_key, func.count())
            .where(Message.dedupe_key.is_not(None))
            .group_by(Message.dedupe_key)
            .having(func.count() > 1)
        ).all()
    open_jobs = [
        f"job {j.id} {j.kind} {j.status} (attempts {j.attempts}, due {j.run_at.isoformat()})"
        for j in jobs
        if j.status not in (DONE, FAILED) and (j.status == "running" or j.run_at <= as_of)
    ]
    v.count("jobs_not_done", open_jobs)
    v.count(
        "jobs_failed", [f"job {j.id} {j.kind}: {j.last_error}" for j in jobs if j.status == FAILED]
    )
    v.figures["jobs_retrying_after_drain"] = sum(
        1 for j in jobs if j.status == "pending" and j.attempts > 0 and j.run_at > as_of
    )
    sent = [m for m in messages if m.status not in ("skipped",)]
    per_purpose = Counter((m.purpose, m.appointment_id, m.number) for m in sent)
    v.count("messages_twice", [f"{k}: {n}" for k, n in per_purpose.items() if n > 1])
    v.count("message_dedupe_keys_twice", [f"{k}: {n}" for k, n in dedupe])
    texts = Counter(sms_log)
    v.count("sms_sent_twice", [f"{to}: {body[:60]}" for (to, body), n in texts.items() if n > 1])
    v.figures["jobs"] = dict(Counter(j.status for j in jobs))
    v.figures["jobs_by_kind"] = dict(Counter(j.kind for j in jobs))
    v.figures["jobs_attempted_more_than_once"] = sum(1 for j in jobs if j.attempts > 1)
    v.figures["messages_sent"] = len(sent)
    v.figures["sms_requests"] = len(sms_log)
