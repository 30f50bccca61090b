"""Erase: forget a person (GDPR Art. 17) while the practice keeps its books.

Removed or emptied: the person's customer record and every record merged into it (names,
numbers, e-mail, birth date; the row stays, labelled "gelöscht", so appointments keep their
link), the calls' numbers, names, transcripts, analyses and recording links, the raw provider
events of those calls and SMS (bodies emptied, de-duplication keys kept so a late retry is still
recognised and not processed again), function arguments and results, enrichment results, SMS
bodies and numbers, SMS opt-outs of their numbers, review item summaries and details, notes
in the review audit trail, and the field snapshots of merge audits. Kept: appointment facts
(time, service, staff, status), row ids, timestamps and statuses, and an `Erasure` row with
counts only. Running it again changes nothing and records nothing new."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import DeclarativeBase, Session

from frontdesk.db.core import all_tables, utcnow
from frontdesk.identity import records
from frontdesk.identity.models import Customer, MergeAudit
from frontdesk.privacy import holdings
from frontdesk.privacy.models import Erasure
from frontdesk.scheduling import calendar_sync_push

ERASED_LABEL = "gelöscht"
ERASED_STATUS = "erased"

# Every table is either emptied of the person here or holds nothing about callers; a test
# fails for a table in neither list, so a new table gets a decision instead of being missed.
ERASED_TABLES = frozenset(
    {
        "customers",
        "customer_surnames",  # through the customer write path, which keeps the index
        "merge_audits",
        "calls",
        "call_events",
        "function_invocations",
        "call_enrichment",
        "messages",
        "sms_opt_outs",
        "appointments",
        "review_items",
        "review_actions",
    }
)
# Tables of packages loaded after this one was written, emptied through the table definition:
# rows of the company that point at the person's records or calls, or carry their number.
LINKED_FIELDS: dict[str, dict[str, Any]] = {
    "waitlist_entries": {"number": ""},  # the SMS number a freed slot is offered to
}
NOT_ABOUT_CALLERS = frozenset(
    {
        "erasures",  # counts only
        "companies",
        "phone_numbers",  # the practice's own numbers
        "services",
        "staff",
        "staff_services",
        "staff_absences",
        "working_hours",
        "date_overrides",
        "slot_holds",  # times offered to a call, no names
        "calendar_feeds",
        "jobs",  # payloads carry ids of causes, not their data
        "users",  # the practice's dashboard accounts
        "login_throttles",
        "user_invitations",
        "surname_index_versions",  # a random token
        "match_weights",  # a company's m and u probabilities: aggregates, no person
        "experiments",
        "alert_states",  # aggregates
        "waitlist_offers",  # slots offered to an entry: times and ids
        "staff_calendars",  # a staff member's CalDAV settings
        "calendar_busy_blocks",  # external busy times, no callers
        "calendar_event_links",  # appointment <-> UID and ETag (the event itself: see below)
    }
)

_CUSTOMER_FIELDS: dict[str, Any] = {
    "first_name": None,
    "last_name": None,
    "salutation": None,
    "phone_e164": None,
    "email": None,
    "birth_date": None,
    "external_id": None,
    "label": ERASED_LABEL,
    "extra": {},
}
# Merge audits keep who merged what when; the field values they snapshot for undo go.
_SNAPSHOT_KEPT = ("status", "merged_into_id")
_CALL_FIELDS: dict[str, Any] = {
    "from_number_raw": None,
    "from_number_e164": None,
    "caller_name": None,
    "booked_for_name": None,
    "transcript": None,
    "transcript_object": None,
    "analysis": None,
    "recording_url": None,
}
_EVENT_FIELDS: dict[str, Any] = {"body": b"", "payload": None, "error": None}
_INVOCATION_FIELDS: dict[str, Any] = {"arguments": {}, "result": None, "error": None}
_ENRICHMENT_FIELDS: dict[str, Any] = {"result": {}, "error": None}
# A provider error may quote the number it could not reach.
_MESSAGE_FIELDS: dict[str, Any] = {"body": None, "number": "", "error": None}
_APPOINTMENT_FIELDS: dict[str, Any] = {"booked_for_name": None, "note": None}
_REVIEW_FIELDS: dict[str, Any] = {"summary": None, "details": {}, "resolution_note": None}
_ACTION_FIELDS: dict[str, Any] = {"details": {}}


def unclassified_tables() -> set[str]:
    """Tables of the metadata that nobody decided about (the test keeps this empty)."""
    names = {t.name for t in all_tables().sorted_tables}
    return names - ERASED_TABLES - LINKED_FIELDS.keys() - NOT_ABOUT_CALLERS


def _differs(obj: object, values: Mapping[str, Any]) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def _scrub(objs: Iterable[DeclarativeBase], values: Mapping[str, Any]) -> int:
    """Set the fields on every row that still holds something; the number of rows changed."""
    changed = 0
    for obj in objs:
        if _differs(obj, values):
            for name, value in values.items():
                # A fresh empty dict per row: JSON values must not be shared between rows.
                setattr(obj, name, dict(value) if isinstance(value, dict) else value)
            changed += 1
    return changed


def _erase_customers(session: Session, held: holdings.Holdings) -> int:
    changed = 0
    for customer in held.customers:
        values = dict(_CUSTOMER_FIELDS)
        if customer is held.person:
            values["status"] = ERASED_STATUS  # out of matching, search and the surname index
        if _differs(customer, values):
            # The one write path: it recomputes the match keys and drops the surname count.
            records.update_customer(session, customer, **values)
            changed += 1
    return changed


def _emptied_snapshot(snapshot: Any) -> Any:
    if not isinstance(snapshot, dict):
        return snapshot
    return {k: (v if k in _SNAPSHOT_KEPT else None) for k, v in snapshot.items()}


def _erase_merges(merges: Iterable[MergeAudit]) -> int:
    changed = 0
    for audit in merges:
        before = dict(audit.before or {})
        emptied = {**before, **{k: _emptied_snapshot(before.get(k)) for k in ("from", "into")}}
        if emptied != before:
            audit.before = emptied  # a new dict, so the JSON column is written
            changed += 1
    return changed


def _erase_linked(session: Session, held: holdings.Holdings) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, values in LINKED_FIELDS.items():
        table = holdings.linked_table(name)
        if table is None:
            continue
        still_holds = or_(*(table.c[column] != value for column, value in values.items()))
        done = session.execute(
            update(table).where(holdings.linked_rows(table, held), still_holds).values(values)
        )
        counts[name] = int(getattr(done, "rowcount", 0) or 0)
    return counts


def _counts(session: Session, held: holdings.Holdings) -> dict[str, int]:
    counts = {
        "customers": _erase_customers(session, held),
        "merge_audits": _erase_merges(held.merges),
        "calls": _scrub(held.calls, _CALL_FIELDS),
        "call_events": _scrub(held.events, _EVENT_FIELDS),
        "function_invocations": _scrub(held.invocations, _INVOCATION_FIELDS),
        "call_enrichment": _scrub(held.enrichment, _ENRICHMENT_FIELDS),
        "messages": _scrub(held.messages, _MESSAGE_FIELDS),
        "appointments": _scrub(held.appointments, _APPOINTMENT_FIELDS),
        "review_items": _scrub(held.review_items, _REVIEW_FIELDS),
        "review_actions": _scrub(held.review_actions, _ACTION_FIELDS),
        "sms_opt_outs": len(held.opt_outs),
        **_erase_linked(session, held),
    }
    for opt_out in held.opt_outs:
        session.delete(opt_out)
    session.flush()
    return counts


def _last_erasure(session: Session, company_id: int, customer_id: int) -> Erasure | None:
    return session.scalars(
        select(Erasure)
        .where(Erasure.company_id == company_id, Erasure.customer_id == customer_id)
        .order_by(Erasure.id.desc())
    ).first()


def erase_person(
    session: Session, *, company_id: int, customer_id: int, actor: str
) -> tuple[Erasure, bool]:
    """Erase the person; returns their Erasure record and whether this run erased anything.

    Raises holdings.PersonNotFound for an id that is not of this company."""
    held = holdings.find(session, company_id=company_id, customer_id=customer_id)
    counts = _counts(session, held)
    earlier = _last_erasure(session, company_id, held.person.id)
    if earlier is not None and not any(counts.values()):
        return earlier, False
    erasure = Erasure(
        company_id=company_id,
        customer_id=held.person.id,
        actor=actor[:200],
        summary={"records": len(held.customers), "changed": counts},
    )
    session.add(erasure)
    # Events in a staff member's external calendar carry the patient's name in their title:
    # their push jobs rewrite them from the emptied record.
    now = utcnow()
    for appointment in held.appointments:
        calendar_sync_push.enqueue_push(session, appointment, "erased", now)
    session.flush()
    return erasure, True


def is_erased(customer: Customer) -> bool:
    return customer.status == ERASED_STATUS
