"""Termine: day and week view with a column per staff member, an entry's side panel, and moving
through scheduling (booking and cancelling are in booking.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import calendar_resize, ports
from frontdesk.dashboard.deps import CurrentViewer, DbSession, Viewer
from frontdesk.dashboard.errors import ActionRefused, NotFound
from frontdesk.dashboard.queries import calendar
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.rendering import is_fragment_request, render
from frontdesk.dashboard.schedule_actions import refusal_sentence
from frontdesk.db.core import utcnow
from frontdesk.identity.models import Customer
from frontdesk.scheduling import refusals
from frontdesk.scheduling.errors import SlotUnavailable
from frontdesk.scheduling.models import Appointment, Staff
from frontdesk.tenancy.models import Company

router = APIRouter(prefix="/appointments")


def _day(value: str | None, viewer: Viewer) -> date:
    try:
        return date.fromisoformat(value) if value else datetime.now(viewer.timezone).date()
    except ValueError:
        return datetime.now(viewer.timezone).date()


def _moment(day: str, at: str, viewer: Viewer) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(day), time.fromisoformat(at), viewer.timezone)
    except ValueError as exc:
        raise ActionRefused("Datum oder Uhrzeit sind ungültig.") from exc


def _back(view: str, day: date, staff_id: int | None) -> Response:
    query = {"view": view, "date": day.isoformat()}
    if staff_id:
        query["staff"] = str(staff_id)
    return RedirectResponse("/app/appointments?" + urlencode(query), status_code=303)


def _why_not_movable(
    session: Session,
    viewer: Viewer,
    appointment: Appointment,
    staff_id: int | None,
    starts_at: datetime,
) -> str:
    """The first of scheduling's rules the new start breaks (taken, outside the hours, closed,
    in the past...), in the words the booking form uses."""
    company = session.get(Company, viewer.company_id)
    member = get_owned(session, Staff, staff_id or appointment.staff_id, viewer.company_id)
    if company is None:
        raise NotFound()
    start = starts_at.astimezone(UTC).replace(second=0, microsecond=0)
    refusal = refusals.why_not_bookable(
        session=session,
        company=company,
        service=appointment.service,
        member=member,
        start=start,
        now=utcnow(),
    )
    return refusal_sentence(refusal, appointment.service, member, starts_at)


@router.get("")
def calendar_page(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    view: str = "week",
    date: str | None = None,
    staff: int | None = None,
) -> Response:
    """The week (or day) with a column per staff member; an htmx request gets only the grid
    (the calendar script reloads it after a drag)."""
    day = _day(date, viewer)
    week = view != "day"
    start = calendar.week_start(day) if week else day
    cal = calendar.calendar(
        session=session,
        company_id=viewer.company_id,
        tz=viewer.timezone,
        start=start,
        days=7 if week else 1,
        staff_id=staff,
        hide_idle_days=week,
        now=utcnow(),
    )
    step = timedelta(days=7 if week else 1)
    context = {
        "cal": cal,
        "view": "week" if week else "day",
        "day": day,
        "prev": (start - step).isoformat(),
        "next": (start + step).isoformat(),
        "last": start + step - timedelta(days=1),
        "today": datetime.now(viewer.timezone).date(),
    }
    if is_fragment_request(request):
        return render(request, "_calendar.html", context)
    return render(request, "appointments.html", context)


def _appointment_context(
    session: DbSession, viewer: Viewer, appointment_id: int
) -> dict[str, object]:
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    customer = (
        get_owned(session, Customer, appointment.customer_id, viewer.company_id)
        if appointment.customer_id
        else None
    )
    return {"a": appointment, "customer": customer}


@router.get("/{appointment_id}")
def appointment_page(
    request: Request, session: DbSession, viewer: CurrentViewer, appointment_id: int
) -> Response:
    context = _appointment_context(session, viewer, appointment_id)
    return render(request, "appointment.html", context)


@router.get("/{appointment_id}/panel")
def appointment_panel(
    request: Request, session: DbSession, viewer: CurrentViewer, appointment_id: int
) -> Response:
    """The calendar's side panel: everything about one entry, whatever its size."""
    context = _appointment_context(session, viewer, appointment_id)
    return render(request, "_calendar_panel.html", context)


@router.post("/{appointment_id}/move")
def move(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    appointment_id: int,
    day: Annotated[str, Form()],
    at: Annotated[str, Form()],
    staff_id: Annotated[int | None, Form()] = None,
) -> Response:
    """Move through scheduling's rules (a taken slot, one outside the hours, on a closed day or
    in the past is refused in German). The calendar's drag gets 204 and reloads its grid."""
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    if staff_id is not None:
        get_owned(session, Staff, staff_id, viewer.company_id)
    starts_at = _moment(day, at, viewer)
    with ports.refusals():
        try:
            ports.move(
                session=session,
                company_id=viewer.company_id,
                appointment_id=appointment.id,
                starts_at=starts_at,
                staff_id=staff_id,
            )
        except SlotUnavailable as exc:
            why = _why_not_movable(session, viewer, appointment, staff_id, starts_at)
            raise ActionRefused(f"Nicht verschoben: {why}") from exc
    if is_fragment_request(request):
        return Response(status_code=204)
    return _back("week", starts_at.date(), appointment.staff_id)


@router.post("/{appointment_id}/resize")
def resize(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    appointment_id: int,
    ends_at_local: Annotated[str, Depends(calendar_resize.ends_at_local_field)],
) -> Response:
    """A new end ("HH:MM" on the appointment's day) through scheduling's rules, the start kept;
    the calendar's drag on the lower edge gets 204, a refusal 409 with the German why."""
    end = calendar_resize.resize(
        session=session,
        company_id=viewer.company_id,
        zone=viewer.timezone,
        actor=f"user:{viewer.user_id}",
        appointment_id=appointment_id,
        ends_at_local=ends_at_local,
    )
    if is_fragment_request(request):
        return Response(status_code=204)
    return _back("day", end.date(), None)
