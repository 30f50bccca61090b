"""Live functions about the caller: who is it, and saving what they say while they say it."""

from __future__ import annotations

from frontdesk.conversations.live import LiveContext, Reply, ask, say
from frontdesk.conversations.live_schemas import NoArgs, SaveCallerDataArgs
from frontdesk.identity import collection
from frontdesk.identity import service as identity_service
from frontdesk.identity.collection import CollectResult
from frontdesk.identity.models import Customer
from frontdesk.scheduling import service as scheduling_service
from frontdesk.scheduling.schemas import AppointmentRead

# How the agent asks for the field identity needs next (None: nothing more is needed).
ASK_FOR = {
    "name": "Darf ich noch Ihren Vor- und Nachnamen haben?",
    "first_name": "Fragen Sie nach dem Vornamen: „Und wie ist Ihr Vorname?“ Übergeben Sie "
    "danach Vor- und Nachnamen zusammen an save_caller_data.",
    "birth_date": "Darf ich noch Ihr Geburtsdatum haben, damit ich Sie sicher zuordne?",
    "phone": "Unter welcher Nummer können wir Sie erreichen, zum Beispiel für die SMS-Bestätigung?",
    "email": "Möchten Sie mir noch Ihre E-Mail-Adresse nennen?",
}
MAX_NAME_ATTEMPTS = 2
REFUSED = {
    "birth_date": "Das Geburtsdatum habe ich nicht eindeutig verstanden. Können Sie es bitte "
    "noch einmal mit Tag, Monat und Jahr sagen?",
    "email": "Die E-Mail-Adresse habe ich nicht richtig verstanden. Können Sie sie bitte "
    "langsam wiederholen, gern buchstabiert?",
    "phone": "Die Rückrufnummer habe ich nicht richtig verstanden. Können Sie sie bitte "
    "Ziffer für Ziffer wiederholen?",
}


def _upcoming(ctx: LiveContext, customer_id: int) -> list[AppointmentRead]:
    rows = scheduling_service.upcoming_for_customer(
        session=ctx.session, company_id=ctx.company.id, customer_id=customer_id, now=ctx.now
    )
    return [AppointmentRead.of(row, ctx.company.timezone, ctx.now) for row in rows]


def appointment_fields(items: list[AppointmentRead]) -> list[dict[str, object]]:
    return [
        {
            "appointment_id": str(a.appointment_id),
            "spoken": a.spoken,
            "service": a.service_name,
            "staff": a.staff_name,
            "pending_confirmation": a.pending_confirmation,
        }
        for a in items
    ]


def identify_caller(ctx: LiveContext, _args: NoArgs) -> Reply:
    customer = ctx.session.get(Customer, ctx.call.customer_id) if ctx.call.customer_id else None
    known = (
        customer is not None and customer.status == "active" and ctx.call.link_status == "linked"
    )
    if not known or customer is None:
        return ask(
            "Die anrufende Person ist noch nicht bekannt. Fragen Sie freundlich: "
            "„Mit wem spreche ich?“",
            known=False,
            next_required_field="name",
        )
    address = identity_service.address_name(customer)
    upcoming = _upcoming(ctx, customer.id)
    text = f"Die anrufende Person ist bekannt: {address}. Begrüßen Sie sie mit Namen."
    if upcoming:
        text += f" Nächster Termin: {upcoming[0].spoken}."
    return say(text, known=True, customer_name=address, appointments=appointment_fields(upcoming))


def _name_refused(ctx: LiveContext, said: str, result: CollectResult) -> Reply:
    if ctx.call.name_attempts >= MAX_NAME_ATTEMPTS:
        ctx.call.needs_followup = True
        return say(
            "Der Name ließ sich nicht sicher verstehen. Fragen Sie nicht weiter danach, "
            "machen Sie mit dem Anliegen weiter; das Praxisteam klärt den Namen später.",
            saved=False,
            field="name",
            reason=result.reason,
            next_required_field=None,
            continue_without_name=True,
        )
    return ask(
        f"Entschuldigung, ich habe „{said}“ verstanden – das klingt nicht nach einem "
        "Namen. Wie ist Ihr Name? Gern auch buchstabiert.",
        saved=False,
        field="name",
        reason=result.reason,
        next_required_field="name",
    )


def save_caller_data(ctx: LiveContext, args: SaveCallerDataArgs) -> Reply:
    """Save each datum at once; identity matches after every one."""
    session, company_id, call_id = ctx.session, ctx.company.id, ctx.call.id
    results: list[tuple[str, str, CollectResult]] = []
    if args.name:
        results.append(
            (
                "name",
                args.name,
                collection.save_name(
                    session=session, company_id=company_id, call_id=call_id, name=args.name
                ),
            )
        )
    if args.birth_date:
        results.append(
            (
                "birth_date",
                args.birth_date,
                collection.save_birth_date(
                    session=session,
                    company_id=company_id,
                    call_id=call_id,
                    birth_date=args.birth_date,
                    today=ctx.now.date(),
                ),
            )
        )
    if args.email:
        results.append(
            (
                "email",
                args.email,
                collection.save_email(
                    session=session, company_id=company_id, call_id=call_id, email=args.email
                ),
            )
        )
    if args.phone:
        results.append(
            (
                "phone",
                args.phone,
                collection.save_phone(
                    session=session, company_id=company_id, call_id=call_id, phone=args.phone
                ),
            )
        )
    if not results:
        return ask(
            "Es wurde nichts zum Speichern übergeben. Fragen Sie nach dem Namen und rufen "
            "Sie save_caller_data mit dem Gesagten auf.",
            next_required_field="name",
        )
    for field, said, result in results:
        if not result.ok and field == "name":
            return _name_refused(ctx, said, result)
        if not result.ok:
            return ask(
                REFUSED[field],
                saved=False,
                field=field,
                reason=result.reason,
                next_required_field=field,
            )
    last = results[-1][2]
    fields = {
        "saved": True,
        "next_required_field": last.next_required_field,
        "completeness": round(last.completeness, 2),
        "customer_name": last.address_as,
        "known_customer": last.link_status == "linked",
    }
    if last.next_required_field is None:
        return say("Danke, ich habe alles notiert. Wie kann ich Ihnen helfen?", **fields)
    thanks = f"Danke, {last.address_as}. " if last.address_as else "Danke. "
    return ask(thanks + ASK_FOR[last.next_required_field], **fields)
