"""Termine: day and week view per staff member; move via scheduling (booking is in booking.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import ports
from frontdesk.dashboard.deps import CurrentViewer, DbSession, Viewer
from frontdesk.dashboard.errors import ActionRefused
from frontdesk.dashboard.queries import calendar
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.rendering import render
from frontdesk.identity.models import Customer
from frontdesk.scheduling.models import Appointment

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


@router.get("")
def calendar_page(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    view: str = "week",
    date: str | None = None,
    staff: int | None = None,
) -> Response:
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
    )
    step = timedelta(days=7 if week else 1)
    return render(
        request,
        "appointments.html",
        {
            "cal": cal,
            "view": "week" if week else "day",
            "day": day,
            "prev": (start - step).isoformat(),
            "next": (start + step).isoformat(),
            "today": datetime.now(viewer.timezone).date().isoformat(),
        },
    )


@router.get("/{appointment_id}")
def appointment_page(
    request: Request, session: DbSession, viewer: CurrentViewer, appointment_id: int
) -> Response:
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    customer = (
        get_owned(session, Customer, appointment.customer_id, viewer.company_id)
        if appointment.customer_id
        else None
    )
    return render(request, "appointment.html", {"a": appointment, "customer": customer})


@router.post("/{appointment_id}/move")
def move(
    session: DbSession,
    viewer: CurrentViewer,
    appointment_id: int,
    day: Annotated[str, Form()],
    at: Annotated[str, Form()],
) -> Response:
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    starts_at = _moment(day, at, viewer)
    with ports.refusals():
        ports.move(
            session=session,
            company_id=viewer.company_id,
            appointment_id=appointment.id,
            starts_at=starts_at,
        )
    return _back("week", starts_at.date(), appointment.staff_id)
