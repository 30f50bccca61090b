"""Warteliste: who waits for which slot, the offers sent, and taking someone off the list."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import schedule_actions
from frontdesk.dashboard.deps import CurrentViewer, DbSession
from frontdesk.dashboard.queries import waitlist
from frontdesk.dashboard.rendering import render

router = APIRouter(prefix="/waitlist")
PAGE = "/app/waitlist"


@router.get("")
def waitlist_page(request: Request, session: DbSession, viewer: CurrentViewer) -> Response:
    rows = waitlist.waitlist(session=session, company_id=viewer.company_id)
    return render(request, "waitlist.html", {"rows": rows})


@router.post("/{entry_id}/remove")
def remove(session: DbSession, viewer: CurrentViewer, entry_id: int) -> Response:
    schedule_actions.remove_from_waitlist(
        session=session, company_id=viewer.company_id, user_id=viewer.user_id, entry_id=entry_id
    )
    return RedirectResponse(PAGE, status_code=303)
