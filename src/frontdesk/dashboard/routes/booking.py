"""Termin buchen for a real patient (picked by the matcher's search, or created through the
validator), and cancelling with a confirm step and an undo; through scheduling's rules.

A refused booking answers 409/422 with the form as it was filled in, the reason in German and
the nearest free slots as buttons that book them. Registered before `appointments`, so the
literal paths here win over `/appointments/{appointment_id}`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import schedule_actions
from frontdesk.dashboard.deps import CurrentViewer, DbSession, StorableText, Viewer
from frontdesk.dashboard.errors import ActionRefused
from frontdesk.dashboard.queries import booking as booking_queries
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.rendering import render
from frontdesk.dashboard.schedule_actions import BookingRequest, FormRefused, NewPatient
from frontdesk.db.core import utcnow
from frontdesk.identity.models import Customer
from frontdesk.scheduling import restore, slots
from frontdesk.scheduling.errors import InvalidSlot
from frontdesk.scheduling.models import Appointment
from frontdesk.tenancy.models import Company

router = APIRouter(prefix="/appointments")
CONFIRM = "ja"


@dataclass
class FormState:
    """The booking form as filled in (what comes back when a booking is refused)."""

    staff_id: int | None = None
    service_id: int | None = None
    day: str = ""
    at: str = ""
    customer: Customer | None = None
    name: str = ""
    birth_date: str = ""
    phone: str = ""
    message: str | None = None
    alternatives: list[slots.Slot] = field(default_factory=list)
    suggestions: list[Customer] = field(default_factory=list)
    nearest_searched: bool = False


def _region(session: DbSession, viewer: Viewer) -> str:
    company = session.get(Company, viewer.company_id)
    return (company.region if company else None) or "DE"


def _page(
    request: Request, session: DbSession, viewer: Viewer, form: FormState, status: int = 200
) -> Response:
    choices = booking_queries.choices(session=session, company_id=viewer.company_id)
    context: dict[str, Any] = {"form": form, "choices": choices}
    return render(request, "booking.html", context, status_code=status)


@router.get("/new")
def booking_page(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    customer_id: int | None = None,
    staff: int | None = None,
    date: str | None = None,
) -> Response:
    """The booking form on its own page (from a patient's page: that patient picked)."""
    customer = (
        booking_queries.patient(
            session=session, company_id=viewer.company_id, customer_id=customer_id
        )
        if customer_id is not None
        else None
    )
    today = datetime.now(viewer.timezone).date().isoformat()
    form = FormState(staff_id=staff, day=date or today, customer=customer)
    return _page(request, session, viewer, form)


@router.get("/patients")
def patient_results(
    request: Request, session: DbSession, viewer: CurrentViewer, q: str = ""
) -> Response:
    """The live search of the form: the matcher's candidates for what was typed."""
    query = q.strip()[: booking_queries.QUERY_MAX]
    hits = booking_queries.find_patients(
        session=session,
        company_id=viewer.company_id,
        query=query,
        region=_region(session, viewer),
    )
    return render(request, "_patient_results.html", {"q": query, "hits": hits})


@router.get("/patients/{customer_id}")
def pick_patient(
    request: Request, session: DbSession, viewer: CurrentViewer, customer_id: int
) -> Response:
    """The picker with this patient chosen (the form then books for them)."""
    customer = booking_queries.patient(
        session=session, company_id=viewer.company_id, customer_id=customer_id
    )
    return render(request, "_patient_picker.html", {"form": FormState(customer=customer)})


@router.get("/picker")
def empty_picker(request: Request, viewer: CurrentViewer) -> Response:
    """The picker with nobody chosen (to choose another patient)."""
    return render(request, "_patient_picker.html", {"form": FormState()})


def _moment(day: str, at: str, viewer: Viewer) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(day), time.fromisoformat(at), viewer.timezone)
    except ValueError as exc:
        raise FormRefused("Datum oder Uhrzeit sind ungültig.", status_code=422) from exc


@router.post("")
def book(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    staff_id: Annotated[int, Form()],
    service_id: Annotated[int, Form()],
    day: Annotated[str, Form(max_length=20)] = "",
    at: Annotated[str, Form(max_length=20)] = "",
    customer_id: Annotated[int | None, Form()] = None,
    name: Annotated[StorableText, Form(max_length=200)] = "",
    birth_date: Annotated[StorableText, Form(max_length=40)] = "",
    phone: Annotated[StorableText, Form(max_length=40)] = "",
    slot: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Book; on success the patient's page shows the appointment. A refusal keeps the form."""
    picked = (
        booking_queries.patient(
            session=session, company_id=viewer.company_id, customer_id=customer_id
        )
        if customer_id is not None
        else None
    )
    form = FormState(staff_id, service_id, day, at, picked, name, birth_date, phone)
    try:
        if slot:
            form = _from_slot(form, slot, viewer)
        assert form.staff_id is not None and form.service_id is not None
        booked = schedule_actions.book_for_patient(
            session=session,
            company_id=viewer.company_id,
            user_id=viewer.user_id,
            request=BookingRequest(
                staff_id=form.staff_id,
                service_id=form.service_id,
                starts_at=_moment(form.day, form.at, viewer),
                customer_id=picked.id if picked else None,
                new_patient=NewPatient(name=name, birth_date=birth_date, phone=phone),
            ),
            agent_names=viewer.agent_names,
        )
    except FormRefused as refused:
        form.message = refused.message
        form.alternatives = refused.alternatives
        form.suggestions = refused.suggestions
        form.nearest_searched = refused.nearest_searched
        return _page(request, session, viewer, form, status=refused.status_code)
    target = f"/app/customers/{booked.customer_id}?gebucht={booked.appointment_id}"
    return RedirectResponse(target, status_code=303)


def _from_slot(form: FormState, slot_id: str, viewer: Viewer) -> FormState:
    """An offered alternative: its staff, service, day and time replace the form's."""
    try:
        staff_id, service_id, start = slots.decode_slot_id(slot_id)
    except InvalidSlot as exc:
        raise FormRefused("Dieser Vorschlag ist ungültig.", status_code=422) from exc
    local = start.astimezone(viewer.timezone)
    form.staff_id, form.service_id = staff_id, service_id
    form.day, form.at = local.date().isoformat(), local.strftime("%H:%M")
    return form


def _confirm_page(
    request: Request, appointment: Appointment, customer: Customer | None
) -> Response:
    return render(request, "appointment_cancel.html", {"a": appointment, "customer": customer})


def _customer_of(session: DbSession, viewer: Viewer, appointment: Appointment) -> Customer | None:
    if appointment.customer_id is None:
        return None
    return get_owned(session, Customer, appointment.customer_id, viewer.company_id)


@router.get("/{appointment_id}/cancel")
def cancel_page(
    request: Request, session: DbSession, viewer: CurrentViewer, appointment_id: int
) -> Response:
    """Asks before cancelling."""
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    return _confirm_page(request, appointment, _customer_of(session, viewer, appointment))


@router.post("/{appointment_id}/cancel")
def cancel(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    appointment_id: int,
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Without the confirmation the question is asked first; then cancelled, with an undo."""
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    if confirm != CONFIRM:
        return _confirm_page(request, appointment, _customer_of(session, viewer, appointment))
    schedule_actions.cancel(
        session=session,
        company_id=viewer.company_id,
        user_id=viewer.user_id,
        appointment_id=appointment.id,
    )
    return RedirectResponse(f"/app/appointments/{appointment.id}/cancelled", status_code=303)


def _cancelled_page(
    request: Request,
    session: DbSession,
    viewer: Viewer,
    appointment: Appointment,
    message: str | None = None,
    status: int = 200,
) -> Response:
    restored = restore.restored_as(
        session=session, company_id=viewer.company_id, appointment_id=appointment.id
    )
    deadline = restore.undo_deadline(appointment)
    open_undo = deadline is not None and deadline > utcnow() and restored is None
    context = {
        "a": appointment,
        "customer": _customer_of(session, viewer, appointment),
        "undo_until": deadline if open_undo else None,
        "restored": restored,
        "message": message,
    }
    return render(request, "appointment_cancelled.html", context, status_code=status)


@router.get("/{appointment_id}/cancelled")
def cancelled_page(
    request: Request, session: DbSession, viewer: CurrentViewer, appointment_id: int
) -> Response:
    """The cancellation done, with "Rückgängig" while the undo window lasts."""
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    return _cancelled_page(request, session, viewer, appointment)


@router.post("/{appointment_id}/restore")
def undo_cancel(
    request: Request, session: DbSession, viewer: CurrentViewer, appointment_id: int
) -> Response:
    """Rückgängig: booked again at the same start if it is still free (scheduling decides)."""
    appointment = get_owned(session, Appointment, appointment_id, viewer.company_id)
    try:
        with session.begin_nested():
            restored_id = schedule_actions.undo_cancel(
                session=session,
                company_id=viewer.company_id,
                user_id=viewer.user_id,
                appointment_id=appointment.id,
            )
    except ActionRefused as refused:
        return _cancelled_page(
            request, session, viewer, appointment, refused.message, status=refused.status_code
        )
    if appointment.customer_id is not None:
        target = f"/app/customers/{appointment.customer_id}?gebucht={restored_id}"
    else:
        target = f"/app/appointments/{restored_id}"
    return RedirectResponse(target, status_code=303)
