"""What is at stake in a review item: its priority and by when it is due.

The rules, in order:

1. high: a patient is waiting on the practice (a callback request), a patient did not get a
   message (a failed SMS), or an active appointment hanging on the item starts within 48 hours;
2. medium: any other item with an upcoming appointment, or a kind that decides about a patient
   (who called, whether an appointment stands, what a reply or a conflict means, a failed job);
3. low: the rest (a duplicate record to merge, a call without any identifying data, a calendar
   server that was unreachable and is retried by itself), and kinds this module does not know.

An appointment moves an item up as its start comes closer, so the priority is computed when the
queue is read (`priority` in Python, `priority_sql` for the database: the same rules, tested to
agree), never frozen when the item is opened. The due time is fixed on opening: the kind's
deadline, or the appointment's start when that comes first.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, and_, case, literal
from sqlalchemy.orm import QueryableAttribute

HIGH: Final = 1
MEDIUM: Final = 2
LOW: Final = 3
PRIORITIES: Final = (HIGH, MEDIUM, LOW)
# The words the dashboard's query parameters and label mapping use for the three levels.
PRIORITY_NAMES: Final[dict[int, str]] = {HIGH: "high", MEDIUM: "normal", LOW: "low"}

APPOINTMENT_SOON: Final = timedelta(hours=48)

# Kinds that are high whatever else hangs on them: a person waits, or a message did not arrive.
HIGH_KINDS: Final = frozenset({"callback_request", "sms_failed"})
# Kinds that decide about a patient or their appointment.
MEDIUM_KINDS: Final = frozenset(
    {
        "uncertain_link",
        "pending_confirmation",
        "sms_reply",
        "calendar_conflict",
        "staff_absent",
        "job_failed",
    }
)

# How long each kind may wait at most. A callback should happen within the morning, a failed
# SMS before the patient relies on it; decisions about a patient by the next working day.
DUE_AFTER: Final[dict[str, timedelta]] = {
    "callback_request": timedelta(hours=2),
    "sms_failed": timedelta(hours=4),
    "pending_confirmation": timedelta(hours=24),
    "uncertain_link": timedelta(hours=24),
    "sms_reply": timedelta(hours=24),
    "calendar_conflict": timedelta(hours=24),
    "staff_absent": timedelta(hours=24),
    "job_failed": timedelta(hours=24),
}
DUE_AFTER_DEFAULT: Final = timedelta(days=7)


def priority(kind: str, appointment_at: datetime | None, now: datetime) -> int:
    """The item's priority now; `appointment_at` is the earliest upcoming active appointment
    hanging on it (None when there is none)."""
    if kind in HIGH_KINDS:
        return HIGH
    if appointment_at is not None and appointment_at < now + APPOINTMENT_SOON:
        return HIGH
    if appointment_at is not None or kind in MEDIUM_KINDS:
        return MEDIUM
    return LOW


def priority_sql(
    kind: ColumnElement[str] | QueryableAttribute[str],
    appointment_at: ColumnElement[datetime | None],
    now: datetime,
) -> ColumnElement[int]:
    """`priority` as a SQL expression over the item's kind and appointment columns."""
    return case(
        (kind.in_(sorted(HIGH_KINDS)), literal(HIGH)),
        (
            and_(appointment_at.is_not(None), appointment_at < now + APPOINTMENT_SOON),
            literal(HIGH),
        ),
        (appointment_at.is_not(None), literal(MEDIUM)),
        (kind.in_(sorted(MEDIUM_KINDS)), literal(MEDIUM)),
        else_=literal(LOW),
    )


def due_at(kind: str, opened_at: datetime, appointment_at: datetime | None = None) -> datetime:
    """By when the item should be handled: its kind's deadline, or the appointment's start."""
    deadline = opened_at + DUE_AFTER.get(kind, DUE_AFTER_DEFAULT)
    if appointment_at is not None and appointment_at < deadline:
        return appointment_at
    return deadline


def due_sql(
    due_column: ColumnElement[datetime | None],
    appointment_at: ColumnElement[datetime | None],
) -> ColumnElement[datetime | None]:
    """The due time the queue sorts by: the stored one, or an appointment that starts earlier
    (an appointment booked or moved after the item was opened)."""
    return case(
        (
            and_(appointment_at.is_not(None), appointment_at < due_column),
            appointment_at,
        ),
        else_=due_column,
    )
