"""The calendar's drag on an entry's lower edge: a new end on the appointment's own day.

Scheduling's `resize` decides (snapping, length, hours, overlaps); this module reads the wall
time the script sends and says a refusal in German, through the booking form's sentences where
they fit (past, closed, absent) and in words about the end where they do not."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from starlette.requests import Request

from frontdesk.dashboard import ports
from frontdesk.dashboard.errors import ActionRefused, InvalidInput
from frontdesk.dashboard.formats import day_label
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.schedule_actions import refusal_sentence
from frontdesk.scheduling import resize as scheduling_resize
from frontdesk.scheduling.models import Appointment
from frontdesk.scheduling.refusals import Reason
from frontdesk.scheduling.resize import ResizeRefused

NOT_ACTIVE = "Nicht geändert: Der Termin ist abgesagt oder wurde verschoben."


async def ends_at_local_field(request: Request) -> str:
    """The new end from a form post or a JSON body (`{"ends_at_local": "HH:MM"}`)."""
    value: object
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            body = None
        value = body.get("ends_at_local") if isinstance(body, dict) else None
    else:
        value = (await request.form()).get("ends_at_local")
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("Bitte geben Sie das neue Ende an (HH:MM).")
    return value


def local_end(appointment: Appointment, ends_at_local: str, zone: ZoneInfo) -> datetime:
    """ "HH:MM" on the appointment's day, in the company's time zone."""
    try:
        wall = time.fromisoformat(ends_at_local.strip())
    except ValueError as exc:
        raise InvalidInput("Die Uhrzeit für das Ende ist ungültig (HH:MM).") from exc
    return datetime.combine(appointment.starts_at.astimezone(zone).date(), wall, zone)


def _hours(refused: ResizeRefused) -> str:
    hours = refused.refusal.hours if refused.refusal else ()
    return ", ".join(f"{lo:%H:%M}–{hi:%H:%M}" for lo, hi in hours)


def refusal_text(refused: ResizeRefused, appointment: Appointment, end: datetime) -> str:
    """Why the appointment cannot end at `end` (local), as a receptionist would say it."""
    member, service = appointment.staff, appointment.service
    until = f"bis {end:%H:%M}"
    if refused.reason == scheduling_resize.TOO_SHORT:
        return "Ein Termin dauert mindestens 5 Minuten."
    if refused.reason == scheduling_resize.TOO_LONG:
        return "Ein Termin dauert höchstens 8 Stunden."
    if refused.reason == Reason.TAKEN:
        return f"{until} überschneidet sich mit einem anderen Termin von {member.name}."
    if refused.reason == Reason.OUTSIDE_HOURS:
        hours = _hours(refused)
        if not hours:
            return f"{member.name} arbeitet am {day_label(end.date())} nicht."
        return (
            f"{until} liegt außerhalb der Arbeitszeit von {member.name} "
            f"(am {day_label(end.date())}: {hours})."
        )
    if refused.refusal is not None:  # past, closed, absent: the booking form's sentences
        return refusal_sentence(refused.refusal, service, member, end)
    return f"{until} ist nicht möglich."


def resize(
    *,
    session: Session,
    company_id: int,
    zone: ZoneInfo,
    actor: str,
    appointment_id: int,
    ends_at_local: str,
) -> datetime:
    """Resize through scheduling; a refusal becomes ActionRefused (409) with the German why.
    Returns the new end as asked (local)."""
    appointment = get_owned(session, Appointment, appointment_id, company_id)
    if not appointment.active:
        raise ActionRefused(NOT_ACTIVE)
    end = local_end(appointment, ends_at_local, zone)
    with ports.refusals():
        try:
            ports.resize(
                session=session,
                company_id=company_id,
                appointment_id=appointment.id,
                ends_at=end,
                actor=actor,
            )
        except ResizeRefused as exc:
            text = refusal_text(exc, appointment, end)
            raise ActionRefused(f"Nicht geändert: {text}") from exc
    return end
