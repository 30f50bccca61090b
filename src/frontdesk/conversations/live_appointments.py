"""Live functions about appointments: offer, book, list, cancel, move — never a guessed day."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from frontdesk.conversations.live import LiveContext, Reply, ask, say
from frontdesk.conversations.live_caller import appointment_fields
from frontdesk.conversations.live_schemas import (
    BookAppointmentArgs,
    CancelAppointmentArgs,
    CheckAvailabilityArgs,
    NoArgs,
    RescheduleAppointmentArgs,
)
from frontdesk.names.validator import validate_name
from frontdesk.scheduling import booking, lookup
from frontdesk.scheduling import service as scheduling_service
from frontdesk.scheduling.dates import DateWish, parse_wish_parts
from frontdesk.scheduling.errors import (
    InvalidSlot,
    SchedulingError,
    SlotUnavailable,
    UnknownService,
)
from frontdesk.scheduling.models import Appointment
from frontdesk.scheduling.schemas import AppointmentRead, OfferedSlot
from frontdesk.scheduling.slots import local_datetime
from frontdesk.scheduling.spoken import spoken_datetime


def _local_now(ctx: LiveContext) -> datetime:
    return ctx.now.astimezone(ZoneInfo(ctx.company.timezone))


def _service_names(ctx: LiveContext) -> str:
    names = [
        s.name for s in lookup.services_to_read(session=ctx.session, company_id=ctx.company.id)
    ]
    return ", ".join(names)


def _wish(ctx: LiveContext, date_text: str | None, time_text: str | None) -> DateWish | None:
    if not date_text and not time_text:
        return None
    return parse_wish_parts(date_text, time_text, _local_now(ctx))


def _offer_text(slots: list[OfferedSlot]) -> str:
    spoken = [s.spoken for s in slots]
    if len(spoken) == 1:
        return f"Ich hätte {spoken[0]}. Passt Ihnen das?"
    return f"Ich hätte {', '.join(spoken[:-1])} oder {spoken[-1]}. Was passt Ihnen?"


def _slot_fields(slots: list[OfferedSlot]) -> list[dict[str, Any]]:
    return [
        {
            "slot_id": s.slot_id,
            "spoken": s.spoken,
            "staff": s.staff_name,
            "service": s.service_name,
            "start": s.local_start.isoformat(),
        }
        for s in slots
    ]


def _unknown_service(ctx: LiveContext, said: str | None) -> Reply:
    lead = f"„{said}“ bieten wir so nicht an. " if said else ""
    return ask(
        f"{lead}Für welche Leistung möchten Sie einen Termin? Möglich sind: {_service_names(ctx)}.",
        error="unknown_service" if said else "missing_service",
    )


def check_availability(ctx: LiveContext, args: CheckAvailabilityArgs) -> Reply:
    if not args.service:
        return _unknown_service(ctx, None)
    wish = _wish(ctx, args.date, args.time)
    if wish is not None and wish.ask:
        return ask(wish.question or "Welchen Tag meinen Sie genau?", slots=[])
    try:
        found = scheduling_service.check_availability(
            session=ctx.session,
            company_id=ctx.company.id,
            service=args.service,
            wish=wish,
            staff=args.staff,
            call_id=ctx.call.id,
            now=ctx.now,
        )
    except UnknownService:
        return _unknown_service(ctx, args.service)
    if found.question:
        return ask(found.question, slots=[])
    closed = f"{found.closed_note} " if found.closed_note else ""
    if not found.slots:
        return say(
            closed + "In diesem Zeitraum ist leider nichts frei. Fragen Sie nach einem anderen "
            "Zeitraum oder bieten Sie einen Rückruf an.",
            slots=[],
        )
    lead = closed + ("" if found.exact or wish is None else "Zum Wunschtermin ist nichts frei. ")
    return ask(
        lead + _offer_text(found.slots),
        slots=_slot_fields(found.slots),
        exact=found.exact,
        service=found.service_name,
    )


def _start_from_words(ctx: LiveContext, args: BookAppointmentArgs) -> datetime | Reply:
    wish = _wish(ctx, args.date, args.time)
    if (
        wish is None
        or wish.ask
        or wish.time is None
        or wish.date_from is None
        or wish.date_from != wish.date_to
    ):
        question = wish.question if wish is not None and wish.question else None
        return ask(question or "Für welchen Tag und welche Uhrzeit genau soll ich buchen?")
    return local_datetime(wish.date_from, wish.time, ZoneInfo(ctx.company.timezone))


def _for_name(ctx: LiveContext, raw: str | None) -> str | None:
    if not raw:
        return None
    verdict = validate_name(raw, agent_names=ctx.company.agent_names)
    return verdict.name if verdict.ok else None


def _booked_reply(ctx: LiveContext, appointment: Appointment) -> Reply:
    read = AppointmentRead.of(appointment, ctx.company.timezone, ctx.now)
    who = f" für {appointment.booked_for_name}" if appointment.booked_for_name else ""
    if read.pending_confirmation:
        text = (
            f"Ich habe den Termin{who} {read.spoken} bei {read.staff_name} für Sie "
            "eingetragen. Das Praxisteam bestätigt ihn noch kurz."
        )
    else:
        text = f"Ihr Termin{who} ist gebucht: {read.spoken} bei {read.staff_name}."
    return say(
        text,
        booked=True,
        appointment_id=str(read.appointment_id),
        status=read.status,
        spoken=read.spoken,
    )


def _taken(ctx: LiveContext, exc: SlotUnavailable) -> Reply:
    today = _local_now(ctx).date()
    offers = [OfferedSlot.of(slot, today) for slot in exc.alternatives[:3]]
    if not offers:
        return say(
            "Dieser Termin ist leider nicht mehr frei, und in der Nähe ist nichts frei. "
            "Fragen Sie nach einem anderen Zeitraum.",
            booked=False,
            slots=[],
        )
    return ask(
        "Dieser Termin ist leider gerade vergeben worden. " + _offer_text(offers),
        booked=False,
        slots=_slot_fields(offers),
    )


def _unknown_slot(slot_id: str | None, **fields: Any) -> Reply:
    """A slot id the agent made up or garbled: ask it to look up what is free, not a failure."""
    return ask(
        f"Die Termin-Kennung „{slot_id}“ kenne ich nicht. Prüfen Sie mit check_availability "
        "noch einmal, welche Termine frei sind, und buchen Sie dann mit der dort genannten "
        "slot_id.",
        error="unknown_slot",
        **fields,
    )


def book_appointment(ctx: LiveContext, args: BookAppointmentArgs) -> Reply:
    start: datetime | None = None
    if not args.slot_id:
        if not args.service:
            return _unknown_service(ctx, None)
        parsed = _start_from_words(ctx, args)
        if isinstance(parsed, dict):
            return parsed
        start = parsed
    for_name = _for_name(ctx, args.for_name)
    try:
        appointment = booking.book(
            session=ctx.session,
            company_id=ctx.company.id,
            call_id=ctx.call.id,
            customer_id=ctx.call.customer_id,
            slot_id=args.slot_id,
            service=args.service,
            start=start,
            staff=args.staff,
            for_name=for_name,
            now=ctx.now,
        )
    except SlotUnavailable as exc:
        return _taken(ctx, exc)
    except InvalidSlot:
        return _unknown_slot(args.slot_id)
    except UnknownService:
        return _unknown_service(ctx, args.service)
    if for_name:
        ctx.call.booked_for_name = for_name
    return _booked_reply(ctx, appointment)


def _upcoming_rows(ctx: LiveContext) -> list[tuple[Appointment, AppointmentRead]]:
    if ctx.call.customer_id is None:
        return []
    rows = scheduling_service.upcoming_for_customer(
        session=ctx.session,
        company_id=ctx.company.id,
        customer_id=ctx.call.customer_id,
        now=ctx.now,
    )
    return [(row, AppointmentRead.of(row, ctx.company.timezone, ctx.now)) for row in rows]


def _customer_upcoming(ctx: LiveContext) -> list[AppointmentRead]:
    return [read for _, read in _upcoming_rows(ctx)]


def list_appointments(ctx: LiveContext, _args: NoArgs) -> Reply:
    items = _customer_upcoming(ctx)
    if not items:
        return say(
            "Für die anrufende Person ist kein anstehender Termin eingetragen.", appointments=[]
        )
    spoken = "; ".join(f"{a.spoken} ({a.service_name})" for a in items[:3])
    return say(f"Anstehende Termine: {spoken}.", appointments=appointment_fields(items))


# The picked appointment comes with its row: the session's identity map holds rows weakly,
# and the change that follows would otherwise load the row it had just read once more.
Picked = tuple[Appointment, AppointmentRead]


def _pick(ctx: LiveContext, appointment_id: str | None, date_text: str | None) -> Picked | Reply:
    pairs = _upcoming_rows(ctx)
    rows = {read.appointment_id: row for row, read in pairs}
    items = [read for _, read in pairs]
    if appointment_id:
        chosen = [a for a in items if str(a.appointment_id) == appointment_id.strip()]
    elif date_text:
        wish = _wish(ctx, date_text, None)
        if wish is None or wish.ask or wish.date_from is None or wish.date_to is None:
            return ask((wish.question if wish else None) or "An welchem Tag ist der Termin?")
        low, high = wish.date_from, wish.date_to
        chosen = [a for a in items if low <= a.local_start.date() <= high]
    else:
        chosen = items
    if len(chosen) == 1:
        return rows[chosen[0].appointment_id], chosen[0]
    if not chosen:
        return say(
            "Dazu finde ich keinen anstehenden Termin der anrufenden Person.",
            appointments=appointment_fields(items),
        )
    return ask(
        "Welchen dieser Termine meinen Sie? " + "; ".join(a.spoken for a in chosen[:3]),
        appointments=appointment_fields(chosen),
    )


def cancel_appointment(ctx: LiveContext, args: CancelAppointmentArgs) -> Reply:
    found = _pick(ctx, args.appointment_id, args.date)
    if isinstance(found, dict):
        return found
    row, picked = found
    scheduling_service.cancel(
        session=ctx.session,
        company_id=ctx.company.id,
        appointment_id=row.id,
        call_id=ctx.call.id,
        now=ctx.now,
    )
    return say(
        f"Der Termin {picked.spoken} ist abgesagt.",
        cancelled=True,
        appointment_id=str(picked.appointment_id),
    )


def reschedule_appointment(ctx: LiveContext, args: RescheduleAppointmentArgs) -> Reply:
    found = _pick(ctx, args.appointment_id, None)
    if isinstance(found, dict):
        return found
    row, _picked = found
    start: datetime | None = None
    if not args.slot_id:
        parsed = _start_from_words(ctx, BookAppointmentArgs(date=args.date, time=args.time))
        if isinstance(parsed, dict):
            return parsed
        start = parsed
    try:
        moved = booking.reschedule(
            session=ctx.session,
            company_id=ctx.company.id,
            appointment_id=row.id,
            slot_id=args.slot_id,
            start=start,
            call_id=ctx.call.id,
            now=ctx.now,
        )
    except SlotUnavailable as exc:
        return _taken(ctx, exc)
    except InvalidSlot:
        return _unknown_slot(args.slot_id, moved=False)
    except SchedulingError as exc:
        return say(f"Das Verschieben ging nicht ({exc}). Bieten Sie einen Rückruf an.", moved=False)
    local = moved.starts_at.astimezone(ZoneInfo(ctx.company.timezone))
    spoken = spoken_datetime(local, today=_local_now(ctx).date())
    return say(
        f"Der Termin ist verschoben auf {spoken}.",
        moved=True,
        appointment_id=str(moved.id),
        spoken=spoken,
    )
