"""The agent's live functions: what each does and what the agent is told to say (German).

Every handler gets a LiveContext (session, company, call, now) and validated arguments and
returns a JSON-ready reply with a short German `say` (or `ask`) text plus structured fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.calls.inbound import clock_variables
from frontdesk.calls.live_schemas import NoArgs, RequestCallbackArgs
from frontdesk.calls.models import Call
from frontdesk.followup import service as followup_service
from frontdesk.identity.phones import normalise_phone
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


def get_context(ctx: LiveContext, _args: NoArgs) -> Reply:
    clock = clock_variables(ctx.company, ctx.now)
    return say(
        f"Heute ist {clock['current_date']}, es ist {clock['current_time']} Uhr.",
        date=clock["current_date_iso"],
        weekday=clock["current_weekday"],
        time=clock["current_time"],
        company=ctx.company.name,
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
