"""Booking and rescheduling: the writes that must never double-book.

The overlap check runs inside the caller's transaction (serialised on SQLite by BEGIN IMMEDIATE,
with a trigger behind it); PostgreSQL's exclusion constraint refuses any race that slips past
the check. Inserts happen in a savepoint, so a refusal leaves the caller's other work intact
and the caller gets SlotUnavailable with alternatives. Callers own the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.db.core import utcnow
from frontdesk.scheduling import announce, booking_rules, holds, lookup, slots
from frontdesk.scheduling.errors import (
    AppointmentNotFound,
    InvalidSlot,
    SchedulingError,
    SlotUnavailable,
    UnknownService,
    UnknownStaff,
)
from frontdesk.scheduling.models import PENDING, RESCHEDULED, Appointment, Service, Staff
from frontdesk.scheduling.spoken import spoken_datetime
from frontdesk.tenancy.models import Company


class _Insert(Enum):
    OK = "ok"
    OVERLAP = "overlap"
    DUPLICATE = "duplicate"


def company_or_raise(session: Session, company_id: int) -> Company:
    company = session.get(Company, company_id)
    if company is None:
        raise SchedulingError(f"no company with id {company_id}")
    return company


def call_of_company(session: Session, company_id: int, call_id: int | None) -> Call | None:
    if call_id is None:
        return None
    call = session.get(Call, call_id)
    if call is None or call.company_id != company_id:
        raise SchedulingError(f"call {call_id} is not a call of company {company_id}")
    return call


def staff_for(
    session: Session, company_id: int, staff: str | int | None, *, to_read: bool = False
) -> list[Staff]:
    """The wished staff member, or with no wish every active one. `to_read`: slots are only
    computed from them (never hung on a row), so with no wish the roster's shared read-only
    copies serve and none is merged into the session."""
    if staff is None or staff == "":
        if to_read:
            return list(lookup.staff_to_read(session=session, company_id=company_id))
        return list(lookup.staff_of(session=session, company_id=company_id))
    return [lookup.get_staff_or_raise(session=session, company_id=company_id, staff=staff)]


def _utc_minute(moment: datetime, company: Company) -> datetime:
    """An aware instant in UTC (a naive one is read as the company's wall time)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(company.timezone))
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def _free_slot(
    session: Session,
    company: Company,
    service: Service,
    member: Staff,
    start: datetime,
    now: datetime,
    call_id: int | None,
    ignore_appointment_id: int | None = None,
) -> slots.Slot | None:
    day = start.astimezone(ZoneInfo(company.timezone)).date()
    for slot in slots.free_slots(
        session=session,
        company=company,
        service=service,
        staff=[member],
        first_day=day,
        last_day=day,
        now=now,
        exclude_call_id=call_id,
        ignore_appointment_id=ignore_appointment_id,
    ):
        if slot.starts_at == start:
            return slot
    return None


def _try_insert(
    session: Session, appointment: Appointment, prepare: Callable[[], None] | None = None
) -> _Insert:
    """Insert inside a savepoint; the database's overlap refusal leaves the outer work intact.

    The row carries ids only: with its service and staff member set as objects, adding it
    cascaded through the member's hours and services (a third of the insert's cost). The
    reply still reads both without a query: the session holds them, and a many-to-one by
    primary key is taken from there."""
    try:
        with session.begin_nested():
            if prepare is not None:
                prepare()
            session.add(appointment)
            session.flush()
    except IntegrityError as exc:
        if booking_rules.is_overlap(exc):
            return _Insert.OVERLAP
        if booking_rules.is_duplicate_request(exc):
            return _Insert.DUPLICATE
        raise
    except OperationalError as exc:
        if booking_rules.is_overlap_deadlock(exc):
            return _Insert.OVERLAP
        raise
    return _Insert.OK


_BY_KEY = select(Appointment).where(Appointment.idempotency_key == bindparam("key"))


def _by_key(session: Session, key: str | None) -> Appointment | None:
    if key is None:
        return None
    return session.scalars(_BY_KEY, {"key": key}).first()


def _unavailable(
    session: Session,
    company: Company,
    service: Service,
    staff: Sequence[Staff],
    start: datetime,
    now: datetime,
    call_id: int | None,
) -> SlotUnavailable:
    local = start.astimezone(ZoneInfo(company.timezone))
    wish = slots.SlotWish(date_from=local.date(), date_to=local.date(), time=local.time())
    alternatives = slots.alternatives_near(
        session=session,
        company=company,
        service=service,
        staff=staff,
        wish=wish,
        now=now,
        exclude_call_id=call_id,
    )
    return SlotUnavailable(f"{service.name} at {local:%Y-%m-%d %H:%M} is not free", alternatives)


def _target(
    session: Session,
    company: Company,
    slot_id: str | None,
    service: str | int | None,
    start: datetime | None,
    staff: str | int | None,
) -> tuple[Service, list[Staff], datetime]:
    if slot_id:
        staff_id, service_id, begin = slots.decode_slot_id(slot_id)
        try:
            chosen = lookup.get_service_or_raise(
                session=session, company_id=company.id, service=service_id
            )
            member = lookup.get_staff_or_raise(
                session=session, company_id=company.id, staff=staff_id
            )
        except (UnknownService, UnknownStaff) as exc:
            raise InvalidSlot(f"slot {slot_id!r} is not one of this company's") from exc
        return chosen, [member], begin
    if service is None or start is None:
        raise SchedulingError("book needs a slot_id, or a service and a start")
    chosen = lookup.get_service_or_raise(session=session, company_id=company.id, service=service)
    return chosen, staff_for(session, company.id, staff), _utc_minute(start, company)


def book(
    *,
    session: Session,
    company_id: int,
    call_id: int | None = None,
    customer_id: int | None = None,
    slot_id: str | None = None,
    service: str | int | None = None,
    start: datetime | None = None,
    staff: str | int | None = None,
    for_name: str | None = None,
    confidence: float | None = None,
    now: datetime | None = None,
    idempotency_key: str | None = None,
) -> Appointment:
    """Book a slot (by slot_id, or service + start [+ staff]) for the call's current customer.

    Never blocked: without a confident identity the appointment is pending_confirmation and a
    review item is opened. The same call asking for the same service and start again gets the
    same appointment. A taken slot raises SlotUnavailable carrying alternatives."""
    now = now or utcnow()
    company = company_or_raise(session, company_id)
    call = call_of_company(session, company_id, call_id)
    chosen, members, begin = _target(session, company, slot_id, service, start, staff)
    key = idempotency_key or (
        f"c{company_id}:call{call_id}:s{chosen.id}:{begin:%Y%m%d%H%M}" if call_id else None
    )
    existing = _by_key(session, key)
    if existing is not None:
        return existing
    identity = booking_rules.decide_identity(session, company_id, customer_id, call, confidence)
    if call_id is not None and len(members) > 1:
        held = {
            h.staff_id
            for h in holds.live_holds_for_call(
                session=session, company_id=company_id, call_id=call_id, now=now
            )
            if h.starts_at == begin and h.service_id == chosen.id
        }
        members.sort(key=lambda m: (m.id not in held, m.id))
    for member in members:
        slot = _free_slot(session, company, chosen, member, begin, now, call_id)
        if slot is None:
            continue
        appointment = Appointment(
            company_id=company_id,
            customer_id=identity.customer.id if identity.customer else None,
            call_id=call_id,
            service_id=chosen.id,
            staff_id=member.id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            blocked_from=slot.blocked_from,
            blocked_until=slot.blocked_until,
            status=identity.status,
            confidence=identity.confidence,
            booked_for_name=for_name,
            idempotency_key=key,
            created_at=now,
        )
        outcome = _try_insert(session, appointment)
        if outcome is not _Insert.OK:
            # A concurrent copy of this very request may have won (PostgreSQL may report the
            # overlap before the duplicate key): then that appointment is the answer.
            duplicate = _by_key(session, key)
            if duplicate is not None:
                return duplicate
            continue
        _after_booking(session, company, appointment, now)
        return appointment
    duplicate = _by_key(session, key)  # a concurrent copy of this request committed meanwhile
    if duplicate is not None:
        return duplicate
    raise _unavailable(session, company, chosen, members, begin, now, call_id)


def _after_booking(
    session: Session, company: Company, appointment: Appointment, now: datetime
) -> None:
    if appointment.call_id is not None:
        holds.release_holds_for_call(
            session=session, company_id=company.id, call_id=appointment.call_id, now=now
        )
    if appointment.status == PENDING:
        local = appointment.starts_at.astimezone(ZoneInfo(company.timezone))
        booking_rules.open_review(session, company.id, appointment, spoken_datetime(local))
    announce.appointment_changed(session, appointment, "booked", now)


def get_appointment_or_raise(
    *, session: Session, company_id: int, appointment_id: int
) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None or appointment.company_id != company_id:
        raise AppointmentNotFound(f"no appointment {appointment_id} in company {company_id}")
    return appointment


def reschedule(
    *,
    session: Session,
    company_id: int,
    appointment_id: int,
    slot_id: str | None = None,
    start: datetime | None = None,
    staff: str | int | None = None,
    call_id: int | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Move an appointment; atomic: the new one is secured in the same savepoint in which the
    old one is released, so a refusal leaves the old one untouched. Returns the new one."""
    now = now or utcnow()
    company = company_or_raise(session, company_id)
    call_of_company(session, company_id, call_id)
    old = get_appointment_or_raise(
        session=session, company_id=company_id, appointment_id=appointment_id
    )
    seen = {old.id}
    while old.status == RESCHEDULED and old.replaced_by_id and old.replaced_by_id not in seen:
        seen.add(old.replaced_by_id)
        old = get_appointment_or_raise(
            session=session, company_id=company_id, appointment_id=old.replaced_by_id
        )
    if slot_id:
        chosen, members, begin = _target(session, company, slot_id, None, None, None)
    elif start is not None:
        chosen = old.service
        begin = _utc_minute(start, company)
        members = staff_for(session, company_id, staff)
        if staff is None:
            members = [m for m in members if m.id == old.staff_id] or members
    else:
        raise SchedulingError("reschedule needs a slot_id or a start")
    # An explicit staff member (or slot) at the same start is a move to them, not a repeat.
    same_staff = (slot_id is None and staff is None) or old.staff_id == members[0].id
    if old.active and old.starts_at == begin and old.service_id == chosen.id and same_staff:
        return old
    if not old.active:
        raise SchedulingError(f"appointment {old.id} is {old.status}")
    key = f"c{company_id}:resched{old.id}:s{chosen.id}:{begin:%Y%m%d%H%M}"
    for member in members:
        slot = _free_slot(session, company, chosen, member, begin, now, call_id, old.id)
        if slot is None:
            continue
        new = Appointment(
            company_id=company_id,
            customer_id=old.customer_id,
            call_id=call_id if call_id is not None else old.call_id,
            service_id=chosen.id,
            staff_id=member.id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            blocked_from=slot.blocked_from,
            blocked_until=slot.blocked_until,
            status=old.status,
            confidence=old.confidence,
            booked_for_name=old.booked_for_name,
            idempotency_key=key,
            created_at=now,
        )
        previous = old

        def release_old(previous: Appointment = previous) -> None:
            previous.status = RESCHEDULED
            previous.cancelled_at = now
            if previous.idempotency_key:
                previous.idempotency_key = f"{previous.idempotency_key}#r{previous.id}"[:200]
            session.flush()

        if _try_insert(session, new, release_old) is not _Insert.OK:
            duplicate = _by_key(session, key)
            if duplicate is not None:
                return duplicate
            continue
        old.replaced_by_id = new.id
        announce.appointment_changed(session, new, "moved", now, previous_id=old.id)
        if call_id is not None:
            holds.release_holds_for_call(
                session=session, company_id=company_id, call_id=call_id, now=now
            )
        session.flush()
        return new
    raise _unavailable(session, company, chosen, members, begin, now, call_id)
