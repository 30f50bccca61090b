"""Abwesenheiten: staff holidays and sick days; a new one lists the appointments to rebook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import schedule_actions
from frontdesk.dashboard.deps import CurrentViewer, DbSession, StorableText, Viewer
from frontdesk.dashboard.errors import ActionRefused
from frontdesk.dashboard.queries import absences
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.rendering import render
from frontdesk.scheduling import absences as scheduling_absences
from frontdesk.scheduling import lookup
from frontdesk.scheduling.models import Staff

router = APIRouter(prefix="/absences")
PAGE = "/app/absences"
FORM_MAX = 1000  # longer than any valid field: the action says what is too long


@dataclass(frozen=True)
class AbsenceForm:
    """What was typed, shown again when the absence was refused."""

    staff_id: str = ""
    first_day: str = ""
    last_day: str = ""
    note: str = ""


def _page(
    request: Request,
    session: DbSession,
    viewer: Viewer,
    *,
    form: AbsenceForm | None = None,
    error: str | None = None,
    added: int | None = None,
    status_code: int = 200,
) -> Response:
    absence = (
        absences.find(session=session, company_id=viewer.company_id, absence_id=added)
        if added is not None
        else None
    )
    affected = (
        absences.affected(
            session=session,
            company_id=viewer.company_id,
            appointments=scheduling_absences.affected_appointments(session, absence),
        )
        if absence is not None
        else []
    )
    rows = absences.absences(session=session, company_id=viewer.company_id)
    return render(
        request,
        "absences.html",
        {
            "rows": rows,
            "staff": list(lookup.staff_of(session=session, company_id=viewer.company_id)),
            "form": form or AbsenceForm(),
            "error": error,
            "added": next((r for r in rows if absence and r.absence.id == absence.id), None),
            "affected": affected,
        },
        status_code=status_code,
    )


@router.get("")
def absences_page(
    request: Request, session: DbSession, viewer: CurrentViewer, added: int | None = None
) -> Response:
    """The absences; `added` names the one just entered, whose appointments to show."""
    return _page(request, session, viewer, added=added)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _id(value: str) -> int | None:
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return number if 0 < number < 2**31 else None


@router.post("")
def add(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    staff_id: Annotated[str, Form(max_length=FORM_MAX)] = "",
    first_day: Annotated[str, Form(max_length=FORM_MAX)] = "",
    last_day: Annotated[str, Form(max_length=FORM_MAX)] = "",
    note: Annotated[StorableText, Form(max_length=FORM_MAX)] = "",
) -> Response:
    """Owners and staff alike; refused input comes back in the filled form with the reason."""
    form = AbsenceForm(staff_id=staff_id, first_day=first_day, last_day=last_day, note=note)
    chosen = _id(staff_id)
    member = get_owned(session, Staff, chosen, viewer.company_id) if chosen else None
    start, end = _day(first_day), _day(last_day)
    try:
        if member is None:
            raise ActionRefused("Bitte wählen Sie einen Mitarbeiter.")
        if start is None or end is None:
            raise ActionRefused("Bitte geben Sie „von“ und „bis“ als gültige Tage an.")
        report = schedule_actions.add_absence(
            session=session,
            company_id=viewer.company_id,
            user_id=viewer.user_id,
            staff_id=member.id,
            first_day=start,
            last_day=end,
            note=note.strip() or None,
        )
    except ActionRefused as refused:
        return _page(request, session, viewer, form=form, error=refused.message, status_code=400)
    return RedirectResponse(f"{PAGE}?added={report.absence.id}", status_code=303)
