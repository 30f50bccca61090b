"""Slot holds: an offered slot kept for the asking call for a short while.

Holds are soft: they hide a slot from other calls' availability answers and make another
call's booking of it fail, but they are not a database constraint (they expire by time). The
hard guarantee against double booking is the appointments table's (see models.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from frontdesk.scheduling.models import SlotHold
from frontdesk.scheduling.slots import Slot


@dataclass(frozen=True)
class Held:
    """Which hold row keeps an offered slot, and until when."""

    id: int
    expires_at: datetime


_HoldKey = tuple[int, int, datetime]  # staff, service, start: one slot


def hold_slots(
    *,
    session: Session,
    company_id: int,
    call_id: int,
    slots: Sequence[Slot],
    now: datetime,
    seconds: int,
) -> list[Held]:
    """Hold each slot for the call until now + seconds (a live hold of it is extended)."""
    expires = now + timedelta(seconds=seconds)
    live = {
        (h.staff_id, h.service_id, h.starts_at): h
        for h in live_holds_for_call(
            session=session, company_id=company_id, call_id=call_id, now=now
        )
    }
    fresh = [s for s in slots if (s.staff_id, s.service_id, s.starts_at) not in live]
    created = _insert_holds(session, company_id, call_id, fresh, expires, now)
    held: list[Held] = []
    for slot in slots:
        key = (slot.staff_id, slot.service_id, slot.starts_at)
        hold = live.get(key)
        if hold is None:
            held.append(Held(created[key], expires))
        else:
            hold.expires_at = max(hold.expires_at, expires)
            held.append(Held(hold.id, hold.expires_at))
    session.flush()
    return held


def _insert_holds(
    session: Session,
    company_id: int,
    call_id: int,
    slots: Sequence[Slot],
    expires: datetime,
    now: datetime,
) -> dict[_HoldKey, int]:
    """New holds in one statement (SQLite's ORM flush would send one INSERT per row); ids are
    matched back by slot, as RETURNING need not keep the rows' order. Run on the session's
    connection, not through the ORM's bulk path: that path keyed and prepared the statement
    anew on every offer, more CPU than the insert itself."""
    if not slots:
        return {}
    rows = [_hold_values(company_id, slot, expires, now, call_id) for slot in slots]
    result = session.connection().execute(_INSERT_HOLDS, rows)
    return {(staff, service, start): hold_id for hold_id, staff, service, start in result}


_INSERT_HOLDS = insert(SlotHold).returning(
    SlotHold.id, SlotHold.staff_id, SlotHold.service_id, SlotHold.starts_at
)


def new_hold(
    session: Session,
    company_id: int,
    slot: Slot,
    expires: datetime,
    now: datetime,
    call_id: int | None = None,
) -> SlotHold:
    """A hold of one slot (for a call, or with no call: a waiting-list offer)."""
    hold = SlotHold(**_hold_values(company_id, slot, expires, now, call_id))
    session.add(hold)
    return hold


def _hold_values(
    company_id: int, slot: Slot, expires: datetime, now: datetime, call_id: int | None
) -> dict[str, object]:
    """The columns of one slot's hold row."""
    return {
        "company_id": company_id,
        "staff_id": slot.staff_id,
        "service_id": slot.service_id,
        "call_id": call_id,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "blocked_from": slot.blocked_from,
        "blocked_until": slot.blocked_until,
        "expires_at": expires,
        "created_at": now,
    }


# Built once with bound parameters (every offer and booking; see slots._BUSY).
_LIVE_OF_CALL = (
    select(SlotHold)
    .where(
        SlotHold.company_id == bindparam("company_id"),
        SlotHold.call_id == bindparam("call_id"),
        SlotHold.released_at.is_(None),
        SlotHold.expires_at > bindparam("now"),
    )
    .order_by(SlotHold.id)
)
_RELEASE_OF_CALL = (
    update(SlotHold)
    .where(
        SlotHold.company_id == bindparam("of_company"),
        SlotHold.call_id == bindparam("of_call"),
        SlotHold.released_at.is_(None),
    )
    .values(released_at=bindparam("released"))
    .execution_options(synchronize_session=False)
)


def live_holds_for_call(
    *, session: Session, company_id: int, call_id: int, now: datetime
) -> Sequence[SlotHold]:
    params = {"company_id": company_id, "call_id": call_id, "now": now}
    return session.scalars(_LIVE_OF_CALL, params).all()


def release_holds_for_call(
    *, session: Session, company_id: int, call_id: int, now: datetime
) -> int:
    """Release every hold of the call (on booking and on call end); returns how many."""
    # UPDATE's bound names must not be its columns' names.
    params = {"of_company": company_id, "of_call": call_id, "released": now}
    # Core on the session's connection (see _insert_holds); loaded holds are not synchronised.
    result = session.connection().execute(_RELEASE_OF_CALL, params)
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def release_expired_holds(*, session: Session, now: datetime, company_id: int | None = None) -> int:
    """Mark expired holds released (they already count as free; this keeps the table tidy)."""
    query = update(SlotHold).where(SlotHold.released_at.is_(None), SlotHold.expires_at <= now)
    if company_id is not None:
        query = query.where(SlotHold.company_id == company_id)
    result = session.execute(
        query.values(released_at=now).execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
