"""The inbox: every provider message stored raw before it is processed, and replayable."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import CallEvent
from frontdesk.db.core import insert_unless_present, utcnow

_FIND_RAW = select(CallEvent).where(CallEvent.dedupe_key == bindparam("dedupe_key"))


@dataclass(frozen=True)
class Stored:
    """What storing a message did: its row's id, whether it is new, and its status (a repeat's
    status is that of the delivery stored first)."""

    id: int
    is_new: bool
    status: str


def store_raw(
    *,
    session: Session,
    provider: str,
    dedupe_key: str,
    body: bytes,
    payload: dict[str, Any] | None,
    event_type: str | None,
    provider_call_id: str | None,
    status: str = "received",
    error: str | None = None,
) -> Stored:
    """Insert the message; a repeat of a known key only counts as a duplicate."""
    new_id = insert_unless_present(
        session,
        CallEvent,
        {
            "provider": provider,
            "dedupe_key": dedupe_key,
            "event_type": event_type,
            "provider_call_id": provider_call_id,
            "body": body,
            "payload": payload,
            "status": status,
            "error": error,
        },
        key="dedupe_key",
    )
    if new_id is not None:
        return Stored(id=new_id, is_new=True, status=status)
    existing = session.scalars(_FIND_RAW, {"dedupe_key": dedupe_key}).one()
    existing.duplicates += 1
    session.flush()
    return Stored(id=existing.id, is_new=False, status=existing.status)


def mark_processed(*, session: Session, event: CallEvent, status: str = "processed") -> None:
    event.status = status
    event.attempts += 1
    event.processed_at = utcnow()
    session.flush()


def mark_failed(*, session: Session, event: CallEvent, error: BaseException) -> None:
    event.status = "failed"
    event.attempts += 1
    event.error = "".join(traceback.format_exception_only(type(error), error)).strip()[:4000]
    session.flush()


# A "received" event older than this was orphaned: its process died between storing and
# processing it (processing takes milliseconds).
ORPHANED_AFTER = timedelta(minutes=1)


def pending(
    *,
    session: Session,
    failed_only: bool = False,
    provider_call_id: str | None = None,
    now: datetime | None = None,
) -> Sequence[CallEvent]:
    """Events to replay, oldest first; `failed_only` takes failed and orphaned ones."""
    query = select(CallEvent).order_by(CallEvent.received_at, CallEvent.id)
    if failed_only:
        cutoff = (now or utcnow()) - ORPHANED_AFTER
        orphaned = (CallEvent.status == "received") & (CallEvent.received_at < cutoff)
        query = query.where((CallEvent.status == "failed") | orphaned)
    else:
        query = query.where(CallEvent.status.in_(["failed", "received", "processed"]))
    if provider_call_id is not None:
        query = query.where(CallEvent.provider_call_id == provider_call_id)
    return session.scalars(query).all()


Processor = Callable[[Session, CallEvent], str]


def orphaned(*, session: Session, now: datetime | None = None) -> Sequence[CallEvent]:
    """Events stored but never processed (their process died in between), oldest first."""
    cutoff = (now or utcnow()) - ORPHANED_AFTER
    query = select(CallEvent).where(CallEvent.status == "received", CallEvent.received_at < cutoff)
    return session.scalars(query.order_by(CallEvent.received_at, CallEvent.id)).all()


def process(*, session_factory: Callable[[], Session], event_id: int, processor: Processor) -> str:
    """Run `processor` on a stored event in its own transaction; a failure is kept, not raised.

    Returns the event's resulting status."""
    with session_factory() as session:
        event = session.get(CallEvent, event_id)
        if event is None:
            return "missing"
        try:
            # A processor may leave a note (what it had to drop); a success clears old errors.
            event.error = None
            status = processor(session, event)
            mark_processed(session=session, event=event, status=status)
            session.commit()
            return status
        except Exception as exc:
            session.rollback()
            event = session.get(CallEvent, event_id)
            if event is None:
                return "missing"
            mark_failed(session=session, event=event, error=exc)
            session.commit()
            return "failed"
