"""Waiting-list rules: who is next for a freed slot, holding it for them, booking on JA
through the scheduling rules, and passing it on when the offer runs out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.scheduling import booking, holds, lookup
from frontdesk.scheduling.errors import SchedulingError
from frontdesk.scheduling.models import Appointment, SlotHold
from frontdesk.scheduling.slots import Slot, free_slots
from frontdesk.scheduling.waitlist.models import (
    BOOKED,
    OPEN,
    WAITING,
    WaitlistEntry,
    WaitlistOffer,
)
from frontdesk.tenancy.models import Company

OFFER_MINUTES = 30


def join(
    *,
    session: Session,
    company_id: int,
    service: str | int,
    first_day: date,
    last_day: date,
    number: str,
    time_from: time | None = None,
    time_to: time | None = None,
    staff: str | int | None = None,
    customer_id: int | None = None,
    call_id: int | None = None,
) -> WaitlistEntry:
    """Put a caller on the list (the same call asking twice for the same service: one entry)."""
    chosen = lookup.get_service_or_raise(session=session, company_id=company_id, service=service)
    member = booking.staff_for(session, company_id, staff)[0] if staff is not None else None
    if call_id is not None:
        existing = session.scalars(
            select(WaitlistEntry).where(
                WaitlistEntry.call_id == call_id,
                WaitlistEntry.service_id == chosen.id,
                WaitlistEntry.status == WAITING,
            )
        ).first()
        if existing is not None:
            return existing
    entry = WaitlistEntry(
        company_id=company_id,
        customer_id=customer_id,
        call_id=call_id,
        service_id=chosen.id,
        staff_id=member.id if member else None,
        first_day=first_day,
        last_day=last_day,
        time_from=time_from,
        time_to=time_to,
        number=number,
        status=WAITING,
    )
    session.add(entry)
    session.flush()
    return entry


def _fits_entry(entry: WaitlistEntry, slot: Slot) -> bool:
    day, wall = slot.local_start.date(), slot.local_start.time()
    if not entry.first_day <= day <= entry.last_day:
        return False
    if entry.staff_id is not None and entry.staff_id != slot.staff_id:
        return False
    if entry.time_from is not None and wall < entry.time_from:
        return False
    return entry.time_to is None or wall < entry.time_to


def offered_for(session: Session, freed_id: int) -> set[int]:
    """Entries already offered this freed slot (each person is asked once per slot)."""
    return set(
        session.scalars(
            select(WaitlistOffer.entry_id).where(WaitlistOffer.freed_from_id == freed_id)
        )
    )


def next_candidate(
    session: Session, company: Company, freed: Appointment, now: datetime
) -> tuple[WaitlistEntry, Slot] | None:
    """The longest-waiting entry that a free slot inside the freed time fits, with that slot."""
    asked = offered_for(session, freed.id)
    entries = session.scalars(
        select(WaitlistEntry)
        .where(WaitlistEntry.company_id == company.id, WaitlistEntry.status == WAITING)
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    zone = ZoneInfo(company.timezone)
    day = freed.starts_at.astimezone(zone).date()
    for entry in entries:
        if entry.id in asked or not entry.number or not entry.first_day <= day <= entry.last_day:
            continue
        service = lookup.get_service_or_raise(
            session=session, company_id=company.id, service=entry.service_id
        )
        slots = free_slots(
            session=session,
            company=company,
            service=service,
            staff=[freed.staff],
            first_day=day,
            last_day=day,
            now=now,
        )
        inside = [
            s
            for s in slots
            if freed.starts_at <= s.starts_at < freed.ends_at and _fits_entry(entry, s)
        ]
        if inside:
            return entry, inside[0]
    return None


def make_offer(
    session: Session, entry: WaitlistEntry, slot: Slot, freed_id: int, now: datetime
) -> WaitlistOffer:
    """Hold the slot for the entry (from everyone else) and record the offer."""
    expires = now + timedelta(minutes=OFFER_MINUTES)
    hold = holds.new_hold(session, entry.company_id, slot, expires, now)
    session.flush()
    offer = WaitlistOffer(
        company_id=entry.company_id,
        entry_id=entry.id,
        staff_id=slot.staff_id,
        service_id=slot.service_id,
        starts_at=slot.starts_at,
        hold_id=hold.id,
        freed_from_id=freed_id,
        expires_at=expires,
        status=OPEN,
        created_at=now,
    )
    session.add(offer)
    entry.status = "offered"
    session.flush()
    return offer


def open_offer_for(
    *, session: Session, company_id: int, number: str, now: datetime
) -> WaitlistOffer | None:
    return session.scalars(
        select(WaitlistOffer)
        .join(WaitlistEntry, WaitlistEntry.id == WaitlistOffer.entry_id)
        .where(
            WaitlistOffer.company_id == company_id,
            WaitlistOffer.status == OPEN,
            WaitlistOffer.expires_at > now,
            WaitlistEntry.number == number,
        )
        .order_by(WaitlistOffer.created_at.desc())
    ).first()


def _release(session: Session, offer: WaitlistOffer, now: datetime) -> None:
    hold = session.get(SlotHold, offer.hold_id) if offer.hold_id else None
    if hold is not None and hold.released_at is None:
        hold.released_at = now
    session.flush()


def accept(*, session: Session, offer: WaitlistOffer, now: datetime) -> Appointment:
    """JA: book the held slot for the entry through the scheduling rules (it may raise
    SlotUnavailable if the slot went meanwhile; the offer is then lost, the entry waits on)."""
    entry = session.get(WaitlistEntry, offer.entry_id)
    assert entry is not None
    _release(session, offer, now)
    try:
        appointment = booking.book(
            session=session,
            company_id=offer.company_id,
            customer_id=entry.customer_id,
            service=offer.service_id,
            staff=offer.staff_id,
            start=offer.starts_at,
            confidence=1.0 if entry.customer_id else None,
            now=now,
            idempotency_key=f"waitlist-offer-{offer.id}",
        )
    except SchedulingError:
        offer.status = "lost"
        entry.status = WAITING
        session.flush()
        raise
    offer.status = "accepted"
    entry.status = BOOKED
    entry.appointment_id = appointment.id
    session.flush()
    return appointment


def expire(*, session: Session, offer: WaitlistOffer, now: datetime) -> bool:
    """An unanswered offer ends: the slot is free again and the person keeps waiting."""
    if offer.status != OPEN or offer.expires_at > now:
        return False
    offer.status = "expired"
    entry = session.get(WaitlistEntry, offer.entry_id)
    if entry is not None and entry.status == "offered":
        entry.status = WAITING
    _release(session, offer, now)
    return True


def entries(*, session: Session, company_id: int) -> Sequence[WaitlistEntry]:
    return session.scalars(
        select(WaitlistEntry)
        .where(WaitlistEntry.company_id == company_id)
        .order_by(WaitlistEntry.created_at.desc(), WaitlistEntry.id.desc())
    ).all()
