"""Booking and cancelling appointments from the dashboard, through the scheduling rules."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import ports
from frontdesk.dashboard.deps import CurrentViewer, DbSession, Viewer
from frontdesk.dashboard.errors import ActionRefused
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.identity.models import Customer
from frontdesk.scheduling.models import Appointment, Service, Staff

router = APIRouter(prefix="/appointments")


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


@router.post("")
def book(
    session: DbSession,
    viewer: CurrentViewer,
    staff_id: Annotated[int, Form()],
    service_id: Annotated[int, Form()],
    day: Annotated[str, Form()],
    at: Annotated[str, Form()],
    name: Annotated[str, Form(max_length=200)] = "",
    customer_id: Annotated[int | None, Form()] = None,
) -> Response:
    get_owned(session, Staff, staff_id, viewer.company_id)
    get_owned(session, Service, service_id, viewer.company_id)
    if customer_id is not None:
        get_owned(session, Customer, customer_id, viewer.company_id)
    starts_at = _moment(day, at, viewer)
    with ports.refusals():
        ports.book(
            session=session,
            company_id=viewer.company_id,
            staff_id=staff_id,
            service_id=service_id,
            starts_at=starts_at,
            customer_id=customer_id,
            name=name.strip() or None,
        )
    return _back("week", starts_at.date(), staff_id)


@router.post("/{appointment_id}/cancel")
def cancel(session: DbSession, viewer: CurrentViewer, appointment_id: int) -> Response:
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    with ports.refusals():
        ports.cancel_appointment(
            session=session, company_id=viewer.company_id, appointment_id=appointment.id
        )
    day = appointment.starts_at.astimezone(viewer.timezone).date()
    return _back("week", day, appointment.staff_id)
