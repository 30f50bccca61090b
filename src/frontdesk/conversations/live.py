"""The agent's live functions: what each does and what the agent is told to say (German).

Every handler gets a LiveContext (session, company, call, now) and validated arguments and
returns a JSON-ready reply with a short German `say` (or `ask`) text plus structured fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.conversations.inbound import clock_variables
from frontdesk.conversations.live_schemas import NoArgs, RequestCallbackArgs
from frontdesk.followup import service as followup_service
from frontdesk.phones import normalise_phone
from frontdesk.scheduling import lookup
from frontdesk.scheduling.spoken import WEEKDAYS
from frontdesk.tenancy.models import Company

Reply = dict[str, Any]


@dataclass(frozen=True)
class LiveContext:
    session: Session
    company: Company
    call: Call
    now: datetime


Handler = Callable[[LiveContext, Any], Reply]


def say(text: str, **fields: Any) -> Reply:
    return {"say": text, **fields}


def ask(text: str, **fields: Any) -> Reply:
    return {"ask": text, **fields}


def _clock(moment: time) -> str:
    if moment == time.max:
        return "24"
    return f"{moment.hour}" if moment.minute == 0 else f"{moment.hour}:{moment.minute:02d}"


def _spoken_hours(ctx: LiveContext) -> list[str]:
    """'Montag 8 bis 19 Uhr', one per open weekday."""
    hours = lookup.opening_hours(session=ctx.session, company_id=ctx.company.id)
    return [
        f"{WEEKDAYS[day]} {_clock(start)} bis {_clock(end)} Uhr"
        for day, (start, end) in hours.items()
    ]


def get_context(ctx: LiveContext, _args: NoArgs) -> Reply:
    clock = clock_variables(ctx.company, ctx.now)
    services = [
        s.name for s in lookup.services_to_read(session=ctx.session, company_id=ctx.company.id)
    ]
    hours = _spoken_hours(ctx)
    text = f"Heute ist {clock['current_date']}, es ist {clock['current_time']} Uhr."
    if hours:
        text += f" Geöffnet: {'; '.join(hours)}."
    if services:
        text += f" Leistungen: {', '.join(services)}."
    return say(
        text,
        date=clock["current_date_iso"],
        weekday=clock["current_weekday"],
        time=clock["current_time"],
        company=ctx.company.name,
        opening_hours=hours,
        services=services,
    )


def request_callback(ctx: LiveContext, args: RequestCallbackArgs) -> Reply:
    phone = normalise_phone(args.phone, ctx.company.region) if args.phone else None
    phone = phone or ctx.call.from_number_e164
    item = followup_service.open_item(
        session=ctx.session,
        company_id=ctx.company.id,
        reason="callback_request",
        call_id=ctx.call.id,
        customer_id=ctx.call.customer_id,
        priority=followup_service.PRIORITY_HIGH,
        summary=args.reason,
        details={"phone": phone, "reason": args.reason},
    )
    ctx.call.needs_followup = True
    if phone is None:
        return ask(
            "Gern, das Praxisteam ruft zurück. Unter welcher Nummer erreichen wir Sie am besten?",
            callback_id=item.id,
            next_required_field="phone",
        )
    return say(
        "Ich habe den Rückrufwunsch notiert; das Praxisteam meldet sich so bald wie möglich.",
        callback_id=item.id,
    )


def unknown_function_reply(name: str, known_names: list[str]) -> Reply:
    known = ", ".join(sorted(known_names))
    return say(
        f"Die Funktion '{name}' gibt es nicht. Fahren Sie mit dem Gespräch fort und nutzen Sie "
        f"nur: {known}.",
        error="unknown_function",
    )


def bad_arguments_reply(name: str, problems: list[str]) -> Reply:
    return say(
        f"Die Angaben für '{name}' waren unvollständig oder ungültig ({'; '.join(problems)}). "
        "Fragen Sie die anrufende Person kurz nach und versuchen Sie es erneut.",
        error="bad_arguments",
    )


def failure_reply() -> Reply:
    return say(
        "Das hat gerade technisch nicht geklappt. Entschuldigen Sie sich kurz, sagen Sie nichts "
        "zu, was nicht bestätigt ist, und bieten Sie einen Rückruf durch das Praxisteam an.",
        error="internal_error",
    )
