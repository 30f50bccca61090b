"""The live function `join_waitlist`: nothing fits the caller's wish, so they wait for a freed
slot and are offered it by SMS."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from frontdesk.conversations.live import LiveContext, Reply, ask, say
from frontdesk.conversations.live_schemas import JoinWaitlistArgs
from frontdesk.identity.models import Customer
from frontdesk.messaging.service import is_mobile
from frontdesk.phones import normalise_phone
from frontdesk.scheduling import lookup
from frontdesk.scheduling.dates import DateWish, parse_wish_parts
from frontdesk.scheduling.errors import UnknownService
from frontdesk.scheduling.ranking import DAYPARTS
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.scheduling.waitlist import service as waitlist

TIME_SLACK = timedelta(hours=1)  # "um 10" on the list: anything from 9 to 11 is offered


def _number(ctx: LiveContext, said: str | None) -> str | None:
    """A mobile number for the SMS: the one said, else caller ID, else the one on file."""
    candidates = [
        normalise_phone(said, ctx.company.region) if said else None,
        ctx.call.from_number_e164 if not ctx.call.caller_id_withheld else None,
    ]
    customer = ctx.session.get(Customer, ctx.call.customer_id) if ctx.call.customer_id else None
    candidates.append(customer.phone_e164 if customer is not None else None)
    return next((n for n in candidates if n and is_mobile(n)), None)


def _days(ctx: LiveContext, wish: DateWish | None, today: date) -> tuple[date, date]:
    horizon = today + timedelta(days=SchedulingSettings.of(ctx.company).horizon_days)
    if wish is None or wish.date_from is None:
        return today, horizon
    return max(wish.date_from, today), min(wish.date_to or wish.date_from, horizon)


def _times(wish: DateWish | None) -> tuple[time | None, time | None]:
    if wish is None:
        return None, None
    lo, hi = getattr(wish, "time_from", None), getattr(wish, "time_to", None)
    if lo is not None or hi is not None:
        return lo, hi
    if wish.time is not None:
        center = datetime.combine(date(2000, 1, 2), wish.time)
        return (center - TIME_SLACK).time(), (center + TIME_SLACK).time()
    part = DAYPARTS.get(wish.daypart or "")
    return part if part is not None else (None, None)


def _which_service(ctx: LiveContext) -> Reply:
    names = ", ".join(
        s.name for s in lookup.services_to_read(session=ctx.session, company_id=ctx.company.id)
    )
    return ask(f"Für welche Leistung soll ich Sie vormerken? Möglich sind: {names}.")


def join_waitlist(ctx: LiveContext, args: JoinWaitlistArgs) -> Reply:
    number = _number(ctx, args.phone)
    if number is None:
        return ask(
            "Gern setze ich Sie auf die Warteliste. Unter welcher Handynummer dürfen wir Ihnen "
            "eine SMS schicken, sobald ein Termin frei wird?",
            next_required_field="phone",
        )
    today = ctx.now.astimezone(ZoneInfo(ctx.company.timezone)).date()
    wish = (
        parse_wish_parts(args.date, args.time, ctx.now.astimezone(ZoneInfo(ctx.company.timezone)))
        if args.date or args.time
        else None
    )
    if wish is not None and wish.ask:
        return ask(wish.question or "Für welchen Zeitraum soll ich Sie vormerken?")
    first, last = _days(ctx, wish, today)
    time_from, time_to = _times(wish)
    if not args.service:
        return _which_service(ctx)
    try:
        entry = waitlist.join(
            session=ctx.session,
            company_id=ctx.company.id,
            service=args.service,
            first_day=first,
            last_day=max(first, last),
            number=number,
            time_from=time_from,
            time_to=time_to,
            staff=args.staff,
            customer_id=ctx.call.customer_id,
            call_id=ctx.call.id,
        )
    except UnknownService:
        return _which_service(ctx)
    return say(
        "Ich habe Sie auf die Warteliste gesetzt. Sobald ein passender Termin frei wird, "
        f"schicken wir Ihnen eine SMS; Sie haben dann {waitlist.OFFER_MINUTES} Minuten Zeit, "
        "mit JA zu antworten.",
        waitlist_id=entry.id,
    )
